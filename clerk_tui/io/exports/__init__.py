"""Exports: the day's report to the center (.xlsx, .csv, .json), every text cell inert."""
