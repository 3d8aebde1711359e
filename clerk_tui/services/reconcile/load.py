"""Load one day of one or many outlets into the reconciliation's DayData, in a handful of queries.

Visits are the day's appointments, every ticket a card of the day names, and the day's phone
consultations (so their 2-hour callback is known); cards are those whose business date is the
day; slips and callbacks are those of the visited tickets, plus every callback still open that
was due by the end of the day. A card belongs to its ticket's outlet, else its engineer's; with
a single outlet in the database, every card of the day is that outlet's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select, union
from sqlalchemy.orm import Session

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


def _split(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(p.strip() for p in text.split("|") if p.strip())


def load_fees(s: Session) -> FeeStandard:
    rows: dict[str, list[FeeVersion]] = defaultdict(list)
    for code, frm, fen, chargeable, desc in s.execute(
        select(
            FeeItem.code,
            FeeItem.effective_from,
            FeeItem.amount_fen,
            FeeItem.in_warranty_chargeable,
            FeeItem.description,
        )
    ):
        rows[code].append(FeeVersion(frm, fen, bool(chargeable), desc or ""))
    return FeeStandard.of(rows)


def _card_day(day: date):
    start, end = day_bounds(day)
    return or_(
        SupervisionCard.business_date == day,
        and_(
            SupervisionCard.business_date.is_(None),
            SupervisionCard.returned_at >= start,
            SupervisionCard.returned_at < end,
        ),
    )


def _in_outlets(column, ids: list[int]):
    return column == ids[0] if len(ids) == 1 else column.in_(ids)


def day_ticket_ids(day: date, ids: list[int]):
    """Ids of the tickets the day looks at (a union of three indexed selects)."""
    start, end = day_bounds(day)
    booked = (
        select(Appointment.ticket_id.label("id"))
        .join(Ticket, Ticket.id == Appointment.ticket_id)
        .where(Appointment.start >= start, Appointment.start < end)
        .where(_in_outlets(Ticket.outlet_id, ids))
    )
    carded = (
        select(Ticket.id.label("id"))
        .join(SupervisionCard, SupervisionCard.ticket_no == Ticket.ticket_no)
        .where(_card_day(day), _in_outlets(Ticket.outlet_id, ids))
    )
    consulted = (
        select(Ticket.id.label("id"))
        .join(Contact, Contact.ticket_id == Ticket.id)
        .where(Ticket.business_date == day, Contact.outcome == "consulted")
        .where(_in_outlets(Ticket.outlet_id, ids))
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
    end = day_bounds(day)[1]
    conn = s.connection()  # Core rows: no ORM processing of tens of thousands of rows
    wanted = day_ticket_ids(day, ids)
    in_wanted = Ticket.id.in_(select(wanted.c.id))

    engineers: dict[int, dict[str, str]] = defaultdict(dict)  # outlet → code → name
    code_of: dict[int, str] = {}
    for eid, code, name, oid in conn.execute(
        select(Engineer.id, Engineer.code, Engineer.name, Engineer.outlet_id)
    ):
        code_of[eid] = code
        if oid is not None:
            engineers[oid][code] = name or ""

    tickets = conn.execute(
        select(
            Ticket.id,
            Ticket.ticket_no,
            Ticket.outlet_id,
            Ticket.engineer_id,
            Ticket.status,
            Ticket.customer_name,
            Ticket.warranty_status,
            Ticket.service_type,
            Customer.household,
            ProductModel.category,
        )
        .outerjoin(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(ProductModel, ProductModel.id == Ticket.model_id)
        .where(in_wanted)
    ).all()
    appts: dict[int, list[tuple]] = defaultdict(list)
    for row in conn.execute(
        select(
            Appointment.ticket_id,
            Appointment.start,
            Appointment.end,
            Appointment.status,
            Appointment.engineer_id,
        ).where(Appointment.ticket_id.in_(select(wanted.c.id)))
    ):
        appts[row[0]].append(tuple(row))
    consulted = dict(
        conn.execute(
            select(Contact.ticket_id, func.min(Contact.at))
            .where(Contact.ticket_id.in_(select(wanted.c.id)), Contact.outcome == "consulted")
            .group_by(Contact.ticket_id)
        ).all()
    )
    certificate = dict(  # 保修证标准: the lower of it and the fee standard applies [H 五.3]
        conn.execute(
            select(CertificateFee.ticket_id, CertificateFee.amount_fen).where(
                CertificateFee.ticket_id.in_(select(wanted.c.id))
            )
        ).all()
    )

    card_cols = (
        SupervisionCard.ticket_no,
        SupervisionCard.engineer_code,
        SupervisionCard.returned_at,
        SupervisionCard.arrived_at,
        SupervisionCard.finished_at,
        SupervisionCard.signer_name,
        SupervisionCard.signer_relation,
        SupervisionCard.signature_present,
        SupervisionCard.satisfaction,
        SupervisionCard.attitude_score,
        SupervisionCard.quality_score,
        SupervisionCard.signed_at,
        SupervisionCard.fee_charged_fen,
        SupervisionCard.fee_items,
        SupervisionCard.receipt_no,
        SupervisionCard.repair_confident,
        SupervisionCard.called_ahead,
        SupervisionCard.notes,
    )
    owner = func.coalesce(Ticket.outlet_id, Engineer.outlet_id)
    where_owner = _in_outlets(owner, ids)
    if unattributed_to is not None:
        where_owner = or_(where_owner, owner.is_(None))
    card_rows = conn.execute(
        select(*card_cols, owner, SupervisionCard.id)
        .outerjoin(Ticket, Ticket.ticket_no == SupervisionCard.ticket_no)
        .outerjoin(Engineer, Engineer.code == SupervisionCard.engineer_code)
        .where(_card_day(day), where_owner)
        .order_by(SupervisionCard.id)
    ).all()
    cards: dict[int, list[CardInfo]] = defaultdict(list)
    card_day_of: dict[str, date] = {}
    for r in card_rows:
        oid = r[18] if r[18] is not None else unattributed_to
        card = CardInfo(
            r[0], r[1] or "", r[2], r[3], r[4], r[5] or "", r[6] or "", bool(r[7]), r[8] or "",
            r[9], r[10], r[11], r[12] or 0, _split(r[13]), r[14] or "",
            True if r[15] is None else bool(r[15]), r[16], r[17] or "",
        )  # fmt: skip
        cards[oid].append(card)
        moment = card.arrived_at or card.returned_at
        if moment is not None:
            card_day_of.setdefault(card.ticket_no, moment.date())

    carded = {r[0] for r in card_rows}
    visits: dict[int, list[VisitInfo]] = defaultdict(list)
    for tid, no, oid, eng_id, status, name, warranty, stype, household, category in tickets:
        a = _pick(appts.get(tid, []), day, card_day_of.get(no))
        eng = a[4] if a is not None and a[4] is not None else eng_id
        if status == "closed":  # its day was signed off: judge it as what it was
            if (a is not None and a[3] == "done") or no in carded:
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

    slips: dict[int, list[SlipInfo]] = defaultdict(list)
    for r in conn.execute(
        select(
            Ticket.outlet_id,
            WarrantySlip.ticket_no,
            WarrantySlip.engineer_code,
            WarrantySlip.returned_at,
            WarrantySlip.fault_cause,
            WarrantySlip.repair_action,
            WarrantySlip.parts,
            WarrantySlip.fee_charged_fen,
            WarrantySlip.receipt_no,
        )
        .join(Ticket, Ticket.ticket_no == WarrantySlip.ticket_no)
        .where(in_wanted)
        .order_by(WarrantySlip.id)
    ):
        slips[r[0]].append(
            SlipInfo(r[1], r[2] or "", r[3], r[4] or "", r[5] or "", _split(r[6]), r[7] or 0,
                     r[8] or "")
        )  # fmt: skip

    cb_cols = (
        Ticket.outlet_id,
        Ticket.ticket_no,
        Callback.called_at,
        Callback.reached,
        Callback.satisfied,
        Callback.customer_signed,
        Callback.engineer_came,
        Callback.done_at,
        Callback.due_at,
        Callback.reason,
        Callback.id,
    )
    of_visits = select(*cb_cols).join(Ticket, Ticket.id == Callback.ticket_id).where(in_wanted)
    still_open = (
        select(*cb_cols)
        .join(Ticket, Ticket.id == Callback.ticket_id)
        .where(Callback.done_at.is_(None), Callback.due_at < end)
        .where(_in_outlets(Ticket.outlet_id, ids))
    )
    callbacks: dict[int, dict[int, CallbackInfo]] = defaultdict(dict)
    for q in (of_visits, still_open):
        for r in conn.execute(q):
            callbacks[r[0]][r[10]] = CallbackInfo(
                r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] or ""
            )

    out: dict[int, DayData] = {}
    for o in outlets:
        out[o.id] = DayData(
            day=day,
            visits=tuple(visits.get(o.id, ())),
            cards=tuple(cards.get(o.id, ())),
            slips=tuple(slips.get(o.id, ())),
            callbacks=tuple(callbacks[o.id].values()) if o.id in callbacks else (),
            engineers=tuple(
                EngineerInfo(code, name) for code, name in sorted(engineers.get(o.id, {}).items())
            ),
            fees=fees,
            policy=policy,
            outlet_code=o.code,
        )
    return out
