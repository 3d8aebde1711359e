"""Card entry: the ticket beside the form, saving a hand-entered card and slip, the day's progress.

A card (服务任务监督卡) and its warranty slip (保修记录单) are keyed in by ticket number as
the engineers hand them back [H 七.2]. Every card is kept: a second card for a ticket is
saved and flagged `duplicate_card`, a card for an unknown ticket is saved as an orphan and
flagged `orphan_card` (flag keys as the reconciliation makes them, so a rerun finds them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from clerk_tui.db.models import Engineer, Flag, Outlet, Ticket
from clerk_tui.db.models import SupervisionCard as CardRow
from clerk_tui.db.models import WarrantySlip as SlipRow
from clerk_tui.domain.cards import (
    CARD_COLUMNS,
    SupervisionCard,
    WarrantySlip,
    card_from_stored,
    stored_card,
    stored_slip,
)
from clerk_tui.domain.findings import Finding
from clerk_tui.domain.reconcile.day import ReconcileResult, flag_key
from clerk_tui.services import audit
from clerk_tui.services.auth.passwords import CurrentUser
from clerk_tui.services.cards.certificate import record_certificate_fee
from clerk_tui.services.cards.checks import saved_flags
from clerk_tui.services.cards.ticket import CardContext as CardContext
from clerk_tui.services.cards.ticket import TicketForCard as TicketForCard
from clerk_tui.services.cards.ticket import _appointment
from clerk_tui.services.cards.ticket import load_ticket_for_card as load_ticket_for_card
from clerk_tui.services.database import Database
from clerk_tui.services.daylock import ensure_day_open
from clerk_tui.services.reconcile.store import DECIDED, store_flags


@dataclass(frozen=True)
class SavedCard:
    card_id: int
    slip_id: int | None
    business_date: date
    earlier_cards: int
    """Cards of this ticket that were already in (1 or more: this one is a duplicate)."""
    orphan: bool
    flags: tuple[str, ...]
    """Kinds flagged on saving: 'duplicate_card', 'orphan_card'."""


def _business_date(s: Session, card: SupervisionCard, tk: Ticket | None, now: datetime) -> date:
    """The visit's day: the arrival's date, else the appointment's, else the return's, else today."""
    if card.arrived_at is not None:
        return card.arrived_at.date()
    if tk is not None and tk.id is not None:
        appt = _appointment(s, tk.id, now.date())
        if appt is not None:
            return appt.start.date()
    return (card.returned_at or now).date()


def _raise_flags(
    s: Session,
    *,
    user: str,
    findings: list[Finding],
    day: date,
    outlet_id: int | None,
    outlet_code: str,
    known: dict[str, int],
    now: datetime,
) -> None:
    """Open each finding's flag, or refresh an open one (a decided flag stays decided), through
    the reconciliation's store — the one writer of flags — with an audit entry per flag."""
    keys = [flag_key(day, outlet_code, f) for f in findings]
    before = {
        key: (status, evidence)
        for key, status, evidence in s.exec(
            select(Flag.key, Flag.status, Flag.evidence).where(col(Flag.key).in_(keys))
        )
    }
    codes = {f.engineer_id for f in findings if f.engineer_id and f.engineer_id not in known}
    engineer_ids = dict(known)
    if codes:
        engineer_ids.update(
            (code, eid)
            for code, eid in s.exec(
                select(Engineer.code, Engineer.id).where(col(Engineer.code).in_(codes))
            )
            if eid is not None
        )
    result = ReconcileResult(day, outlet_code, tuple(findings), (), {})
    store_flags(
        s,
        {outlet_id: result},  # type: ignore[dict-item]  # an outlet-less clerk's orphan card
        day=day,
        engineer_ids=engineer_ids,
        now=now,
        resolve_gone=False,
    )
    ids = dict(s.exec(select(Flag.key, Flag.id).where(col(Flag.key).in_(keys))).all())
    for key, finding in zip(keys, findings, strict=True):
        old = before.get(key)
        if old is not None and old[0] in DECIDED:
            continue
        audit.record(
            s,
            user=user,
            action="flag.raise",
            entity="flag",
            entity_id=ids.get(key),
            before=None if old is None else {"evidence": old[1]},
            after={"key": key, "evidence": [e.to_json() for e in finding.evidence]},
            at=now,
        )


def _earlier_cards(s: Session, ticket_no: str) -> list[SupervisionCard]:
    """The cards of `ticket_no` already in, oldest first."""
    return [
        card_from_stored(r)
        for r in s.exec(
            select(*(getattr(CardRow, name) for name in CARD_COLUMNS))
            .where(CardRow.ticket_no == ticket_no)
            .order_by(col(CardRow.id))
        ).all()
    ]


def _insert_audited(
    s: Session, row: CardRow | SlipRow, *, action: str, after: dict, user: str, now: datetime
) -> int:
    """Add a card or slip row and its audit entry; the new row's id."""
    s.add(row)
    s.flush()
    assert row.id is not None
    entity = "supervisioncard" if isinstance(row, CardRow) else "warrantyslip"
    audit.record(s, user=user, action=action, entity=entity, entity_id=row.id, after=after, at=now)
    return row.id


def save_card(
    db: Database,
    *,
    user: CurrentUser,
    card: SupervisionCard,
    slip: WarrantySlip | None,
    now: datetime,
    certificate_fen: int | None = None,
) -> SavedCard:
    """Store one hand-entered card (and its slip) in one transaction, with audit entries.

    `certificate_fen` (the warranty certificate's fee, 保修证标准; else the card's own) is
    recorded for a known ticket.

    Refuses (DayLocked) when the visit's day is signed off; nothing is written then.
    """
    with db.session() as s:
        tk = s.exec(select(Ticket).where(Ticket.ticket_no == card.ticket_no)).first()
        eng = s.exec(select(Engineer).where(Engineer.code == card.engineer_code)).first()
        day = _business_date(s, card, tk, now)
        outlet_id = tk.outlet_id if tk is not None else user.outlet_id
        ensure_day_open(s, outlet_id=outlet_id, day=day)
        earlier = _earlier_cards(s, card.ticket_no)
        ids: dict[str, Any] = {
            "ticket_id": tk.id if tk else None,
            "engineer_id": eng.id if eng else None,
        }
        values = stored_card(card)
        card_id = _insert_audited(
            s,
            CardRow(**values, **ids, business_date=day, row_hash=None),
            action="card.enter",
            after={**values, "business_date": day},
            user=user.username,
            now=now,
        )
        if certificate_fen is None:
            certificate_fen = card.certificate_fee_fen
        if tk is not None and tk.id is not None and certificate_fen is not None:
            record_certificate_fee(
                s, ticket_id=tk.id, amount_fen=certificate_fen, user=user.username, now=now
            )
        slip_id = None
        if slip is not None:
            slip_values = stored_slip(slip)
            slip_id = _insert_audited(
                s,
                SlipRow(**slip_values, **ids, row_hash=None),
                action="slip.enter",
                after=slip_values,
                user=user.username,
                now=now,
            )
        outlet = s.get(Outlet, outlet_id) if outlet_id is not None else None
        findings = saved_flags(day, card, earlier, known=tk is not None)
        if findings:
            _raise_flags(
                s,
                user=user.username,
                findings=findings,
                day=day,
                outlet_id=outlet_id,
                outlet_code=outlet.code if outlet else "",
                known={card.engineer_code: eng.id} if eng is not None and eng.id else {},
                now=now,
            )
        kinds = tuple(f.kind for f in findings)
        return SavedCard(card_id, slip_id, day, len(earlier), tk is None, kinds)
