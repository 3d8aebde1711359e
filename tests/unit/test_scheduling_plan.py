"""The day plan: travel lookup, moving a visit, the whole-day check and the touched-only re-check."""

from __future__ import annotations

from datetime import date, datetime, time

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.schedule.dayplan import DEFAULT_TRAVEL_MINUTES, SAME_DISTRICT_MINUTES
from clerk_tui.domain.schedule.rules import (
    DayPlan,
    EngineerDay,
    Visit,
    conflicts_touching,
    find_conflicts,
)
from clerk_tui.i18n.evidence import render

DAY = date(2025, 3, 10)


def at(hhmm: str) -> datetime:
    return datetime.combine(DAY, time.fromisoformat(hhmm))


def make_plan() -> DayPlan:
    engineers = {
        "E1": EngineerDay("E1", "张师傅", frozenset({"洗衣机"}), base_district="城东"),
        "E2": EngineerDay("E2", "李师傅", frozenset({"洗衣机", "冰箱"}), base_district="城西"),
    }
    visits = [
        Visit("T1", "E1", at("09:00"), at("10:30"), "城东", "洗衣机"),
        Visit("T2", "E1", at("10:00"), at("11:00"), "城东", "洗衣机"),  # overlaps T1
        Visit("T3", "E2", at("14:00"), at("15:00"), "城西", "冰箱"),
        Visit("T4", None, at("16:00"), at("17:00"), "城西", "冰箱"),  # unassigned
        Visit(
            "T5",
            "E2",
            at("11:00"),
            at("12:00"),
            "城西",
            "冰箱",
            requested_start=at("13:00"),
            requested_end=at("15:00"),
        ),  # outside window
    ]
    return DayPlan(DAY, engineers, visits, {("城东", "城西"): 35}, Policy())


class TestTravelLookup:
    def test_known_pair_either_direction(self):
        p = make_plan()
        assert p.travel_minutes("城东", "城西") == p.travel_minutes("城西", "城东") == 35

    def test_unknown_pairs_use_documented_defaults(self):
        p = make_plan()
        assert p.travel_minutes("城东", "城东") == SAME_DISTRICT_MINUTES
        assert p.travel_minutes("城东", "郊县") == DEFAULT_TRAVEL_MINUTES
        assert p.travel_minutes("", "") == DEFAULT_TRAVEL_MINUTES


class TestFindConflicts:
    def test_reports_every_rule_most_severe_first_then_by_time(self):
        found = find_conflicts(make_plan())
        assert [(f.kind, f.ticket_no) for f in found] == [
            ("overlap", "T2"),
            ("unassigned", "T4"),
            ("outside_requested_window", "T5"),
        ]
        assert found[0].with_ticket_no == "T1" and found[0].engineer_id == "E1"

    def test_as_dict_has_the_formats_keys(self):
        d = find_conflicts(make_plan())[0].as_dict(render)
        assert d["ticket_no"] == "T2" and d["kind"] == "overlap" and d["severity"] == "high"
        assert d["engineer_id"] == "E1" and d["with_ticket_no"] == "T1"
        assert all(isinstance(e, str) for e in d["evidence"])

    def test_visit_without_end_gets_the_policy_length(self):
        p = DayPlan(DAY, {}, [Visit("T1", None, at("09:00"), service_type="install")])
        assert p.visit("T1").end == at("11:00")  # install = 120 min


class TestMovingAVisit:
    def test_with_visit_leaves_the_original_plan_alone(self):
        p = make_plan()
        moved = p.with_visit(Visit("T2", "E1", at("13:00"), at("14:00"), "城东", "洗衣机"))
        assert [f.kind for f in find_conflicts(p)].count("overlap") == 1
        assert "overlap" not in [f.kind for f in find_conflicts(moved)]
        assert [v.ticket_no for v in moved.schedule("E1")] == ["T1", "T2"]
        assert moved.visit("T2").start == at("13:00") and p.visit("T2").start == at("10:00")

    def test_moving_to_another_engineer_updates_both_days(self):
        p = make_plan().with_visit(Visit("T2", "E2", at("09:00"), at("10:00"), "城东", "洗衣机"))
        assert [v.ticket_no for v in p.schedule("E1")] == ["T1"]
        assert [v.ticket_no for v in p.schedule("E2")] == ["T2", "T5", "T3"]

    def test_assigning_an_unassigned_visit_clears_unassigned(self):
        p = make_plan().with_visit(Visit("T4", "E2", at("16:00"), at("17:00"), "城西", "冰箱"))
        assert "unassigned" not in [f.kind for f in find_conflicts(p)]
        assert p.schedule("") == ()


class TestConflictsTouching:
    def test_rechecks_only_the_moved_visits_engineer(self):
        p = make_plan()
        assert [(f.kind, f.ticket_no) for f in conflicts_touching(p, "T1")] == [("overlap", "T2")]
        assert [f.ticket_no for f in conflicts_touching(p, "T3")] == ["T5"]

    def test_includes_the_previous_engineer_when_asked(self):
        p = make_plan().with_visit(
            Visit(
                "T5",
                "E1",
                at("13:00"),
                at("14:00"),
                "城东",
                "洗衣机",
                requested_start=at("13:00"),
                requested_end=at("15:00"),
            )
        )
        assert conflicts_touching(p, "T5", previous_engineer="E2") == conflicts_touching(p, "T1")
        assert [f.ticket_no for f in conflicts_touching(p, "T5")] == ["T2"]

    def test_matches_the_whole_day_check_for_those_engineers(self):
        p = make_plan()
        whole = [f for f in find_conflicts(p) if f.engineer_id in {"E1"}]
        assert conflicts_touching(p, "T2") == whole


class TestScale:
    def test_a_day_of_200_engineers_with_8_visits_each_is_checked_quickly(self):
        import time as clock_time
        from datetime import timedelta

        engineers = {
            f"E{e:03d}": EngineerDay(f"E{e:03d}", f"师傅{e}", frozenset({"洗衣机"}))
            for e in range(200)
        }
        visits = [
            Visit(
                f"T{e:03d}{k}",
                f"E{e:03d}",
                at("08:30") + timedelta(minutes=65 * k),
                None,
                ("城东", "城西")[k % 2],
                "洗衣机",
                service_type="maintenance",
            )
            for e in range(200)
            for k in range(8)
        ]
        began = clock_time.perf_counter()
        found = find_conflicts(DayPlan(DAY, engineers, visits, {("城东", "城西"): 20}))
        elapsed_ms = (clock_time.perf_counter() - began) * 1000
        # 5 min between jobs < 20 travel + 10 buffer: 7 per engineer; the last ends 17:05
        assert len(found) == 200 * 7
        assert {f.kind for f in found} == {"insufficient_travel"}
        assert elapsed_ms < 1000  # budget is 200 ms (conflicts_day_ms); 5x slack for shared CI
