"""Screens, one per file with its .tcss beside it."""
