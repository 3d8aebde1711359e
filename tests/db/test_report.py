"""The day's report to the center: .xlsx with Chinese headers, .csv with BOM and sections, .json."""

from __future__ import annotations

import csv
import json

import pytest
from eod_builders import DAY, NOW, build_outlet

from clerk_tui.io.exports.report import ReportError, checksum
from clerk_tui.services.reconcile.report import write_day_report
from clerk_tui.services.reconcile.run import day_flags, outlets_for, reconcile
from clerk_tui.services.reconcile.signoff import day_status, decide_flag, sign_off


def _write(db, path):
    [outlet] = outlets_for(db)
    return write_day_report(db, outlet, DAY, path, now=NOW, user="zhang")


def test_xlsx_report_opens_with_chinese_headers_one_sheet_per_part(db, tmp_path):
    from openpyxl import load_workbook

    facts = build_outlet(db)
    done = _write(db, tmp_path / "r.xlsx")
    wb = load_workbook(done.path)
    assert wb.sheetnames[:4] == ["概况", "工程师对帐", "标记与处理", "当日回访"]
    eng = wb["工程师对帐"]
    assert [c.value for c in eng[1]] == [
        "工程师编号",
        "工程师",
        "工单数",
        "交回监督卡",
        "满意",
        "标记",
    ]
    assert {row[0] for row in eng.iter_rows(min_row=2, values_only=True)} == {"TE01", "TE02"}
    flags = wb["标记与处理"]
    header = [c.value for c in flags[1]]
    assert header[:4] == ["工单号", "工程师编号", "工程师", "类别"]
    kinds = {row[4] for row in flags.iter_rows(min_row=2, values_only=True)}
    assert {"engineer_signed", "missing_card"} <= kinds
    assert flags.column_dimensions["G"].width >= 20  # evidence column sized to its text
    facts_sheet = {r[0]: r[1] for r in wb["概况"].iter_rows(min_row=2, values_only=True)}
    assert facts_sheet["网点"] == facts["code"]
    assert facts_sheet["校验码 (SHA-256)"] == done.checksum


def test_csv_report_is_utf8_with_bom_in_sections(db, tmp_path):
    build_outlet(db)
    done = _write(db, tmp_path / "r.csv")
    raw = done.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    titles = [r[0] for r in rows if r and r[0].startswith("# ")]
    assert titles[:4] == ["# 概况", "# 工程师对帐", "# 标记与处理", "# 当日回访"]


def test_json_report_checksum_covers_the_content_and_is_the_same_in_every_format(db, tmp_path):
    build_outlet(db)
    done = _write(db, tmp_path / "r.json")
    report = json.loads(done.path.read_text(encoding="utf-8"))
    assert report["checksum"] == checksum(report) == done.checksum
    assert {f["kind"] for f in report["flags"]} >= {"engineer_signed", "missing_card"}
    assert _write(db, tmp_path / "r.xlsx").checksum == done.checksum
    report["flags"][0]["status"] = "dismissed"
    assert checksum(report) != done.checksum


def test_report_after_sign_off_marks_the_day_reported_and_keeps_decisions(db, tmp_path):
    facts = build_outlet(db)
    sup = facts["supervisor"]
    reconcile(db, DAY, outlets_for(db), now=NOW)
    for f in day_flags(db, facts["outlet_id"], DAY):
        decide_flag(db, f.id, decision="dismissed", reason="已核实", user=sup, now=NOW)
    before = _write(db, tmp_path / "before.json")
    assert not before.reported
    sign_off(db, facts["outlet_id"], DAY, user=sup, now=NOW)
    done = _write(db, tmp_path / "after.json")
    assert done.reported
    assert day_status(db, facts["outlet_id"], DAY).state == "reported"
    report = json.loads(done.path.read_text(encoding="utf-8"))
    assert {(f["status"], f["reason"], f["decided_by"]) for f in report["flags"]} == {
        ("dismissed", "已核实", "张主管")
    }


def test_unknown_suffix_is_refused_and_nothing_written(db, tmp_path):
    build_outlet(db)
    with pytest.raises(ReportError, match=".txt"):
        _write(db, tmp_path / "r.txt")
    assert not (tmp_path / "r.txt").exists()
