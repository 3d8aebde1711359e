"""Callbacks feature (回访): the queue screen, its table and the answer dialog."""
