"""Ticket validation over the database [H 一.1–2]: one context, four queries, findings per open ticket.

The rules are the pure ones of `clerk_tui.domain.validation.rules`; here they get what they
read: the catalog, policy, misuse keywords and districts (once), the open tickets (one
query), the earlier tickets of their phones (one query), whether the dispatcher was
already asked (the contact log) and the problems confirmed as given (finding_waiver).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlmodel import Session, col

from clerk_tui.db.models import Contact, Engineer, FindingWaiver, ProductModel, Ticket, TravelTime
from clerk_tui.domain.findings import SEVERITY_ORDER, Finding
from clerk_tui.domain.validation.phone import phone_key
from clerk_tui.domain.validation.rules import (
    ModelInfo,
    TicketInfo,
    ValidationContext,
    validate_ticket,
)
from clerk_tui.services.database import Database
from clerk_tui.services.reference import load_policy, misuse_keywords
from clerk_tui.services.validation.parts import (
    PART_REQUESTED,
    PartRow,
    count_parts_to_requisition,
    parts_to_requisition,
)
from clerk_tui.services.validation.priors import OPEN, phone_variants, priors_by_key

CONSULT_REFUSED = "consult_refused"
"""Contact.outcome when the customer refused the phone consultation (services.consult): the
visit goes ahead, so the misuse hint is settled [H 一.3(3)]."""

_TICKET_COLUMNS = (
    col(Ticket.id),
    col(Ticket.ticket_no),
    col(Ticket.outlet_id),
    col(Ticket.business_date),
    col(Ticket.version),
    col(Ticket.customer_name),
    col(Ticket.phone),
    col(Ticket.address),
    col(Ticket.product_model),
    col(Ticket.serial_no),
    col(Ticket.purchase_date),
    col(Ticket.symptom),
    col(Ticket.requested_start),
    col(Ticket.requested_end),
    col(Ticket.service_type),
    col(Ticket.status),
    col(Ticket.created_at),
    col(Ticket.source),
    col(Ticket.part_needed),
    col(Ticket.part_in_stock),
)


@dataclass(frozen=True)
class CheckedTicket:
    """An open ticket as validated: its information, its problems, and where its checks stand."""

    id: int
    outlet_id: int | None
    business_date: date
    version: int
    info: TicketInfo
    findings: tuple[Finding, ...]
    part_requested: bool = False

    @property
    def ticket_no(self) -> str:
        return self.info.ticket_no

    @property
    def worst(self) -> str:
        """The most severe problem's severity ('' when there is none)."""
        return self.findings[0].severity if self.findings else ""

    @property
    def next_step(self) -> str:
        """What to do first: the most severe problem's next step."""
        return self.findings[0].next_step if self.findings else ""

    def urgency(self) -> tuple:
        """Sort key: worst severity, then how many problems of each severity, then the oldest."""
        counts = [0, 0, 0]
        for f in self.findings:
            counts[SEVERITY_ORDER.get(f.severity, 2)] += 1
        created = self.info.created_at or datetime.min
        return (SEVERITY_ORDER.get(self.worst, 9), -counts[0], -counts[1], created, self.id)


def finding_subject(finding: Finding, info: TicketInfo) -> str:
    """The value a problem is about, as a waiver records it: the other ticket, or the field's value."""
    if finding.with_ticket_no:
        return finding.with_ticket_no
    name = finding.field
    if name == "requested_window":
        return f"{info.requested_start or ''}|{info.requested_end or ''}"
    if name == "part_needed":
        return f"{info.part_needed}|{info.part_in_stock}"
    value = getattr(info, name, "") if name else ""
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


# ---- context --------------------------------------------------------------------------


def _districts(s: Session) -> frozenset[str]:
    names: set[str] = set()
    for a, b in s.execute(select(col(TravelTime.from_district), col(TravelTime.to_district))):
        names.update((a, b))
    names.update(s.execute(select(col(Engineer.base_district)).distinct()).scalars())
    return frozenset(n for n in names if n)


def load_context(db: Database, today: date) -> ValidationContext:
    """Everything the rules read besides the tickets (catalog, policy, misuse words, districts)."""
    with db.read() as s:
        catalog = {
            m: ModelInfo(m, c or "", w, p, r)
            for m, c, w, p, r in s.execute(
                select(
                    col(ProductModel.model),
                    col(ProductModel.category),
                    col(ProductModel.whole_warranty_months),
                    col(ProductModel.parts_warranty_months),
                    col(ProductModel.release_date),
                )
            )
        }
        districts = _districts(s)
    return ValidationContext(
        today=today,
        catalog=catalog,
        policy=load_policy(db),
        misuse_keywords=misuse_keywords(),
        districts=districts,
    )


# ---- the open tickets and what the rules need about them -------------------------------


def _filter(
    *, day: date | None, ticket_ids: Sequence[int] | None, open_only: bool = True
) -> ColumnElement[bool]:
    conds: list[ColumnElement[bool]] = []
    if open_only:
        conds.append(col(Ticket.status).in_(OPEN))
    if day is not None:
        start = datetime.combine(day, time.min)
        conds += [
            col(Ticket.created_at) >= start,
            col(Ticket.created_at) < start + timedelta(days=1),
        ]
    if ticket_ids is not None:
        conds.append(col(Ticket.id).in_(list(ticket_ids)))
    return and_(*conds)


@dataclass
class _Facts:
    """What the contact log says about the tickets being checked."""

    asked: set[int]  # the dispatcher was already asked
    requested: set[int]  # the needed part was requisitioned
    refused: set[int]  # the customer refused the phone consultation


