"""`clerk-tui conflicts --date D --json` over the demo outlet: every planted clash, with alternatives."""

from __future__ import annotations

import json
from datetime import date

import pytest

DAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    from clerk_tui.services.database import open_database
    from clerk_tui.services.demo import build_demo

    path = tmp_path_factory.mktemp("sched_cli") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=DAY)
    db.dispose()
    return str(path)


def _run(capsys, *argv) -> tuple[int, str, str]:
    from clerk_tui.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_demo_day_lists_every_planted_conflict_with_alternatives(capsys, demo_url):
    code, out, _ = _run(capsys, "conflicts", "--date", DAY.isoformat(), "--json", "--db", demo_url)
    assert code == 0
    report = json.loads(out)
    assert report["date"] == "2026-11-22"
    kinds = {c["kind"] for c in report["conflicts"]}
    assert kinds == {
        "overlap",
        "insufficient_travel",
        "outside_hours",
        "skill_mismatch",
        "engineer_inactive",
        "outside_requested_window",
        "over_capacity",
        "unassigned",
    }
    for c in report["conflicts"]:
        assert set(c) >= {
            "ticket_no",
            "engineer_id",
            "kind",
            "severity",
            "evidence",
            "with_ticket_no",
            "alternatives",
        }
        assert c["evidence"] and 1 <= len(c["alternatives"]) <= 3
        assert all(a["engineer_id"] != c["engineer_id"] or a["start"] for a in c["alternatives"])
    unassigned = [c for c in report["conflicts"] if c["kind"] == "unassigned"]
    assert unassigned and all(c["engineer_id"] == "" for c in unassigned)
    overlap = next(c for c in report["conflicts"] if c["kind"] == "overlap")
    assert overlap["with_ticket_no"].startswith("QD20261122")


def test_a_day_without_visits_has_no_conflicts(capsys, demo_url):
    code, out, _ = _run(capsys, "conflicts", "--date", "2030-01-01", "--json", "--db", demo_url)
    assert code == 0 and json.loads(out) == {"date": "2030-01-01", "conflicts": []}


def test_an_unreadable_date_is_bad_usage(capsys, demo_url):
    code, out, err = _run(capsys, "conflicts", "--date", "2026-13-40", "--db", demo_url)
    assert code == 2 and out == "" and "2026-13-40" in err


def test_the_text_form_names_each_conflict_and_its_alternatives(capsys, demo_url):
    code, out, _ = _run(capsys, "conflicts", "--date", DAY.isoformat(), "--db", demo_url)
    assert code == 0
    assert "时间重叠" in out and "备选1" in out
