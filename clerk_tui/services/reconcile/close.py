"""Closing a signed-off day's finished tickets, and opening them again when the day is reopened.

DESIGN §4: a ticket is `closed` after the day it belongs to is signed off. The day's
tickets are the ones its reconciliation looks at (a visit, a card or a consultation that
day) plus the tickets taken in that day that ended without a visit (cancelled, transferred,
consultation only). A finished ticket with a visit still planned for a later day is not
closed: its work goes on. What was closed, and from which state, is kept in the sign-off's
audit entry; reopening the day puts exactly those tickets back (those still closed).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import or_, select, update
from sqlmodel import Session, col

from clerk_tui.db.models import Appointment, AuditEntry, Contact, SupervisionCard, Ticket
from clerk_tui.services.reconcile.load import day_bounds, day_ticket_ids

FINISHED = ("completed", "consult_only", "transferred", "cancelled")
SIGN_OFF_ACTION = "day_sign_off"


def close_day_tickets(
    s: Session, outlet_id: int, day: date, *, now: datetime
) -> dict[str, list[int]]:
    """Set the day's finished tickets to `closed`, in the caller's transaction.

    Returns {state before: [ticket ids]} for the audit entry (empty states left out).
    """
    wanted = day_ticket_ids(day, [outlet_id])
    later = select(col(Appointment.ticket_id)).where(
        col(Appointment.status) == "planned", col(Appointment.start) >= day_bounds(day)[1]
    )
    rows = s.execute(
        select(col(Ticket.id), col(Ticket.status))
        .where(
            or_(
                col(Ticket.id).in_(select(wanted.c.id)),
                (col(Ticket.business_date) == day) & (col(Ticket.outlet_id) == outlet_id),
            ),
            col(Ticket.status).in_(FINISHED),
            col(Ticket.id).not_in(later),
        )
        .order_by(col(Ticket.id))
    ).all()
    closed: dict[str, list[int]] = defaultdict(list)
    for tid, status in rows:
        closed[status].append(tid)
    ids = [tid for tid, _ in rows]
    if ids:
        s.execute(
            update(Ticket)
            .where(col(Ticket.id).in_(ids))
            .values(status="closed", updated_at=now, version=col(Ticket.version) + 1)
            .execution_options(synchronize_session=False)
        )
    return dict(closed)


def reopen_day_tickets(
    s: Session, day_row_id: int, outlet_id: int, day: date, *, now: datetime
) -> dict[str, list[int]]:
    """Put back the tickets the day's last sign-off closed (those still closed); returns them
    as {state put back: [ticket ids]}.

    A day signed off before closings were recorded (the demo's history, an older database)
    has no list: its closed tickets go back to `completed` when they have a card and to
    `consult_only` when they were consulted by phone; any other stays closed.
    """
    entry = s.execute(
        select(col(AuditEntry.after))
        .where(
            col(AuditEntry.action) == SIGN_OFF_ACTION,
            col(AuditEntry.entity) == "business_day",
            col(AuditEntry.entity_id) == str(day_row_id),
        )
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    ).scalar()
    try:
        closed = json.loads(entry).get("closed") if entry else None
    except (ValueError, AttributeError):
        closed = None
    if not isinstance(closed, dict):
        closed = _closed_by_evidence(s, outlet_id, day)
    back: dict[str, list[int]] = {}
    for state, ids in closed.items():
        if state not in FINISHED or not ids:
            continue
        still = list(
            s.execute(
                select(col(Ticket.id)).where(
                    col(Ticket.id).in_(ids), col(Ticket.status) == "closed"
                )
            ).scalars()
        )
        if still:
            s.execute(
                update(Ticket)
                .where(col(Ticket.id).in_(still))
                .values(status=state, updated_at=now, version=col(Ticket.version) + 1)
                .execution_options(synchronize_session=False)
            )
            back[state] = still
    return back


def _closed_by_evidence(s: Session, outlet_id: int, day: date) -> dict[str, list[int]]:
    wanted = day_ticket_ids(day, [outlet_id])
    carded = select(col(SupervisionCard.ticket_no))
    consulted = select(col(Contact.ticket_id)).where(col(Contact.outcome) == "consulted")
    rows = s.execute(
        select(col(Ticket.id), col(Ticket.ticket_no).in_(carded), col(Ticket.id).in_(consulted))
        .where(col(Ticket.id).in_(select(wanted.c.id)), col(Ticket.status) == "closed")
        .order_by(col(Ticket.id))
    ).all()
    out: dict[str, list[int]] = defaultdict(list)
    for tid, has_card, was_consulted in rows:
        if has_card:
            out["completed"].append(tid)
        elif was_consulted:
            out["consult_only"].append(tid)
    return dict(out)
