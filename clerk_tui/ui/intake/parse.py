"""Reading the intake form's typed dates and times: full forms, and the short forms a clerk types fast.

Each parser returns (value, problem): problem is '' or a message key `in.err.*`;
an empty field is (None, '').
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

from clerk_tui.i18n import N_

_FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_PARTIAL_DATE = re.compile(r"\d{1,4}(?:\s*[-/.年]\s*(?:\d{1,2}(?:\s*[-/.月]\s*)?)?)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_PLUS_DAYS = re.compile(r"\+\s*(\d{1,3})")
_TIME = re.compile(r"(\d{1,2})\s*[:：.点點時时]\s*(\d{1,2})?\s*分?")
_RELATIVE = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "後天": 2}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _make(y: int, m: int, d: int) -> tuple[date | None, str]:
    try:
        return date(y, m, d), ""
    except ValueError:
        return None, N_("in.err.date_invalid")


def parse_date(text: str) -> tuple[date | None, str]:
    """YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日 or YYYYMMDD; a half-typed date says so."""
    value = _fold(text)
    if not value:
        return None, ""
    for pattern in (_FULL_DATE, _COMPACT_DATE):
        m = pattern.fullmatch(value)
        if m:
            return _make(*(int(g) for g in m.groups()))
    if _PARTIAL_DATE.fullmatch(value):
        return None, N_("in.err.date_incomplete")
    return None, N_("in.err.date_format")


def parse_visit_day(text: str, today: date) -> tuple[date | None, str]:
    """A visit day: a full date, M-D (this year), +N days, 今天/明天/后天; past days are refused."""
    value = _fold(text)
    if not value:
        return None, ""
    if value in _RELATIVE:
        return today + timedelta(days=_RELATIVE[value]), ""
    m = _PLUS_DAYS.fullmatch(value)
    if m:
        return today + timedelta(days=int(m.group(1))), ""
    m = _MONTH_DAY.fullmatch(value)
    if m:
        day, problem = _make(today.year, int(m.group(1)), int(m.group(2)))
    else:
        day, problem = parse_date(value)
    if day is not None and day < today:
        return None, N_("in.err.day_past")
    return day, problem


def parse_time(text: str) -> tuple[time | None, str]:
    """HH:MM, and the short forms 9 / 930 / 0930 / 9:30 / 9点半 / 14点."""
    value = _fold(text).replace("点半", ":30").replace("點半", ":30")
    if not value:
        return None, ""
    if value.isdigit() and len(value) <= 4:
        cut = {1: 1, 2: 2, 3: 1, 4: 2}[len(value)]
        hour, minute = int(value[:cut]), int(value[cut:] or 0)
    else:
        m = _TIME.fullmatch(value)
        if m is None:
            return None, N_("in.err.time_format")
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None, N_("in.err.time_invalid")
    return time(hour, minute), ""


def parse_window(
    day_text: str, start_text: str, end_text: str, today: date
) -> tuple[datetime | None, datetime | None, dict[str, str]]:
    """The requested visit window; problems by part ('day', 'start', 'end').

    Times without a day mean today; a day without times means that whole working day is open
    (start 08:00, end 18:00).
    """
    problems: dict[str, str] = {}
    day, p = parse_visit_day(day_text, today)
    if p:
        problems["day"] = p
    start, p = parse_time(start_text)
    if p:
        problems["start"] = p
    end, p = parse_time(end_text)
    if p:
        problems["end"] = p
    if problems or (day is None and start is None and end is None):
        return None, None, problems
    day = day or today
    begin = datetime.combine(day, start or time(8, 0))
    finish = datetime.combine(day, end) if end is not None else None
    if finish is None:
        finish = datetime.combine(day, time(18, 0)) if start is None else begin + timedelta(hours=2)
    if finish <= begin:
        problems["end"] = N_("in.err.end_before_start")
    return begin, finish, problems
