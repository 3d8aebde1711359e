"""The callbacks queue (回访队列): callbacks not done, most overdue first, with what the card said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from clerk_tui.db.models import Callback, Engineer, SupervisionCard, Ticket
from clerk_tui.domain.reconcile.timing import overdue_minutes
from clerk_tui.i18n import N_, catalog
from clerk_tui.services.callbacks.data import REASON_ALIASES
from clerk_tui.services.database import Database, key_of

QUEUE_LIMIT = 500


@dataclass(frozen=True)
class QueueRow:
    """One callback to make, with the ticket, the customer and the card's answers."""

    id: int
    ticket_id: int | None
    ticket_no: str
    reason: str  # consult / uncertain_repair / follow_up / remedy / verification
    due_at: datetime | None
    called_at: datetime | None  # last attempt (not reached) if any
    attempts: int
    customer_name: str
    phone: str
    business_date: date | None
    service_type: str
    engineer_name: str
    engineer_code: str
    has_card: bool
    satisfaction: str  # 满意/基本满意/不满意/''
    signer_name: str
    signer_relation: str
    signature_present: bool
    arrived_at: datetime | None
    finished_at: datetime | None
    repair_confident: bool
    notes: str

    def overdue_minutes(self, now: datetime) -> int:
        """Whole minutes overdue, as the reconciliation's rule counts them (0 when not yet
        a minute past due, or no due time)."""
        return overdue_minutes(self.due_at, now)


def attempts_in(notes: str) -> int:
    """Unanswered attempts noted on a callback (the note says so in either language)."""
    markers = catalog().get(N_("cb.note.not_reached"), ())
    return sum(1 for line in notes.splitlines() if any(m in line for m in markers))


def load_queue(
    db: Database,
    *,
    now: datetime,
    include_later: bool = False,
    limit: int = QUEUE_LIMIT,
) -> list[QueueRow]:
    """Callbacks not done (done_at IS NULL) due before the end of today (all with
    `include_later`), most overdue first; callbacks with no due time come last."""
    end = datetime.combine(now.date(), time()) + timedelta(days=1)
    due_sort = func.coalesce(Callback.due_at, Callback.called_at, datetime(9999, 1, 1))
    q = (
        select(Callback, Ticket, Engineer.name, Engineer.code)
        .join(Ticket, col(Ticket.id) == col(Callback.ticket_id), isouter=True)
        .join(Engineer, col(Engineer.id) == col(Ticket.engineer_id), isouter=True)
        .where(col(Callback.done_at).is_(None))
    )
    if not include_later:
        q = q.where(col(Callback.due_at).is_(None) | (col(Callback.due_at) < end))
    q = q.order_by(due_sort, col(Callback.id)).limit(limit)
    with db.read() as s:
        rows = s.exec(q).all()
        nos = sorted({cb.ticket_no for cb, *_ in rows if cb.ticket_no})
        cards: dict[str, SupervisionCard] = {}
        for i in range(0, len(nos), 500):
            for c in s.exec(
                select(SupervisionCard)
                .where(col(SupervisionCard.ticket_no).in_(nos[i : i + 500]))
                .order_by(col(SupervisionCard.id))
            ):
                cards[c.ticket_no] = c  # the latest card wins
    out: list[QueueRow] = []
    for cb, tk, eng_name, eng_code in rows:
        card = cards.get(cb.ticket_no)
        out.append(
            QueueRow(
                id=key_of(cb),
                ticket_id=cb.ticket_id,
                ticket_no=cb.ticket_no or (tk.ticket_no if tk else ""),
                reason=REASON_ALIASES.get(cb.reason, cb.reason),
                due_at=cb.due_at,
                called_at=cb.called_at,
                attempts=attempts_in(cb.notes),
                customer_name=tk.customer_name if tk else "",
                phone=tk.phone if tk else "",
                business_date=tk.business_date if tk else None,
                service_type=tk.service_type if tk else "",
                engineer_name=eng_name or "",
                engineer_code=(card.engineer_code if card else "") or (eng_code or ""),
                has_card=card is not None,
                satisfaction=card.satisfaction if card else "",
                signer_name=card.signer_name if card else "",
                signer_relation=card.signer_relation if card else "",
                signature_present=card.signature_present if card else False,
                arrived_at=card.arrived_at if card else None,
                finished_at=card.finished_at if card else None,
                repair_confident=card.repair_confident if card else True,
                notes=cb.notes,
            )
        )
    return out
