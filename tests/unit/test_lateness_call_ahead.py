"""Calling ahead about a late engineer and what the call leads to [H 二.3, 三.3(1)]."""

from __future__ import annotations

import pytest

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.schedule.lateness import (
    call_ahead_outcome,
    call_ahead_owed,
    lateness_response,
)


class TestLatenessGiftAndManager:
    """[H 三.3(1)] late more than 15 min: apology and a small gift; apology refused: manager."""

    def test_up_to_fifteen_minutes_late_earns_an_apology_only(self):
        assert lateness_response(15, Policy()) == "apology"

    def test_more_than_fifteen_minutes_late_earns_a_gift(self):
        assert lateness_response(16, Policy()) == "apology_and_gift"

    def test_a_refused_apology_sends_the_after_sales_manager(self):
        assert lateness_response(20, Policy(), apology_accepted=False) == "manager_visit"


class TestCallAheadOwed:
    @pytest.mark.parametrize("late", [1, 15, 16, 120])
    def test_a_late_engineer_means_the_customer_is_phoned_ahead(self, late):
        assert call_ahead_owed(late)

    @pytest.mark.parametrize("late", [None, 0, -5])
    def test_no_call_is_owed_for_an_engineer_on_time(self, late):
        assert not call_ahead_owed(late)

    def test_no_second_reminder_once_the_customer_was_phoned(self):
        assert not call_ahead_owed(20, called=True)


class TestCallAheadOutcome:
    def test_an_accepted_apology_for_a_short_delay_is_logged_as_accepted(self):
        out = call_ahead_outcome(10, Policy(), accepted=True)
        assert (out.offered, out.response, out.contact_outcome, out.manager_visit) == (
            "apology",
            "apology",
            "apology_accepted",
            False,
        )

    def test_a_long_delay_offers_the_gift(self):
        out = call_ahead_outcome(25, Policy(), accepted=True)
        assert out.offered == out.response == "apology_and_gift"
        assert not out.manager_visit

    def test_a_refused_apology_books_the_manager_visit(self):
        out = call_ahead_outcome(25, Policy(), accepted=False)
        assert out.offered == "apology_and_gift"
        assert out.response == "manager_visit"
        assert out.contact_outcome == "apology_refused"
        assert out.manager_visit

    def test_the_threshold_comes_from_the_policy(self):
        assert call_ahead_outcome(18, Policy(lateness_threshold_minutes=20), True).offered == (
            "apology"
        )

    def test_no_outcome_for_an_arrival_that_is_not_late(self):
        with pytest.raises(ValueError):
            call_ahead_outcome(0, Policy(), accepted=True)
