"""Fixing a ticket's information [H 一.1–2]: a field, the needed part, a duplicate cancelled.

Each fix is one transaction: day lock, version check, the field before and after in
the audit log, the contact that gave the new value, and the ticket validated again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from clerk_tui.db.models import ProductModel, Ticket
from clerk_tui.domain.states import check_transition
from clerk_tui.domain.validation.rules import warranty_of
from clerk_tui.i18n import t, tn
from clerk_tui.services import audit
from clerk_tui.services.database import Database, key_of
from clerk_tui.services.daylock import ensure_ticket_workable
from clerk_tui.services.validation.check import PART_REQUESTED, check_in_session, load_context
from clerk_tui.services.validation.contacts import (
    ActionResult,
    FixRefused,
    add_contact,
    clean,
    finish,
    guarded_update,
    load_ticket,
    log_contact,
    phrase_hits,
    who,
)
from clerk_tui.services.validation.labels import field_label

TEXT_FIELDS = ("customer_name", "phone", "address", "product_model", "serial_no", "symptom")
FIXABLE = (*TEXT_FIELDS, "purchase_date", "requested_window")


def limit_of(field: str) -> int | None:
    """The most characters the field holds (None: no limit)."""
    column = Ticket.__table__.c.get(field)  # type: ignore[attr-defined]
    return getattr(column.type, "length", None) if column is not None else None


def parse_day(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.strptime(text.replace("/", "-"), "%Y-%m-%d").date()
    except ValueError:
        raise FixRefused(t("vq.err.date", value=text)) from None


def parse_when(text: str) -> datetime | None:
    text = " ".join(text.split())
    if not text:
        return None
    try:
        return datetime.strptime(text.replace("/", "-"), "%Y-%m-%d %H:%M")
    except ValueError:
        raise FixRefused(t("vq.err.when", value=text)) from None


def _new_values(s: Session, tk: Ticket, field: str, value: str | tuple[str, str], ctx) -> dict:
    if field in TEXT_FIELDS:
        limit = limit_of(field)
        if limit is not None and len(str(value)) > limit:
            raise FixRefused(tn("vq.err.too_long", limit, field=field_label(field)))
        values: dict[str, Any] = {field: clean(str(value))}
        if field == "product_model":
            model = ctx.model(str(value))
            values["model_id"] = (
                s.scalar(select(col(ProductModel.id)).where(col(ProductModel.model) == model.model))
                if model
                else None
            )
        return values
    if field == "purchase_date":
        return {"purchase_date": parse_day(str(value))}
    if field == "requested_window":
        start_text, end_text = value if isinstance(value, tuple) else (str(value), "")
        start, end = parse_when(start_text), parse_when(end_text)
        if start and end and end <= start:
            raise FixRefused(t("vq.err.window"))
        return {"requested_start": start, "requested_end": end}
    raise FixRefused(t("vq.err.field", field=field))


def _shown(value: Any) -> Any:
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


def fix_field(
    db: Database,
    *,
    ticket_id: int,
    seen_version: int,
    field: str,
    value: str | tuple[str, str],
    user: Any,
    party: str,
    note: str = "",
    now: datetime,
) -> ActionResult:
    """Correct one field with what `party` said: audit before/after, a 'corrected' contact, re-check."""
    hits = phrase_hits(db, note)
    ctx = load_context(db, now.date())
    with db.session() as s:
        tk = load_ticket(s, ticket_id, seen_version)
        ensure_ticket_workable(s, tk)
        values = _new_values(s, tk, field, value, ctx)
        before = {k: _shown(getattr(tk, k)) for k in values}
        after = {k: _shown(v) for k, v in values.items()}
        if field in ("product_model", "purchase_date"):
            info = check_in_session(s, ctx, ticket_ids=[key_of(tk)], open_only=False)
            if info:
                probe = replace(
                    info[0].info,
                    product_model=values.get("product_model", tk.product_model),
                    purchase_date=values.get("purchase_date", tk.purchase_date),
                )
                values["warranty_status"] = warranty_of(probe, ctx)
        uname = who(user)[1]
        text = t("vq.fix.note", field=field_label(field))
        shown = [k for k in after if k not in ("model_id", "warranty_status")]
        changed = " | ".join(f"{before[k] or '-'} -> {after[k] or '-'}" for k in shown)
        full_note = f"{text} {changed}" + (f"\n{note}" if note else "")
        version = guarded_update(s, tk, seen_version, values, now)
        audit.record(
            s,
            user=uname,
            action="ticket.fix",
            entity="ticket",
            entity_id=tk.ticket_no,
            before=before,
            after={**after, "source": party},
            at=now,
        )
        add_contact(s, tk, user, party, "corrected", full_note, now)
        return finish(s, tk, ctx, user, now, version, hits)


def set_part(
    db: Database,
    *,
    ticket_id: int,
    seen_version: int,
    part: str,
    in_stock: bool | None,
    user: Any,
    now: datetime,
) -> ActionResult:
    """Record the part the repair needs and whether it is in stock [H 一.2(1)]."""
    ctx = load_context(db, now.date())
    with db.session() as s:
        tk = load_ticket(s, ticket_id, seen_version)
        ensure_ticket_workable(s, tk)
        before = {"part_needed": tk.part_needed, "part_in_stock": tk.part_in_stock}
        after = {"part_needed": part.strip(), "part_in_stock": in_stock if part.strip() else None}
        version = guarded_update(s, tk, seen_version, after, now)
        audit.record(
            s,
            user=who(user)[1],
            action="ticket.part",
            entity="ticket",
            entity_id=tk.ticket_no,
            before=before,
            after=after,
            at=now,
        )
        return finish(s, tk, ctx, user, now, version, [])


def request_part(
    db: Database, *, ticket_id: int, user: Any, note: str = "", now: datetime
) -> ActionResult:
    """The part was requisitioned (申请备件) from the center: logged, so it leaves the parts list."""
    return log_contact(
        db,
        ticket_id=ticket_id,
        user=user,
        party="center",
        outcome=PART_REQUESTED,
        note=note,
        now=now,
    )


def cancel_duplicate(
    db: Database,
    *,
    ticket_id: int,
    seen_version: int,
    other_no: str,
    user: Any,
    party: str,
    note: str = "",
    now: datetime,
) -> ActionResult:
    """Cancel this ticket as a duplicate of `other_no` (one visit, not two), with the contact."""
    hits = tuple(phrase_hits(db, note))
    with db.session() as s:
        tk = load_ticket(s, ticket_id, seen_version)
        ensure_ticket_workable(s, tk)
        before = tk.status
        check_transition(before, "cancelled")
        version = guarded_update(s, tk, seen_version, {"status": "cancelled"}, now)
        audit.record(
            s,
            user=who(user)[1],
            action="ticket.status",
            entity="ticket",
            entity_id=tk.ticket_no,
            before={"status": before},
            after={"status": "cancelled", "reason": "duplicate", "of": other_no},
            at=now,
        )
        full = t("vq.dup.note", other=other_no) + (f"\n{note}" if note else "")
        add_contact(s, tk, user, party, "cancelled", full, now)
        return ActionResult(tk.ticket_no, "cancelled", before, 0, version, hits)
