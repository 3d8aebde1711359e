"""`clerk-tui validate`: JSON per FORMATS.md, --date, a table without --json, the demo's planted kinds."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from vq_seed import add_ticket, seed

from clerk_tui.cli import main


@pytest.fixture
def db_file(sqlite_db):
    oid, _, model = seed(sqlite_db)
    add_ticket(sqlite_db, oid, "T1", model=model, phone="1381234567")
    add_ticket(
        sqlite_db,
        oid,
        "T2",
        model=model,
        phone="13900000002",
        product_model="",
        created_at=datetime(2025, 3, 12, 9, 0),
    )
    return sqlite_db.url


def test_json_lists_every_problem_with_its_next_step(db_file, capsys):
    assert main(["--today", "2025-03-14", "validate", "--json", "--db", db_file]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "date" not in out
    got = [
        (p["ticket_no"], p["kind"], p["field"], p["severity"], p["next_step"])
        for p in out["problems"]
    ]
    assert got == [
        ("T1", "invalid_phone", "phone", "high", "ask_dispatcher"),
        ("T2", "missing_field", "product_model", "medium", "ask_dispatcher"),
    ]
    assert all(isinstance(p["evidence"], list) and p["evidence"] for p in out["problems"])


def test_date_keeps_the_tickets_created_that_day(db_file, capsys):
    assert main(["--json", "validate", "--date", "2025-03-12", "--db", db_file]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["date"] == "2025-03-12"
    assert [p["ticket_no"] for p in out["problems"]] == ["T2"]


def test_without_json_a_table_and_a_summary(db_file, capsys):
    assert main(["--today", "2025-03-14", "validate", "--db", db_file]) == 0
    out = capsys.readouterr().out
    assert "T1" in out and "电话错误" in out and "先问调度" in out
    assert out.strip().splitlines()[-1] == "2 个问题，涉及 2 张工单"


def test_a_bad_date_is_a_usage_error(db_file, capsys):
    assert main(["validate", "--date", "14/03/2025", "--db", db_file]) == 2
    assert "14/03/2025" in capsys.readouterr().err


def test_the_demo_outlet_shows_every_planted_kind(tmp_path, capsys):
    from clerk_tui.demo.build import build_demo
    from clerk_tui.services.database import open_database

    path = tmp_path / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=date(2025, 3, 14))
    db.dispose()
    assert main(["--today", "2025-03-14", "validate", "--json", "--db", str(path)]) == 0
    kinds = {p["kind"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert {
        "missing_field",
        "invalid_phone",
        "incomplete_address",
        "unknown_model",
        "purchase_date_future",
        "purchase_before_release",
        "duplicate_ticket",
        "repeat_repair",
        "likely_misuse",
        "part_unavailable",
    } <= kinds
