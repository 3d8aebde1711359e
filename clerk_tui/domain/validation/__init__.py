"""Ticket-information rules (信息核实 [H 一.1–2]): phone, address, fields, duplicates, warranty."""
