"""Ticket services (工单): list, search and the detail timeline."""
