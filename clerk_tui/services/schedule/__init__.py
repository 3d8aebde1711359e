"""Schedule services (排班): one day's plan, conflicts with alternatives, moves with consent, visits.

The feature's face: the UI and the CLI import from here, never from a submodule.
"""

from clerk_tui.services.schedule.actions import (
    ScheduleError,
    assign,
    check_not_past,
    check_times,
    move,
    unassign,
)
from clerk_tui.services.schedule.conflicts import alternatives, conflicts_report, history_reason
from clerk_tui.services.schedule.consent import HOW_REACHED, CustomerAnswer, record_answer
from clerk_tui.services.schedule.day import load_day
from clerk_tui.services.schedule.rows import (
    OPEN,
    ApptRow,
    DayView,
    EngineerRow,
    Reminder,
    WaitingTicket,
)
from clerk_tui.services.schedule.visits import record_call_ahead, record_failed_visit, record_late

__all__ = [
    "HOW_REACHED",
    "OPEN",
    "ApptRow",
    "CustomerAnswer",
    "DayView",
    "EngineerRow",
    "Reminder",
    "ScheduleError",
    "WaitingTicket",
    "alternatives",
    "assign",
    "check_not_past",
    "check_times",
    "conflicts_report",
    "history_reason",
    "load_day",
    "move",
    "record_answer",
    "record_call_ahead",
    "record_failed_visit",
    "record_late",
    "unassign",
]
