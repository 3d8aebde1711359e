"""Ranked alternative (engineer, start) proposals for a visit that cannot stay where it is.

[H 一.2(2)]: when an appointment cannot be kept, the customer is offered another time
(改约, only with consent) or the job goes to another engineer (转其他人). Each proposal
is checked by re-running the scheduling rules on the plan with the visit moved: it
raises no conflict on the moved visit and never adds conflicts to the engineers it touches.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from clerk_tui.domain.findings import Evidence, Finding
from clerk_tui.domain.schedule.dayplan import DayPlan, Visit, clock, span
from clerk_tui.domain.schedule.rules import run_rules

# Weights of the ranking penalty (minute-equivalents; lower is better).
WEIGHT_SHIFT = 0.5  # per minute away from the booked / requested time
WEIGHT_TRAVEL = 1.0  # per minute of travel from the previous and to the next job
WEIGHT_LOAD = 10.0  # per visit the engineer already has that day


@dataclass(frozen=True)
class Proposal:
    """One alternative: who and when, its penalty `score` (lower is better) and why."""

    engineer_code: str
    start: datetime
    score: float
    reasons: tuple[Evidence, ...]
    end: datetime

    def as_dict(self) -> dict[str, str]:
        """FORMATS `alternatives` item."""
        return {"engineer_id": self.engineer_code, "start": self.start.strftime("%Y-%m-%d %H:%M")}


@dataclass(frozen=True)
class _Candidate:
    cost: float
    code: str
    start: datetime
    prev: Visit | None
    nxt: Visit | None
    load: int


def _ceil_to_grid(moment: datetime, grid: int) -> datetime:
    """The first grid start at or after `moment` (exact: seconds and microseconds round up)."""
    floor = moment.replace(second=0, microsecond=0) - timedelta(minutes=moment.minute % grid)
    return moment if floor == moment else floor + timedelta(minutes=grid)


def _anchor(visit: Visit) -> datetime | None:
    """The time the customer expects: the booked start if it suits their window, else the window."""
    lo, hi = visit.requested_start, visit.requested_end
    if (
        visit.start is not None
        and (lo is None or visit.start >= lo)
        and (hi is None or visit.start <= hi)
    ):
        return visit.start
    return lo or hi or visit.start


def _candidates(
    plan: DayPlan,
    visit: Visit,
    current: Visit | None,
    length: timedelta,
    grid: int,
    not_before: datetime | None,
) -> list[_Candidate]:
    """For every engineer able to take the visit, the best grid start in each free gap."""
    buffer = timedelta(minutes=plan.policy.travel_buffer_minutes)
    anchor = _anchor(visit)
    out: list[_Candidate] = []
    for code in sorted(plan.engineers):
        eng = plan.engineers[code]
        if not eng.active or eng.on_leave or (visit.category and visit.category not in eng.skills):
            continue
        day = [v for v in plan.schedule(code) if v.ticket_no != visit.ticket_no]
        if len(day) + 1 > plan.capacity(code):
            continue
        lo = datetime.combine(plan.day, eng.work_start)
        hi = datetime.combine(plan.day, eng.work_end) - length
        if visit.requested_start is not None:
            lo = max(lo, visit.requested_start)
        if visit.requested_end is not None:
            hi = min(hi, visit.requested_end)
        if not_before is not None:
            lo = max(lo, not_before)
        latest_end = lo  # no overlap with any earlier visit, even a long one
        for i in range(len(day) + 1):
            prev = day[i - 1] if i else None
            nxt = day[i] if i < len(day) else None
            first, last = lo, hi
            if prev is not None:
                prev_end = span(prev)[1]
                latest_end = max(latest_end, prev_end)
                travel = timedelta(minutes=plan.travel_minutes(prev.district, visit.district))
                first = max(first, latest_end, prev_end + travel + buffer)
            if nxt is not None:
                travel = timedelta(minutes=plan.travel_minutes(visit.district, nxt.district))
                last = min(last, span(nxt)[0] - length - travel - buffer)
            if first > last:
                continue
            first = _ceil_to_grid(first, grid)
            if first > last:
                continue
            steps = _minutes(last - first) // grid
            k = 0 if anchor is None else round(_minutes(anchor - first) / grid)
            k = min(max(k, 0), steps)
            start = first + timedelta(minutes=grid * k)
            if current is not None and (code, start) == (current.engineer_code, current.start):
                if steps == 0:  # where it already is
                    continue
                start += timedelta(minutes=grid if k < steps else -grid)
            shift = abs(_minutes(start - anchor)) if anchor is not None else 0
            travel_in = plan.travel_minutes(
                prev.district if prev else eng.base_district, visit.district
            )
            travel_out = plan.travel_minutes(visit.district, nxt.district) if nxt else 0
            cost = (
                WEIGHT_SHIFT * shift
                + WEIGHT_TRAVEL * (travel_in + travel_out)
                + WEIGHT_LOAD * len(day)
            )
            out.append(_Candidate(round(cost, 1), code, start, prev, nxt, len(day)))
    out.sort(key=lambda c: (c.cost, c.code, c.start))
    return out


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _involves(findings: list[Finding], ticket_no: str) -> bool:
    return any(ticket_no in (f.ticket_no, f.with_ticket_no) for f in findings)


def _reasons(plan: DayPlan, visit: Visit, c: _Candidate) -> tuple[Evidence, ...]:
    eng = plan.engineers[c.code]
    out: list[Evidence] = []
    lo, hi = visit.requested_start, visit.requested_end
    anchor = _anchor(visit)
    if lo is not None and hi is not None:
        window = {"start": clock(lo, plan.day), "end": clock(hi, plan.day)}
        out.append(Evidence("sch.why.in_window", window))
    if visit.start is not None and anchor == visit.start:
        shift = _minutes(c.start - visit.start)
        if shift == 0:
            out.append(Evidence("sch.why.same_time"))
        else:
            direction = Evidence("sch.why.later") if shift > 0 else Evidence("sch.why.earlier")
            out.append(Evidence("sch.why.shift", {"minutes": abs(shift), "direction": direction}))
    unknown = Evidence("sch.district_unknown")
    origin = c.prev.district if c.prev is not None else eng.base_district
    out.append(
        Evidence(
            "sch.why.travel_from",
            {
                "district": origin or unknown,
                "minutes": plan.travel_minutes(origin, visit.district),
            },
        )
    )
    if c.nxt is not None:
        out.append(
            Evidence(
                "sch.why.travel_to",
                {
                    "district": c.nxt.district or unknown,
                    "minutes": plan.travel_minutes(visit.district, c.nxt.district),
                },
            )
        )
    out.append(Evidence("sch.why.load", {"count": c.load, "capacity": plan.capacity(c.code)}))
    return tuple(out)


def propose(
    plan: DayPlan,
    finding_or_visit: Finding | Visit,
    limit: int = 3,
    *,
    grid_minutes: int = 15,
    not_before: datetime | None = None,
) -> list[Proposal]:
    """Up to `limit` (engineer, start) proposals for the visit, best first.

    Ranked by closeness to the customer's window or booked time, travel from the previous
    and to the next job, and load (fewer visits first). Starts lie on a `grid_minutes` grid
    (15 or 30) within working hours, never before `not_before` (the caller's "now" on the
    plan's day, rounded up to the grid: a time already past cannot be offered). Distinct
    engineers are offered first; a second time with the same engineer only fills what is left.
    """
    if grid_minutes <= 0 or 60 % grid_minutes:
        raise ValueError(f"grid_minutes must divide an hour, got {grid_minutes}")
    if isinstance(finding_or_visit, Finding):
        found = plan.visit(finding_or_visit.ticket_no)
        if found is None:
            raise KeyError(finding_or_visit.ticket_no)
        visit = found
    else:
        visit = finding_or_visit  # as given: a new booking, or one with a changed window
    current = plan.visit(visit.ticket_no)  # where it sits in the plan now, if anywhere
    if visit.start is not None and visit.end is not None:
        length = visit.end - visit.start
    else:
        length = plan.duration(visit.service_type)
    ranked = _candidates(plan, visit, current, length, grid_minutes, not_before)
    before: dict[str, int] = {}
    old_group = current.group if current is not None and current.start is not None else None

    def count_before(group: str) -> int:
        if group not in before:
            before[group] = len(run_rules(plan, {group}))
        return before[group]

    verdicts: dict[_Candidate, bool] = {}

    def acceptable(c: _Candidate) -> bool:
        if c not in verdicts:
            verdicts[c] = check(c)
        return verdicts[c]

    def check(c: _Candidate) -> bool:
        moved = replace(visit, engineer_code=c.code, start=c.start, end=c.start + length)
        after_plan = plan.with_visit(moved)
        touched = {c.code} if old_group is None else {c.code, old_group}
        after = run_rules(after_plan, touched)
        if _involves(after, visit.ticket_no):
            return False
        return len(after) <= sum(count_before(g) for g in touched)

    chosen: list[_Candidate] = []
    seen: set[str] = set()
    for distinct in (True, False):
        for c in ranked:
            if len(chosen) >= limit:
                break
            if c in chosen or (distinct and c.code in seen):
                continue
            if acceptable(c):
                chosen.append(c)
                seen.add(c.code)
    chosen.sort(key=lambda c: (c.cost, c.code, c.start))
    return [
        Proposal(c.code, c.start, c.cost, _reasons(plan, visit, c), c.start + length)
        for c in chosen
    ]
