"""The supervisor's decisions: confirm or dismiss a flag, sign the day off, reopen it with a reason.

Sign-off closes the day's finished tickets and reopening puts them back (services.signoff_close).

Every decision is one write transaction with its audit entry. A confirmed forgery records a
violation against the engineer and books a remedy callback at once [H 七.2: 对弄虚作假按规定处理，
并及时回访用户采取补救措施]. A signed-off day refuses further decisions (services.daylock).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Protocol

from sqlalchemy import func, select
from sqlmodel import Session, col

from clerk_tui.db.models import BusinessDay, Callback, Engineer, Flag, Ticket, User, Violation
from clerk_tui.domain.callbacks.due import REMEDY, callback_due
from clerk_tui.domain.callbacks.sampling import CallbackDue
from clerk_tui.domain.reconcile.forgery import FORGERY_KINDS
from clerk_tui.i18n import t, tn
from clerk_tui.i18n.labels import FLAG_KIND, label
from clerk_tui.services import audit
from clerk_tui.services.database import Database, key_of
from clerk_tui.services.daylock import LOCKED_STATES, ensure_day_open
from clerk_tui.services.reconcile.close import (
    SIGN_OFF_ACTION,
    close_day_tickets,
    reopen_day_tickets,
)
from clerk_tui.services.reconcile.store import CONFIRMED, DISMISSED, OPEN
from clerk_tui.services.reference import load_policy

REASON_MAX = 500


class Actor(Protocol):
    """Who decides: the logged-in user (read-only here)."""

    @property
    def id(self) -> int | None: ...
    @property
    def username(self) -> str: ...
    @property
    def role(self) -> str: ...


class EodRefused(Exception):
    """A decision the rules of the day do not allow; the message is a sentence for the screen."""


@dataclass(frozen=True)
class Decided:
    """What a decision did besides changing the flag."""

    status: str
    violation: bool = False
    remedy_booked: bool = False


@dataclass(frozen=True)
class DayStatus:
    """An outlet's day as the sign-off sees it."""

    state: str
    open_flags: int
    signed_off_by: str = ""
    signed_off_at: datetime | None = None
    reopen_reason: str = ""


def _check(user: Actor, reason: str | None = None) -> str:
    if getattr(user, "role", "") != "supervisor":
        raise EodRefused(t("ru.err.supervisor"))
    if reason is None:
        return ""
    reason = " ".join(reason.split())
    if not reason:
        raise EodRefused(t("ru.err.reason"))
    if len(reason) > REASON_MAX:
        raise EodRefused(tn("ru.err.reason_long", REASON_MAX))
    return reason


def _day_row(s: Session, outlet_id: int, day: date) -> BusinessDay | None:
    return (
        s.execute(
            select(BusinessDay).where(
                col(BusinessDay.outlet_id) == outlet_id, col(BusinessDay.day) == day
            )
        )
        .scalars()
        .first()
    )


def _open_flags(s: Session, outlet_id: int, day: date) -> int:
    return int(
        s.execute(
            select(func.count())
            .select_from(Flag)
            .where(
                col(Flag.outlet_id) == outlet_id,
                col(Flag.business_date) == day,
                col(Flag.status) == OPEN,
            )
        ).scalar_one()
    )


def remedy_key(ticket_no: str, day: date, now: datetime) -> str:
    """The remedy callback's row_hash: the key sampling.callbacks_due gives the same callback."""
    key = CallbackDue(ticket_no, REMEDY, now, datetime.combine(day, time())).key
    return key if len(key) <= 64 else hashlib.sha256(key.encode("utf-8")).hexdigest()


def _book_remedy(s: Session, flag: Flag, now: datetime) -> bool:
    if not flag.ticket_no:
        return False  # engineer_pattern: no one ticket to call about
    key = remedy_key(flag.ticket_no, flag.business_date, now)
    if s.execute(select(col(Callback.id)).where(col(Callback.row_hash) == key)).first() is not None:
        return False
    ticket_id = s.execute(
        select(col(Ticket.id)).where(col(Ticket.ticket_no) == flag.ticket_no)
    ).scalar()
    s.add(
        Callback(
            ticket_id=ticket_id,
            ticket_no=flag.ticket_no,
            reason=REMEDY,
            due_at=callback_due(REMEDY, datetime.combine(flag.business_date, time()), now=now),
            notes=t("ru.remedy.note", kind=label(FLAG_KIND, flag.kind)),
            row_hash=key,
        )
    )
    return True


