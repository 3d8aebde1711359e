"""The Today dashboard's counts (今日概览) and the demo accounts shown at login.

Every count is one indexed query, so the dashboard stays quick on millions of
tickets: ticket(status, id) for open states, ticket(business_date, outlet_id) for
the day's tickets, appointment(start), callback(done_at, due_at),
supervisioncard(business_date). Counts cover every outlet in the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import case
from sqlmodel import Session, col, func, select

from clerk_tui.db.models import Appointment, Callback, Flag, Setting, SupervisionCard, Ticket
from clerk_tui.domain.reconcile.timing import OVERDUE_AFTER_MINUTES
from clerk_tui.domain.states import OPEN_STATES
from clerk_tui.services.database import Database

VISITED_STATES = ("in_service", "pulled_back", "completed", "closed")
"""A ticket in one of these states has had its visit: a supervision card is expected."""

INACTIVE_APPOINTMENTS = ("cancelled", "moved")


@dataclass(frozen=True)
class DashboardCounts:
    """What the Today screen shows; every number is a plain int."""

    today: date
    open_by_state: dict[str, int] = field(default_factory=dict)
    """Open tickets (all business dates) per open state; every open state present."""
    today_by_state: dict[str, int] = field(default_factory=dict)
    """Tickets whose business_date is today, per state (only states that occur)."""
    appointments_today: int = 0
    cards_expected: int = 0
    cards_returned: int = 0
    callbacks_due: int = 0
    """Callbacks not done and due before the end of today (overdue ones included)."""
    callbacks_overdue: int = 0
    """Callbacks not done whose due time has passed."""
    open_flags: int = 0
    conflicts_today: int = 0
    """Scheduling conflicts among today's open appointments (clerk_tui.domain.schedule.rules)."""
    parts_to_requisition: int = 0
    """Open tickets whose needed part is not in stock and not yet requisitioned."""
    info_problems: int = 0
    """Open tickets with information problems: exactly the validation queue's tickets."""

    @property
    def open_total(self) -> int:
        return sum(self.open_by_state.values())

    @property
    def today_total(self) -> int:
        return sum(self.today_by_state.values())

    @property
    def needs_info(self) -> int:
        """Open tickets in the state needs_info (the state table's row)."""
        return self.open_by_state.get("needs_info", 0)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min)
    return start, start + timedelta(days=1)


def _live_appointment(day: date):
    """An appointment starting on `day` that was neither cancelled nor moved."""
    start, end = _day_bounds(day)
    return (
        (col(Appointment.start) >= start)
        & (col(Appointment.start) < end)
        & col(Appointment.status).not_in(INACTIVE_APPOINTMENTS)
    )


def card_counts(s: Session, day: date) -> tuple[int, int]:
    """(expected, returned) supervision cards of `day`: the dashboard's and card entry's count.

    Expected: the distinct tickets with a live appointment on `day` that is done or whose ticket
    is in a visited state. Returned: how many of those tickets have at least one card of `day`
    (matched by ticket number, as the reconciliation matches cards), so returned <= expected.
    Duplicate cards and cards for tickets not expected are the reconciliation's to flag, not
    counted here. One query: the visits through appointment(start), the day's cards through
    supervisioncard(business_date).
    """
    # Not correlated: the day's card numbers are read once through supervisioncard(business_date)
    # and probed per ticket (SQLite's IN-table, PostgreSQL's hashed subplan), not one lookup each.
    has_card = col(Ticket.ticket_no).in_(
        select(SupervisionCard.ticket_no).where(SupervisionCard.business_date == day)
    )
    expected, returned = s.exec(
        select(
            func.count(func.distinct(Appointment.ticket_id)),
            func.count(func.distinct(case((has_card, Appointment.ticket_id)))),
        )
        .select_from(Appointment)
        .join(Ticket, col(Ticket.id) == col(Appointment.ticket_id))
        .where(_live_appointment(day))
        .where((col(Appointment.status) == "done") | col(Ticket.status).in_(VISITED_STATES))
    ).one()
    return int(expected or 0), int(returned or 0)


def today_counts(db: Database, *, today: date, now: datetime) -> DashboardCounts:
    """Count the day's work for the dashboard (one read session, indexed queries only)."""
    end = _day_bounds(today)[1]
    with db.read() as s:
        open_rows = s.exec(
            select(Ticket.status, func.count())
            .where(col(Ticket.status).in_(sorted(OPEN_STATES)))
            .group_by(Ticket.status)
        ).all()
        open_by_state = dict.fromkeys(sorted(OPEN_STATES), 0)
        open_by_state.update({status: int(n) for status, n in open_rows})

        day_rows = s.exec(
            select(Ticket.status, func.count())
            .where(Ticket.business_date == today)
            .group_by(Ticket.status)
        ).all()
        today_by_state = {status: int(n) for status, n in day_rows}

        appointments_today = s.exec(
            select(func.count()).select_from(Appointment).where(_live_appointment(today))
        ).one()
        cards_expected, cards_returned = card_counts(s, today)

        not_done = col(Callback.done_at).is_(None)
        callbacks_due = s.exec(
            select(func.count()).select_from(Callback).where(not_done, col(Callback.due_at) < end)
        ).one()
        # overdue as the queue and the reconciliation count it: a whole minute past its time
        late_from = now - timedelta(minutes=OVERDUE_AFTER_MINUTES)
        callbacks_overdue = s.exec(
            select(func.count())
            .select_from(Callback)
            .where(not_done, col(Callback.due_at) <= late_from)
        ).one()
        open_flags = s.exec(
            select(func.count()).select_from(Flag).where(Flag.status == "open")
        ).one()
    from clerk_tui.services.schedule.day import load_day
    from clerk_tui.services.validation.check import check_tickets, count_parts_to_requisition

    conflicts_today = len(load_day(db, today).findings)
    parts = count_parts_to_requisition(db)
    # the same check as the validation queue, so the tile and the queue always agree
    info_problems = sum(1 for c in check_tickets(db, today=today) if c.findings)
    return DashboardCounts(
        today=today,
        conflicts_today=conflicts_today,
        parts_to_requisition=int(parts or 0),
        info_problems=info_problems,
        open_by_state=open_by_state,
        today_by_state=today_by_state,
        appointments_today=int(appointments_today or 0),
        cards_expected=int(cards_expected or 0),
        cards_returned=int(cards_returned or 0),
        callbacks_due=int(callbacks_due or 0),
        callbacks_overdue=int(callbacks_overdue or 0),
        open_flags=int(open_flags or 0),
    )


@dataclass(frozen=True)
class DemoAccount:
    """A demo login the login screen lists (stored by the demo builder as Setting 'demo_users')."""

    username: str
    password: str
    role: str
    display_name: str


def demo_accounts(db: Database) -> list[DemoAccount]:
    """The demo accounts, or [] when this is not a demo database (or the setting is unreadable)."""
    with db.read() as s:
        row = s.get(Setting, "demo_users")
    if row is None or not row.value.strip():
        return []
    try:
        items = json.loads(row.value)
    except ValueError:
        return []
    accounts = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("username"):
            accounts.append(
                DemoAccount(
                    username=str(item["username"]),
                    password=str(item.get("password", "")),
                    role=str(item.get("role", "clerk")),
                    display_name=str(item.get("display_name") or item["username"]),
                )
            )
    return accounts
