"""Dates and times as a clerk types them on the intake form: full forms, short forms, half-typed ones."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from clerk_tui.ui.intake.parse import parse_date, parse_time, parse_window

TODAY = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2025-03-01", (date(2025, 3, 1), "")),
        ("2025/3/1", (date(2025, 3, 1), "")),
        ("２０２５－０３－０１", (date(2025, 3, 1), "")),
        ("2025年3月1日", (date(2025, 3, 1), "")),
        ("2025-1", (None, "in.err.date_incomplete")),
        ("2025-13-40", (None, "in.err.date_invalid")),
        ("2025-02-29", (None, "in.err.date_invalid")),
        ("去年", (None, "in.err.date_format")),
        ("", (None, "")),
    ],
)
def test_purchase_dates(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9", time(9)),
        ("930", time(9, 30)),
        ("1430", time(14, 30)),
        ("9:30", time(9, 30)),
        ("9：30", time(9, 30)),
        ("9点半", time(9, 30)),
        ("１０", time(10)),
    ],
)
def test_short_times(typed, expected):
    assert parse_time(typed) == (expected, "")


def test_impossible_times_are_refused():
    assert parse_time("25")[1] == "in.err.time_invalid"
    assert parse_time("12:75")[1] == "in.err.time_invalid"
    assert parse_time("noon")[1] == "in.err.time_format"


def test_visit_window_from_short_forms():
    assert parse_window("+1", "9", "1130", TODAY) == (
        datetime(2025, 3, 15, 9),
        datetime(2025, 3, 15, 11, 30),
        {},
    )
    assert parse_window("明天", "", "", TODAY)[:2] == (
        datetime(2025, 3, 15, 8),
        datetime(2025, 3, 15, 18),
    )
    assert parse_window("3-1", "9", "", TODAY)[2] == {"day": "in.err.day_past"}
    assert parse_window("", "12", "9", TODAY)[2] == {"end": "in.err.end_before_start"}
