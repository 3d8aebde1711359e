"""Card entry: the ticket beside the form, saving a hand-entered card and slip, the day's progress.

A card (服务任务监督卡) and its warranty slip (保修记录单) are keyed in by ticket number as
the engineers hand them back [H 七.2]. Every card is kept: a second card for a ticket is
saved and flagged `duplicate_card`, a card for an unknown ticket is saved as an orphan and
flagged `orphan_card` (flag keys as the reconciliation makes them, so a rerun finds them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from clerk_tui.db.models import Engineer, Flag, Outlet, SupervisionCard, Ticket, WarrantySlip
from clerk_tui.domain.findings import Finding, evidence_to_json
from clerk_tui.domain.reconcile.day import flag_key
from clerk_tui.domain.reconcile.inputs import CardInfo, SlipInfo
from clerk_tui.services import audit
from clerk_tui.services.auth.passwords import CurrentUser
from clerk_tui.services.callbacks.data import card_info
from clerk_tui.services.cards.certificate import record_certificate_fee
from clerk_tui.services.cards.checks import saved_flags
from clerk_tui.services.cards.ticket import CardContext as CardContext
from clerk_tui.services.cards.ticket import TicketForCard as TicketForCard
from clerk_tui.services.cards.ticket import _appointment
from clerk_tui.services.cards.ticket import load_ticket_for_card as load_ticket_for_card
from clerk_tui.services.database import Database
from clerk_tui.services.daylock import ensure_day_open


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


def _business_date(s: Session, card: CardInfo, tk: Ticket | None, now: datetime) -> date:
    """The visit's day: the arrival's date, else the appointment's, else the return's, else today."""
    if card.arrived_at is not None:
        return card.arrived_at.date()
    if tk is not None and tk.id is not None:
        appt = _appointment(s, tk.id, now.date())
        if appt is not None:
            return appt.start.date()
    return (card.returned_at or now).date()


def _raise_flag(
    s: Session,
    *,
    user: str,
    finding: Finding,
    key: str,
    day: date,
    outlet_id: int | None,
    engineer_id: int | None,
    now: datetime,
) -> None:
    """Open the flag `key`, or refresh the evidence of an open one (a decided flag stays decided)."""
    evidence = evidence_to_json(finding.evidence)  # structured: the same in every language
    flag = s.exec(select(Flag).where(Flag.key == key)).first()
    if flag is not None and flag.status != "open":
        return
    before = None if flag is None else {"evidence": flag.evidence}
    if flag is None:
        flag = Flag(
            key=key,
            business_date=day,
            outlet_id=outlet_id,
            ticket_no=finding.ticket_no,
            engineer_id=engineer_id,
            kind=finding.kind,
            severity=finding.severity,
        )
    flag.evidence = evidence
    flag.severity = finding.severity
    s.add(flag)
    s.flush()
    audit.record(
        s,
        user=user,
        action="flag.raise",
        entity="flag",
        entity_id=flag.id,
        before=before,
        after={"key": key, "evidence": [e.to_json() for e in finding.evidence]},
        at=now,
    )


def save_card(
    db: Database,
    *,
    user: CurrentUser,
    card: CardInfo,
    slip: SlipInfo | None,
    now: datetime,
    certificate_fen: int | None = None,
) -> SavedCard:
    """Store one hand-entered card (and its slip) in one transaction, with audit entries.

    `certificate_fen` (the warranty certificate's fee, 保修证标准) is recorded for a known ticket.

    Refuses (DayLocked) when the visit's day is signed off; nothing is written then.
    """
    with db.session() as s:
        tk = s.exec(select(Ticket).where(Ticket.ticket_no == card.ticket_no)).first()
        engineers = {
            e.code: e for e in s.exec(select(Engineer).where(Engineer.code == card.engineer_code))
        }
        eng = engineers.get(card.engineer_code)
        day = _business_date(s, card, tk, now)
        outlet_id = tk.outlet_id if tk is not None else user.outlet_id
        ensure_day_open(s, outlet_id=outlet_id, day=day)
        earlier = [
            card_info(c)
            for c in s.exec(
                select(SupervisionCard)
                .where(SupervisionCard.ticket_no == card.ticket_no)
                .order_by(SupervisionCard.id)
            ).all()
        ]
        values = asdict(card)
        values["fee_items"] = "|".join(card.fee_items)
        row = SupervisionCard(
            **values,
            ticket_id=tk.id if tk else None,
            engineer_id=eng.id if eng else None,
            business_date=day,
            row_hash=None,
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            user=user.username,
            action="card.enter",
            entity="supervisioncard",
            entity_id=row.id,
            after={**values, "business_date": day},
            at=now,
        )
        if tk is not None and tk.id is not None and certificate_fen is not None:
            record_certificate_fee(
                s, ticket_id=tk.id, amount_fen=certificate_fen, user=user.username, now=now
            )
        slip_id = None
        if slip is not None:
            slip_values = asdict(slip)
            slip_values["parts"] = "|".join(slip.parts)
            srow = WarrantySlip(
                **slip_values,
                ticket_id=tk.id if tk else None,
                engineer_id=eng.id if eng else None,
                row_hash=None,
            )
            s.add(srow)
            s.flush()
            slip_id = srow.id
            audit.record(
                s,
                user=user.username,
                action="slip.enter",
                entity="warrantyslip",
                entity_id=srow.id,
                after=slip_values,
                at=now,
            )
        outlet = s.get(Outlet, outlet_id) if outlet_id is not None else None
        kinds: list[str] = []
        for finding in saved_flags(day, card, earlier, known=tk is not None):
            key = flag_key(day, outlet.code if outlet else "", finding)
            flag_eng = eng if finding.engineer_id == card.engineer_code else None
            if flag_eng is None and finding.engineer_id:
                flag_eng = s.exec(
                    select(Engineer).where(Engineer.code == finding.engineer_id)
                ).first()
            _raise_flag(
                s,
                user=user.username,
                finding=finding,
                key=key,
                day=day,
                outlet_id=outlet_id,
                engineer_id=flag_eng.id if flag_eng else None,
                now=now,
            )
            kinds.append(finding.kind)
        assert row.id is not None
        return SavedCard(row.id, slip_id, day, len(earlier), tk is None, tuple(kinds))
