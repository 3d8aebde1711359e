"""Reading one cell: times, dates, Y/N, money, scores, text limits and control characters."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from clerk_tui.io.imports.cells import Cells, check_order
from clerk_tui.io.imports.types import RowRefused


def cells(**values: object) -> Cells:
    names = list(values)
    return Cells(list(values.values()), {n: i for i, n in enumerate(names)})


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024-03-05 09:30", datetime(2024, 3, 5, 9, 30)),
        ("2024-03-05 09:30:15", datetime(2024, 3, 5, 9, 30, 15)),
        ("2024/3/5 9:30", datetime(2024, 3, 5, 9, 30)),
        ("2024-03-05T09:30", datetime(2024, 3, 5, 9, 30)),
        ("  2024-03-05 09:30 ", datetime(2024, 3, 5, 9, 30)),
        (datetime(2024, 3, 5, 9, 30, 0, 123), datetime(2024, 3, 5, 9, 30)),
        ("", None),
        (None, None),
    ],
)
def test_times_are_read_in_the_usual_spellings(raw, expected):
    assert cells(at=raw).datetime("at") == expected


@pytest.mark.parametrize(
    "raw", ["2024-02-30 09:00", "2024-03-05 25:00", "明天上午", "2024-03-05", "45000", 45000.5]
)
def test_a_time_that_cannot_be_read_names_the_field(raw):
    with pytest.raises(RowRefused) as err:
        cells(arrived_at=raw).datetime("arrived_at")
    assert err.value.field == "arrived_at"
    assert "arrived_at" in err.value.reason


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2023-05-01", date(2023, 5, 1)),
        ("2023/5/1", date(2023, 5, 1)),
        ("2023-05-01 00:00", date(2023, 5, 1)),
        (datetime(2023, 5, 1), date(2023, 5, 1)),
        (date(2023, 5, 1), date(2023, 5, 1)),
        ("", None),
    ],
)
def test_dates_are_read(raw, expected):
    assert cells(d=raw).date("d") == expected


@pytest.mark.parametrize(
    "raw", ["2023-13-01", "20230501x", "去年", "0023-05-01", "2023-05-01 14:00"]
)
def test_an_unreadable_date_is_refused(raw):
    with pytest.raises(RowRefused) as err:
        cells(purchase_date=raw).date("purchase_date")
    assert err.value.field == "purchase_date"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Y", True),
        ("n", False),
        ("是", True),
        ("否", False),
        ("1", True),
        ("0", False),
        ("true", True),
        ("FALSE", False),
        (True, True),
        (1, True),
        ("", None),
    ],
)
def test_yes_no_cells(raw, expected):
    assert cells(active=raw).yn("active") is expected


def test_a_yes_no_cell_with_other_text_is_refused():
    with pytest.raises(RowRefused) as err:
        cells(active="maybe").yn("active")
    assert err.value.field == "active"


@pytest.mark.parametrize(
    "raw, fen",
    [
        ("12", 1200),
        ("12.5", 1250),
        ("0.01", 1),
        ("¥1,200.00", 120000),
        (80, 8000),
        (12.3, 1230),
        (0.1 + 0.2, 30),
        ("", None),
    ],
)
def test_money_in_yuan_becomes_integer_fen(raw, fen):
    assert cells(amount=raw).fen("amount") == fen


@pytest.mark.parametrize("raw", ["十二元", "12.345", "-5", "1e400", "NaN", "99999999999"])
def test_money_that_is_not_money_is_refused(raw):
    with pytest.raises(RowRefused) as err:
        cells(amount=raw).fen("amount")
    assert err.value.field == "amount"


@pytest.mark.parametrize(
    "raw, ok", [("1", True), ("5", True), ("0", False), ("6", False), ("4.5", False), ("优", False)]
)
def test_scores_are_whole_numbers_from_1_to_5(raw, ok):
    c = cells(attitude_score=raw)
    if ok:
        assert c.integer("attitude_score", 1, 5) == int(raw)
    else:
        with pytest.raises(RowRefused):
            c.integer("attitude_score", 1, 5)


def test_clock_times():
    assert cells(s="8:30").hhmm("s") == "08:30"
    assert cells(s=time(17, 5)).hhmm("s") == "17:05"
    with pytest.raises(RowRefused):
        cells(s="25:00").hhmm("s")


def test_text_longer_than_the_column_is_refused_naming_it():
    with pytest.raises(RowRefused) as err:
        cells(customer_name="张" * 10_000).text("customer_name", 100)
    assert err.value.field == "customer_name"
    assert "10000" in err.value.reason


def test_control_characters_are_refused_but_tab_and_newline_are_text():
    assert cells(notes="第一行\r\n第二行\t完").text("notes") == "第一行\n第二行\t完"
    with pytest.raises(RowRefused) as err:
        cells(notes="响铃\x07").text("notes")
    assert err.value.field == "notes"
    assert "U+0007" in err.value.reason


def test_markup_is_plain_text():
    assert cells(name="[red]王[/]").text("name", 100) == "[red]王[/]"


def test_xlsx_numbers_read_as_text_keep_their_digits():
    assert cells(phone=13812345678).text("phone", 40) == "13812345678"
    assert cells(phone=13812345678.0).text("phone", 40) == "13812345678"


def test_an_end_before_its_start_is_refused_naming_the_end():
    with pytest.raises(RowRefused) as err:
        check_order("arrived_at", datetime(2024, 3, 5, 10), "finished_at", datetime(2024, 3, 5, 9))
    assert err.value.field == "finished_at"
    check_order("requested_start", None, "requested_end", datetime(2024, 3, 5, 9), need_start=False)


@pytest.mark.parametrize(
    "address, district",
    [
        ("北京市朝阳区建国路88号", "朝阳区"),
        ("上海市浦东新区世纪大道1号", "浦东新区"),
        ("河北省保定市涞水县城关镇", "涞水县"),
        ("海淀区中关村大街1号", "海淀区"),
        ("小区门口", ""),
        ("北京市阳光小区3号楼", ""),
        ("建国路88号", ""),
    ],
)
def test_the_district_is_taken_only_when_it_is_plain(address, district):
    from clerk_tui.io.imports.tickets import district_of

    assert district_of(address) == district
