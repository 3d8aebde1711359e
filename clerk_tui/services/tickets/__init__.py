"""Ticket services (工单): list, search and the detail timeline.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.tickets.search import (
    Page,
    TicketDetail,
    TicketFilter,
    TicketRow,
    TimelineEntry,
    find_by_ticket_no,
    list_tickets,
    quick_search,
    ticket_detail,
)

__all__ = [
    "Page",
    "TicketDetail",
    "TicketFilter",
    "TicketRow",
    "TimelineEntry",
    "find_by_ticket_no",
    "list_tickets",
    "quick_search",
    "ticket_detail",
]
