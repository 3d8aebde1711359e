"""Warranty status: whole unit, main parts only, out, unknown — with calendar months done right."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_tui.domain.validation.rules import ModelInfo
from clerk_tui.domain.warranty import add_months, warranty_end, warranty_status, warranty_terms

WASHER = ModelInfo("XQG70-B12866", "洗衣机", whole_warranty_months=12, parts_warranty_months=36)


class TestAddMonths:
    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            (date(2025, 1, 31), 1, date(2025, 2, 28)),  # no 31 February: month end
            (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
            (date(2024, 2, 29), 12, date(2025, 2, 28)),
            (date(2025, 1, 15), 12, date(2026, 1, 15)),
            (date(2025, 12, 15), 1, date(2026, 1, 15)),  # across the year
            (date(2025, 3, 31), -1, date(2025, 2, 28)),
            (date(2025, 5, 31), 0, date(2025, 5, 31)),
        ],
    )
    def test_calendar_month_arithmetic(self, start, months, expected):
        assert add_months(start, months) == expected

    @given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 120))
    def test_result_is_never_before_start_and_within_a_month_of_the_target(self, start, months):
        end = add_months(start, months)
        assert end >= start
        assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months


class TestWarrantyStatus:
    @pytest.mark.parametrize(
        ("on", "status"),
        [
            (date(2025, 1, 15), "in"),  # the day of purchase
            (date(2026, 1, 15), "in"),  # last day of the 12 months
            (date(2026, 1, 16), "parts_only"),
            (date(2028, 1, 15), "parts_only"),  # last day of the 36 months
            (date(2028, 1, 16), "out"),
        ],
    )
    def test_status_changes_the_day_after_each_term_ends(self, on, status):
        assert warranty_status(WASHER, date(2025, 1, 15), on) == status

    def test_month_end_purchase_is_covered_to_the_end_of_a_short_month(self):
        one_month = ModelInfo("X", whole_warranty_months=1, parts_warranty_months=1)
        assert warranty_status(one_month, date(2025, 1, 31), date(2025, 2, 28)) == "in"
        assert warranty_status(one_month, date(2025, 1, 31), date(2025, 3, 1)) == "out"

    @pytest.mark.parametrize(
        ("model", "purchase"),
        [(None, date(2025, 1, 1)), (WASHER, None), (None, None), (WASHER, date(2025, 7, 1))],
    )
    def test_unknown_without_model_or_date_or_with_a_future_date(self, model, purchase):
        assert warranty_status(model, purchase, date(2025, 6, 1)) == "unknown"

    def test_parts_term_shorter_than_whole_unit_never_shortens_cover(self):
        odd = ModelInfo("Y", whole_warranty_months=24, parts_warranty_months=12)
        assert warranty_status(odd, date(2024, 1, 1), date(2025, 6, 1)) == "in"
        assert warranty_status(odd, date(2024, 1, 1), date(2026, 1, 2)) == "out"

    def test_terms_give_both_last_days(self):
        terms = warranty_terms(12, 36, date(2025, 1, 31))
        assert (terms.whole_until, terms.parts_until) == (date(2026, 1, 31), date(2028, 1, 31))
        assert warranty_end(date(2025, 1, 31), 1) == date(2025, 2, 28)

    @given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)), st.integers(0, 4000))
    def test_status_only_moves_forward_in_time(self, purchase, days):
        order = ["in", "parts_only", "out"]
        first = warranty_status(WASHER, purchase, purchase + timedelta(days=days))
        later = warranty_status(WASHER, purchase, purchase + timedelta(days=days + 30))
        assert order.index(later) >= order.index(first)
