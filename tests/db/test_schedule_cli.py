"""`clerk-tui conflicts --date D --json` over the demo outlet: every planted clash, with alternatives.

The command's clock (`cmd_conflicts.clock_now`: the business date at the real time of day)
is pinned here, so what "already past" means does not depend on when the tests run."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from clerk_tui.commands import cmd_conflicts

DAY = date(2026, 11, 22)
REAL_CLOCK = cmd_conflicts.clock_now
MORNING = datetime(2026, 11, 22, 8, 0)


def _pin_clock(monkeypatch, now: datetime) -> None:
    monkeypatch.setattr(cmd_conflicts, "clock_now", lambda ctx: now)


@pytest.fixture(autouse=True)
def _morning(monkeypatch):
    """Every test runs at 08:00 on the demo's day unless it pins another time."""
    _pin_clock(monkeypatch, MORNING)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    from clerk_tui.demo.build import build_demo
    from clerk_tui.services.database import open_database

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


def _alternatives(out: str) -> list[dict]:
    return [a for c in json.loads(out)["conflicts"] for a in c["alternatives"]]


def test_today_at_ten_to_seven_offers_no_time_already_past(capsys, monkeypatch, demo_url):
    _pin_clock(monkeypatch, datetime(2026, 11, 22, 18, 50))
    code, out, _ = _run(capsys, "conflicts", "--date", DAY.isoformat(), "--json", "--db", demo_url)
    assert code == 0
    starts = [a["start"] for a in _alternatives(out)]
    assert starts and min(starts) >= "2026-11-22 19:00"  # the 15-minute grid after 18:50
    _pin_clock(monkeypatch, MORNING)
    out = _run(capsys, "conflicts", "--date", DAY.isoformat(), "--json", "--db", demo_url)[1]
    assert any(a["start"] < "2026-11-22 18:50" for a in _alternatives(out))  # the bug's offers


def test_a_later_day_is_not_restricted_by_the_time_of_day(capsys, monkeypatch, demo_url):
    argv = ("conflicts", "--date", DAY.isoformat(), "--json", "--db", demo_url)
    _pin_clock(monkeypatch, datetime(2026, 11, 21, 23, 59))
    late_eve = _run(capsys, *argv)[1]
    assert json.loads(late_eve) == json.loads(_run(capsys, *argv)[1])  # same as at 08:00 on D


def test_a_day_already_past_is_history_its_conflicts_have_no_alternatives(
    capsys, monkeypatch, demo_url
):
    _pin_clock(monkeypatch, datetime(2026, 11, 23, 9, 0))
    code, out, _ = _run(capsys, "conflicts", "--date", DAY.isoformat(), "--json", "--db", demo_url)
    report = json.loads(out)
    assert code == 0 and report["conflicts"] and _alternatives(out) == []
    code, out, _ = _run(capsys, "conflicts", "--date", DAY.isoformat(), "--db", demo_url)
    assert code == 0 and "2026-11-22 已经过去" in out and "备选1" not in out


def test_the_clock_is_the_business_date_at_the_real_time_of_day():
    from types import SimpleNamespace

    ctx = SimpleNamespace(settings=SimpleNamespace(today="2026-11-22"))
    before = datetime.now().replace(microsecond=0)
    now = REAL_CLOCK(ctx)
    after = datetime.now()
    assert now.date() == DAY
    assert before <= datetime.combine(before.date(), now.time()) <= after
