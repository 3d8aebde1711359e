"""The day lock: a signed-off business day refuses edits until a supervisor reopens it."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from clerk_tui.db.models import BusinessDay
from clerk_tui.domain.states import OPEN_STATES
from clerk_tui.i18n import t

LOCKED_STATES = frozenset({"signed_off", "reported"})


class DayLocked(Exception):
    """An edit touches a signed-off day; the message says which day and what to do."""

    def __init__(self, day: date) -> None:
        super().__init__(t("lock.refused", day=day.isoformat()))
        self.day = day


def day_state(session: Session, *, outlet_id: int | None, day: date) -> str:
    """'open' when no BusinessDay row exists yet."""
    row = session.exec(
        select(BusinessDay).where(BusinessDay.outlet_id == outlet_id, BusinessDay.day == day)
    ).first()
    return row.state if row else "open"


def ensure_day_open(session: Session, *, outlet_id: int | None, day: date | None) -> None:
    """Raise DayLocked when `day` of `outlet_id` is signed off (call inside the write transaction)."""
    if day is None or outlet_id is None:
        return
    if day_state(session, outlet_id=outlet_id, day=day) in LOCKED_STATES:
        raise DayLocked(day)


def ensure_ticket_workable(session: Session, ticket) -> None:
    """Raise DayLocked when `ticket` belongs to a signed-off day and its work there is done.

    A ticket still open (waiting for information, a part, a visit) stays workable whatever day
    it came in: the calls and corrections made on it are today's work, not the locked day's.
    A finished or closed ticket belongs to its day and follows that day's lock.
    """
    if ticket.status in OPEN_STATES:
        return
    ensure_day_open(session, outlet_id=ticket.outlet_id, day=ticket.business_date)
