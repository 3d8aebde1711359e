"""Reading an import file: encodings Excel writes, XLSX, empty files, and header checks."""

from __future__ import annotations

from datetime import datetime

import pytest

from clerk_tui.io.imports.columns import match_header
from clerk_tui.io.imports.read import read_table
from clerk_tui.io.imports.types import ImportRefused

HEADER = "ticket_no,customer_name,phone\r\n"
ROW = "W001,王小明,13812345678\r\n"


def test_utf8_with_bom_is_read_and_the_bom_is_not_part_of_the_first_column(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes((HEADER + ROW).encode("utf-8-sig"))
    table = read_table(f)
    assert table.header == ["ticket_no", "customer_name", "phone"]
    assert table.rows == [(2, ["W001", "王小明", "13812345678"])]


def test_gb18030_as_excel_writes_it_on_chinese_windows_is_read(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes((HEADER + ROW).encode("gb18030"))
    assert read_table(f).rows[0][1][1] == "王小明"


def test_a_file_in_another_encoding_is_refused_naming_the_file(tmp_path):
    f = tmp_path / "latin.csv"
    f.write_bytes(HEADER.encode() + "W001,Müller,\xff\xfe\r\n".encode("latin-1"))
    with pytest.raises(ImportRefused) as err:
        read_table(f)
    assert "latin.csv" in str(err.value)
    assert "UTF-8" in str(err.value)


def test_utf16_or_binary_content_is_refused(tmp_path):
    f = tmp_path / "u16.csv"
    f.write_bytes((HEADER + ROW).encode("utf-16"))
    with pytest.raises(ImportRefused) as err:
        read_table(f)
    assert "u16.csv" in str(err.value)


def test_an_empty_file_is_refused(tmp_path):
    f = tmp_path / "empty.csv"
    f.write_bytes(b"")
    with pytest.raises(ImportRefused) as err:
        read_table(f)
    assert "empty.csv" in str(err.value)


def test_a_missing_file_and_an_unknown_suffix_are_refused(tmp_path):
    with pytest.raises(ImportRefused) as err:
        read_table(tmp_path / "nowhere.csv")
    assert "nowhere.csv" in str(err.value)
    txt = tmp_path / "t.txt"
    txt.write_text(HEADER)
    with pytest.raises(ImportRefused) as err:
        read_table(txt)
    assert ".txt" in str(err.value)


def test_blank_lines_are_skipped_but_row_numbers_stay_the_spreadsheets(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text(HEADER + ",,\r\n" + ROW, encoding="utf-8")
    assert [n for n, _ in read_table(f).rows] == [3]


def test_a_quoted_cell_with_a_line_break_counts_as_one_row(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text(HEADER + 'W001,"王\n小明",1\r\nW002,李,2\r\n', encoding="utf-8")
    assert [n for n, _ in read_table(f).rows] == [2, 3]


def test_xlsx_cells_keep_their_types(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ticket_no ", "created_at", "phone"])
    ws.append(["W001", datetime(2024, 3, 5, 9, 30), 13812345678])
    ws.append([None, None, None])
    f = tmp_path / "t.xlsx"
    wb.save(f)
    table = read_table(f)
    assert table.header == ["ticket_no", "created_at", "phone"]
    assert table.rows == [(2, ["W001", datetime(2024, 3, 5, 9, 30), 13812345678])]


def test_a_broken_xlsx_is_refused(tmp_path):
    f = tmp_path / "t.xlsx"
    f.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportRefused) as err:
        read_table(f)
    assert "t.xlsx" in str(err.value)


def test_a_missing_required_column_is_named(tmp_path):
    with pytest.raises(ImportRefused) as err:
        match_header(tmp_path / "t.csv", "tickets", ["customer_name", "phone"])
    assert "ticket_no" in str(err.value)
    assert "t.csv" in str(err.value)


def test_a_misspelt_required_column_suggests_the_right_name(tmp_path):
    with pytest.raises(ImportRefused) as err:
        match_header(tmp_path / "t.csv", "tickets", ["ticket_number", "phone"])
    assert "ticket_no" in str(err.value) and "ticket_number" in str(err.value)


def test_a_misspelt_optional_column_is_refused_rather_than_its_data_lost(tmp_path):
    with pytest.raises(ImportRefused) as err:
        match_header(tmp_path / "t.csv", "tickets", ["ticket_no", "custmer_name"])
    assert "customer_name" in str(err.value) and "custmer_name" in str(err.value)


def test_extra_columns_are_set_aside_and_headers_match_case_insensitively(tmp_path):
    h = match_header(tmp_path / "t.csv", "tickets", ["Ticket_No", "备注", "phone"])
    assert h.index == {"ticket_no": 0, "phone": 2}
    assert h.extra == ["备注"]
    assert "customer_name" in h.missing


def test_a_column_named_twice_is_refused(tmp_path):
    with pytest.raises(ImportRefused) as err:
        match_header(tmp_path / "t.csv", "tickets", ["ticket_no", "phone", "phone"])
    assert "phone" in str(err.value)
