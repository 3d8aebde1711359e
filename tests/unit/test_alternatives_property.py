"""Property: a proposal never leaves the moved visit in conflict, never adds conflicts, and
never starts before `not_before` (the clock's now on the plan's day)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.schedule.alternatives import propose
from clerk_tui.domain.schedule.rules import DayPlan, EngineerDay, Visit, find_conflicts

DAY = date(2025, 3, 10)
DISTRICTS = ["城东", "城西", "城南", ""]
CATEGORIES = ["洗衣机", "冰箱", "空调", ""]


@st.composite
def engineers(draw, code):
    start = draw(st.sampled_from([time(8, 0), time(8, 30), time(9, 0)]))
    end = draw(st.sampled_from([time(12, 0), time(17, 0), time(18, 30)]))
    return EngineerDay(
        code,
        f"师傅{code}",
        frozenset(draw(st.sets(st.sampled_from(CATEGORIES[:3]), min_size=1))),
        start,
        end,
        draw(st.sampled_from(DISTRICTS)),
        active=draw(st.booleans()) or draw(st.booleans()),
        on_leave=draw(st.integers(0, 5)) == 0,
        capacity=draw(st.sampled_from([None, 1, 2, 3])),
    )


@st.composite
def visits(draw, ticket, codes):
    booked = draw(st.integers(0, 9)) > 0
    start = datetime.combine(DAY, time(7, 30)) + timedelta(minutes=15 * draw(st.integers(0, 44)))
    length = timedelta(minutes=draw(st.sampled_from([30, 60, 90, 120])))
    window = draw(st.sampled_from(["none", "both", "from", "until"]))
    lo = datetime.combine(DAY, time(8, 0)) + timedelta(minutes=30 * draw(st.integers(0, 16)))
    hi = lo + timedelta(minutes=30 * draw(st.integers(0, 8)))
    return Visit(
        ticket,
        draw(st.sampled_from([None, *codes])) if booked else None,
        start if booked else None,
        start + length if booked else None,
        draw(st.sampled_from(DISTRICTS)),
        draw(st.sampled_from(CATEGORIES)),
        lo if window in ("both", "from") else None,
        hi if window in ("both", "until") else None,
        draw(st.sampled_from(["repair", "install", "maintenance", "consult"])),
    )


@st.composite
def day_plans(draw):
    codes = [f"E{i}" for i in range(draw(st.integers(1, 4)))]
    engs = {c: draw(engineers(c)) for c in codes}
    vs = [draw(visits(f"T{i}", codes)) for i in range(draw(st.integers(1, 7)))]
    travel = {
        (a, b): draw(st.integers(0, 60))
        for a in DISTRICTS[:3]
        for b in DISTRICTS[:3]
        if a <= b and draw(st.booleans())
    }
    policy = Policy(
        travel_buffer_minutes=draw(st.sampled_from([0, 5, 10])),
        daily_capacity=draw(st.integers(1, 4)),
    )
    plan = DayPlan(DAY, engs, vs, travel, policy)
    return plan, draw(st.sampled_from([v.ticket_no for v in vs]))


# None (a later day: no restriction), or a moment of the day down to the microsecond
NOT_BEFORE = st.none() | st.builds(
    lambda minutes, micro: (
        datetime.combine(DAY, time(6, 0))
        + timedelta(minutes=minutes)
        + timedelta(microseconds=micro)
    ),
    st.integers(0, 15 * 60),
    st.sampled_from([0, 1, 30_000_000, 59_999_999]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(day_plans(), st.sampled_from([15, 30]), NOT_BEFORE)
def test_every_proposal_is_conflict_free_for_the_moved_visit(case, grid, not_before):
    plan, ticket = case
    before = find_conflicts(plan)
    v = plan.visit(ticket)
    proposals = propose(plan, v, grid_minutes=grid, not_before=not_before)
    assert len(proposals) <= 3
    assert [p.score for p in proposals] == sorted(p.score for p in proposals)
    for p in proposals:
        moved = plan.with_visit(
            Visit(
                v.ticket_no,
                p.engineer_code,
                p.start,
                p.end,
                v.district,
                v.category,
                v.requested_start,
                v.requested_end,
                v.service_type,
            )
        )
        after = find_conflicts(moved)
        assert not [f for f in after if ticket in (f.ticket_no, f.with_ticket_no)], after
        assert len(after) <= len(before)
        assert p.start.minute % grid == 0 and p.start.second == p.start.microsecond == 0
        assert not_before is None or p.start >= not_before
        eng = plan.engineers[p.engineer_code]
        assert eng.active and not eng.on_leave


def test_property_test_is_not_vacuous_a_free_engineer_always_gets_a_proposal():
    eng = EngineerDay("E1", "师傅", frozenset({"冰箱"}))
    v = Visit("T1", None, datetime.combine(DAY, time(9)), None, "城东", "冰箱")
    assert propose(DayPlan(DAY, {"E1": eng}, [v]), v)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(day_plans(), st.sampled_from([15, 30]), st.integers(0, 8 * 60))
def test_a_now_before_every_working_day_changes_nothing(case, grid, minutes):
    """Engineers start at 08:00 at the earliest: a `not_before` up to then removes nothing."""
    plan, ticket = case
    v = plan.visit(ticket)
    early = datetime.combine(DAY, time(0)) + timedelta(minutes=minutes)
    free = propose(plan, v, grid_minutes=grid)
    assert propose(plan, v, grid_minutes=grid, not_before=early) == free


def test_a_free_engineer_is_offered_the_first_grid_start_after_now():
    eng = EngineerDay("E1", "师傅", frozenset({"冰箱"}))
    v = Visit("T1", None, datetime.combine(DAY, time(9)), None, "城东", "冰箱")
    now = datetime.combine(DAY, time(13, 50, 0, 1))
    [p] = propose(DayPlan(DAY, {"E1": eng}, [v]), v, grid_minutes=15, not_before=now)
    assert p.start == datetime.combine(DAY, time(14, 0))
