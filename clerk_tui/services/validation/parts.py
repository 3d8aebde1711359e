"""Spare parts to requisition now (申请备件 [H 一.2(1)]): open tickets whose needed part is not in stock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlmodel import col

from clerk_tui.db.models import Contact, Ticket
from clerk_tui.domain.states import OPEN_STATES
from clerk_tui.services.database import Database

OPEN = tuple(sorted(OPEN_STATES))
PART_REQUESTED = "part_requested"
"""Contact.outcome of a spare-part requisition (申请备件), logged with party 'center'."""


@dataclass(frozen=True)
class PartRow:
    """A part to requisition now: the ticket, the part, whether its stock is known to be out."""

    ticket_id: int
    ticket_no: str
    part: str
    out_of_stock: bool  # False: stock not confirmed
    customer_name: str
    created_at: datetime


def _parts_query(count: bool):
    requested = select(col(Contact.ticket_id)).where(col(Contact.outcome) == PART_REQUESTED)
    where = and_(
        col(Ticket.status).in_(OPEN),
        func.trim(col(Ticket.part_needed)) != "",
        or_(col(Ticket.part_in_stock).is_(None), col(Ticket.part_in_stock).is_(False)),
        col(Ticket.id).not_in(requested),
    )
    if count:
        return select(func.count()).select_from(Ticket).where(where)
    cols = (
        col(Ticket.id),
        col(Ticket.ticket_no),
        col(Ticket.part_needed),
        col(Ticket.part_in_stock),
        col(Ticket.customer_name),
        col(Ticket.created_at),
    )
    return select(*cols).where(where).order_by(col(Ticket.created_at), col(Ticket.id))


def parts_to_requisition(db: Database) -> list[PartRow]:
    """Open tickets whose needed part is out of stock (or not known in stock) and not yet requested."""
    with db.read() as s:
        return [
            PartRow(i, no, part, stock is False, name, created)
            for i, no, part, stock, name, created in s.execute(_parts_query(False))
        ]


def count_parts_to_requisition(db: Database) -> int:
    """How many parts wait for a requisition (for the Today dashboard)."""
    with db.read() as s:
        return int(s.execute(_parts_query(True)).scalar_one())
