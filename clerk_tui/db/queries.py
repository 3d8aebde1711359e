"""Ticket list, search and detail queries: keyword-only functions over a Session, paged by key.

Lists are newest first and page by `id` (keyset), never OFFSET. Text search uses the
SQLite FTS5 trigram table `ticket_fts` (candidates from trigrams, checked with LIKE on
the ticket's own columns), or ILIKE backed by pg_trgm GIN indexes on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    SQLColumnExpression,
    and_,
    column,
    false,
    func,
    or_,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from clerk_tui.db.models import (
    TICKET_STATES,
    Appointment,
    Callback,
    Contact,
    Customer,
    Engineer,
    Flag,
    ProductModel,
    SupervisionCard,
    Ticket,
    User,
    WarrantySlip,
)

SHORT_WINDOW = 20_000
"""Searches of 1–2 characters (too short for trigrams) look at the newest this many tickets."""

MAX_TRIGRAMS = 8
"""Trigrams used to find candidates; every candidate is then checked with LIKE."""

_fts = table("ticket_fts", column("rowid", Integer))

LIST_COLUMNS: tuple[SQLColumnExpression[Any], ...] = (
    col(Ticket.id),
    col(Ticket.ticket_no),
    col(Ticket.status),
    col(Ticket.source),
    col(Ticket.service_type),
    col(Ticket.customer_name),
    col(Ticket.phone),
    col(Ticket.address),
    col(Ticket.product_model),
    col(Engineer.name).label("engineer_name"),
    col(Ticket.created_at),
    col(Ticket.business_date),
)
SEARCHED = (
    col(Ticket.ticket_no),
    col(Ticket.customer_name),
    col(Ticket.phone),
    col(Ticket.address),
)


def like_pattern(value: str) -> str:
    """`%value%` with LIKE's wildcards and the escape character taken literally."""
    esc = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def trigram_query(value: str) -> str:
    """An FTS5 MATCH expression requiring (up to MAX_TRIGRAMS of) the trigrams of `value`.

    Each trigram is an FTS5 string ("" escapes a quote), so user text is never syntax.
    The table has detail='none', so phrases of several trigrams are not available; the
    LIKE check on the ticket's columns makes the match exact.
    """
    grams = list(dict.fromkeys(value[i : i + 3] for i in range(len(value) - 2)))
    if len(grams) > MAX_TRIGRAMS:
        step = (len(grams) - 1) / (MAX_TRIGRAMS - 1)
        grams = [grams[round(i * step)] for i in range(MAX_TRIGRAMS)]
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def _filters(
    *, engineer_id: int | None, source: str | None, business_date: date | None
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if engineer_id is not None:
        conds.append(col(Ticket.engineer_id) == engineer_id)
    if source:
        conds.append(col(Ticket.source) == source)
    if business_date is not None:
        conds.append(col(Ticket.business_date) == business_date)
    return conds


def _contains_any(variants: Sequence[str], *, ilike: bool) -> ColumnElement[bool]:
    terms = []
    for v in variants:
        pat = like_pattern(v)
        for searched in SEARCHED:
            terms.append(
                searched.ilike(pat, escape="\\") if ilike else searched.like(pat, escape="\\")
            )
    return or_(*terms)


def ticket_page(
    s: Session,
    *,
    statuses: Sequence[str] = (),
    engineer_id: int | None = None,
    source: str | None = None,
    business_date: date | None = None,
    search: Sequence[str] = (),
    after_id: int | None = None,
    before_id: int | None = None,
    limit: int = 100,
) -> list:
    """Up to `limit` rows of LIST_COLUMNS, newest first, or oldest first when `before_id` is given.

    `search` holds the variants of the searched text (e.g. a phone as typed and as
    digits); a ticket matches when any variant is inside its number, name, phone or
    address. `after_id` pages towards older tickets, `before_id` towards newer ones.
    """
    variants = [v for v in search if v]
    sqlite = s.get_bind().dialect.name == "sqlite"
    use_fts = bool(sqlite and variants and all(len(v) >= 3 for v in variants))
    key = _fts.c.rowid if use_fts else col(Ticket.id)
    conds = _filters(engineer_id=engineer_id, source=source, business_date=business_date)
    if variants:
        contains = _contains_any(variants, ilike=not sqlite)
        if sqlite and not use_fts:
            # Too short for trigrams: look only at the newest SHORT_WINDOW tickets,
            # but always find a ticket by its exact number.
            floor = (s.execute(select(func.max(Ticket.id))).scalar() or 0) - SHORT_WINDOW
            contains = and_(col(Ticket.id) > floor, contains)
            exact = list(
                s.execute(
                    select(col(Ticket.id)).where(col(Ticket.ticket_no).in_(variants))
                ).scalars()
            )
            # A short query may be a whole name (张伟): find that customer's tickets of any age.
            named = select(col(Customer.id)).where(col(Customer.name).in_(variants))
            exact += s.execute(
                select(col(Ticket.id))
                .where(col(Ticket.customer_id).in_(named), col(Ticket.id) <= floor)
                .order_by(col(Ticket.id).desc())
                .limit(SHORT_WINDOW // 10)
            ).scalars()
            older = [i for i in exact if i <= floor]
            if older:  # a rowid OR: SQLite still walks the key range, not the table
                contains = or_(contains, col(Ticket.id).in_(older))
        elif not sqlite:
            contains = or_(contains, col(Ticket.ticket_no).in_(variants))
        conds.append(contains)
    if before_id is not None:
        conds.append(key > before_id)
        order = key.asc()
    else:
        if after_id is not None:
            conds.append(key < after_id)
        order = key.desc()

    stmt = select(*LIST_COLUMNS)
    if use_fts:
        match = " OR ".join(f"({trigram_query(v)})" for v in variants)
        stmt = stmt.select_from(_fts.join(Ticket, col(Ticket.id) == _fts.c.rowid)).where(
            text("ticket_fts MATCH :fts_q").bindparams(fts_q=match)
        )
    elif len(statuses) > 1 or (engineer_id is not None and not statuses):
        # One index walk per status over (status, id) or (engineer_id, status, id),
        # merged: no sort of every match (an engineer has thousands of tickets).
        statuses = statuses or TICKET_STATES
        parts = []
        for st in dict.fromkeys(statuses):
            one = select(col(Ticket.id)).where(col(Ticket.status) == st, *conds).order_by(order)
            sub = one.limit(limit).subquery()
            parts.append(select(sub.c.id))
        ids = union_all(*parts).subquery()
        stmt = stmt.select_from(Ticket).join(ids, ids.c.id == Ticket.id)
    else:
        stmt = stmt.select_from(Ticket)
    if statuses:
        conds.append(col(Ticket.status).in_(list(statuses)))
    stmt = stmt.outerjoin(Engineer, col(Engineer.id) == col(Ticket.engineer_id)).where(*conds)
    return list(s.execute(stmt.order_by(order).limit(limit)).all())


def ticket_rows_by_ids(s: Session, *, ids: Sequence[int]) -> list:
    """LIST_COLUMNS for the given ticket ids (any order)."""
    if not ids:
        return []
    stmt = (
        select(*LIST_COLUMNS)
        .select_from(Ticket)
        .outerjoin(Engineer, col(Engineer.id) == col(Ticket.engineer_id))
        .where(col(Ticket.id).in_(list(ids)))
    )
    return list(s.execute(stmt).all())


def ticket_id_by_no(s: Session, *, ticket_no: str) -> int | None:
    """The id of the ticket with exactly this number, or None."""
    return s.execute(select(col(Ticket.id)).where(col(Ticket.ticket_no) == ticket_no)).scalar()


def ticket_with_names(s: Session, *, ticket_id: int):
    """(Ticket, engineer name, engineer code, owner display name, product category) or None."""
    owner = aliased(User)
    stmt = (
        select(
            Ticket,
            col(Engineer.name),
            col(Engineer.code),
            col(owner.display_name),
            col(owner.username),
        )
        .outerjoin(Engineer, col(Engineer.id) == col(Ticket.engineer_id))
        .outerjoin(owner, col(owner.id) == col(Ticket.owner_id))
        .where(col(Ticket.id) == ticket_id)
    )
    row = s.execute(stmt).first()
    if row is None:
        return None
    ticket = row[0]
    category = None
    if ticket.model_id is not None:
        category = s.execute(
            select(col(ProductModel.category)).where(col(ProductModel.id) == ticket.model_id)
        ).scalar()
    if category is None and ticket.product_model:
        category = s.execute(
            select(col(ProductModel.category)).where(
                col(ProductModel.model) == ticket.product_model
            )
        ).scalar()
    return ticket, row[1], row[2], row[3] or row[4], category


def ticket_history(s: Session, *, ticket_id: int, ticket_no: str) -> dict[str, list]:
    """Everything that happened to one ticket, by kind (rows with the names they need)."""
    by_ticket = or_(
        col(SupervisionCard.ticket_id) == ticket_id, col(SupervisionCard.ticket_no) == ticket_no
    )
    slip_by = or_(
        col(WarrantySlip.ticket_id) == ticket_id, col(WarrantySlip.ticket_no) == ticket_no
    )
    cb_by = or_(col(Callback.ticket_id) == ticket_id, col(Callback.ticket_no) == ticket_no)
    flag_by = col(Flag.ticket_no) == ticket_no if ticket_no else false()
    return {
        "contact": list(
            s.execute(
                select(Contact, col(User.display_name), col(User.username))
                .outerjoin(User, col(User.id) == col(Contact.user_id))
                .where(col(Contact.ticket_id) == ticket_id)
            ).all()
        ),
        "appointment": list(
            s.execute(
                select(Appointment, col(Engineer.name))
                .outerjoin(Engineer, col(Engineer.id) == col(Appointment.engineer_id))
                .where(col(Appointment.ticket_id) == ticket_id)
            ).all()
        ),
        "card": list(s.execute(select(SupervisionCard).where(by_ticket)).scalars()),
        "slip": list(s.execute(select(WarrantySlip).where(slip_by)).scalars()),
        "callback": list(s.execute(select(Callback).where(cb_by)).scalars()),
        "flag": list(s.execute(select(Flag).where(flag_by)).scalars()),
    }
