"""Callback due times (回访期限), one function for every reason: `domain.callbacks.due`."""

from __future__ import annotations

from datetime import datetime

import pytest

from clerk_tui.domain.callbacks.due import (
    CONSULT,
    FOLLOW_UP,
    REASONS,
    REMEDY,
    RETRY,
    UNCERTAIN_REPAIR,
    VERIFICATION,
    callback_due,
)
from clerk_tui.domain.callbacks.sampling import verification_due
from clerk_tui.domain.policy import Policy


def at(text: str) -> datetime:
    return datetime.fromisoformat(text if " " in text else f"2024-05-10 {text}")


NOW = at("14:00")


class TestConsultation:
    """[H 一.2(1), 一.3(3)] 2小时后跟踪回访 after a phone consultation."""

    def test_consultation_callback_is_due_two_hours_after_the_call(self):
        assert callback_due(CONSULT, at("09:20"), now=NOW, policy=Policy()) == at("11:20")

    def test_the_outlet_policy_sets_the_consultation_delay(self):
        policy = Policy(consult_callback_hours=1.5)
        assert callback_due(CONSULT, at("09:20"), now=NOW, policy=policy) == at("10:50")

    def test_the_delay_counts_from_the_call_not_from_now(self):
        assert callback_due(CONSULT, at("09:20"), now=at("23:00"), policy=Policy()) == at("11:20")


class TestUncertainRepair:
    """[H 七.1] 没有彻底修复把握…3小时后回访; ceramics a week [C 七.1]."""

    def test_uncertain_repair_callback_is_due_three_hours_after_the_visit(self):
        assert callback_due(UNCERTAIN_REPAIR, at("10:00"), now=NOW, policy=Policy()) == at("13:00")

    def test_a_ceramics_outlet_calls_back_a_week_later(self):
        policy = Policy(uncertain_repair_callback_hours=168)
        due = callback_due(UNCERTAIN_REPAIR, at("10:00"), now=NOW, policy=policy)
        assert due == at("2024-05-17 10:00")


class TestFollowUpAndRemedy:
    def test_an_unsatisfied_customer_is_called_again_at_once(self):
        assert callback_due(FOLLOW_UP, at("15:00"), now=NOW) == at("15:00")

    def test_a_follow_up_is_never_due_before_now(self):
        assert callback_due(FOLLOW_UP, at("09:00"), now=NOW) == NOW

    def test_a_confirmed_forgery_s_remedy_call_is_due_now(self):
        assert callback_due(REMEDY, at("00:00"), now=NOW) == NOW


class TestVerification:
    """[H 七.2] sets no hour: outlet policy, by default the next day at noon."""

    def test_verification_callback_is_due_the_next_day_at_noon(self):
        assert callback_due(VERIFICATION, at("00:00"), now=at("18:53"), policy=Policy()) == at(
            "2024-05-11 12:00"
        )

    def test_a_deadline_already_past_moves_on_a_day(self):
        same_evening = Policy(verification_callback_days=0, verification_callback_hour=20)
        due = callback_due(VERIFICATION, at("00:00"), now=at("20:00"), policy=same_evening)
        assert due == at("2024-05-11 20:00")

    @pytest.mark.parametrize("booked", ["08:00", "18:53", "2024-05-12 09:00"])
    def test_the_sampling_deadline_is_this_function(self, booked):
        day = at("00:00")
        assert verification_due(day.date(), at(booked), Policy()) == callback_due(
            VERIFICATION, day, now=at(booked), policy=Policy()
        )


class TestRetry:
    def test_an_unreached_customer_is_called_again_an_hour_later(self):
        assert callback_due(RETRY, at("10:15"), now=at("10:15")) == at("11:15")


class TestRefusals:
    def test_an_unknown_reason_is_refused(self):
        with pytest.raises(ValueError):
            callback_due("birthday", NOW, now=NOW, policy=Policy())

    @pytest.mark.parametrize("reason", [CONSULT, UNCERTAIN_REPAIR, VERIFICATION])
    def test_a_policy_delay_without_the_policy_is_refused(self, reason):
        with pytest.raises(ValueError):
            callback_due(reason, NOW, now=NOW)

    @pytest.mark.parametrize("reason", REASONS)
    def test_every_reason_has_a_due_time_at_or_after_its_event(self, reason):
        assert callback_due(reason, at("10:00"), now=at("10:00"), policy=Policy()) >= at("10:00")
