"""Phone consultation (电话咨询) [H 一.2(1), 一.3(3)]: misuse handled by phone, callback 2 hours later.

A symptom that reads as misuse or misreport is answered by phone instead of a visit:
the call is logged (Contact party=customer, outcome 'consulted'), the ticket becomes
'consult_only' and a callback (reason 'consult') is due `policy.consult_callback_hours`
later. A customer who refuses the consultation gets the visit: the refusal is logged
(outcome 'consult_refused') and the ticket is ready unless other information is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col

from clerk_tui.db.models import Callback, Contact, Ticket
from clerk_tui.domain.callbacks.due import CONSULT, callback_due
from clerk_tui.domain.policy import Policy
from clerk_tui.domain.states import TransitionRefused, check_transition
from clerk_tui.i18n import t
from clerk_tui.i18n.labels import TICKET_STATE, label
from clerk_tui.services import audit
from clerk_tui.services.daylock import ensure_ticket_workable
from clerk_tui.services.intake.checks import load_reference, status_for, stored_findings
from clerk_tui.services.reference import load_policy

CONSULTED = "consulted"
REFUSED = "consult_refused"
CALLBACK_REASON = CONSULT
_BEFORE_VISIT = frozenset({"new", "needs_info", "ready"})


class ConsultRefused(Exception):
    """The consultation cannot be recorded; the message is one sentence for the screen."""


@dataclass(frozen=True)
class ConsultResult:
    ticket_id: int
    ticket_no: str
    status: str
    callback_due: datetime | None = None


def record_consultation(
    s: Session, ticket: Ticket, *, user, note: str, now: datetime, policy: Policy
) -> datetime:
    """Log the consultation and book its callback (the ticket's status is set by the caller)."""
    assert ticket.id is not None  # loaded from the database
    due = callback_due(CONSULT, now, now=now, policy=policy)
    s.add(
        Contact(
            ticket_id=ticket.id,
            at=now,
            user_id=user.id,
            party="customer",
            outcome=CONSULTED,
            note=note.strip() or t("in.consult.default_note"),
        )
    )
    s.add(
        Callback(
            ticket_id=ticket.id, ticket_no=ticket.ticket_no, reason=CALLBACK_REASON, due_at=due
        )
    )
    s.flush()
    return due


def record_refusal(s: Session, ticket: Ticket, *, user, now: datetime, note: str = "") -> None:
    """Log that the customer refused the consultation and wants the visit."""
    assert ticket.id is not None  # loaded from the database
    s.add(
        Contact(
            ticket_id=ticket.id,
            at=now,
            user_id=user.id,
            party="customer",
            outcome=REFUSED,
            note=note.strip() or t("in.consult.refused_note"),
        )
    )
    s.flush()


def _load(s: Session, ticket_id: int) -> Ticket:
    ticket = s.get(Ticket, ticket_id)
    if ticket is None:
        raise ConsultRefused(t("in.consult.no_ticket", id=ticket_id))
    ensure_ticket_workable(s, ticket)
    return ticket


def _move(s: Session, ticket: Ticket, target: str, seen: int, now: datetime) -> None:
    """Change the status under the optimistic lock; refuse when someone else changed the ticket."""
    try:
        check_transition(ticket.status, target)
    except TransitionRefused:
        raise ConsultRefused(
            t("in.consult.bad_state", no=ticket.ticket_no, state=label(TICKET_STATE, ticket.status))
        ) from None
    done = s.exec(
        update(Ticket)
        .where(col(Ticket.id) == ticket.id, col(Ticket.version) == seen)
        .values(status=target, version=col(Ticket.version) + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        raise ConsultRefused(t("in.consult.changed", no=ticket.ticket_no))
    s.refresh(ticket)


def start_consultation(
    db, *, ticket_id: int, user, outcome_note: str, now: datetime, version: int | None = None
) -> ConsultResult:
    """The customer was consulted by phone: consult_only, contact logged, callback due later.

    `version`: the ticket version the clerk saw (default: as read now). Raises
    ConsultRefused (gone, wrong state, changed meanwhile) or DayLocked.
    """
    policy = load_policy(db)
    with db.session() as s:
        ticket = _load(s, ticket_id)
        before = ticket.status
        _move(s, ticket, "consult_only", version if version is not None else ticket.version, now)
        due = record_consultation(s, ticket, user=user, note=outcome_note, now=now, policy=policy)
        audit.record(
            s,
            user=user.username,
            action="ticket.consult",
            entity="ticket",
            entity_id=ticket.ticket_no,
            before={"status": before},
            after={"status": ticket.status, "callback_due": due, "note": outcome_note.strip()},
            at=now,
        )
        return ConsultResult(ticket_id, ticket.ticket_no, ticket.status, due)


def refuse_consultation(
    db, *, ticket_id: int, user, now: datetime, version: int | None = None, note: str = ""
) -> ConsultResult:
    """The customer refused the consultation: the visit goes ahead [H 一.3(3)].

    The ticket becomes 'ready' (from consult_only always; before a visit, when no other
    finding is open, else it stays 'needs_info'); a ticket already scheduled keeps its status.
    """
    with db.read() as s:
        found = s.get(Ticket, ticket_id)
        outlet_id, today = (
            (found.outlet_id, now.date()) if found is not None else (None, now.date())
        )
    ref = load_reference(db, today=today, outlet_id=outlet_id)
    with db.session() as s:
        ticket = _load(s, ticket_id)
        before = ticket.status
        seen = version if version is not None else ticket.version
        target = before
        if before == "consult_only":
            target = "ready"
        elif before in _BEFORE_VISIT:
            target = status_for(stored_findings(s, ticket, ref), misuse_settled=True)
        if target != before:
            _move(s, ticket, target, seen, now)
        elif version is not None and ticket.version != version:
            raise ConsultRefused(t("in.consult.changed", no=ticket.ticket_no))
        record_refusal(s, ticket, user=user, now=now, note=note)
        audit.record(
            s,
            user=user.username,
            action="ticket.consult_refused",
            entity="ticket",
            entity_id=ticket.ticket_no,
            before={"status": before},
            after={"status": ticket.status},
            at=now,
        )
        return ConsultResult(ticket_id, ticket.ticket_no, ticket.status)
