"""Validation services (信息核实): ticket checks over the database, contacts, fixes, parts, value-add."""
