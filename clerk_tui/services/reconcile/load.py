"""Load one day of one or many outlets into the reconciliation's DayData, in a handful of queries.

Visits are the day's appointments, every ticket a card of the day names, and the day's phone
consultations (so their 2-hour callback is known); cards are those whose business date is the
day; slips and callbacks are those of the visited tickets, plus every callback still open that
was due by the end of the day. A card belongs to its ticket's outlet, else its engineer's; with
a single outlet in the database, every card of the day is that outlet's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, Subquery, and_, func, or_, select, union
from sqlalchemy.orm import Session
from sqlmodel import col

from clerk_tui.db.models import (
    Appointment,
    Callback,
    CertificateFee,
    Contact,
    Customer,
    Engineer,
    FeeItem,
    ProductModel,
    SupervisionCard,
    Ticket,
    WarrantySlip,
)
from clerk_tui.domain.cards import CARD_COLUMNS, SLIP_COLUMNS, card_from_stored, slip_from_stored
from clerk_tui.domain.names import parse_household
from clerk_tui.domain.policy import Policy
from clerk_tui.domain.reconcile.inputs import (
    CallbackInfo,
    CardInfo,
    DayData,
    EngineerInfo,
    FeeStandard,
    FeeVersion,
    SlipInfo,
    VisitInfo,
)

INACTIVE_APPOINTMENTS = ("moved",)


@dataclass(frozen=True)
class OutletRef:
    """An outlet to reconcile: database id and FORMATS code."""

    id: int
    code: str


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min)
    return start, start + timedelta(days=1)


def load_fees(s: Session) -> FeeStandard:
    rows: dict[str, list[FeeVersion]] = defaultdict(list)
    for code, frm, fen, chargeable, desc in s.execute(
        select(
            col(FeeItem.code),
            col(FeeItem.effective_from),
            col(FeeItem.amount_fen),
            col(FeeItem.in_warranty_chargeable),
            col(FeeItem.description),
        )
    ):
        rows[code].append(FeeVersion(frm, fen, bool(chargeable), desc or ""))
    return FeeStandard.of(rows)


def _card_day(day: date) -> ColumnElement[bool]:
    start, end = day_bounds(day)
    return or_(
        col(SupervisionCard.business_date) == day,
        and_(
            col(SupervisionCard.business_date).is_(None),
            col(SupervisionCard.returned_at) >= start,
            col(SupervisionCard.returned_at) < end,
        ),
    )


def _in_outlets(column: Any, ids: list[int]) -> ColumnElement[bool]:
    return column == ids[0] if len(ids) == 1 else column.in_(ids)


def day_ticket_ids(day: date, ids: list[int]) -> Subquery:
    """Ids of the tickets the day looks at (a union of three indexed selects)."""
    start, end = day_bounds(day)
    booked: Select[Any] = (
        select(col(Appointment.ticket_id).label("id"))
        .join(Ticket, col(Ticket.id) == col(Appointment.ticket_id))
        .where(col(Appointment.start) >= start, col(Appointment.start) < end)
        .where(_in_outlets(col(Ticket.outlet_id), ids))
    )
    carded: Select[Any] = (
        select(col(Ticket.id).label("id"))
        .join(SupervisionCard, col(SupervisionCard.ticket_no) == col(Ticket.ticket_no))
        .where(_card_day(day), _in_outlets(col(Ticket.outlet_id), ids))
    )
    consulted: Select[Any] = (
        select(col(Ticket.id).label("id"))
        .join(Contact, col(Contact.ticket_id) == col(Ticket.id))
        .where(col(Ticket.business_date) == day, col(Contact.outcome) == "consulted")
        .where(_in_outlets(col(Ticket.outlet_id), ids))
    )
    return union(booked, carded, consulted).subquery()


def _pick(appts: list[tuple], day: date, card_day: date | None) -> tuple | None:
    """The appointment that stands for the visit: the day's live one, else the card's day's,
    else the latest one not moved away."""
    if not appts:
        return None

    def rank(a: tuple) -> tuple:
        start, status = a[1], a[3]
        on_day = start.date() == day
        on_card_day = card_day is not None and start.date() == card_day
        live = status not in INACTIVE_APPOINTMENTS
        return (on_day and live, on_card_day and live, on_day, live, status == "done", start)

    return max(appts, key=rank)


Appt = tuple[Any, ...]
"""An appointment as loaded: (ticket_id, start, end, status, engineer_id)."""


@dataclass
class _Cards:
    """The day's cards by outlet, each carded ticket's visit day, and the carded ticket numbers."""

    by_outlet: dict[int | None, list[CardInfo]]
    card_day_of: dict[str, date]
    carded: set[str]


def _load_engineers(conn: Connection) -> tuple[dict[int, dict[str, str]], dict[int | None, str]]:
    """Engineers' names by outlet (outlet id → code → name), and every engineer's code by id."""
    names: dict[int, dict[str, str]] = defaultdict(dict)
    code_of: dict[int | None, str] = {}
    for eid, code, name, oid in conn.execute(
        select(col(Engineer.id), col(Engineer.code), col(Engineer.name), col(Engineer.outlet_id))
    ):
        code_of[eid] = code
        if oid is not None:
            names[oid][code] = name or ""
    return names, code_of


def _load_tickets(conn: Connection, in_wanted: ColumnElement[bool]) -> Sequence[Sequence[Any]]:
    """The day's tickets with their customer's household and product category."""
    return conn.execute(
        select(
            col(Ticket.id),
            col(Ticket.ticket_no),
            col(Ticket.outlet_id),
            col(Ticket.engineer_id),
            col(Ticket.status),
            col(Ticket.customer_name),
            col(Ticket.warranty_status),
            col(Ticket.service_type),
            col(Customer.household),
            col(ProductModel.category),
        )
        .outerjoin(Customer, col(Customer.id) == col(Ticket.customer_id))
        .outerjoin(ProductModel, col(ProductModel.id) == col(Ticket.model_id))
        .where(in_wanted)
    ).all()


def _load_appointments(conn: Connection, wanted: Subquery) -> dict[int, list[Appt]]:
    """Every appointment of the day's tickets, whatever its day, by ticket id."""
    appts: dict[int, list[Appt]] = defaultdict(list)
    for row in conn.execute(
        select(
            col(Appointment.ticket_id),
            col(Appointment.start),
            col(Appointment.end),
            col(Appointment.status),
            col(Appointment.engineer_id),
        ).where(col(Appointment.ticket_id).in_(select(wanted.c.id)))
    ):
        appts[row[0]].append(tuple(row))
    return appts


