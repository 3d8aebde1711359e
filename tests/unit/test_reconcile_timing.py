"""Lateness, overdue callbacks and unsatisfied customers [H 三.3, 六.1, 七.1]."""

from __future__ import annotations

from datetime import timedelta

from reconcile_builders import at, callback, card, day, summary, visit

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.reconcile.timing import (
    find_callback_overdue,
    find_late_arrival,
    find_late_no_call_ahead,
    find_unsatisfied_open,
    overdue_minutes,
)
from clerk_tui.i18n.evidence import render_all


class TestLateArrival:
    def test_more_than_fifteen_minutes_late_is_medium(self):
        found = find_late_arrival(day(visits=[visit(start="09:00")], cards=[card(arrived="09:25")]))
        assert summary(found) == [("late_arrival", "medium", "T1")]
        assert (
            "25" in render_all(found[0].evidence)[0] and "09:00" in render_all(found[0].evidence)[0]
        )

    def test_a_few_minutes_late_is_noted_low(self):
        found = find_late_arrival(day(visits=[visit(start="09:00")], cards=[card(arrived="09:10")]))
        assert summary(found) == [("late_arrival", "low", "T1")]

    def test_arriving_early_or_on_time_is_fine(self):
        cards = [card("T1", arrived="08:52"), card("T2", arrived="09:00")]
        assert find_late_arrival(day(visits=[visit("T1"), visit("T2")], cards=cards)) == []

    def test_a_visit_on_another_day_than_booked_is_not_measured_as_lateness(self):
        data = day(visits=[visit(start="2024-05-09 09:00")], cards=[card(arrived="09:30")])
        assert find_late_arrival(data) == []

    def test_the_threshold_is_outlet_policy(self):
        data = day(
            visits=[visit()],
            cards=[card(arrived="09:10")],
            policy=Policy(lateness_threshold_minutes=5),
        )
        assert summary(find_late_arrival(data)) == [("late_arrival", "medium", "T1")]


class TestLateNoCallAhead:
    def test_late_without_phoning_ahead_is_flagged(self):
        cards = [card("T1", arrived="09:20", called_ahead=False), card("T2", arrived="09:20")]
        found = find_late_no_call_ahead(day(visits=[visit("T1"), visit("T2")], cards=cards))
        assert summary(found) == [
            ("late_no_call_ahead", "medium", "T1"),
            ("late_no_call_ahead", "medium", "T2"),
        ]

    def test_late_after_phoning_the_customer_ahead_is_not(self):
        cards = [card(arrived="09:20", called_ahead=True)]
        assert find_late_no_call_ahead(day(visits=[visit()], cards=cards)) == []

    def test_on_time_needs_no_call(self):
        assert (
            find_late_no_call_ahead(day(visits=[visit()], cards=[card(called_ahead=False)])) == []
        )


class TestCallbackOverdue:
    def test_a_callback_past_due_and_not_done_is_flagged(self):
        cbs = [callback(called=None, reached=None, due="12:00", reason="consult")]
        found = find_callback_overdue(
            day(visits=[visit()], cards=[card()], callbacks=cbs), at("14:00")
        )
        assert summary(found) == [("callback_overdue", "medium", "T1")]
        assert (
            "12:00" in render_all(found[0].evidence)[0]
            and "120" in render_all(found[0].evidence)[0]
        )
        assert found[0].engineer_id == "E01"

    def test_a_remedy_call_after_a_falsified_card_overdue_is_high(self):
        cbs = [callback(called=None, reached=None, due="12:00", reason="remedy")]
        assert summary(find_callback_overdue(day(callbacks=cbs), at("14:00"))) == [
            ("callback_overdue", "high", "T1")
        ]

    def test_done_or_not_yet_due_callbacks_are_fine(self):
        cbs = [
            callback("T1", called="11:50", reached=True, due="12:00"),
            callback("T2", called=None, reached=None, done="13:00", due="12:00"),
            callback("T3", called=None, reached=None, due="15:00"),
        ]
        assert find_callback_overdue(day(callbacks=cbs), at("14:00")) == []

    def test_a_callback_is_overdue_only_once_a_whole_minute_has_passed(self):
        cbs = [callback(called=None, reached=None, due="18:53", reason="follow_up")]
        data = day(callbacks=cbs)
        for still_due in (at("18:53"), at("18:53") + timedelta(seconds=59)):
            assert find_callback_overdue(data, still_due) == []
        (found,) = find_callback_overdue(data, at("18:54"))
        assert (
            "18:53" in render_all(found.evidence)[0]
            and "已逾期 1 分钟" in render_all(found.evidence)[0]
        )

    def test_overdue_minutes_are_whole_minutes_past_due_never_zero_late(self):
        due = at("12:00")
        assert overdue_minutes(due, at("11:00")) == 0
        assert overdue_minutes(due, due + timedelta(seconds=59)) == 0
        assert overdue_minutes(due, due + timedelta(seconds=60)) == 1
        assert overdue_minutes(due, at("14:00")) == 120
        assert overdue_minutes(None, at("14:00")) == 0

    def test_a_call_nobody_answered_is_still_due(self):
        cbs = [callback(called="12:05", reached=False, due="12:00")]
        assert summary(find_callback_overdue(day(callbacks=cbs), at("14:00"))) == [
            ("callback_overdue", "medium", "T1")
        ]


class TestUnsatisfiedOpen:
    def test_an_unsatisfied_card_with_no_follow_up_is_high(self):
        found = find_unsatisfied_open(day(visits=[visit()], cards=[card(satisfaction="不满意")]))
        assert summary(found) == [("unsatisfied_open", "high", "T1")]
        assert "10:05" in render_all(found[0].evidence)[0]

    def test_followed_up_until_satisfied_clears_it(self):
        cbs = [callback(called="16:00", satisfied=True)]
        data = day(visits=[visit()], cards=[card(satisfaction="不满意")], callbacks=cbs)
        assert find_unsatisfied_open(data) == []

    def test_a_follow_up_that_is_still_unsatisfied_keeps_it_open(self):
        cbs = [callback(called="16:00", satisfied=False)]
        found = find_unsatisfied_open(
            day(visits=[visit()], cards=[card(satisfaction="不满意")], callbacks=cbs)
        )
        assert summary(found) == [("unsatisfied_open", "high", "T1")]
        assert "16:00" in render_all(found[0].evidence)[0]

    def test_an_unsatisfied_callback_on_a_satisfied_card_opens_it(self):
        cbs = [callback(called="16:00", satisfied=False)]
        found = find_unsatisfied_open(day(visits=[visit()], cards=[card()], callbacks=cbs))
        assert summary(found) == [("unsatisfied_open", "high", "T1")]

    def test_a_planned_follow_up_makes_it_medium(self):
        cbs = [callback(called=None, reached=None, due="18:00", reason="follow_up")]
        found = find_unsatisfied_open(
            day(visits=[visit()], cards=[card(satisfaction="不满意")], callbacks=cbs)
        )
        assert summary(found) == [("unsatisfied_open", "medium", "T1")]
        assert "18:00" in render_all(found[0].evidence)[1]

    def test_a_satisfied_answer_before_the_complaint_does_not_count(self):
        cbs = [callback(called="09:00", satisfied=True)]
        found = find_unsatisfied_open(
            day(visits=[visit()], cards=[card(satisfaction="不满意")], callbacks=cbs)
        )
        assert summary(found) == [("unsatisfied_open", "high", "T1")]

    def test_satisfied_customers_need_nothing(self):
        assert find_unsatisfied_open(day(visits=[visit()], cards=[card()])) == []
