"""Ticket list, search and detail for the tickets screen and the command palette."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from clerk_tui.db import queries as q
from clerk_tui.services.tickets.timeline import TimelineEntry, build_timeline


@dataclass(frozen=True)
class TicketFilter:
    """What the list shows: empty fields mean "any"."""

    statuses: tuple[str, ...] = ()
    engineer_id: int | None = None
    source: str | None = None
    business_date: date | None = None
    text: str = ""  # ticket no., phone (or its last digits), name, address fragment


@dataclass(frozen=True)
class TicketRow:
    id: int
    ticket_no: str
    status: str
    source: str
    service_type: str
    customer_name: str
    phone: str
    address: str
    product_model: str
    engineer_name: str
    created_at: datetime
    business_date: date


@dataclass(frozen=True)
class Page:
    rows: list[TicketRow]
    has_next: bool  # older tickets exist beyond the last row
    has_prev: bool  # newer tickets exist before the first row


@dataclass(frozen=True)
class TicketDetail:
    id: int
    ticket_no: str
    status: str
    source: str
    service_type: str
    customer_name: str
    phone: str
    address: str
    district: str
    product_model: str
    product_category: str  # '' when the model is not in the catalog
    serial_no: str
    purchase_date: date | None
    symptom: str
    requested_start: datetime | None
    requested_end: datetime | None
    warranty_status: str
    engineer_name: str
    engineer_code: str
    owner_name: str
    pull_back: bool
    loaner: bool
    part_needed: str
    part_in_stock: bool | None
    notes: str
    value_add: str
    created_at: datetime
    updated_at: datetime | None
    business_date: date
    version: int
    timeline: list[TimelineEntry] = field(default_factory=list)


_PHONE_CHARS = re.compile(r"^[+\d\s\-().]+$")


def search_variants(text: str) -> tuple[str, ...]:
    """The forms of a searched text to look for: as typed, and a phone as bare digits.

    Full-width characters are folded (１３８ → 138); a phone typed with spaces,
    dashes or +86 is also searched as its digits without the country code.
    """
    raw = text.strip()
    if not raw:
        return ()
    folded = unicodedata.normalize("NFKC", raw).strip()
    variants = [raw, folded]
    if _PHONE_CHARS.match(folded) and any(c.isdigit() for c in folded):
        digits = re.sub(r"\D", "", folded)
        for prefix in ("0086", "86"):
            if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
                digits = digits[len(prefix) :]
        variants.insert(0, digits)
    return tuple(dict.fromkeys(v for v in variants if v))


def _row(r) -> TicketRow:
    return TicketRow(
        id=r.id,
        ticket_no=r.ticket_no,
        status=r.status,
        source=r.source,
        service_type=r.service_type,
        customer_name=r.customer_name,
        phone=r.phone,
        address=r.address,
        product_model=r.product_model,
        engineer_name=r.engineer_name or "",
        created_at=r.created_at,
        business_date=r.business_date,
    )


def list_tickets(
    db,
    *,
    filt: TicketFilter = TicketFilter(),
    after_id: int | None = None,
    before_id: int | None = None,
    limit: int = 100,
) -> Page:
    """One page of tickets, newest first; `after_id` = last row shown, `before_id` = first row shown."""
    with db.read() as s:
        rows = q.ticket_page(
            s,
            statuses=filt.statuses,
            engineer_id=filt.engineer_id,
            source=filt.source,
            business_date=filt.business_date,
            search=search_variants(filt.text),
            after_id=after_id,
            before_id=before_id if after_id is None else None,
            limit=limit + 1,
        )
    more = len(rows) > limit
    rows = rows[:limit]
    if before_id is not None and after_id is None:
        rows.reverse()
        return Page([_row(r) for r in rows], has_next=True, has_prev=more)
    return Page([_row(r) for r in rows], has_next=more, has_prev=after_id is not None)


def find_by_ticket_no(db, ticket_no: str) -> int | None:
    """The id of the ticket with this number (spaces and full-width forms ignored)."""
    value = unicodedata.normalize("NFKC", ticket_no).strip()
    if not value:
        return None
    with db.read() as s:
        found = q.ticket_id_by_no(s, ticket_no=value)
        if found is None and value.upper() != value:
            found = q.ticket_id_by_no(s, ticket_no=value.upper())
    return found


def quick_search(db, text: str, limit: int = 8) -> list[TicketRow]:
    """Tickets for the command palette: an exact ticket number first, then the newest matches."""
    if not text.strip():
        return []
    exact = find_by_ticket_no(db, text)
    rows: list[TicketRow] = []
    if exact is not None:
        with db.read() as s:
            rows = [_row(r) for r in q.ticket_rows_by_ids(s, ids=[exact])]
    page = list_tickets(db, filt=TicketFilter(text=text), limit=limit)
    rows += [r for r in page.rows if r.id != exact]
    return rows[:limit]


def ticket_detail(db, ticket_id: int) -> TicketDetail | None:
    """Everything a clerk needs about one ticket, with its timeline; None if it does not exist."""
    with db.read() as s:
        found = q.ticket_with_names(s, ticket_id=ticket_id)
        if found is None:
            return None
        tk, eng_name, eng_code, owner_name, category = found
        history = q.ticket_history(s, ticket_id=tk.id, ticket_no=tk.ticket_no)
    return TicketDetail(
        id=tk.id,
        ticket_no=tk.ticket_no,
        status=tk.status,
        source=tk.source,
        service_type=tk.service_type,
        customer_name=tk.customer_name,
        phone=tk.phone,
        address=tk.address,
        district=tk.district,
        product_model=tk.product_model,
        product_category=category or "",
        serial_no=tk.serial_no,
        purchase_date=tk.purchase_date,
        symptom=tk.symptom,
        requested_start=tk.requested_start,
        requested_end=tk.requested_end,
        warranty_status=tk.warranty_status,
        engineer_name=eng_name or "",
        engineer_code=eng_code or "",
        owner_name=owner_name or "",
        pull_back=tk.pull_back,
        loaner=tk.loaner,
        part_needed=tk.part_needed,
        part_in_stock=tk.part_in_stock,
        notes=tk.notes,
        value_add=tk.value_add,
        created_at=tk.created_at,
        updated_at=tk.updated_at,
        business_date=tk.business_date,
        version=tk.version,
        timeline=build_timeline(tk, owner_name or "", history),
    )


__all__ = [
    "Page",
    "TicketDetail",
    "TicketFilter",
    "TicketRow",
    "TimelineEntry",
    "find_by_ticket_no",
    "list_tickets",
    "quick_search",
    "search_variants",
    "ticket_detail",
]
