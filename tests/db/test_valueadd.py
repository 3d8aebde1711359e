"""Value-add findings (信息增值): tagged on tickets, listed by day, exported as CSV."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime

import pytest
from sqlalchemy import select
from vq_seed import NOW, add_ticket, seed

from clerk_tui.db.models import AuditEntry
from clerk_tui.services.validation.valueadd import (
    ValueAddRefused,
    add_finding,
    export_csv,
    list_findings,
)


@pytest.fixture
def outlet(db):
    outlet_id, clerk, model = seed(db)
    return db, outlet_id, clerk, model


def test_findings_are_listed_newest_first_and_by_the_day_they_were_recorded(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model)
    add_finding(
        db,
        ticket_id=tid,
        tag="design",
        text="用水高峰水压低，进水超时报警",
        user=clerk,
        now=datetime(2025, 3, 13, 16, 0),
    )
    add_finding(db, ticket_id=tid, tag="parts", text="门封条常缺货", user=clerk, now=NOW)
    rows = list_findings(db)
    assert [(r.ticket_no, r.tag) for r in rows] == [("T1", "parts"), ("T1", "design")]
    assert rows[0].recorded_by == "李信息员" and rows[0].product_model == model
    assert [r.text for r in list_findings(db, day=date(2025, 3, 13))] == [
        "用水高峰水压低，进水超时报警"
    ]
    with db.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "valueadd.add")).scalars()
        assert json.loads(next(iter(entry)).after)["tag"] == "design"


def test_unknown_tag_and_empty_text_are_refused(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model)
    with pytest.raises(ValueAddRefused):
        add_finding(db, ticket_id=tid, tag="marketing", text="x", user=clerk, now=NOW)
    with pytest.raises(ValueAddRefused):
        add_finding(db, ticket_id=tid, tag="quality", text="   ", user=clerk, now=NOW)
    assert list_findings(db) == []


def test_csv_export_keeps_text_as_typed_and_defuses_formulas(outlet, tmp_path):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model)
    add_finding(
        db, ticket_id=tid, tag="quality", text='=HYPERLINK("x") [b]😀[/b]', user=clerk, now=NOW
    )
    path = export_csv(list_findings(db), tmp_path / "out" / "va.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert row["ticket_no"] == "T1" and row["tag"] == "quality"
    assert row["text"] == '\'=HYPERLINK("x") [b]😀[/b]'
