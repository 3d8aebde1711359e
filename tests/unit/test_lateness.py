"""Lateness responses, failed-visit actions and the call-ahead deadline [H 二.3, 三.3]."""

from __future__ import annotations

from datetime import datetime

import pytest

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.schedule.lateness import (
    FAILED_VISIT_REASONS,
    call_ahead_due,
    describe_lateness,
    failed_visit_action,
    lateness_response,
)
from clerk_tui.i18n import get_lang, set_lang
from clerk_tui.i18n.evidence import render


class TestLatenessResponse:
    @pytest.mark.parametrize(
        ("late", "expected"),
        [
            (0, "none"),
            (-5, "none"),
            (1, "apology"),
            (15, "apology"),
            (16, "apology_and_gift"),
            (90, "apology_and_gift"),
        ],
    )
    def test_threshold_is_fifteen_minutes(self, late, expected):
        assert lateness_response(late, Policy()) == expected

    def test_threshold_comes_from_policy(self):
        assert lateness_response(16, Policy(lateness_threshold_minutes=20)) == "apology"
        assert lateness_response(21, Policy(lateness_threshold_minutes=20)) == "apology_and_gift"

    @pytest.mark.parametrize("late", [10, 16, 40])
    def test_refused_apology_brings_the_manager(self, late):
        assert lateness_response(late, Policy(), apology_accepted=False) == "manager_visit"

    def test_accepted_apology_stays_as_it_was(self):
        assert lateness_response(16, Policy(), apology_accepted=True) == "apology_and_gift"

    def test_description_quotes_the_minutes(self):
        lang = get_lang()
        try:
            set_lang("en")
            assert "16 min" in render(describe_lateness(16, "apology_and_gift"))
            assert "manager" in render(describe_lateness(16, "manager_visit"))
        finally:
            set_lang(lang)


class TestFailedVisitAction:
    @pytest.mark.parametrize(
        ("reason", "manager"),
        [
            ("customer_out", False),
            ("customer_busy", False),
            ("power_cut", False),
            ("product_elsewhere", False),
            ("refused_entry", True),
            ("doubts_engineer", True),
        ],
    )
    def test_reschedule_with_consent_and_manager_where_the_manual_says(self, reason, manager):
        action = failed_visit_action(reason)
        assert action.reschedule and action.consent_required
        assert action.manager_visit is manager
        assert action.describe().id == f"sch.fail.{reason}"
        assert not render(action.describe()).startswith("sch.")  # a real message, not the key

    def test_every_reason_is_covered(self):
        assert {failed_visit_action(r).reason for r in FAILED_VISIT_REASONS} == set(
            FAILED_VISIT_REASONS
        )

    def test_unknown_reason_is_refused(self):
        with pytest.raises(ValueError):
            failed_visit_action("engineer_overslept")


class TestCallAheadDue:
    @pytest.mark.parametrize("late", [1, 15, 16, 60])
    def test_call_is_due_before_the_appointment(self, late):
        start = datetime(2025, 3, 10, 14, 0)
        assert call_ahead_due(start, late) == datetime(2025, 3, 10, 13, 58)

    def test_no_call_is_owed_when_not_late(self):
        with pytest.raises(ValueError):
            call_ahead_due(datetime(2025, 3, 10, 14, 0), 0)
