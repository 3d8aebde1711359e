"""The ticket beside the card entry form and what its card is checked against (reads only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from clerk_tui.db.models import (
    Appointment,
    Customer,
    Engineer,
    FeeItem,
    Outlet,
    ProductModel,
    SupervisionCard,
    Ticket,
)
from clerk_tui.domain.names import parse_household
from clerk_tui.domain.policy import Policy
from clerk_tui.domain.reconcile.inputs import (
    CardInfo,
    EngineerInfo,
    FeeStandard,
    FeeVersion,
    VisitInfo,
)
from clerk_tui.services.callbacks.data import card_info
from clerk_tui.services.cards.certificate import certificate_fee
from clerk_tui.services.dashboard.counts import INACTIVE_APPOINTMENTS
from clerk_tui.services.database import Database


@dataclass(frozen=True)
class TicketForCard:
    """The ticket and its appointment as the card entry screen shows them."""

    ticket_id: int
    ticket_no: str
    outlet_id: int | None
    outlet_code: str
    status: str
    service_type: str
    warranty_status: str
    category: str
    customer_name: str
    phone: str
    address: str
    household: tuple[tuple[str, str], ...]
    engineer_code: str
    engineer_name: str
    appointment_start: datetime | None
    appointment_end: datetime | None
    certificate_fee_fen: int | None = None
    """What the customer's warranty certificate allows (保修证标准), if recorded."""

    @property
    def visit(self) -> VisitInfo:
        return VisitInfo(
            ticket_no=self.ticket_no,
            engineer_code=self.engineer_code,
            status=self.status,
            appointment_start=self.appointment_start,
            appointment_end=self.appointment_end,
            customer_name=self.customer_name,
            household=self.household,
            warranty_status=self.warranty_status,
            service_type=self.service_type,
            category=self.category,
            certificate_fee_fen=self.certificate_fee_fen,
        )


@dataclass(frozen=True)
class CardContext:
    """What checking one card needs: its ticket (None: unknown), the cards already in, the outlet."""

    ticket_no: str
    day: date
    """The visit's day (the appointment's), else the day asked for: typed times fall on it."""
    ticket: TicketForCard | None
    existing: tuple[CardInfo, ...]
    engineers: tuple[EngineerInfo, ...]
    fees: FeeStandard
    policy: Policy
    outlet_code: str = ""


def _appointment(s: Session, ticket_id: int, day: date) -> Appointment | None:
    """The visit: a live appointment on `day`, else the latest live one, else the latest at all."""
    rows = s.exec(
        select(Appointment)
        .where(col(Appointment.ticket_id) == ticket_id)
        .order_by(col(Appointment.start))
    ).all()
    live = [a for a in rows if a.status not in INACTIVE_APPOINTMENTS]
    on_day = [a for a in live if a.start.date() == day]
    if on_day:
        return on_day[-1]
    if live:
        return live[-1]
    return rows[-1] if rows else None


def _ticket(s: Session, tk: Ticket, day: date) -> TicketForCard:
    appt = _appointment(s, tk.id, day) if tk.id is not None else None
    eng_id = (appt.engineer_id if appt and appt.engineer_id else None) or tk.engineer_id
    eng = s.get(Engineer, eng_id) if eng_id else None
    cust = s.get(Customer, tk.customer_id) if tk.customer_id else None
    outlet = s.get(Outlet, tk.outlet_id) if tk.outlet_id else None
    model = s.get(ProductModel, tk.model_id) if tk.model_id else None
    return TicketForCard(
        ticket_id=tk.id or 0,
        ticket_no=tk.ticket_no,
        outlet_id=tk.outlet_id,
        outlet_code=outlet.code if outlet else "",
        status=tk.status,
        service_type=tk.service_type,
        warranty_status=tk.warranty_status,
        category=model.category if model else "",
        customer_name=tk.customer_name,
        phone=tk.phone,
        address=tk.address,
        household=parse_household(cust.household) if cust else (),
        engineer_code=eng.code if eng else "",
        engineer_name=eng.name if eng else "",
        appointment_start=appt.start if appt else None,
        appointment_end=appt.end if appt else None,
        certificate_fee_fen=certificate_fee(s, tk.id) if tk.id is not None else None,
    )


def _fees(s: Session) -> FeeStandard:
    rows: dict[str, list[FeeVersion]] = {}
    for f in s.exec(select(FeeItem)).all():
        rows.setdefault(f.code, []).append(
            FeeVersion(f.effective_from, f.amount_fen, f.in_warranty_chargeable, f.description)
        )
    return FeeStandard.of(rows)


def load_ticket_for_card(
    db: Database, ticket_no: str, day: date, *, outlet_id: int | None = None
) -> CardContext:
    """The ticket `ticket_no` (None when unknown) with what its card is checked against."""
    from clerk_tui.services.reference import load_policy

    no = ticket_no.strip()
    with db.read() as s:
        tk = s.exec(select(Ticket).where(Ticket.ticket_no == no)).first()
        ticket = _ticket(s, tk, day) if tk is not None else None
        outlet = ticket.outlet_id if ticket and ticket.outlet_id else outlet_id
        query = select(Engineer).order_by(col(Engineer.code))
        if outlet is not None:
            query = query.where(Engineer.outlet_id == outlet)
        engineers = tuple(EngineerInfo(e.code, e.name) for e in s.exec(query).all())
        existing = tuple(
            card_info(c)
            for c in s.exec(
                select(SupervisionCard)
                .where(SupervisionCard.ticket_no == no)
                .order_by(col(SupervisionCard.id))
            ).all()
        )
        fees = _fees(s)
        outlet_code = ticket.outlet_code if ticket else ""
        if not outlet_code and outlet is not None:
            row = s.get(Outlet, outlet)
            outlet_code = row.code if row else ""
    visit_day = ticket.appointment_start.date() if ticket and ticket.appointment_start else day
    return CardContext(
        ticket_no=no,
        day=visit_day,
        ticket=ticket,
        existing=existing,
        engineers=engineers,
        fees=fees,
        policy=load_policy(db),
        outlet_code=outlet_code,
    )
