"""Scheduling conflict rules, one class per rule, with concrete times."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.schedule.rules import (
    DayPlan,
    EngineerDay,
    Visit,
    engineer_inactive,
    insufficient_travel,
    outside_hours,
    outside_requested_window,
    over_capacity,
    overlap,
    skill_mismatch,
    unassigned,
)
from clerk_tui.i18n.evidence import render_all

DAY = date(2025, 3, 10)


def at(hhmm: str) -> datetime:
    return datetime.combine(DAY, time.fromisoformat(hhmm))


def eng(code: str = "E1", **kw) -> EngineerDay:
    kw.setdefault("skills", frozenset({"洗衣机", "空调"}))
    return EngineerDay(code=code, name=kw.pop("name", "张师傅"), **kw)


def visit(
    ticket: str, start: str | None, end: str | None = None, code: str | None = "E1", **kw
) -> Visit:
    return Visit(ticket, code, at(start) if start else None, at(end) if end else None, **kw)


def plan(visits, engineers=None, travel=None, **policy) -> DayPlan:
    engineers = engineers if engineers is not None else [eng()]
    return DayPlan(DAY, {e.code: e for e in engineers}, visits, travel or {}, Policy(**policy))


class TestOverlap:
    @pytest.mark.parametrize(
        ("second", "minutes"),
        [(("10:00", "11:00"), 30), (("09:00", "10:30"), 90), (("09:30", "10:00"), 30)],
    )
    def test_intersecting_visits_of_one_engineer_are_high(self, second, minutes):
        p = plan([visit("T1", "09:00", "10:30"), visit("T2", *second)])
        [f] = overlap(p)
        assert (f.kind, f.severity, f.engineer_id) == ("overlap", "high", "E1")
        assert {f.ticket_no, f.with_ticket_no} == {"T1", "T2"}
        assert any(f"{minutes} " in e for e in render_all(f.evidence))
        assert any("09:00" in e for e in render_all(f.evidence))

    def test_back_to_back_visits_do_not_overlap(self):
        assert overlap(plan([visit("T1", "09:00", "10:30"), visit("T2", "10:30", "11:00")])) == []

    def test_same_times_with_different_engineers_do_not_overlap(self):
        p = plan(
            [visit("T1", "09:00", "10:30"), visit("T2", "09:00", "10:30", code="E2")],
            [eng("E1"), eng("E2")],
        )
        assert overlap(p) == []

    def test_a_long_visit_overlapping_two_later_ones_gives_two_findings(self):
        p = plan(
            [
                visit("T1", "09:00", "12:00"),
                visit("T2", "10:00", "10:30"),
                visit("T3", "11:00", "11:30"),
            ]
        )
        assert sorted((f.ticket_no, f.with_ticket_no) for f in overlap(p)) == [
            ("T2", "T1"),
            ("T3", "T1"),
        ]

    def test_missing_end_uses_the_service_types_default_length(self):
        # repair = 90 min by policy: 09:00-10:30 overlaps 10:00
        p = plan([visit("T1", "09:00", service_type="repair"), visit("T2", "10:00", "10:30")])
        assert [f.ticket_no for f in overlap(p)] == ["T2"]


class TestInsufficientTravel:
    TRAVEL = {("城东", "城西"): 40}

    @pytest.mark.parametrize(
        ("next_start", "flagged"),
        [("10:49", True), ("10:50", False), ("11:20", False), ("10:30", True)],
    )
    def test_gap_must_cover_travel_plus_arrive_early_buffer(self, next_start, flagged):
        # 10:00 end + 40 travel + 10 buffer = 10:50 at the earliest
        p = plan(
            [
                visit("T1", "09:00", "10:00", district="城东"),
                visit("T2", next_start, "12:00", district="城西"),
            ],
            travel=self.TRAVEL,
        )
        found = insufficient_travel(p)
        assert bool(found) is flagged
        if flagged:
            [f] = found
            assert (f.ticket_no, f.with_ticket_no, f.severity) == ("T2", "T1", "medium")
            assert any("40" in e and "50" in e for e in render_all(f.evidence))

    def test_travel_table_is_symmetric(self):
        p = plan(
            [
                visit("T1", "09:00", "10:00", district="城西"),
                visit("T2", "10:30", "12:00", district="城东"),
            ],
            travel=self.TRAVEL,
        )
        assert [f.ticket_no for f in insufficient_travel(p)] == ["T2"]

    def test_buffer_comes_from_policy(self):
        visits = [
            visit("T1", "09:00", "10:00", district="城东"),
            visit("T2", "10:45", "12:00", district="城西"),
        ]
        assert insufficient_travel(plan(visits, travel=self.TRAVEL, travel_buffer_minutes=5)) == []
        assert insufficient_travel(plan(visits, travel=self.TRAVEL, travel_buffer_minutes=6)) != []

    def test_unknown_district_pair_assumes_default_travel(self):
        visits = [
            visit("T1", "09:00", "10:00", district="甲"),
            visit("T2", "10:30", "12:00", district="乙"),
        ]
        assert insufficient_travel(plan(visits)) != []  # 30 min < 40 default + 10

    def test_overlapping_pair_is_left_to_overlap(self):
        p = plan(
            [
                visit("T1", "09:00", "10:00", district="城东"),
                visit("T2", "09:30", "12:00", district="城西"),
            ],
            travel=self.TRAVEL,
        )
        assert insufficient_travel(p) == []


class TestOutsideHours:
    @pytest.mark.parametrize(
        ("start", "end", "flagged"),
        [
            ("08:30", "10:00", False),
            ("08:15", "09:45", True),
            ("16:00", "17:30", False),
            ("16:30", "18:00", True),
            ("18:00", "19:00", True),
        ],
    )
    def test_visit_must_lie_within_working_hours(self, start, end, flagged):
        p = plan([visit("T1", start, end)], [eng(work_start=time(8, 30), work_end=time(17, 30))])
        found = outside_hours(p)
        assert bool(found) is flagged
        if flagged:
            assert any("08:30-17:30" in e for e in render_all(found[0].evidence))


class TestEngineerInactive:
    @pytest.mark.parametrize(
        ("engineer", "word_zh"),
        [(eng(active=False), "停用"), (eng(on_leave=True), "请假")],
    )
    def test_inactive_or_on_leave_engineer_is_high_and_says_which(self, engineer, word_zh):
        [f] = engineer_inactive(plan([visit("T1", "09:00", "10:00")], [engineer]))
        assert (f.kind, f.severity, f.ticket_no, f.engineer_id) == (
            "engineer_inactive",
            "high",
            "T1",
            "E1",
        )
        assert word_zh in render_all(f.evidence)[0]

    def test_engineer_missing_from_roster_is_flagged(self):
        [f] = engineer_inactive(plan([visit("T1", "09:00", "10:00", code="E9")]))
        assert "E9" in render_all(f.evidence)[0]

    def test_active_engineer_is_fine(self):
        assert engineer_inactive(plan([visit("T1", "09:00", "10:00")])) == []


class TestSkillMismatch:
    @pytest.mark.parametrize(
        ("category", "flagged"), [("冰箱", True), ("空调", False), ("", False)]
    )
    def test_category_must_be_among_the_engineers_skills(self, category, flagged):
        found = skill_mismatch(plan([visit("T1", "09:00", "10:00", category=category)]))
        assert bool(found) is flagged
        if flagged:
            assert "冰箱" in render_all(found[0].evidence)[-1]


class TestOutsideRequestedWindow:
    @pytest.mark.parametrize(
        ("start", "flagged"),
        [("08:59", True), ("09:00", False), ("11:00", False), ("12:00", False), ("12:15", True)],
    )
    def test_arrival_must_be_within_the_customers_window(self, start, flagged):
        v = visit("T1", start, "13:30", requested_start=at("09:00"), requested_end=at("12:00"))
        found = outside_requested_window(plan([v]))
        assert bool(found) is flagged
        if flagged:
            assert (
                "09:00-12:00" in render_all(found[0].evidence)[0]
                and start in render_all(found[0].evidence)[1]
            )

    def test_one_sided_window(self):
        v = visit("T1", "13:00", "14:00", requested_start=at("14:00"))
        [f] = outside_requested_window(plan([v]))
        assert "14:00" in render_all(f.evidence)[0]

    def test_applies_to_unassigned_visits_too(self):
        v = visit("T1", "13:00", "14:00", code=None, requested_end=at("12:00"))
        assert [f.ticket_no for f in outside_requested_window(plan([v]))] == ["T1"]


class TestOverCapacity:
    def test_visits_beyond_the_policy_capacity_are_flagged_in_start_order(self):
        visits = [visit(f"T{i}", f"{9 + i:02d}:00", f"{9 + i:02d}:30") for i in range(4)]
        found = over_capacity(plan(visits, daily_capacity=3))
        assert [f.ticket_no for f in found] == ["T3"]
        assert "4" in render_all(found[0].evidence)[0] and "3" in render_all(found[0].evidence)[0]

    @pytest.mark.parametrize(("capacity", "count"), [(2, 2), (4, 0)])
    def test_engineers_own_capacity_overrides_policy(self, capacity, count):
        visits = [visit(f"T{i}", f"{9 + i:02d}:00", f"{9 + i:02d}:30") for i in range(4)]
        assert len(over_capacity(plan(visits, [eng(capacity=capacity)], daily_capacity=8))) == count


class TestUnassigned:
    def test_booked_visit_without_engineer_is_high(self):
        [f] = unassigned(plan([visit("T1", "09:00", "10:00", code=None)]))
        assert (f.kind, f.severity, f.ticket_no) == ("unassigned", "high", "T1")
        assert "09:00-10:00" in render_all(f.evidence)[0]

    def test_unbooked_ticket_is_not_a_conflict(self):
        assert unassigned(plan([visit("T1", None, code=None)])) == []
