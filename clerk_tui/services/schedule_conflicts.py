"""Conflicts of a day with their ranked alternatives: the schedule screen's pane and `conflicts --json`.

Alternatives are tried in tiers, each proposal breaking no rule (domain.alternatives):
within the customer's window on the same day, then other times that day (outside the
window, so only with the customer's consent), then the next day in the same window.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from clerk_tui.domain.alternatives import Proposal, propose
from clerk_tui.domain.findings import Finding
from clerk_tui.services.database import Database
from clerk_tui.services.schedule import DayView, load_day, load_plan


def alternatives(
    db: Database, view: DayView, finding: Finding, limit: int = 3, *, outlet_id: int | None = None
) -> list[Proposal]:
    """Up to `limit` ranked (engineer, start) proposals for the visit of `finding`.

    First within the customer's window on the same day, then other times that day (outside
    the window: the customer must agree), then the next day in the same window. Every
    proposal breaks no rule (clerk_tui.domain.alternatives.propose)."""
    visit = view.plan.visit(finding.ticket_no)
    if visit is None:
        return []
    chosen = propose(view.plan, finding, limit)
    window_is_the_problem = finding.kind == "outside_requested_window"
    if (
        len(chosen) < limit
        and (visit.requested_start or visit.requested_end)
        and not (window_is_the_problem)
    ):
        loose = replace(visit, requested_start=None, requested_end=None)
        chosen += _fresh(chosen, propose(view.plan, loose, limit))
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
            chosen += _fresh(chosen, propose(plan, moved, limit))
    return chosen[:limit]


def _fresh(chosen: list[Proposal], more: list[Proposal]) -> list[Proposal]:
    seen = {(p.engineer_code, p.start) for p in chosen}
    return [p for p in more if (p.engineer_code, p.start) not in seen]


def conflict_dict(f: Finding, proposals: list[Proposal]) -> dict:
    """FORMATS `conflicts` item: engineer_id and with_ticket_no always present ("" when none)."""
    out = f.as_dict()
    out["engineer_id"] = f.engineer_id or ""
    out["with_ticket_no"] = f.with_ticket_no or ""
    out["alternatives"] = [p.as_dict() for p in proposals]
    return out


def conflicts_report(db: Database, day: date, *, outlet_id: int | None = None) -> dict:
    """`clerk-tui conflicts --date D --json`: the day's conflicts, each with its alternatives."""
    view = load_day(db, day, outlet_id=outlet_id)
    items = [
        conflict_dict(f, alternatives(db, view, f, outlet_id=outlet_id)) for f in view.findings
    ]
    return {"date": day.isoformat(), "conflicts": items}
