"""A ticket's timeline: intake, calls, visits, cards, slips, callbacks and flags in time order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from clerk_tui.domain.findings import evidence_from_json
from clerk_tui.i18n import t
from clerk_tui.i18n.evidence import render_all
from clerk_tui.i18n.labels import (
    TIMELINE_APPOINTMENT,
    TIMELINE_CALLBACK_REASON,
    TIMELINE_FLAG_STATUS,
    TIMELINE_OUTCOME,
    TIMELINE_PARTY,
    TIMELINE_SERVICE,
    TIMELINE_SEVERITY,
    TIMELINE_SOURCE,
    label,
)


@dataclass(frozen=True)
class TimelineEntry:
    """One event in a ticket's life, as the detail screen lists it."""

    at: datetime | None
    kind: str  # 'created','contact','appointment','card','slip','callback','flag'
    summary: str  # plain text; user data inside is not markup
    details: tuple[tuple[str, str], ...] = ()


def _yn(value: bool | None) -> str:
    if value is None:
        return t("tickets.tl.unknown")
    return t("tickets.tl.yes") if value else t("tickets.tl.no")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _money(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


def _pairs(*items: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """Label/value pairs, leaving out the empty values."""
    return tuple((name, value) for name, value in items if value not in ("", None))


def _created(tk, owner: str) -> TimelineEntry:
    return TimelineEntry(
        at=tk.created_at,
        kind="created",
        summary=t(
            "tickets.tl.created",
            source=label(TIMELINE_SOURCE, tk.source),
            service=label(TIMELINE_SERVICE, tk.service_type),
        ),
        details=_pairs(
            (t("tickets.tl.owner"), owner),
            (t("tickets.tl.symptom"), tk.symptom),
            (
                t("tickets.tl.requested"),
                f"{_when(tk.requested_start)} - {_when(tk.requested_end)}"
                if tk.requested_start or tk.requested_end
                else "",
            ),
        ),
    )


def _contact(row) -> TimelineEntry:
    c, display, username = row
    return TimelineEntry(
        at=c.at,
        kind="contact",
        summary=t(
            "tickets.tl.contact",
            party=label(TIMELINE_PARTY, c.party),
            outcome=label(TIMELINE_OUTCOME, c.outcome) if c.outcome else "-",
        ),
        details=_pairs(
            (t("tickets.tl.by"), display or username or ""), (t("tickets.tl.note"), c.note)
        ),
    )


def _appointment(row) -> TimelineEntry:
    a, engineer = row
    return TimelineEntry(
        at=a.start,
        kind="appointment",
        summary=t(
            "tickets.tl.appointment",
            engineer=engineer or "-",
            start=_when(a.start),
            end=a.end.strftime("%H:%M") if a.end else "",
            status=label(TIMELINE_APPOINTMENT, a.status),
        ),
        details=_pairs(
            (t("tickets.tl.late"), "" if a.late_minutes is None else str(a.late_minutes)),
            (t("tickets.tl.outcome"), label(TIMELINE_OUTCOME, a.outcome)),
        ),
    )


def _card(c) -> TimelineEntry:
    signer = c.signer_name or "-"
    return TimelineEntry(
        at=c.returned_at or c.signed_at or c.finished_at,
        kind="card",
        summary=t("tickets.tl.card", satisfaction=c.satisfaction or "-", signer=signer),
        details=_pairs(
            (t("tickets.tl.engineer"), c.engineer_code),
            (t("tickets.tl.arrived"), _when(c.arrived_at)),
            (t("tickets.tl.finished"), _when(c.finished_at)),
            (t("tickets.tl.signed_at"), _when(c.signed_at)),
            (t("tickets.tl.relation"), c.signer_relation),
            (t("tickets.tl.signature"), _yn(c.signature_present)),
            (t("tickets.tl.fee"), _money(c.fee_charged_fen) if c.fee_charged_fen else ""),
            (t("tickets.tl.fee_items"), c.fee_items),
            (t("tickets.tl.receipt"), c.receipt_no),
            (t("tickets.tl.note"), c.notes),
        ),
    )


def _slip(w) -> TimelineEntry:
    return TimelineEntry(
        at=w.returned_at,
        kind="slip",
        summary=t("tickets.tl.slip", cause=w.fault_cause or "-"),
        details=_pairs(
            (t("tickets.tl.engineer"), w.engineer_code),
            (t("tickets.tl.action"), w.repair_action),
            (t("tickets.tl.parts"), w.parts),
            (t("tickets.tl.fee"), _money(w.fee_charged_fen) if w.fee_charged_fen else ""),
            (t("tickets.tl.receipt"), w.receipt_no),
        ),
    )


def _callback(c) -> TimelineEntry:
    done = c.called_at or c.done_at
    summary = (
        t("tickets.tl.callback_done", reached=_yn(c.reached), satisfied=_yn(c.satisfied))
        if done
        else t("tickets.tl.callback_due", due=_when(c.due_at))
    )
    return TimelineEntry(
        at=done or c.due_at,
        kind="callback",
        summary=summary,
        details=_pairs(
            (t("tickets.tl.reason"), label(TIMELINE_CALLBACK_REASON, c.reason)),
            (
                t("tickets.tl.signed_self"),
                "" if c.customer_signed is None else _yn(c.customer_signed),
            ),
            (
                t("tickets.tl.engineer_came"),
                "" if c.engineer_came is None else _yn(c.engineer_came),
            ),
            (t("tickets.tl.note"), c.notes),
        ),
    )


def _flag(f) -> TimelineEntry:
    evidence = "; ".join(render_all(evidence_from_json(f.evidence)))
    return TimelineEntry(
        at=f.decided_at,
        kind="flag",
        summary=t(
            "tickets.tl.flag",
            kind=f.kind,
            severity=label(TIMELINE_SEVERITY, f.severity),
            status=label(TIMELINE_FLAG_STATUS, f.status),
        ),
        details=_pairs(
            (t("tickets.tl.day"), f.business_date.isoformat()),
            (t("tickets.tl.evidence"), evidence),
            (t("tickets.tl.decision_reason"), f.reason),
        ),
    )


def build_timeline(tk, owner: str, history: dict[str, list]) -> list[TimelineEntry]:
    """All entries, sorted by time; entries without a time (open flags) come last."""
    entries = [_created(tk, owner)]
    entries += [_contact(r) for r in history["contact"]]
    entries += [_appointment(r) for r in history["appointment"]]
    entries += [_card(c) for c in history["card"]]
    entries += [_slip(w) for w in history["slip"]]
    entries += [_callback(c) for c in history["callback"]]
    entries += [_flag(f) for f in history["flag"]]
    order = {"created": 0}
    return sorted(
        entries,
        key=lambda e: (e.at is None, e.at or datetime.max, order.get(e.kind, 1)),
    )
