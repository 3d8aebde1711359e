"""Callbacks the rules create and the daily risk-weighted verification sample (DESIGN §3)."""

from __future__ import annotations

from collections import Counter

import pytest
from pydantic import ValidationError
from reconcile_builders import DAY, at, callback, card, day, visit

from clerk_tui.domain.callbacks.sampling import (
    callbacks_due,
    covered_by_other_callbacks,
    high_risk_tickets,
    verification_due,
    verification_sample,
)
from clerk_tui.domain.findings import Finding
from clerk_tui.domain.policy import Policy

NOW = at("18:00")


def _due(data, **kw):
    return [(c.ticket_no, c.reason, c.due_at) for c in callbacks_due(data, NOW, **kw)]


class TestCallbacksDue:
    def test_a_phone_consultation_is_called_back_two_hours_later(self):
        v = visit(
            "C1", status="consult_only", service="consult", start=None, end=None, consulted="10:15"
        )
        assert _due(day(visits=[v])) == [("C1", "consult", at("12:15"))]

    def test_an_uncertain_repair_is_called_back_after_the_policy_hours(self):
        data = day(visits=[visit()], cards=[card(finished="10:10", confident=False)])
        assert _due(data) == [("T1", "uncertain_repair", at("13:10"))]

    def test_a_ceramics_outlet_calls_back_after_a_week(self):
        data = day(
            cards=[card(finished="10:10", confident=False)],
            policy=Policy(uncertain_repair_callback_hours=168),
        )
        assert _due(data) == [("T1", "uncertain_repair", at("2024-05-17 10:10"))]

    def test_an_unsatisfied_customer_gets_a_follow_up_at_once(self):
        data = day(visits=[visit()], cards=[card(satisfaction="不满意")])
        assert _due(data) == [("T1", "follow_up", NOW)]

    def test_each_confirmed_forgery_gets_a_remedy_call(self):
        data = day(visits=[visit("T1"), visit("T2")], cards=[card("T1"), card("T2")])
        assert _due(data, confirmed_forgeries=["T2", "T2"]) == [("T2", "remedy", NOW)]

    def test_a_callback_already_on_the_queue_is_not_asked_for_twice(self):
        cbs = [
            callback(called=None, reached=None, due="13:10", reason="uncertain_repair"),
            callback(called=None, reached=None, due="18:30", reason="follow_up"),
            callback(called=None, reached=None, due="18:00", reason="remedy"),
        ]
        data = day(
            cards=[card(finished="10:10", confident=False, satisfaction="不满意")], callbacks=cbs
        )
        assert _due(data, confirmed_forgeries=["T1"]) == []

    def test_a_follow_up_that_found_the_customer_still_unsatisfied_asks_for_another(self):
        cbs = [callback(called="16:00", satisfied=False, due="12:00", reason="follow_up")]
        data = day(cards=[card(satisfaction="不满意")], callbacks=cbs)
        due = callbacks_due(data, NOW)
        assert [(c.reason, c.basis) for c in due] == [("follow_up", at("16:00"))]

    def test_keys_are_stable_across_reruns(self):
        data = day(visits=[visit()], cards=[card(satisfaction="不满意", confident=False)])
        first = [c.key for c in callbacks_due(data, NOW)]
        again = [c.key for c in callbacks_due(data, at("19:30"))]
        assert first == again and len(set(first)) == 2


def _cards(n, engineer="E01"):
    return [card(f"{engineer}-{i:03d}", engineer=engineer) for i in range(n)]


class TestVerificationSample:
    def test_every_high_forgery_card_is_called_plus_a_share_of_the_rest(self):
        cards = _cards(20)
        findings = [
            Finding("engineer_signed", "high", ("x",), ticket_no="E01-005"),
            Finding("late_arrival", "high", ("x",), ticket_no="E01-006"),
            Finding("signer_not_customer", "medium", ("x",), ticket_no="E01-007"),
        ]
        picked = verification_sample(cards, findings, {}, rate=0.2, seed=7)
        assert picked[0] == "E01-005"
        assert len(picked) == 1 + 4  # ceil(0.2 × 19)
        assert len(set(picked)) == len(picked)

    def test_the_sample_is_the_same_for_the_same_seed_whatever_the_order(self):
        cards = _cards(30)
        a = verification_sample(cards, [], {}, rate=0.3, seed=11)
        b = verification_sample(list(reversed(cards)), [], {}, rate=0.3, seed=11)
        c = verification_sample(cards, [], {}, rate=0.3, seed=12)
        assert a == b and a != c

    def test_engineers_with_confirmed_flags_are_sampled_more(self):
        cards = _cards(50, "E01") + _cards(50, "E02")
        counts: Counter[str] = Counter()
        for seed in range(200):
            for ticket in verification_sample(cards, [], {"E02": 6}, rate=0.1, seed=seed):
                counts[ticket[:3]] += 1
        assert counts["E02"] > 2 * counts["E01"]

    def test_an_engineer_pattern_puts_all_his_cards_on_the_queue(self):
        cards = _cards(5, "E01") + _cards(5, "E02")
        findings = [Finding("engineer_pattern", "high", ("x",), engineer_id="E02")]
        picked = verification_sample(cards, findings, {}, rate=0.0, seed=1)
        assert picked == [f"E02-{i:03d}" for i in range(5)]

    def test_rate_zero_calls_only_the_high_risk_and_rate_one_calls_everyone(self):
        cards = _cards(10)
        assert verification_sample(cards, [], {}, rate=0.0, seed=1) == []
        assert len(verification_sample(cards, [], {}, rate=1.0, seed=1)) == 10

    def test_the_high_risk_tickets_are_those_sampled_whatever_the_rate(self):
        cards = _cards(6)
        findings = [
            Finding("engineer_signed", "high", ("x",), ticket_no="E01-002"),
            Finding("engineer_signed", "high", ("x",), ticket_no="NO-CARD"),
        ]
        assert high_risk_tickets(cards, findings) == {"E01-002"}
        assert verification_sample(cards, findings, {}, rate=0.0, seed=3) == ["E01-002"]