def _load_consultations(conn: Connection, wanted: Subquery) -> dict[int, datetime]:
    """When each of the day's tickets was first given a phone consultation."""
    return dict(
        conn.execute(
            select(col(Contact.ticket_id), func.min(col(Contact.at)))
            .where(
                col(Contact.ticket_id).in_(select(wanted.c.id)), col(Contact.outcome) == "consulted"
            )
            .group_by(col(Contact.ticket_id))
        ).all()
    )


def _load_certificate_fees(conn: Connection, wanted: Subquery) -> dict[int, int]:
    """保修证标准 of the day's tickets: the lower of it and the fee standard applies [H 五.3]."""
    return dict(
        conn.execute(
            select(col(CertificateFee.ticket_id), col(CertificateFee.amount_fen)).where(
                col(CertificateFee.ticket_id).in_(select(wanted.c.id))
            )
        ).all()
    )


def _load_cards(conn: Connection, day: date, ids: list[int], unattributed_to: int | None) -> _Cards:
    """The day's cards of the outlets, each under its ticket's outlet, else its engineer's
    (else `unattributed_to`), in the order they were entered."""
    owner = func.coalesce(col(Ticket.outlet_id), col(Engineer.outlet_id))
    where_owner = _in_outlets(owner, ids)
    if unattributed_to is not None:
        where_owner = or_(where_owner, owner.is_(None))
    rows = conn.execute(
        select(owner, *(col(getattr(SupervisionCard, name)) for name in CARD_COLUMNS))
        .outerjoin(Ticket, col(Ticket.ticket_no) == col(SupervisionCard.ticket_no))
        .outerjoin(Engineer, col(Engineer.code) == col(SupervisionCard.engineer_code))
        .where(_card_day(day), where_owner)
        .order_by(col(SupervisionCard.id))
    ).all()
    out = _Cards(defaultdict(list), {}, set())
    for r in rows:
        card = card_from_stored(r[1:])
        out.by_outlet[r[0] if r[0] is not None else unattributed_to].append(card)
        out.carded.add(card.ticket_no)
        moment = card.arrived_at or card.returned_at
        if moment is not None:
            out.card_day_of.setdefault(card.ticket_no, moment.date())
    return out


