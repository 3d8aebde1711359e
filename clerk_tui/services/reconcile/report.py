"""The day's report to the center [H 七.2: 网点信息员当天将用户结果反馈中心]: gather, write, mark reported.

Gathering reconciles the day first (idempotent; a signed-off day is only read), then takes
the per-engineer tally, the stored flags with their decisions, the day's callbacks and, where
the value-add service exists, the day's value-add findings. Writing after sign-off marks the
day 'reported'.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlmodel import col

from clerk_tui.db.models import Callback, Outlet, Ticket
from clerk_tui.i18n.evidence import render_all
from clerk_tui.io.exports.report import checksum, write_report
from clerk_tui.services.database import Database
from clerk_tui.services.reconcile.load import day_bounds
from clerk_tui.services.reconcile.run import OutletRef, day_flags, reconcile
from clerk_tui.services.reconcile.signoff import day_status, mark_reported


def default_path(outlet_code: str, day: date) -> Path:
    """~/clerk-reports/<outlet>-<date>.xlsx"""
    return Path("~/clerk-reports").expanduser() / f"{outlet_code}-{day.isoformat()}.xlsx"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _plain(value) -> dict:
    if hasattr(value, "as_dict"):
        return dict(value.as_dict())
    if is_dataclass(value) and not isinstance(value, type):
        return {k: (str(v) if isinstance(v, (date, datetime)) else v)
                for k, v in asdict(value).items()}  # fmt: skip
    if isinstance(value, dict):
        return dict(value)
    return {"finding": str(value)}


def value_add_findings(db: Database, day: date) -> list[dict] | None:
    """The day's value-add findings, or None when this build has no value-add service."""
    try:
        mod = importlib.import_module("clerk_tui.services.validation.valueadd")
    except ModuleNotFoundError:
        return None
    list_findings = getattr(mod, "list_findings", None)
    if list_findings is None:
        return None
    return [_plain(item) for item in list_findings(db, day)]


def day_callbacks(db: Database, outlet_id: int, day: date) -> list[dict]:
    """Callbacks of the outlet's tickets due, made or done on `day`."""
    start, end = day_bounds(day)

    def within(column):
        return (column >= start) & (column < end)

    with db.read() as s:
        rows = s.execute(
            select(Callback, col(Ticket.ticket_no))
            .join(Ticket, col(Ticket.id) == col(Callback.ticket_id))
            .where(col(Ticket.outlet_id) == outlet_id)
            .where(
                or_(
                    within(col(Callback.due_at)),
                    within(col(Callback.called_at)),
                    within(col(Callback.done_at)),
                )
            )  # fmt: skip
            .order_by(col(Callback.due_at), col(Callback.id))
        ).all()
    return [
        {
            "ticket_no": cb.ticket_no or no,
            "reason": cb.reason,
            "due_at": _when(cb.due_at),
            "called_at": _when(cb.called_at),
            "reached": cb.reached,
            "satisfied": cb.satisfied,
            "customer_signed": cb.customer_signed,
            "engineer_came": cb.engineer_came,
            "done_at": _when(cb.done_at),
            "notes": cb.notes,
        }
        for cb, no in rows
    ]


def build_report(db: Database, outlet: OutletRef, day: date, *, now: datetime, user: str) -> dict:
    """The report's content for `outlet` on `day` (with its generated-at time and checksum)."""
    outlet_day = reconcile(db, day, [outlet], now=now, user=user)[0]
    status = day_status(db, outlet.id, day)
    flags = day_flags(db, outlet.id, day)
    with db.read() as s:
        name = s.execute(select(col(Outlet.name)).where(col(Outlet.id) == outlet.id)).scalar() or ""
    report: dict = {
        "outlet": outlet.code,
        "outlet_name": name,
        "date": day.isoformat(),
        "state": status.state,
        "signed_off_by": status.signed_off_by,
        "signed_off_at": _when(status.signed_off_at),
        "summary": _summary(outlet_day, flags),
        "engineers": [e.as_dict() for e in outlet_day.result.engineers],
        "flags": [
            {
                "ticket_no": f.ticket_no,
                "engineer_id": f.engineer_code,
                "engineer_name": f.engineer_name,
                "kind": f.kind,
                "severity": f.severity,
                "evidence": list(render_all(f.evidence)),  # in the reader's language
                "status": f.status,
                "reason": f.reason,
                "decided_by": f.decided_by,
                "decided_at": _when(f.decided_at),
            }
            for f in flags
        ],
        "callbacks": day_callbacks(db, outlet.id, day),
    }
    findings = value_add_findings(db, day)
    if findings is not None:
        report["value_add"] = findings
    report["generated_at"] = now.strftime("%Y-%m-%d %H:%M:%S")
    report["checksum"] = checksum(report)
    return report


def _summary(outlet_day, flags) -> dict:
    """The rules' day counts, with the flag counts taken from the flags the report lists (those on
    record, with their decisions). A signed-off day is not written again: what the rules find
    there that is not on record is counted apart, as `flags_not_on_record`."""
    summary = dict(outlet_day.result.summary)
    severities = Counter(f.severity for f in flags)
    summary.update(
        flags=len(flags),
        high=severities["high"],
        medium=severities["medium"],
        low=severities["low"],
        by_kind=dict(sorted(Counter(f.kind for f in flags).items())),
    )
    if outlet_day.locked:
        result = outlet_day.result
        summary["flags_not_on_record"] = sum(
            1 for f in result.flags if result.key(f) not in outlet_day.statuses
        )
    return summary


@dataclass(frozen=True)
class Written:
    """A written report: where, its checksum, and whether the day became 'reported'."""

    path: Path
    checksum: str
    reported: bool
    value_add: bool


def write_day_report(
    db: Database, outlet: OutletRef, day: date, path: Path, *, now: datetime, user: str
) -> Written:
    """Gather and write the report; a signed-off day becomes 'reported' once the file is written."""
    report = build_report(db, outlet, day, now=now, user=user)
    written = write_report(report, path)
    with db.session() as s:
        reported = mark_reported(s, outlet.id, day, user=user, now=now)
    return Written(written, report["checksum"], reported, "value_add" in report)
