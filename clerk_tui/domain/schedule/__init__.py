"""Scheduling rules (排班): the day's plan, conflicts, alternatives, lateness and failed visits."""
