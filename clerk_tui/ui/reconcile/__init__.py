"""Reconciliation feature (当日对帐, supervisor): the screen, its tables and input dialog."""
