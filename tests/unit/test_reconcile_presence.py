"""Card and slip presence: every visit's card and slip back the same day [H 六, 七.2]."""

from __future__ import annotations

from datetime import datetime

from reconcile_builders import DAY, EVENING, at, card, day, slip, summary, visit

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.reconcile.presence import (
    find_duplicate_card,
    find_late_card,
    find_missing_card,
    find_missing_slip,
    find_orphan_card,
)
from clerk_tui.i18n.evidence import render_all


class TestMissingCard:
    def test_a_completed_visit_without_a_card_after_the_cutoff_is_flagged(self):
        found = find_missing_card(
            day(visits=[visit("T1"), visit("T2")], cards=[card("T1")]), EVENING
        )
        assert summary(found) == [("missing_card", "medium", "T2")]
        assert found[0].engineer_id == "E01"
        assert "20:00" in render_all(found[0].evidence)[1]

    def test_before_the_cutoff_a_card_is_only_expected_not_missing(self):
        assert find_missing_card(day(visits=[visit("T2")]), at("19:59")) == []

    def test_the_cutoff_hour_is_outlet_policy(self):
        data = day(visits=[visit("T2")], policy=Policy(card_cutoff_hour=18))
        assert summary(find_missing_card(data, at("18:30"))) == [("missing_card", "medium", "T2")]

    def test_tickets_that_had_no_visit_that_day_expect_no_card(self):
        visits = [
            visit("T1", status="scheduled"),
            visit("T2", status="cancelled"),
            visit("T3", start="2024-05-11 09:00"),
            visit("T4", status="consult_only"),
        ]
        assert find_missing_card(day(visits=visits), EVENING) == []

    def test_a_pulled_back_repair_was_a_visit_and_needs_its_card(self):
        found = find_missing_card(day(visits=[visit("T5", status="pulled_back")]), EVENING)
        assert summary(found) == [("missing_card", "medium", "T5")]


class TestLateCard:
    def test_a_card_after_the_cutoff_the_same_evening_is_low(self):
        found = find_late_card(day(visits=[visit()], cards=[card(returned="21:40")]))
        assert summary(found) == [("late_card", "low", "T1")]
        assert (
            "21:40" in render_all(found[0].evidence)[0]
            and "20:00" in render_all(found[0].evidence)[0]
        )

    def test_a_card_handed_back_the_next_day_is_medium(self):
        found = find_late_card(day(visits=[visit()], cards=[card(returned="2024-05-11 08:30")]))
        assert summary(found) == [("late_card", "medium", "T1")]
        assert "2024-05-11 08:30" in render_all(found[0].evidence)[0]

    def test_a_card_back_by_the_cutoff_is_on_time(self):
        assert find_late_card(day(visits=[visit()], cards=[card(returned="20:00")])) == []


class TestOrphanCard:
    def test_a_card_for_a_ticket_that_does_not_exist_is_high(self):
        found = find_orphan_card(day(visits=[visit()], cards=[card("T404")]))
        assert summary(found) == [("orphan_card", "high", "T404")]
        assert "T404" in render_all(found[0].evidence)[0]

    def test_a_card_for_a_ticket_booked_on_another_day_is_medium(self):
        found = find_orphan_card(day(visits=[visit(start="2024-05-12 09:00")], cards=[card()]))
        assert summary(found) == [("orphan_card", "medium", "T1")]
        assert "2024-05-12 09:00" in render_all(found[0].evidence)[0]

    def test_cancelled_or_reassigned_tickets_are_left_to_the_forgery_rule(self):
        visits = [visit("T1", status="cancelled"), visit("T2", engineer="E02")]
        assert find_orphan_card(day(visits=visits, cards=[card("T1"), card("T2")])) == []

    def test_a_card_for_the_day_s_visit_is_not_an_orphan(self):
        assert find_orphan_card(day(visits=[visit()], cards=[card()])) == []


class TestDuplicateCard:
    def test_two_cards_that_disagree_for_one_ticket_are_high(self):
        cards = [card(signer="王芳"), card(signer="王建国", signed_at="17:00")]
        found = find_duplicate_card(day(visits=[visit()], cards=cards))
        assert summary(found) == [("duplicate_card", "high", "T1")]
        assert any("王建国" in line and "17:00" in line for line in render_all(found[0].evidence))

    def test_two_identical_copies_are_medium(self):
        found = find_duplicate_card(day(visits=[visit()], cards=[card(), card()]))
        assert summary(found) == [("duplicate_card", "medium", "T1")]

    def test_one_card_per_ticket_is_fine(self):
        assert (
            find_duplicate_card(
                day(visits=[visit("T1"), visit("T2")], cards=[card("T1"), card("T2")])
            )
            == []
        )


class TestMissingSlip:
    def test_a_completed_repair_without_a_warranty_slip_is_flagged(self):
        found = find_missing_slip(day(visits=[visit()], cards=[card()]), EVENING)
        assert summary(found) == [("missing_slip", "medium", "T1")]

    def test_a_slip_not_handed_back_in_time_is_noted_low(self):
        found = find_missing_slip(
            day(visits=[visit()], slips=[slip(returned="2024-05-11 09:00")]), EVENING
        )
        assert summary(found) == [("missing_slip", "low", "T1")]
        assert "2024-05-11 09:00" in render_all(found[0].evidence)[0]

    def test_a_slip_back_the_same_day_clears_it(self):
        assert find_missing_slip(day(visits=[visit()], slips=[slip()]), EVENING) == []

    def test_only_completed_repairs_need_a_slip(self):
        visits = [
            visit("T1", service="install"),
            visit("T2", status="in_service"),
            visit("T3", status="pulled_back"),
        ]
        assert find_missing_slip(day(visits=visits), EVENING) == []

    def test_before_the_cutoff_the_slip_is_not_yet_missing(self):
        assert (
            find_missing_slip(day(visits=[visit()]), datetime(DAY.year, DAY.month, DAY.day, 12))
            == []
        )
