"""Ranked alternatives for a visit in conflict: valid, on the grid, ranked by window, travel, load."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.schedule.alternatives import Proposal, propose
from clerk_tui.domain.schedule.rules import (
    DayPlan,
    EngineerDay,
    Visit,
    conflicts_touching,
    find_conflicts,
)
from clerk_tui.i18n.evidence import render_all

DAY = date(2025, 3, 10)
TRAVEL = {("城东", "城西"): 40, ("城东", "城东"): 10, ("城西", "城西"): 10}


def at(hhmm: str) -> datetime:
    return datetime.combine(DAY, time.fromisoformat(hhmm))


def eng(code, district="城东", **kw):
    kw.setdefault("skills", frozenset({"洗衣机"}))
    return EngineerDay(code, f"师傅{code}", base_district=district, **kw)


def day(visits, engineers, **policy) -> DayPlan:
    return DayPlan(DAY, {e.code: e for e in engineers}, visits, TRAVEL, Policy(**policy))


def moved_plan(plan: DayPlan, ticket: str, p: Proposal) -> DayPlan:
    v = plan.visit(ticket)
    return plan.with_visit(
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


def overlap_plan(**kw) -> DayPlan:
    visits = [
        Visit("T1", "E1", at("09:00"), at("10:30"), "城东", "洗衣机"),
        Visit(
            "T2",
            "E1",
            at("10:00"),
            at("11:00"),
            "城东",
            "洗衣机",
            requested_start=at("09:00"),
            requested_end=at("12:00"),
        ),
    ]
    return day(visits, kw.pop("engineers", [eng("E1"), eng("E2"), eng("E3", "城西")]), **kw)


class TestPropose:
    def test_every_proposal_clears_the_conflict_and_stays_in_the_window(self):
        plan = overlap_plan()
        finding = find_conflicts(plan)[0]
        proposals = propose(plan, finding)
        assert len(proposals) == 3
        for p in proposals:
            assert at("09:00") <= p.start <= at("12:00")
            assert conflicts_touching(moved_plan(plan, "T2", p), "T2", previous_engineer="E1") == []

    def test_idle_engineer_nearby_at_the_booked_time_ranks_first(self):
        proposals = propose(overlap_plan(), find_conflicts(overlap_plan())[0])
        assert (proposals[0].engineer_code, proposals[0].start) == ("E2", at("10:00"))
        assert proposals[0].score <= proposals[1].score <= proposals[2].score
        reasons = proposals[0].reasons
        assert reasons and all(r.id.startswith("sch.why.") for r in reasons)
        assert all(not text.startswith("sch.") for text in render_all(reasons))

    def test_distinct_engineers_are_offered_before_a_second_time_with_one(self):
        codes = [
            p.engineer_code for p in propose(overlap_plan(), find_conflicts(overlap_plan())[0])
        ]
        assert sorted(codes) == ["E1", "E2", "E3"]

    def test_fewer_visits_ranks_ahead_when_all_else_is_equal(self):
        busy = Visit("T9", "E2", at("15:00"), at("16:00"), "城东", "洗衣机")
        plan = day([*overlap_plan().visits, busy], [eng("E1"), eng("E2"), eng("E4")])
        first = propose(plan, find_conflicts(plan)[0])[0]
        assert first.engineer_code == "E4"

    @pytest.mark.parametrize("grid", [15, 30])
    def test_starts_lie_on_the_grid_within_working_hours(self, grid):
        for p in propose(
            overlap_plan(), find_conflicts(overlap_plan())[0], limit=5, grid_minutes=grid
        ):
            assert p.start.minute % grid == 0
            assert at("08:30") <= p.start and p.end <= at("17:30")

    def test_engineers_unable_to_take_the_job_are_never_proposed(self):
        engineers = [
            eng("E1"),
            eng("E2", active=False),
            eng("E3", on_leave=True),
            eng("E4", skills=frozenset({"冰箱"})),
            eng("E5", capacity=0),
        ]
        plan = overlap_plan(engineers=engineers)
        codes = {p.engineer_code for p in propose(plan, find_conflicts(plan)[0], limit=5)}
        assert codes == {"E1"}

    def test_same_engineer_gets_a_later_time_after_travel_and_buffer(self):
        plan = overlap_plan(engineers=[eng("E1")])
        [p, *_] = propose(plan, find_conflicts(plan)[0])
        # T1 ends 10:30 in 城东; same district 10 min + buffer 10 -> 10:50 -> grid 11:00
        assert (p.engineer_code, p.start) == ("E1", at("11:00"))

    def test_no_room_anywhere_gives_no_proposal(self):
        plan = overlap_plan(engineers=[eng("E1", work_start=time(9, 0), work_end=time(11, 0))])
        assert propose(plan, find_conflicts(plan)[0]) == []

    def test_not_before_skips_times_already_past(self):
        plan = overlap_plan()
        proposals = propose(plan, find_conflicts(plan)[0], not_before=at("11:20"))
        assert proposals and all(p.start >= at("11:30") for p in proposals)

    @pytest.mark.parametrize(
        ("now", "grid", "earliest"),
        [
            ("11:20", 15, "11:30"),
            ("11:15", 15, "11:15"),  # on the grid: that start is still to come
            ("11:31", 15, "11:45"),
            ("11:31", 30, "12:00"),
            ("10:59:30", 15, "11:00"),  # seconds round up too
        ],
    )
    def test_not_before_is_rounded_up_to_the_grid(self, now, grid, earliest):
        plan = overlap_plan()
        t2 = replace(plan.visit("T2"), requested_start=None, requested_end=None)
        proposals = propose(plan, t2, grid_minutes=grid, not_before=at(now))
        assert proposals and min(p.start for p in proposals) == at(earliest)

    def test_the_same_time_with_another_engineer_is_not_offered_once_it_is_past(self):
        plan = overlap_plan()
        finding = find_conflicts(plan)[0]  # T2 booked 10:00
        assert ("E2", at("10:00")) in {(p.engineer_code, p.start) for p in propose(plan, finding)}
        late = propose(plan, finding, not_before=at("10:05"))
        assert late and all(p.start >= at("10:15") for p in late)

    def test_a_now_after_the_working_day_leaves_nothing_to_offer(self):
        plan = overlap_plan()
        t2 = replace(plan.visit("T2"), requested_start=None, requested_end=None)
        assert propose(plan, t2, not_before=at("17:00")) == []  # 60 min no longer fit by 17:30
        assert propose(plan, find_conflicts(plan)[0], not_before=at("12:01")) == []  # window gone

    def test_unbooked_visit_can_be_placed(self):
        plan = overlap_plan()
        new = Visit(
            "T7", None, None, None, "城西", "洗衣机", at("14:00"), at("16:00"), "maintenance"
        )
        proposals = propose(plan, new)
        assert proposals and all(at("14:00") <= p.start <= at("16:00") for p in proposals)
        assert proposals[0].engineer_code == "E3"  # based in 城西
        assert proposals[0].end - proposals[0].start == plan.duration("maintenance")

    def test_a_new_window_agreed_with_the_customer_is_respected(self):
        plan = overlap_plan()
        agreed = replace(plan.visit("T2"), requested_start=at("15:00"), requested_end=at("16:00"))
        proposals = propose(plan, agreed)
        assert proposals and all(at("15:00") <= p.start <= at("16:00") for p in proposals)

    def test_as_dict_is_the_formats_alternative(self):
        p = propose(overlap_plan(), find_conflicts(overlap_plan())[0])[0]
        assert p.as_dict() == {"engineer_id": "E2", "start": "2025-03-10 10:00"}

    def test_bad_grid_is_refused(self):
        with pytest.raises(ValueError):
            propose(overlap_plan(), find_conflicts(overlap_plan())[0], grid_minutes=7)