class TestVerificationDue:
    """[H 七.2] sets no hour: policy, by default the next day at 12:00, never already past."""

    def test_booked_in_the_evening_it_is_due_the_next_day_at_noon(self):
        assert verification_due(DAY, at("18:53"), Policy()) == at("2024-05-11 12:00")

    def test_a_callback_booked_now_is_not_due_now(self):
        for hhmm in ("00:00", "08:30", "12:00", "23:59"):
            assert verification_due(DAY, at(hhmm), Policy()) > at(hhmm)

    def test_a_sample_booked_on_a_later_day_counts_from_the_booking(self):
        assert verification_due(DAY, at("2024-05-12 09:00"), Policy()) == at("2024-05-13 12:00")

    def test_the_outlet_sets_the_days_and_the_hour(self):
        same_evening = Policy(verification_callback_days=0, verification_callback_hour=20)
        assert verification_due(DAY, at("17:30"), same_evening) == at("20:00")
        assert verification_due(DAY, at("20:00"), same_evening) == at("2024-05-11 20:00")
        two_days = Policy(verification_callback_days=2, verification_callback_hour=9)
        assert verification_due(DAY, at("18:00"), two_days) == at("2024-05-12 09:00")

    @pytest.mark.parametrize(
        "field,value",
        [
            ("verification_callback_hour", 24),
            ("verification_callback_hour", -1),
            ("verification_callback_days", -1),
            ("verification_callback_days", 8),
        ],
    )
    def test_a_deadline_out_of_range_is_refused(self, field, value):
        with pytest.raises(ValidationError):
            Policy(**{field: value})


DUE = at("2024-05-11 12:00")


def _covered(callbacks, cards=None, tickets=("T1",)):
    cards = [card()] if cards is None else cards
    return covered_by_other_callbacks(tickets, callbacks, cards, DAY, DUE)


class TestCoveredByOtherCallbacks:
    """A sampled customer with another callback open, or already called back, is not booked
    again: that call asks the verification questions."""

    @pytest.mark.parametrize("reason", ["follow_up", "consult", "uncertain_repair", "remedy"])
    def test_an_open_callback_due_by_the_deadline_covers_the_ticket(self, reason):
        cb = callback(called=None, reached=None, due="18:53", reason=reason)
        assert _covered([cb]) == {"T1"}

    def test_a_call_not_reached_is_still_open_and_covers_it(self):
        assert _covered([callback(called="16:00", reached=False, due="15:00")]) == {"T1"}

    def test_an_open_callback_due_after_the_deadline_does_not(self):
        week = callback(
            called=None, reached=None, due="2024-05-17 10:10", reason="uncertain_repair"
        )
        undated = callback(called=None, reached=None, due=None, reason="follow_up")
        assert _covered([week, undated]) == set()

    def test_a_customer_called_back_after_the_visit_is_covered(self):
        assert _covered([callback(called="15:00", reached=True, done="15:00", due="12:10")]) == {
            "T1"
        }

    def test_a_call_made_before_the_visit_or_on_an_earlier_day_does_not_cover_it(self):
        before_visit = callback(called="09:30", reached=True, done="09:30", due="09:30")
        yesterday = callback(
            called="2024-05-09 16:00", reached=True, done="2024-05-09 16:00", due=None
        )
        assert _covered([before_visit, yesterday], cards=[card(finished="10:10")]) == set()

    def test_a_closed_call_that_never_reached_the_customer_does_not_cover_it(self):
        closed = callback(called="16:00", reached=False, done="16:05", due="15:00")
        assert _covered([closed]) == set()

    def test_only_the_sampled_tickets_are_answered(self):
        cbs = [callback("T2", called=None, reached=None, due="18:53", reason="follow_up")]
        assert _covered(cbs, tickets=("T1",)) == set()
        assert _covered(cbs, cards=[card("T2")], tickets=("T1", "T2")) == {"T2"}
