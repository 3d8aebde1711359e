"""Imports of FORMATS.md: read a CSV/XLSX file, check each row, write it in one transaction."""