def _contact_facts(s: Session, subq) -> _Facts:
    facts = _Facts(set(), set(), set())
    wanted = (PART_REQUESTED, CONSULT_REFUSED)
    q = (
        select(col(Contact.ticket_id), col(Contact.party), col(Contact.outcome))
        .where(col(Contact.ticket_id).in_(subq))
        .where(or_(col(Contact.party) == "dispatcher", col(Contact.outcome).in_(wanted)))
        .distinct()
    )
    for ticket_id, party, outcome in s.connection().execute(q):
        if party == "dispatcher":
            facts.asked.add(ticket_id)
        if outcome == PART_REQUESTED:
            facts.requested.add(ticket_id)
        elif outcome == CONSULT_REFUSED:
            facts.refused.add(ticket_id)
    return facts


def _waivers(s: Session, subq) -> set[tuple[int, str, str, str]]:
    q = select(
        col(FindingWaiver.ticket_id),
        col(FindingWaiver.kind),
        col(FindingWaiver.field),
        col(FindingWaiver.subject),
    ).where(col(FindingWaiver.ticket_id).in_(subq))
    return {(t, kind, field, subject) for t, kind, field, subject in s.connection().execute(q)}


def _info(r, dispatcher_checked: bool) -> TicketInfo:
    return TicketInfo(
        ticket_no=r.ticket_no,
        customer_name=r.customer_name or "",
        phone=r.phone or "",
        address=r.address or "",
        product_model=r.product_model or "",
        serial_no=r.serial_no or "",
        purchase_date=r.purchase_date,
        symptom=r.symptom or "",
        requested_start=r.requested_start,
        requested_end=r.requested_end,
        service_type=r.service_type,
        status=r.status,
        created_at=r.created_at,
        source=r.source,
        part_needed=r.part_needed or "",
        part_in_stock=r.part_in_stock,
        dispatcher_checked=dispatcher_checked,
    )


def check_in_session(
    s: Session,
    ctx: ValidationContext,
    *,
    day: date | None = None,
    ticket_ids: Sequence[int] | None = None,
    open_only: bool = True,
) -> list[CheckedTicket]:
    """Validate the open tickets (of `day`, or these ids) inside an existing session."""
    where = _filter(day=day, ticket_ids=ticket_ids, open_only=open_only)
    rows = (
        s.connection().execute(select(*_TICKET_COLUMNS).where(where).order_by(col(Ticket.id))).all()
    )
    if not rows:
        return []
    subq = select(col(Ticket.id)).where(where).scalar_subquery()
    facts = _contact_facts(s, subq)
    waived = _waivers(s, subq)
    oldest = min(r.created_at for r in rows)
    since = datetime.combine(oldest.date(), time.min) - timedelta(
        days=ctx.policy.repeat_repair_days
    )
    keys = {r.phone: phone_key(r.phone) for r in rows if r.phone}
    every_open = open_only and day is None and ticket_ids is None
    priors = priors_by_key(s, keys, since, ctx, rows if every_open else None)
    out: list[CheckedTicket] = []
    for r in rows:
        info = _info(r, r.id in facts.asked)
        key = keys.get(info.phone, "")
        here = ctx.with_prior(priors.get(key, ()) if key else ())
        refused = r.id in facts.refused
        findings = tuple(
            f
            for f in validate_ticket(info, here)
            if (r.id, f.kind, f.field, finding_subject(f, info)) not in waived
            and not (refused and f.kind == "likely_misuse")
        )
        out.append(
            CheckedTicket(
                r.id,
                r.outlet_id,
                r.business_date,
                r.version,
                info,
                findings,
                r.id in facts.requested,
            )
        )
    return out


def check_tickets(
    db: Database,
    *,
    today: date,
    day: date | None = None,
    ticket_ids: Sequence[int] | None = None,
    ctx: ValidationContext | None = None,
) -> list[CheckedTicket]:
    """Every open ticket (or those created on `day`, or these ids), validated; with or without problems."""
    ctx = ctx or load_context(db, today)
    with db.read() as s:
        return check_in_session(s, ctx, day=day, ticket_ids=ticket_ids)


def validate_problems(db: Database, *, today: date, day: date | None = None) -> list[Finding]:
    """The `validate` command's problems: most severe first, then by ticket, kind and field."""
    findings = [f for c in check_tickets(db, today=today, day=day) for f in c.findings]
    findings.sort(key=Finding.sort_key)
    return findings


@dataclass(frozen=True)
class Queue:
    """The validation queue: tickets with problems, most urgent first (`shown` of them)."""

    tickets: list[CheckedTicket]
    total: int
    by_severity: dict[str, int]
    parts_to_requisition: int


def validation_queue(db: Database, *, today: date, limit: int = 500) -> Queue:
    """The tickets with problems, most urgent first, at most `limit` of them."""
    checked = [c for c in check_tickets(db, today=today) if c.findings]
    checked.sort(key=CheckedTicket.urgency)
    by_severity = {"high": 0, "medium": 0, "low": 0}
    for c in checked:
        by_severity[c.worst] = by_severity.get(c.worst, 0) + 1
    parts = sum(1 for c in checked if _needs_requisition(c))
    return Queue(checked[:limit], len(checked), by_severity, parts)


# ---- parts (备件) -----------------------------------------------------------------------


def _needs_requisition(c: CheckedTicket) -> bool:
    return any(f.kind == "part_unavailable" for f in c.findings) and not c.part_requested


__all__ = [
    "PART_REQUESTED",
    "CONSULT_REFUSED",
    "CheckedTicket",
    "PartRow",
    "Queue",
    "check_in_session",
    "check_tickets",
    "count_parts_to_requisition",
    "finding_subject",
    "load_context",
    "parts_to_requisition",
    "phone_variants",
    "validate_problems",
    "validation_queue",
]
