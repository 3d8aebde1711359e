"""Scheduling conflict rules (排班冲突) over one day's plan: pure functions returning findings.

An appointment must fit the engineer's other jobs, the travel between them and his
working hours [H 一.2(2)]; engineers plan to arrive 5-10 minutes early [H 二.2-3, 三.3];
no appointment is missed without reason [S 9 五禁止]. Every rule looks at one engineer's
day at a time (the group "" holds scheduled visits with no engineer), so moving an
appointment re-checks only the engineers it touches (`conflicts_touching`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta

from clerk_tui.domain.findings import SEVERITY_ORDER, Evidence, Finding
from clerk_tui.domain.schedule.dayplan import UNASSIGNED, DayPlan, EngineerDay, Visit, clock, span

# The plan's shapes are re-exported: they are this module's input.
__all__ = ["DayPlan", "EngineerDay", "Visit", "RULES", "run_rules", "find_conflicts"]
__all__ += ["conflicts_touching", "overlap", "insufficient_travel", "outside_hours"]
__all__ += ["engineer_inactive", "skill_mismatch", "outside_requested_window"]
__all__ += ["over_capacity", "unassigned"]


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _visit_ev(plan: DayPlan, v: Visit) -> Evidence:
    start, end = span(v)
    return Evidence(
        "sch.ev.visit",
        {"ticket": v.ticket_no, "start": clock(start, plan.day), "end": clock(end, plan.day)},
    )


def _engineer_ev(plan: DayPlan, code: str) -> Evidence:
    eng = plan.engineers.get(code)
    return Evidence("sch.ev.engineer", {"name": eng.name if eng else code, "code": code})


def _finding(
    kind: str,
    severity: str,
    evidence: tuple[Evidence, ...],
    v: Visit,
    code: str,
    other: Visit | None = None,
) -> Finding:
    return Finding(
        kind,
        severity,
        evidence,
        ticket_no=v.ticket_no,
        engineer_id=code,
        with_ticket_no=other.ticket_no if other is not None else "",
    )


def overlap(plan: DayPlan, engineers: Collection[str] | None = None) -> list[Finding]:
    """Two visits of one engineer whose times intersect: one of them will be missed.

    [H 一.2(2)] 同其他用户上门时间冲突 → apologise and reschedule with consent;
    [S 9] 禁止无故失约. One finding per pair, on the later-starting visit.
    """
    out: list[Finding] = []
    for code, visits in plan.groups(engineers):
        if code == UNASSIGNED:
            continue
        for i, a in enumerate(visits):
            a_end = span(a)[1]
            for b in visits[i + 1 :]:
                b_start, b_end = span(b)
                if b_start >= a_end:
                    break
                shared = _minutes(min(a_end, b_end) - b_start)
                evidence = (
                    _engineer_ev(plan, code),
                    _visit_ev(plan, a),
                    _visit_ev(plan, b),
                    Evidence("sch.ev.overlap", {"minutes": shared}),
                )
                out.append(_finding("overlap", "high", evidence, b, code, a))
    return out


def insufficient_travel(plan: DayPlan, engineers: Collection[str] | None = None) -> list[Finding]:
    """Consecutive visits of one engineer with less time between them than travel + buffer.

    [H 一.2(2)] 时间太短，不能保证按时到达; [H 一.3(1)] 路途遥远; engineers plan to arrive
    5-10 minutes early [H 二.2, 三.3], which is policy.travel_buffer_minutes. Overlapping
    pairs are left to `overlap`.
    """
    out: list[Finding] = []
    buffer = plan.policy.travel_buffer_minutes
    unknown = Evidence("sch.district_unknown")
    for code, visits in plan.groups(engineers):
        if code == UNASSIGNED:
            continue
        for a, b in zip(visits, visits[1:], strict=False):
            a_end, b_start = span(a)[1], span(b)[0]
            if b_start < a_end:
                continue
            gap = _minutes(b_start - a_end)
            travel = plan.travel_minutes(a.district, b.district)
            if gap >= travel + buffer:
                continue
            evidence = (
                _engineer_ev(plan, code),
                Evidence(
                    "sch.ev.gap",
                    {
                        "ticket": a.ticket_no,
                        "district": a.district or unknown,
                        "end": clock(a_end, plan.day),
                        "other": b.ticket_no,
                        "other_district": b.district or unknown,
                        "start": clock(b_start, plan.day),
                        "gap": gap,
                    },
                ),
                Evidence(
                    "sch.ev.travel_need",
                    {"travel": travel, "buffer": buffer, "need": travel + buffer},
                ),
            )
            out.append(_finding("insufficient_travel", "medium", evidence, b, code, a))
    return out


def outside_hours(plan: DayPlan, engineers: Collection[str] | None = None) -> list[Finding]:
    """A visit that starts before or ends after the engineer's working hours.

    [H 一.2(2)] the engineer checks he can come on time given the jobs already in hand;
    a visit outside his hours cannot be kept without his agreement.
    """
    out: list[Finding] = []
    for code, visits in plan.groups(engineers):
        eng = plan.engineers.get(code)
        if eng is None:
            continue
        for v in visits:
            start, end = span(v)
            begin = datetime.combine(start.date(), eng.work_start)
            finish = datetime.combine(start.date(), eng.work_end)
            if start < begin or end > finish:
                evidence = (
                    _engineer_ev(plan, code),
                    Evidence("sch.ev.hours", {"start": clock(begin), "end": clock(finish)}),
                    _visit_ev(plan, v),
                )
                out.append(_finding("outside_hours", "medium", evidence, v, code))
    return out


def engineer_inactive(plan: DayPlan, engineers: Collection[str] | None = None) -> list[Finding]:
    """A visit booked with an engineer who is inactive, on leave, or not on the day's roster.

    Nobody will come: [S 9] 禁止无故失约; the ticket goes to another engineer or back to the
    center clerk [H 一.2(2)]. The evidence says which of the three it is.
    """
    out: list[Finding] = []
    for code, visits in plan.groups(engineers):
        if code == UNASSIGNED:
            continue
        eng = plan.engineers.get(code)
        if eng is None:
            why = Evidence("sch.ev.not_on_roster", {"code": code})
        elif not eng.active:
            why = Evidence("sch.ev.inactive", {"name": eng.name, "code": code})
        elif eng.on_leave:
            why = Evidence("sch.ev.on_leave", {"name": eng.name, "code": code})
        else:
            continue
        out.extend(
            _finding("engineer_inactive", "high", (why, _visit_ev(plan, v)), v, code)
            for v in visits
        )
    return out


def skill_mismatch(plan: DayPlan, engineers: Collection[str] | None = None) -> list[Finding]:
    """A visit for a product category the engineer does not serve.

    [H 一.2(3)] a fault the engineer cannot repair means a wasted visit and a second one.
    Visits with no known category are not judged here (validation asks for the model).
    """
    out: list[Finding] = []
    for code, visits in plan.groups(engineers):
        eng = plan.engineers.get(code)
        if eng is None:
            continue
        for v in visits:
            if v.category and v.category not in eng.skills:
                skills: str | Evidence = "、".join(sorted(eng.skills)) or Evidence(
                    "sch.ev.no_skills"
                )
                evidence = (
                    _engineer_ev(plan, code),
                    _visit_ev(plan, v),
                    Evidence(
                        "sch.ev.skill", {"category": v.category, "name": eng.name, "skills": skills}
                    ),
                )
                out.append(_finding("skill_mismatch", "high", evidence, v, code))
    return out


def outside_requested_window(
    plan: DayPlan, engineers: Collection[str] | None = None
) -> list[Finding]:
    """An arrival outside the time window the customer asked for (用户要求上门时间).

    [H 一.1, 一.2(2)] the requested time is part of the ticket; a different time needs the
    customer's consent (改约). Arrival = the visit's start; either bound may be missing.
    """
    out: list[Finding] = []
    for code, visits in plan.groups(engineers):
        for v in visits:
            start = span(v)[0]
            lo, hi = v.requested_start, v.requested_end
            if (lo is None or start >= lo) and (hi is None or start <= hi):
                continue
            if lo is not None and hi is not None:
                asked = Evidence(
                    "sch.ev.requested", {"start": clock(lo, plan.day), "end": clock(hi, plan.day)}
                )
            elif lo is not None:
                asked = Evidence("sch.ev.requested_from", {"start": clock(lo, plan.day)})
            else:
                until = clock(hi, plan.day) if hi else ""
                asked = Evidence("sch.ev.requested_until", {"end": until})
            evidence = (asked, Evidence("sch.ev.arrival", {"start": clock(start, plan.day)}))
            out.append(_finding("outside_requested_window", "medium", evidence, v, code))
    return out


def over_capacity(plan: DayPlan, engineers: Collection[str] | None = None) -> list[Finding]:
    """More visits than the engineer's daily capacity; the visits beyond it are flagged.

    [H 一.2(2)] 自己手中已接活的情况: an overloaded day is where late arrivals come from.
    Capacity is the engineer's own, else policy.daily_capacity.
    """
    out: list[Finding] = []
    for code, visits in plan.groups(engineers):
        eng = plan.engineers.get(code)
        cap = plan.capacity(code)
        if eng is None or len(visits) <= cap:
            continue
        why = Evidence("sch.ev.capacity", {"name": eng.name, "count": len(visits), "capacity": cap})
        out.extend(
            _finding("over_capacity", "low", (why, _visit_ev(plan, v)), v, code)
            for v in visits[cap:]
        )
    return out


def unassigned(plan: DayPlan, engineers: Collection[str] | None = None) -> list[Finding]:
    """A booked time with no engineer: the customer waits for nobody [S 9 禁止无故失约]."""
    if engineers is not None and UNASSIGNED not in engineers:
        return []
    out: list[Finding] = []
    for v in plan.schedule(UNASSIGNED):
        start, end = span(v)
        why = Evidence(
            "sch.ev.unassigned",
            {"ticket": v.ticket_no, "start": clock(start, plan.day), "end": clock(end, plan.day)},
        )
        out.append(_finding("unassigned", "high", (why,), v, UNASSIGNED))
    return out


Rule = Callable[[DayPlan, Collection[str] | None], list[Finding]]
RULES: tuple[Rule, ...] = (
    overlap,
    insufficient_travel,
    outside_hours,
    engineer_inactive,
    skill_mismatch,
    outside_requested_window,
    over_capacity,
    unassigned,
)


def _sorted(plan: DayPlan, findings: list[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[int, datetime, str, str, str]:
        v = plan.visit(f.ticket_no)
        start = v.start if v is not None and v.start is not None else datetime.max
        return (SEVERITY_ORDER.get(f.severity, 9), start, f.ticket_no, f.kind, f.with_ticket_no)

    return sorted(findings, key=key)


def run_rules(plan: DayPlan, engineers: Collection[str] | None = None) -> list[Finding]:
    """Every rule over the given engineers' days ("" = unassigned; None = all), unsorted."""
    return [f for rule in RULES for f in rule(plan, engineers)]


def find_conflicts(plan: DayPlan) -> list[Finding]:
    """All conflicts of the day, most severe first, then by visit start."""
    return _sorted(plan, run_rules(plan))


def conflicts_touching(
    plan: DayPlan, ticket_no: str, previous_engineer: str | None = None
) -> list[Finding]:
    """Conflicts on the day of the engineer now holding `ticket_no` (and of `previous_engineer`,
    when the visit was moved away from him); nothing else is re-checked. KeyError if absent."""
    visit = plan.visit(ticket_no)
    if visit is None:
        raise KeyError(ticket_no)
    touched = {visit.group}
    if previous_engineer is not None:
        touched.add(previous_engineer or UNASSIGNED)
    return _sorted(plan, run_rules(plan, touched))