def _build_visits(
    tickets: Sequence[Sequence[Any]],
    day: date,
    *,
    appts: dict[int, list[Appt]],
    consulted: dict[int, datetime],
    certificate: dict[int, int],
    code_of: dict[int | None, str],
    cards: _Cards,
) -> dict[int, list[VisitInfo]]:
    """Each ticket as the day sees it (VisitInfo), by outlet: the appointment that stands for
    the visit, its engineer, and a closed ticket's status as it was before sign-off."""
    visits: dict[int, list[VisitInfo]] = defaultdict(list)
    for tid, no, oid, eng_id, status, name, warranty, stype, household, category in tickets:
        a = _pick(appts.get(tid, []), day, cards.card_day_of.get(no))
        eng = a[4] if a is not None and a[4] is not None else eng_id
        if status == "closed":  # its day was signed off: judge it as what it was
            if (a is not None and a[3] == "done") or no in cards.carded:
                status = "completed"
            elif tid in consulted:
                status = "consult_only"
        visits[oid].append(
            VisitInfo(
                no,
                code_of.get(eng, "") if eng is not None else "",
                status or "",
                a[1] if a else None,
                a[2] if a else None,
                name or "",
                parse_household(household or ""),
                warranty or "",
                stype or "repair",
                category or "",
                certificate.get(tid),
                consulted.get(tid),
            )
        )
    return visits


def _load_slips(conn: Connection, in_wanted: ColumnElement[bool]) -> dict[int, list[SlipInfo]]:
    """The warranty slips of the day's tickets, by outlet, in the order they were entered."""
    slips: dict[int, list[SlipInfo]] = defaultdict(list)
    for r in conn.execute(
        select(col(Ticket.outlet_id), *(col(getattr(WarrantySlip, name)) for name in SLIP_COLUMNS))
        .join(Ticket, col(Ticket.ticket_no) == col(WarrantySlip.ticket_no))
        .where(in_wanted)
        .order_by(col(WarrantySlip.id))
    ):
        slips[r[0]].append(slip_from_stored(r[1:]))
    return slips


def _load_callbacks(
    conn: Connection, in_wanted: ColumnElement[bool], ids: list[int], end: datetime
) -> dict[int | None, dict[int | None, CallbackInfo]]:
    """Callbacks by outlet and id: all those of the day's tickets, and every one still open
    that was due by the end of the day."""
    cb_cols = (
        col(Ticket.outlet_id),
        col(Ticket.ticket_no),
        col(Callback.called_at),
        col(Callback.reached),
        col(Callback.satisfied),
        col(Callback.customer_signed),
        col(Callback.engineer_came),
        col(Callback.done_at),
        col(Callback.due_at),
        col(Callback.reason),
        col(Callback.id),
    )
    of_visits = (
        select(*cb_cols).join(Ticket, col(Ticket.id) == col(Callback.ticket_id)).where(in_wanted)
    )
    still_open = (
        select(*cb_cols)
        .join(Ticket, col(Ticket.id) == col(Callback.ticket_id))
        .where(col(Callback.done_at).is_(None), col(Callback.due_at) < end)
        .where(_in_outlets(col(Ticket.outlet_id), ids))
    )
    callbacks: dict[int | None, dict[int | None, CallbackInfo]] = defaultdict(dict)
    for q in (of_visits, still_open):
        for r in conn.execute(q):
            callbacks[r[0]][r[10]] = CallbackInfo(
                r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] or ""
            )
    return callbacks


def load_days(
    s: Session,
    day: date,
    outlets: list[OutletRef],
    *,
    policy: Policy,
    fees: FeeStandard,
    unattributed_to: int | None = None,
) -> dict[int, DayData]:
    """DayData per outlet id for `day`; `unattributed_to` takes cards of no known outlet."""
    if not outlets:
        return {}
    ids = [o.id for o in outlets]
    conn = s.connection()  # Core rows: no ORM processing of tens of thousands of rows
    wanted = day_ticket_ids(day, ids)
    in_wanted = col(Ticket.id).in_(select(wanted.c.id))

    engineers, code_of = _load_engineers(conn)
    tickets = _load_tickets(conn, in_wanted)
    appts = _load_appointments(conn, wanted)
    consulted = _load_consultations(conn, wanted)
    certificate = _load_certificate_fees(conn, wanted)
    cards = _load_cards(conn, day, ids, unattributed_to)
    visits = _build_visits(
        tickets,
        day,
        appts=appts,
        consulted=consulted,
        certificate=certificate,
        code_of=code_of,
        cards=cards,
    )
    slips = _load_slips(conn, in_wanted)
    callbacks = _load_callbacks(conn, in_wanted, ids, day_bounds(day)[1])
    return {
        o.id: DayData(
            day=day,
            visits=tuple(visits.get(o.id, ())),
            cards=tuple(cards.by_outlet.get(o.id, ())),
            slips=tuple(slips.get(o.id, ())),
            callbacks=tuple(callbacks[o.id].values()) if o.id in callbacks else (),
            engineers=tuple(
                EngineerInfo(code, name) for code, name in sorted(engineers.get(o.id, {}).items())
            ),
            fees=fees,
            policy=policy,
            outlet_code=o.code,
        )
        for o in outlets
    }
