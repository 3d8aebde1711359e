"""Reschedule only with the customer's recorded consent [H 一.2(2)]: `domain.schedule.consent`."""

from __future__ import annotations

from datetime import datetime

import pytest

from clerk_tui.domain.schedule.consent import (
    CONSENT_OUTCOMES,
    check_reschedule,
    is_reschedule,
    reschedule_allowed,
)

NINE = (datetime(2025, 3, 10, 9, 0), datetime(2025, 3, 10, 10, 30))
ELEVEN = (datetime(2025, 3, 10, 11, 0), datetime(2025, 3, 10, 12, 30))


class TestCheckReschedule:
    def test_reschedule_only_with_the_customer_s_recorded_consent(self):
        assert check_reschedule("consent") == "allowed"
        assert reschedule_allowed("consent")

    def test_no_consent_recorded_refuses_the_reschedule(self):
        assert check_reschedule("") == "no_consent"
        assert not reschedule_allowed("")

    def test_the_customer_s_latest_answer_no_refuses_the_reschedule(self):
        assert check_reschedule("consent_refused") == "consent_refused"
        assert not reschedule_allowed("consent_refused")

    def test_a_consent_used_by_an_earlier_reschedule_does_not_allow_another(self):
        assert check_reschedule("rescheduled") == "consent_used"
        assert not reschedule_allowed("rescheduled")

    @pytest.mark.parametrize("record", ["assigned", "late", "CONSENT", " consent"])
    def test_any_other_record_is_not_consent(self, record):
        assert check_reschedule(record) == "no_consent"

    def test_only_consent_among_the_consent_outcomes_allows_a_reschedule(self):
        assert [r for r in CONSENT_OUTCOMES if reschedule_allowed(r)] == ["consent"]


class TestIsReschedule:
    def test_another_time_is_a_reschedule(self):
        assert is_reschedule(NINE, ELEVEN)

    def test_another_end_alone_is_a_reschedule(self):
        assert is_reschedule(NINE, (NINE[0], ELEVEN[0]))

    def test_another_engineer_at_the_same_time_is_a_reassignment_needing_no_consent(self):
        assert not is_reschedule(NINE, NINE)
