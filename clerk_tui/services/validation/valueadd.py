"""Information value-add (信息增值 [M]): findings for design, quality or spare parts, tagged on tickets.

What an engineer or the clerk learns on a ticket that matters to product development,
quality improvement or the spare-parts supply is recorded here and listed for the
day's report (and exported as CSV from the validation screen).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from clerk_tui.db.models import VALUE_ADD_TAGS, Ticket, User, ValueAddFinding
from clerk_tui.i18n import t, tn
from clerk_tui.services import audit
from clerk_tui.services.database import Database

MAX_TEXT = 10_000


class ValueAddRefused(ValueError):
    """The finding cannot be recorded as given (no text, an unknown tag); the message says why."""


@dataclass(frozen=True)
class ValueAddRow:
    """One value-add finding with its ticket, for the list on screen and the report."""

    id: int
    ticket_id: int
    ticket_no: str
    tag: str
    text: str
    product_model: str
    customer_name: str
    recorded_by: str
    created_at: datetime
    business_date: date

    def as_dict(self) -> dict[str, Any]:
        return {
            "ticket_no": self.ticket_no,
            "tag": self.tag,
            "text": self.text,
            "product_model": self.product_model,
            "recorded_by": self.recorded_by,
            "created_at": self.created_at.strftime("%Y-%m-%d %H:%M"),
            "business_date": self.business_date.isoformat(),
        }


def add_finding(
    db: Database, *, ticket_id: int, tag: str, text: str, user: Any, now: datetime
) -> int:
    """Tag a finding on the ticket (one transaction, audited); returns its id."""
    text = text.replace("\x00", "")  # PostgreSQL text cannot hold NUL; the rest as typed
    if tag not in VALUE_ADD_TAGS:
        raise ValueAddRefused(t("vq.va.err.tag", tag=tag))
    if not text.strip():
        raise ValueAddRefused(t("vq.va.err.empty"))
    if len(text) > MAX_TEXT:
        raise ValueAddRefused(tn("vq.va.err.long", MAX_TEXT))
    with db.session() as s:
        ticket_no = s.scalar(select(col(Ticket.ticket_no)).where(col(Ticket.id) == ticket_id))
        if ticket_no is None:
            raise ValueAddRefused(t("vq.va.err.ticket", id=ticket_id))
        row = ValueAddFinding(
            ticket_id=ticket_id,
            tag=tag,
            text=text,
            user_id=getattr(user, "id", None),
            created_at=now,
            business_date=now.date(),
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            user=getattr(user, "username", "") or "",
            action="valueadd.add",
            entity="valueadd_finding",
            entity_id=row.id,
            after={"ticket_no": ticket_no, "tag": tag, "text": text},
            at=now,
        )
        return int(row.id or 0)


def list_findings(
    db: Database, day: date | None = None, limit: int | None = None
) -> list[ValueAddRow]:
    """Value-add findings, newest first; those recorded on `day` when given (the day's report)."""
    q = (
        select(
            col(ValueAddFinding.id),
            col(ValueAddFinding.ticket_id),
            col(Ticket.ticket_no),
            col(ValueAddFinding.tag),
            col(ValueAddFinding.text),
            col(Ticket.product_model),
            col(Ticket.customer_name),
            col(User.display_name),
            col(ValueAddFinding.created_at),
            col(ValueAddFinding.business_date),
        )
        .join(Ticket, col(Ticket.id) == col(ValueAddFinding.ticket_id))
        .outerjoin(User, col(User.id) == col(ValueAddFinding.user_id))
        .order_by(col(ValueAddFinding.created_at).desc(), col(ValueAddFinding.id).desc())
    )
    if day is not None:
        q = q.where(col(ValueAddFinding.business_date) == day)
    if limit is not None:
        q = q.limit(limit)
    with db.read() as s:
        return [
            ValueAddRow(i, tid, no, tag, text, model or "", name or "", by or "", at, bd)
            for i, tid, no, tag, text, model, name, by, at, bd in s.execute(q)
        ]


CSV_COLUMNS = (
    "ticket_no",
    "tag",
    "text",
    "product_model",
    "recorded_by",
    "created_at",
    "business_date",
)


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ first: quoted with ')."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_csv(rows: list[ValueAddRow], path: Path) -> Path:
    """Write the findings as UTF-8 CSV with a BOM (Excel on Chinese Windows reads it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.as_dict().items()})
    return path


def default_export_path(day: date) -> Path:
    """Where the screen writes its CSV: the user's documents folder (home when there is none)."""
    from platformdirs import user_documents_dir

    try:
        folder = Path(user_documents_dir())
    except Exception:  # noqa: BLE001 - platformdirs may not know the folder on a bare server
        folder = Path.home()
    return folder / f"clerk-desk-value-add-{day.isoformat()}.csv"
