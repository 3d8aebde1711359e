"""What the callback rules look at, read from the database: one day's visits, cards and callbacks.

Builds the pure `DayData` that `clerk_tui.domain.callbacks.sampling` and the forgery rules take.
Ticket scope of a day: tickets with a live appointment that day, tickets a card of the
day names, tickets consulted by phone that day, tickets whose callback was answered
that day, plus any extra tickets the caller names (confirmed forgeries).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from clerk_tui.db.models import (
    Appointment,
    Callback,
    Contact,
    Customer,
    Engineer,
    Outlet,
    ProductModel,
    SupervisionCard,
    Ticket,
)
from clerk_tui.domain.cards import CARD_COLUMNS, card_from_stored
from clerk_tui.domain.names import parse_household
from clerk_tui.domain.policy import Policy
from clerk_tui.domain.reconcile.inputs import (
    CallbackInfo,
    CardInfo,
    DayData,
    EngineerInfo,
    VisitInfo,
)
from clerk_tui.services.database import key_of

CONSULTED = "consulted"
"""Contact.outcome of a phone consultation (咨询) given to the customer."""

REASON_ALIASES = {"unsatisfied": "follow_up"}
"""Older rows name the follow-up of an unsatisfied customer 'unsatisfied'."""

INACTIVE_APPOINTMENTS = ("cancelled", "moved")


def bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def callback_info(cb: Callback) -> CallbackInfo:
    return CallbackInfo(
        ticket_no=cb.ticket_no,
        called_at=cb.called_at,
        reached=cb.reached,
        satisfied=cb.satisfied,
        customer_signed=cb.customer_signed,
        engineer_came=cb.engineer_came,
        done_at=cb.done_at,
        due_at=cb.due_at,
        reason=REASON_ALIASES.get(cb.reason, cb.reason),
    )


def card_info(c: SupervisionCard) -> CardInfo:
    """A stored card row as the one card shape."""
    return card_from_stored([getattr(c, name) for name in CARD_COLUMNS])


def day_cards(s: Session, day: date) -> list[SupervisionCard]:
    """Cards of `day`: business_date is the day, or (unset) returned that day."""
    start, end = bounds(day)
    q = select(SupervisionCard).where(
        or_(
            col(SupervisionCard.business_date) == day,
            col(SupervisionCard.business_date).is_(None)
            & (col(SupervisionCard.returned_at) >= start)
            & (col(SupervisionCard.returned_at) < end),
        )
    )
    return list(s.exec(q.order_by(col(SupervisionCard.id))).all())


def _scope(s: Session, day: date) -> set[str]:
    start, end = bounds(day)
    nos: set[str] = {c.ticket_no for c in day_cards(s, day)}
    nos |= set(
        s.exec(
            select(Ticket.ticket_no)
            .join(Appointment, col(Appointment.ticket_id) == col(Ticket.id))
            .where(col(Appointment.start) >= start, col(Appointment.start) < end)
            .where(col(Appointment.status).not_in(INACTIVE_APPOINTMENTS))
        ).all()
    )
    nos |= set(
        s.exec(
            select(Ticket.ticket_no)
            .join(Contact, col(Contact.ticket_id) == col(Ticket.id))
            .where(Contact.outcome == CONSULTED, col(Contact.at) >= start, col(Contact.at) < end)
        ).all()
    )
    answered = col(Callback.called_at)
    nos |= set(
        s.exec(
            select(Callback.ticket_no).where(
                or_(
                    (answered >= start) & (answered < end),
                    (col(Callback.done_at) >= start) & (col(Callback.done_at) < end),
                )
            )
        ).all()
    )
    return {n for n in nos if n}


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _rank(a: Appointment, start: datetime, end: datetime) -> int:
    """Which appointment speaks for the ticket: a live one on the day, else live, else any."""
    live = a.status not in INACTIVE_APPOINTMENTS
    return 2 * (live and start <= a.start < end) + live


def _visits(s: Session, day: date, nos: list[str]) -> list[VisitInfo]:
    start, end = bounds(day)
    out: list[VisitInfo] = []
    for chunk in _chunks(nos):
        rows = s.exec(
            select(Ticket, Engineer.code, Customer.household, ProductModel.category)
            .join(Engineer, col(Engineer.id) == col(Ticket.engineer_id), isouter=True)
            .join(Customer, col(Customer.id) == col(Ticket.customer_id), isouter=True)
            .join(ProductModel, col(ProductModel.id) == col(Ticket.model_id), isouter=True)
            .where(col(Ticket.ticket_no).in_(chunk))
        ).all()
        ids = [tk.id for tk, *_ in rows]
        appts: dict[int, Appointment] = {}
        for a in s.exec(
            select(Appointment)
            .where(col(Appointment.ticket_id).in_(ids))
            .order_by(col(Appointment.start))
        ).all():
            old = appts.get(a.ticket_id)
            if old is None or _rank(a, start, end) >= _rank(old, start, end):
                appts[a.ticket_id] = a
        consulted: dict[int, datetime] = {}
        for tid, at in s.exec(
            select(col(Contact.ticket_id), col(Contact.at))
            .where(col(Contact.ticket_id).in_(ids), col(Contact.outcome) == CONSULTED)
            .order_by(col(Contact.at))
        ).all():
            consulted[tid] = at
        for tk, code, household, category in rows:
            appt = appts.get(key_of(tk))
            out.append(
                VisitInfo(
                    ticket_no=tk.ticket_no,
                    engineer_code=code or "",
                    status=tk.status,
                    appointment_start=appt.start if appt else None,
                    appointment_end=appt.end if appt else None,
                    customer_name=tk.customer_name,
                    household=tuple(parse_household(household or "")),
                    warranty_status=tk.warranty_status,
                    service_type=tk.service_type,
                    category=category or "",
                    consulted_at=consulted.get(key_of(tk)),
                )
            )
    return out


def load_day(
    s: Session, *, day: date, policy: Policy, extra_tickets: Iterable[str] = ()
) -> DayData:
    """The day's DayData: visits, their cards (the day's and earlier), and all their callbacks."""
    nos = sorted(_scope(s, day) | {n for n in extra_tickets if n})
    cards: list[SupervisionCard] = []
    callbacks: list[Callback] = []
    for chunk in _chunks(nos):
        cards += s.exec(
            select(SupervisionCard)
            .where(col(SupervisionCard.ticket_no).in_(chunk))
            .order_by(col(SupervisionCard.id))
        ).all()
        callbacks += s.exec(
            select(Callback).where(col(Callback.ticket_no).in_(chunk)).order_by(col(Callback.id))
        ).all()
    # Cards handed back after the day are not the day's business.
    cards = [c for c in cards if (c.business_date or day) <= day]
    engineers = s.exec(select(Engineer.code, Engineer.name).order_by(Engineer.code)).all()
    outlet = s.exec(select(col(Outlet.code)).order_by(col(Outlet.id))).first() or ""
    return DayData(
        day=day,
        visits=tuple(_visits(s, day, nos)),
        cards=tuple(card_info(c) for c in cards),
        callbacks=tuple(callback_info(cb) for cb in callbacks),
        engineers=tuple(EngineerInfo(code, name) for code, name in engineers),
        policy=policy,
        outlet_code=outlet,
    )
