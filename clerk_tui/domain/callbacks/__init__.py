"""Callback rules (回访): which callbacks are due when, and the daily verification sample."""
