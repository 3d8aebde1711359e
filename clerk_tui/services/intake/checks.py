"""The intake form as typed, what it is checked against, and its findings, warranty and status."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from clerk_tui.db.models import Outlet, ProductModel, Ticket, TravelTime
from clerk_tui.domain.findings import Finding
from clerk_tui.domain.validation.address import district_pattern, normalise_address
from clerk_tui.domain.validation.rules import (
    ModelInfo,
    PriorTicket,
    TicketInfo,
    ValidationContext,
    validate_ticket,
    warranty_of,
)
from clerk_tui.services.intake.lookup import HISTORY_LIMIT, history_in
from clerk_tui.services.reference import load_policy, misuse_keywords

MISUSE = "likely_misuse"


@dataclass(frozen=True)
class IntakeForm:
    """What the clerk typed, with dates and times already parsed (text fields as typed)."""

    customer_name: str = ""
    phone: str = ""
    address: str = ""
    product_model: str = ""
    serial_no: str = ""
    purchase_date: date | None = None
    symptom: str = ""
    requested_start: datetime | None = None
    requested_end: datetime | None = None
    service_type: str = "repair"
    source: str = "phone"
    notes: str = ""

    def is_empty(self) -> bool:
        return not any(
            v.strip()
            for v in (
                self.customer_name,
                self.phone,
                self.address,
                self.product_model,
                self.symptom,
            )
        )


@dataclass(frozen=True)
class IntakeReference:
    """What the form checks against, loaded once when the screen opens."""

    ctx: ValidationContext
    models: tuple[str, ...]  # catalog model names, for completion
    prefix: str  # ticket number prefix of the outlet (QD)
    outlet_id: int | None


def ticket_info(
    form: IntakeForm,
    *,
    ticket_no: str = "",
    status: str = "new",
    created_at: datetime | None = None,
) -> TicketInfo:
    return TicketInfo(
        ticket_no=ticket_no,
        customer_name=form.customer_name,
        phone=form.phone,
        address=form.address,
        product_model=form.product_model,
        serial_no=form.serial_no,
        purchase_date=form.purchase_date,
        symptom=form.symptom,
        requested_start=form.requested_start,
        requested_end=form.requested_end,
        service_type=form.service_type,
        status=status,
        created_at=created_at,
        source=form.source,
    )


def info_of_ticket(tk: Ticket) -> TicketInfo:
    """A stored ticket as the rules read it."""
    return TicketInfo(
        ticket_no=tk.ticket_no,
        customer_name=tk.customer_name,
        phone=tk.phone,
        address=tk.address,
        product_model=tk.product_model,
        serial_no=tk.serial_no,
        purchase_date=tk.purchase_date,
        symptom=tk.symptom,
        requested_start=tk.requested_start,
        requested_end=tk.requested_end,
        service_type=tk.service_type,
        status=tk.status,
        created_at=tk.created_at,
        source=tk.source,
        part_needed=tk.part_needed,
        part_in_stock=tk.part_in_stock,
    )


def stored_findings(s: Session, tk: Ticket, ref: IntakeReference) -> list[Finding]:
    """The findings on a stored ticket now (its phone's other tickets read in `s`)."""
    prior = history_in(s, tk.phone, HISTORY_LIMIT).prior if tk.phone.strip() else ()
    return validate_ticket(info_of_ticket(tk), ref.ctx.with_prior(prior))


def check_form(
    form: IntakeForm, ref: IntakeReference, prior: tuple[PriorTicket, ...] = ()
) -> list[Finding]:
    """Every finding on the form as typed, most severe first."""
    return validate_ticket(ticket_info(form), ref.ctx.with_prior(prior))


def warranty_now(form: IntakeForm, ref: IntakeReference) -> str:
    return warranty_of(ticket_info(form), ref.ctx)


def status_for(findings: list[Finding] | tuple[Finding, ...], *, misuse_settled: bool) -> str:
    """'needs_info' while a finding is open (a misuse hint counts until consulted or refused)."""
    open_ = [f for f in findings if not (misuse_settled and f.kind == MISUSE)]
    return "needs_info" if open_ else "ready"


def district_of(address: str, districts: frozenset[str]) -> str:
    """The outlet district named in `address` ('' when none), spelt as in the travel table."""
    pattern = district_pattern(districts)
    m = pattern.search(normalise_address(address)) if pattern is not None else None
    if m is None:
        return ""
    found = m.group(0)
    return next((d for d in sorted(districts) if d == found or d[:-1] == found), found)


_DEFAULT_PREFIX = "T"
_PREFIX = re.compile(r"[A-Za-z]+")


def outlet_prefix(code: str) -> str:
    """The ticket number prefix of an outlet code: its leading letters (QD-LS01 → QD)."""
    m = _PREFIX.match(code or "")
    return m.group(0).upper() if m else _DEFAULT_PREFIX


def load_reference(db, *, today: date, outlet_id: int | None) -> IntakeReference:
    """Catalog, districts of the travel table, policy, misuse keywords and the number prefix."""
    with db.read() as s:
        catalog = {
            m.model: ModelInfo(
                m.model,
                m.category,
                m.whole_warranty_months,
                m.parts_warranty_months,
                m.release_date,
            )
            for m in s.execute(select(ProductModel)).scalars()
        }
        districts = set(s.execute(select(col(TravelTime.from_district)).distinct()).scalars())
        districts |= set(s.execute(select(col(TravelTime.to_district)).distinct()).scalars())
        if outlet_id is None:
            outlet_id = s.execute(select(func.min(Outlet.id))).scalar_one_or_none()
        code = s.get(Outlet, outlet_id).code if outlet_id is not None else ""
    ctx = ValidationContext(
        today=today,
        catalog=catalog,
        policy=load_policy(db),
        misuse_keywords=misuse_keywords(),
        districts=frozenset(districts),
    )
    return IntakeReference(ctx, tuple(sorted(catalog)), outlet_prefix(code), outlet_id)