def decide_flag(
    db: Database, flag_id: int, *, decision: str, reason: str, user: Actor, now: datetime
) -> Decided:
    """Confirm or dismiss flag `flag_id` with a reason (required)."""
    if decision not in (CONFIRMED, DISMISSED):
        raise ValueError(decision)
    reason = _check(user, reason)
    with db.session() as s:
        flag = s.get(Flag, flag_id)
        if flag is None:
            raise EodRefused(t("ru.err.flag_gone"))
        ensure_day_open(s, outlet_id=flag.outlet_id, day=flag.business_date)
        before = {"status": flag.status, "reason": flag.reason}
        flag.status, flag.reason = decision, reason
        flag.decided_by, flag.decided_at = user.id, now
        s.add(flag)
        violation = (
            s.execute(select(Violation).where(col(Violation.flag_id) == flag_id)).scalars().first()
        )
        recorded = booked = False
        if decision == CONFIRMED and flag.kind in FORGERY_KINDS:
            if violation is None:
                code = flag.key.split("|")[4] if flag.key.count("|") >= 4 else ""
                if flag.engineer_id is not None:
                    code = s.get(Engineer, flag.engineer_id).code or code  # type: ignore[union-attr]
                s.add(
                    Violation(
                        flag_id=flag_id, engineer_id=flag.engineer_id, engineer_code=code,
                        outlet_id=flag.outlet_id, business_date=flag.business_date,
                        ticket_no=flag.ticket_no, kind=flag.kind, decided_by=user.id,
                        decided_at=now, reason=reason,
                    )
                )  # fmt: skip
                recorded = True
            booked = _book_remedy(s, flag, now)
        elif decision == DISMISSED and violation is not None:
            s.delete(violation)  # the audit log keeps that it was once confirmed
        s.flush()
        audit.record(
            s, user=user.username, action=f"flag_{decision}", entity="flag", entity_id=flag_id,
            before=before, after={"status": decision, "reason": reason, "violation": recorded,
                                  "remedy_callback": booked}, at=now,
        )  # fmt: skip
    return Decided(decision, recorded, booked)


def day_status(db: Database, outlet_id: int, day: date) -> DayStatus:
    with db.read() as s:
        row = _day_row(s, outlet_id, day)
        n = _open_flags(s, outlet_id, day)
        by = ""
        if row is not None and row.signed_off_by is not None:
            u = s.get(User, row.signed_off_by)
            by = (u.display_name or u.username) if u else ""
    if row is None:
        return DayStatus("open", n)
    return DayStatus(row.state, n, by, row.signed_off_at, row.reopen_reason)


def sign_off(db: Database, outlet_id: int, day: date, *, user: Actor, now: datetime) -> None:
    """Lock the day; refused before the policy's card cut-off of that day (cards are still coming
    back and the clerk still works on it), while it is not reconciled, or while a flag is open."""
    _check(user)
    cutoff = datetime.combine(day, time(load_policy(db).card_cutoff_hour))
    if now < cutoff:  # cards are still coming back; a missing one is not yet a flag [H 七.2]
        raise EodRefused(
            t("ru.err.before_cutoff", day=day.isoformat(), at=cutoff.strftime("%H:%M"))
        )
    with db.session() as s:
        row = _day_row(s, outlet_id, day)
        if row is None or row.state == "open":
            raise EodRefused(t("ru.err.not_reconciled", day=day.isoformat()))
        if row.state in LOCKED_STATES:
            raise EodRefused(t("ru.err.already_signed", day=day.isoformat()))
        n = _open_flags(s, outlet_id, day)
        if n:
            raise EodRefused(tn("ru.err.open_flags", n, day=day.isoformat()))
        before = {"state": row.state}
        row.state, row.signed_off_by, row.signed_off_at = "signed_off", user.id, now
        s.add(row)
        closed = close_day_tickets(s, outlet_id, day, now=now)
        audit.record(
            s, user=user.username, action=SIGN_OFF_ACTION, entity="business_day",
            entity_id=row.id, before=before, after={"state": row.state, "closed": closed}, at=now,
        )  # fmt: skip


def reopen(
    db: Database, outlet_id: int, day: date, *, reason: str, user: Actor, now: datetime
) -> None:
    """Unlock a signed-off (or reported) day with a reason; it goes back to 'reconciled'."""
    reason = _check(user, reason)
    with db.session() as s:
        row = _day_row(s, outlet_id, day)
        if row is None or row.state not in LOCKED_STATES:
            raise EodRefused(t("ru.err.not_signed", day=day.isoformat()))
        before = {"state": row.state, "signed_off_by": row.signed_off_by,
                  "signed_off_at": row.signed_off_at}  # fmt: skip
        row.state, row.reopen_reason = "reconciled", reason
        row.signed_off_by = row.signed_off_at = None
        s.add(row)
        back = reopen_day_tickets(s, key_of(row), outlet_id, day, now=now)
        audit.record(
            s, user=user.username, action="day_reopen", entity="business_day", entity_id=row.id,
            before=before, after={"state": row.state, "reason": reason, "reopened": back}, at=now,
        )  # fmt: skip


def mark_reported(s: Session, outlet_id: int, day: date, *, user: str, now: datetime) -> bool:
    """signed_off → reported, inside the caller's transaction; False when not signed off."""
    row = _day_row(s, outlet_id, day)
    if row is None or row.state != "signed_off":
        return False
    row.state = "reported"
    s.add(row)
    audit.record(
        s, user=user, action="day_reported", entity="business_day", entity_id=row.id,
        before={"state": "signed_off"}, after={"state": "reported"}, at=now,
    )  # fmt: skip
    return True
