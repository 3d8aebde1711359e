"""Tickets feature (工单查询): the list screen, the detail screen, their table and filters."""
