"""Earlier tickets of the same phones, for the duplicate and repeat-repair checks: one query.

A phone is stored as typed on imported tickets and normalised on tickets taken in at
the desk, so each phone is looked up in the forms it is likely stored in (index hits,
no full scan), passed as one JSON array (SQLite) or one array (PostgreSQL).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ARRAY, String, and_, any_, bindparam, func, or_, select
from sqlmodel import Session, col

from clerk_tui.db.models import Ticket
from clerk_tui.domain.states import OPEN_STATES
from clerk_tui.domain.validation.phone import check_phone, fold_width
from clerk_tui.domain.validation.rules import PriorTicket, ValidationContext

OPEN = tuple(sorted(OPEN_STATES))
_CHUNK = 5000  # bound parameters per IN list elsewhere (SQLite allows 32766)
_NON_DIGIT = re.compile(r"\D")


def phone_variants(raw: str) -> set[str]:
    """The ways the same phone is likely stored: as typed, bare digits, national, +86, 0532-xxx."""
    out = {raw} if raw else set()
    digits = _NON_DIGIT.sub("", fold_width(raw or ""))
    if not digits:
        return out
    national = digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
    out |= {digits, national, "+86" + national}
    checked = check_phone(raw)
    if checked.valid:
        out.add(checked.e164)
        area, *local = checked.national.split(" ")
        if local and area.startswith("0"):
            out.add(f"{area}-{''.join(p for p in local if p.isdigit())}")
    return out


def _value_lists(dialect: str, values: list[str]):
    """`Ticket.phone` among `values` as few statements with few parameters: one JSON array
    on SQLite (json_each), one array on PostgreSQL (= ANY), else IN lists of _CHUNK."""
    if not values:
        return
    if dialect == "sqlite":
        table = func.json_each(bindparam("phones", json.dumps(values))).table_valued("value")
        yield col(Ticket.phone).in_(select(table.c.value))
    elif dialect == "postgresql":
        yield Ticket.phone == any_(bindparam("phones", values, type_=ARRAY(String)))
    else:
        for i in range(0, len(values), _CHUNK):
            yield values[i : i + _CHUNK]


def priors_by_key(
    s: Session,
    keys: dict[str, str],
    since: datetime,
    ctx: ValidationContext,
    open_rows: Sequence | None = None,
) -> dict[str, list[PriorTicket]]:
    """Earlier (or other open) tickets of these phones (raw phone → phone_key), by phone_key.

    `open_rows`: every open ticket, already read; then only the closed ones are queried."""
    by_variant: dict[str, str] = {}
    for raw, key in keys.items():
        for form in phone_variants(raw):
            by_variant.setdefault(form, key)
    cols = (
        col(Ticket.phone),
        col(Ticket.ticket_no),
        col(Ticket.product_model),
        col(Ticket.status),
        col(Ticket.created_at),
        col(Ticket.service_type),
    )
    recent = or_(col(Ticket.status).in_(OPEN), col(Ticket.created_at) >= since)
    grouped: dict[str, list[PriorTicket]] = defaultdict(list)
    conn = s.connection()
    categories: dict[str, str] = {}
    if open_rows is not None:
        recent = and_(col(Ticket.status).not_in(OPEN), col(Ticket.created_at) >= since)
        for r in open_rows:
            if r.phone:
                info = ctx.model(r.product_model)
                grouped[keys[r.phone]].append(
                    PriorTicket(
                        r.ticket_no,
                        r.product_model,
                        info.category if info else "",
                        r.status,
                        r.created_at,
                        r.service_type,
                    )
                )
    for batch in _value_lists(conn.dialect.name, sorted(by_variant)):
        q = select(*cols).where(
            col(Ticket.phone).in_(batch) if isinstance(batch, list) else batch, recent
        )
        for phone, no, model, status, created, service in conn.execute(q):
            category = categories.get(model)
            if category is None:
                info = ctx.model(model)
                category = categories[model] = info.category if info else ""
            grouped[by_variant[phone]].append(
                PriorTicket(no, model, category, status, created, service)
            )
    return grouped
