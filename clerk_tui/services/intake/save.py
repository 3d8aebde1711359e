"""Ticket intake (接单) [H 一.1]: reference for the form, a customer's earlier tickets, saving a ticket.

The form validates as the clerk types with the pure rules of `domain.validation`;
`save_ticket` validates again inside its write transaction (with the earlier tickets
as they are now), so doubtful information is saved with status 'needs_info' and its
findings in the audit entry, never refused.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from clerk_tui.db.models import Customer, ProductModel, Ticket
from clerk_tui.domain.findings import Finding
from clerk_tui.domain.validation.rules import (
    validate_ticket,
    warranty_of,
)
from clerk_tui.services import audit
from clerk_tui.services.daylock import ensure_day_open
from clerk_tui.services.intake import consult as consult_service
from clerk_tui.services.intake.checks import MISUSE as MISUSE
from clerk_tui.services.intake.checks import (
    IntakeForm,
    IntakeReference,
    district_of,
    status_for,
    ticket_info,
)
from clerk_tui.services.intake.checks import check_form as check_form
from clerk_tui.services.intake.checks import info_of_ticket as info_of_ticket
from clerk_tui.services.intake.checks import load_reference as load_reference
from clerk_tui.services.intake.checks import outlet_prefix as outlet_prefix
from clerk_tui.services.intake.checks import stored_findings as stored_findings
from clerk_tui.services.intake.checks import warranty_now as warranty_now
from clerk_tui.services.intake.lookup import (  # noqa: F401 - re-exported for the screen
    HISTORY_LIMIT,
    History,
    HistoryRow,
    clean_text,
    customer_history,
    history_in,
    phone_forms,
    stored_phone,
)

SOURCES = ("phone", "center", "walkin")
SERVICE_TYPES = ("repair", "install", "maintenance", "consult")
_NON_DIGIT = re.compile(r"\D")


@dataclass(frozen=True)
class Saved:
    """The ticket as saved."""

    id: int
    ticket_no: str
    status: str
    warranty_status: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    callback_due: datetime | None = None  # a phone consultation's callback
    settled: bool = False  # the misuse hint was answered (consulted or refused)


# ---- saving ---------------------------------------------------------------------------


def next_ticket_no(s: Session, prefix: str, day: date) -> str:
    """prefix + yyyymmdd + the day's next 4-digit sequence (call inside the write transaction)."""
    head = f"{prefix}{day:%Y%m%d}"
    if s.get_bind().dialect.name == "postgresql":  # SQLite writers already hold the write lock
        s.execute(
            text("SELECT pg_advisory_xact_lock(727100, :k)"),
            {"k": zlib.crc32(head.encode()) & 0x7FFFFFFF},
        )
    nos = s.execute(
        select(col(Ticket.ticket_no)).where(
            col(Ticket.ticket_no) >= head + "0", col(Ticket.ticket_no) < head + ":"
        )
    ).scalars()
    seqs = [int(n[len(head) :]) for n in nos if n[len(head) :].isdigit()]
    return f"{head}{max(seqs, default=0) + 1:04d}"


def _customer(s: Session, form: IntakeForm, phone: str, district: str) -> int:
    name = form.customer_name.strip()
    found = s.execute(
        select(col(Customer.id))
        .where(col(Customer.phone) == phone[:32], col(Customer.name) == name[:100])
        .order_by(col(Customer.id))
        .limit(1)
    ).scalar_one_or_none()
    if found is not None:
        return found
    row = Customer(name=name[:100], phone=phone[:32], address=form.address[:300], district=district)
    s.add(row)
    s.flush()
    assert row.id is not None
    return row.id


def _insert(
    s: Session,
    form: IntakeForm,
    ref: IntakeReference,
    *,
    user,
    now: datetime,
    consult: str,
    consult_note: str,
) -> Saved:
    day = now.date()
    ensure_day_open(s, outlet_id=ref.outlet_id, day=day)
    prior = history_in(s, form.phone, HISTORY_LIMIT).prior if form.phone.strip() else ()
    ctx = ref.ctx.with_prior(prior)
    findings = validate_ticket(ticket_info(form, created_at=now), ctx)
    status = status_for(findings, misuse_settled=consult in ("consult", "refused"))
    if consult == "consult":
        status = "consult_only"
    phone = stored_phone(form.phone)
    district = district_of(form.address, ref.ctx.districts)
    model = ref.ctx.model(form.product_model)
    model_id = None
    if model is not None:
        model_id = s.execute(
            select(col(ProductModel.id)).where(col(ProductModel.model) == model.model)
        ).scalar()
    warranty = warranty_of(ticket_info(form), ref.ctx)
    ticket_no = next_ticket_no(s, ref.prefix, day)
    ticket = Ticket(
        ticket_no=ticket_no,
        outlet_id=ref.outlet_id,
        source=form.source,
        service_type=form.service_type,
        customer_id=_customer(s, form, phone, district),
        customer_name=form.customer_name.strip(),
        phone=phone,
        address=form.address.strip(),
        district=district,
        product_model=model.model if model is not None else form.product_model.strip(),
        model_id=model_id,
        serial_no=form.serial_no.strip(),
        purchase_date=form.purchase_date,
        symptom=form.symptom,
        requested_start=form.requested_start,
        requested_end=form.requested_end,
        status=status,
        owner_id=user.id,  # 首问负责: the clerk who takes the ticket owns it
        warranty_status=warranty,
        notes=form.notes,
        created_at=now,
        business_date=day,
    )
    s.add(ticket)
    s.flush()
    assert ticket.id is not None
    after = ticket.model_dump(exclude={"id", "version", "updated_at"})
    after["findings"] = [f.as_dict() for f in findings]
    audit.record(
        s,
        user=user.username,
        action="ticket.create",
        entity="ticket",
        entity_id=ticket_no,
        after=after,
        at=now,
    )
    due = None
    if consult:
        if consult == "consult":
            due = consult_service.record_consultation(
                s, ticket, user=user, note=consult_note, now=now, policy=ref.ctx.policy
            )
        else:
            consult_service.record_refusal(s, ticket, user=user, now=now, note=consult_note)
    return Saved(ticket.id, ticket_no, status, warranty, tuple(findings), due, bool(consult))


def save_ticket(
    db,
    form: IntakeForm,
    ref: IntakeReference,
    *,
    user,
    now: datetime,
    consult: str = "",
    consult_note: str = "",
) -> Saved:
    """Create the ticket (and its customer, audit entry, consultation) in one transaction.

    `consult`: '' (no decision), 'consult' (phone consultation given: consult_only and a
    callback), 'refused' (the customer wants the visit). Raises DayLocked on a signed-off day.
    """
    if consult not in ("", "consult", "refused"):
        raise ValueError(f"unknown consultation choice {consult!r}")
    for attempt in range(3):
        try:
            with db.session() as s:
                return _insert(
                    s, form, ref, user=user, now=now, consult=consult, consult_note=consult_note
                )
        except IntegrityError:  # another desk took the number between our read and insert
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
