"""Plain rows the schedule hands to the screen: engineers, appointments, waiting tickets, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from clerk_tui.domain.findings import Finding
from clerk_tui.domain.schedule.dayplan import DayPlan
from clerk_tui.domain.schedule.lateness import LatenessResponse

OPEN = "planned"  # the only appointment state a clerk can still move


@dataclass(frozen=True)
class EngineerRow:
    """An engineer as the grid shows him."""

    id: int
    code: str
    name: str
    active: bool
    on_leave: bool
    work_start: time
    work_end: time
    capacity: int


@dataclass(frozen=True)
class ApptRow:
    """One appointment of the day with what the grid and the detail pane need."""

    id: int
    version: int
    ticket_id: int
    ticket_no: str
    engineer_code: str  # "" = no engineer
    start: datetime
    end: datetime
    status: str
    late_minutes: int | None
    outcome: str
    district: str
    category: str
    customer_name: str
    ticket_status: str
    consent: str  # latest of consent / consent_refused / rescheduled on the ticket, or ""


@dataclass(frozen=True)
class WaitingTicket:
    """A ticket ready for a visit with no appointment yet (待派工)."""

    id: int
    ticket_no: str
    customer_name: str
    district: str
    category: str
    service_type: str
    requested_start: datetime | None
    requested_end: datetime | None


@dataclass(frozen=True)
class Reminder:
    """Phone the customer before `due`: the engineer will be `late_minutes` late [H 三.3(1)]."""

    appointment_id: int
    ticket_no: str
    engineer_code: str
    start: datetime
    due: datetime
    late_minutes: int
    response: LatenessResponse  # lateness_response: apology / apology_and_gift


@dataclass(frozen=True)
class DayView:
    """Everything the schedule screen shows for one day."""

    day: date
    plan: DayPlan
    engineers: tuple[EngineerRow, ...]
    appointments: tuple[ApptRow, ...]
    findings: tuple[Finding, ...]
    waiting: tuple[WaitingTicket, ...]
    reminders: tuple[Reminder, ...]

    def appointment(self, ticket_no: str) -> ApptRow | None:
        """The open (else the last) appointment of a ticket on this day."""
        found = [a for a in self.appointments if a.ticket_no == ticket_no]
        open_ = [a for a in found if a.status == OPEN]
        picked = open_ or found
        return picked[-1] if picked else None
