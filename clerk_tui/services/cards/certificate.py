"""The warranty certificate's fee (保修证标准) of a ticket: read it, and record it with an audit entry."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from clerk_tui.db.models import CertificateFee
from clerk_tui.services import audit


def certificate_fee(s: Session, ticket_id: int) -> int | None:
    """Fen the ticket's warranty certificate allows, None when none was recorded."""
    return s.exec(
        select(CertificateFee.amount_fen).where(CertificateFee.ticket_id == ticket_id)
    ).first()


def record_certificate_fee(
    s: Session, *, ticket_id: int, amount_fen: int, user: str, now: datetime
) -> bool:
    """Upsert the ticket's certificate fee inside the caller's transaction; False when unchanged."""
    if amount_fen < 0:
        raise ValueError("certificate fee below zero")
    row = s.exec(select(CertificateFee).where(CertificateFee.ticket_id == ticket_id)).first()
    if row is not None and row.amount_fen == amount_fen:
        return False
    before = None if row is None else {"amount_fen": row.amount_fen}
    if row is None:
        row = CertificateFee(ticket_id=ticket_id, amount_fen=amount_fen, recorded_at=now, user=user)
    else:
        row.amount_fen, row.recorded_at, row.user = amount_fen, now, user
    s.add(row)
    s.flush()
    audit.record(
        s,
        user=user,
        action="certificate_fee.set",
        entity="certificate_fee",
        entity_id=row.id,
        before=before,
        after={"ticket_id": ticket_id, "amount_fen": amount_fen},
        at=now,
    )
    return True
