"""`clerk-tui bench`: every figure of FORMATS.md is measured and printed as one JSON object."""

from __future__ import annotations

import json
import sqlite3

import pytest

from clerk_tui.bench import run as bench
from clerk_tui.cli import main

KEYS = ("startup_s", "startup_floor_s", "page_ms", "search_ms", "import_rows_per_s", "peak_rss_mib")


@pytest.fixture
def quick(monkeypatch):
    """Fewer repetitions and a smaller import file, so the whole bench runs in well under a minute."""
    monkeypatch.setattr(bench, "STARTUP_RUNS", 1)
    monkeypatch.setattr(bench, "PAGE_RUNS", 10)
    monkeypatch.setattr(bench, "SEARCH_RUNS", 5)
    monkeypatch.setattr(bench, "IMPORT_ROWS", 2000)


@pytest.mark.slow
def test_bench_json_has_every_figure_as_a_positive_number(quick, tmp_path, capsys):
    code = main(["bench", "--tickets", "2000", "--json", "--cache-dir", str(tmp_path)])
    out = json.loads(capsys.readouterr().out)
    assert out.get("not_measured") is None, out.get("not_measured")
    assert code == 0
    for key in KEYS:
        assert isinstance(out[key], int | float) and out[key] > 0, key
    assert out["startup_ratio"] == pytest.approx(
        out["startup_s"] / out["startup_floor_s"], rel=0.01
    )


def test_synthetic_database_is_cached_and_realistic(tmp_path):
    first = bench.cached_database(tmp_path, 1200)
    stamp = first.stat().st_mtime_ns
    assert bench.cached_database(tmp_path, 1200) == first and first.stat().st_mtime_ns == stamp
    con = sqlite3.connect(first)
    assert con.execute("SELECT count(*) FROM ticket").fetchone()[0] == 1200
    assert con.execute("SELECT count(DISTINCT ticket_no) FROM ticket").fetchone()[0] == 1200
    name, phone, address = con.execute(
        "SELECT customer_name, phone, address FROM ticket WHERE id = 600"
    ).fetchone()
    assert 2 <= len(name) <= 3 and len(phone) == 11 and address.startswith("北京市")
    # the search index holds every ticket, and the triggers keep it in step afterwards
    hits = con.execute(
        "SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH ?", (f'"{phone[-3:]}"',)
    ).fetchone()[0]
    assert hits >= 1
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"ticket_fts_ai", "ticket_fts_ad", "ticket_fts_au"} <= triggers
    assert con.execute("SELECT username, role FROM user").fetchall() == [("bench", "supervisor")]
    assert con.execute("SELECT count(*) FROM supervisioncard").fetchone()[0] > 0
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_too_few_tickets_is_bad_usage(tmp_path, capsys):
    assert bench.run_bench(tickets=10, cache_dir=str(tmp_path)) == 2
    assert "--tickets" in capsys.readouterr().err
