"""Intake look-ups by phone: the stored form of a number, a customer's earlier tickets, clean text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from clerk_tui.db.models import ProductModel, Ticket
from clerk_tui.domain.validation.phone import check_phone, fold_width, phone_key
from clerk_tui.domain.validation.rules import PriorTicket

HISTORY_LIMIT = 30
_NON_DIGIT = re.compile(r"\D")


@dataclass(frozen=True)
class HistoryRow:
    """One earlier ticket of the same phone, as the form lists it."""

    id: int
    ticket_no: str
    created_at: datetime
    customer_name: str
    product_model: str
    status: str
    symptom: str


@dataclass(frozen=True)
class History:
    """A phone's earlier tickets (newest first) and their shape for the duplicate/repeat rules."""

    key: str
    rows: tuple[HistoryRow, ...] = ()
    prior: tuple[PriorTicket, ...] = ()


def stored_phone(raw: str) -> str:
    """The phone as stored: 13812345678 / 0532-88881234(转123) when valid, else as typed."""
    checked = check_phone(raw)
    if not checked.valid:
        return raw.strip()
    ext = f"转{checked.extension}" if checked.extension else ""
    if checked.e164.startswith("+86"):
        if checked.kind == "mobile":
            return checked.e164[3:] + ext
        digits = "0" + checked.e164[3:]
        area = checked.national.split(" ")[0]
        if checked.kind == "landline" and area.startswith("0") and digits.startswith(area):
            return f"{area}-{digits[len(area) :]}{ext}"
    return checked.e164 + ext


def phone_forms(raw: str) -> tuple[str, ...]:
    """The ways the same number may be stored on older tickets (to find them by index)."""
    folded = fold_width(raw or "").strip()
    forms = {raw.strip(), folded, _NON_DIGIT.sub("", folded)}
    checked = check_phone(raw)
    if checked.valid:
        stored = stored_phone(raw)
        forms |= {stored, checked.e164, checked.national, stored.replace("-", "")}
        if checked.e164.startswith("+86"):
            national = "".join(checked.national.split(" ")).split("ext.")[0]
            forms |= {national, "86" + national.lstrip("0"), "+86 " + checked.national}
    return tuple(sorted(f for f in forms if f))


def history_in(s: Session, phone: str, limit: int) -> History:
    key = phone_key(phone)
    if len(_NON_DIGIT.sub("", key)) < 5:
        return History(key)
    q = (
        select(
            col(Ticket.id),
            col(Ticket.ticket_no),
            col(Ticket.created_at),
            col(Ticket.customer_name),
            col(Ticket.product_model),
            col(Ticket.status),
            col(Ticket.symptom),
            col(Ticket.service_type),
            col(Ticket.phone),
            col(ProductModel.category),
        )
        .outerjoin(ProductModel, col(ProductModel.id) == col(Ticket.model_id))
        .where(col(Ticket.phone).in_(phone_forms(phone)))
        .order_by(col(Ticket.id).desc())
        .limit(limit * 4)
    )
    rows = [r for r in s.execute(q) if phone_key(r.phone) == key][:limit]
    return History(
        key,
        tuple(
            HistoryRow(
                r.id,
                r.ticket_no,
                r.created_at,
                r.customer_name,
                r.product_model,
                r.status,
                r.symptom,
            )
            for r in rows
        ),
        tuple(
            PriorTicket(
                r.ticket_no,
                r.product_model,
                r.category or "",
                r.status,
                r.created_at,
                r.service_type,
            )
            for r in rows
        ),
    )


def customer_history(db, phone: str, *, limit: int = HISTORY_LIMIT) -> History:
    """The newest earlier tickets of this phone (any stored form of it); empty for a stub."""
    with db.read() as s:
        return history_in(s, phone, limit)


def clean_text(value: str) -> str:
    """Text as typed without control characters (tabs and line breaks become spaces)."""
    if value.isprintable():
        return value
    out = []
    for ch in value:
        if ch in "\t\r\n\v\f\x85\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc" or ch in "\u202e\u202d\u202a\u202b\u202c\ufeff":
            continue
        else:
            out.append(ch)
    return "".join(out)
