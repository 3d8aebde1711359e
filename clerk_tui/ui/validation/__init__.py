"""Validation feature (信息核实): the queue screen, its tables, forms and dialogs."""
