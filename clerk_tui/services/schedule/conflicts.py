"""Conflicts of a day with their ranked alternatives: the schedule screen's pane and `conflicts --json`.

Alternatives are tried in tiers, each proposal breaking no rule (domain.alternatives):
within the customer's window on the same day, then other times that day (outside the
window, so only with the customer's consent), then the next day in the same window.
With the caller's `now` (the app's clock; the command line's real time), today's
proposals never start before it, and a day already past gets none: its schedule is
history (`history_reason`). Without `now` nothing is restricted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from clerk_tui.domain.findings import Finding, Renderer
from clerk_tui.domain.schedule.alternatives import Proposal, propose
from clerk_tui.i18n import t
from clerk_tui.services.database import Database
from clerk_tui.services.schedule.day import DayView, load_day, load_plan


def history_reason(day: date, now: datetime | None) -> str:
    """Why `day` gets no alternatives at all: "" unless it is before `now`'s date."""
    if now is None or day >= now.date():
        return ""
    return t("sc.detail.history", day=day.isoformat())


def not_before(day: date, now: datetime | None) -> datetime | None:
    """The earliest start a proposal on `day` may have: `now` on its own day, else none."""
    return now if now is not None and day == now.date() else None


def alternatives(
    db: Database,
    view: DayView,
    finding: Finding,
    limit: int = 3,
    *,
    outlet_id: int | None = None,
    now: datetime | None = None,
) -> list[Proposal]:
    """Up to `limit` ranked (engineer, start) proposals for the visit of `finding`.

    First within the customer's window on the same day, then other times that day (outside
    the window: the customer must agree), then the next day in the same window. Every
    proposal breaks no rule (clerk_tui.domain.schedule.alternatives.propose) and, given `now`, none
    starts before it; a day before `now`'s date gets none (`history_reason`)."""
    visit = view.plan.visit(finding.ticket_no)
    if visit is None or (now is not None and view.day < now.date()):
        return []  # a day already past is history (`history_reason`)
    earliest = not_before(view.day, now)
    chosen = propose(view.plan, finding, limit, not_before=earliest)
    window_is_the_problem = finding.kind == "outside_requested_window"
    if (
        len(chosen) < limit
        and (visit.requested_start or visit.requested_end)
        and not (window_is_the_problem)
    ):
        loose = replace(visit, requested_start=None, requested_end=None)
        chosen += _fresh(chosen, propose(view.plan, loose, limit, not_before=earliest))
    if len(chosen) < limit and visit.start is not None and visit.end is not None:
        nxt = view.day + timedelta(days=1)
        plan, *_ = load_plan(
            db, nxt, outlet_id=outlet_id, policy=view.plan.policy, travel=dict(view.plan.travel)
        )
        shift = timedelta(days=1)
        moved = replace(
            visit,
            start=visit.start + shift,
            end=visit.end + shift,
            requested_start=visit.requested_start + shift if visit.requested_start else None,
            requested_end=visit.requested_end + shift if visit.requested_end else None,
        )
        if plan.visit(visit.ticket_no) is None:
            chosen += _fresh(chosen, propose(plan, moved, limit, not_before=not_before(nxt, now)))
    return chosen[:limit]


def _fresh(chosen: list[Proposal], more: list[Proposal]) -> list[Proposal]:
    seen = {(p.engineer_code, p.start) for p in chosen}
    return [p for p in more if (p.engineer_code, p.start) not in seen]


def conflict_dict(f: Finding, proposals: list[Proposal], render: Renderer | None = None) -> dict:
    """FORMATS `conflicts` item: engineer_id and with_ticket_no always present ("" when none);
    `render` makes the evidence text (else it stays structured, see `Finding.as_dict`)."""
    out = f.as_dict(render)
    out["engineer_id"] = f.engineer_id or ""
    out["with_ticket_no"] = f.with_ticket_no or ""
    out["alternatives"] = [p.as_dict() for p in proposals]
    return out


def conflicts_report(
    db: Database,
    day: date,
    *,
    outlet_id: int | None = None,
    now: datetime | None = None,
    render: Renderer | None = None,
) -> dict:
    """`clerk-tui conflicts --date D --json`: the day's conflicts, each with its alternatives
    (none starting before `now`; none at all for a day before `now`'s date); `render` makes
    the evidence text."""
    view = load_day(db, day, outlet_id=outlet_id)
    items = [
        conflict_dict(f, alternatives(db, view, f, outlet_id=outlet_id, now=now), render)
        for f in view.findings
    ]
    return {"date": day.isoformat(), "conflicts": items}
