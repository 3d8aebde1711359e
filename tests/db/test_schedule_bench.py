"""The `conflicts_day_ms` bench figure: 200 engineers × 8 appointments, loaded and checked."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_a_day_of_200_engineers_is_checked_within_the_target(tmp_path):
    from clerk_tui.bench import ext_schedule as bench

    figures = bench.measure(tmp_path)
    assert set(figures) == {"conflicts_day_ms", "conflicts_touch_ms"}
    limit, how, _unit = bench.TARGET["conflicts_day_ms"]
    assert how == "max" and figures["conflicts_day_ms"] <= limit
    assert figures["conflicts_touch_ms"] < figures["conflicts_day_ms"]


def test_the_bench_day_holds_clashes_for_the_rules_to_find(tmp_path):
    from clerk_tui.bench import ext_schedule as bench
    from clerk_tui.services.database import open_database
    from clerk_tui.services.schedule.day import load_day

    bench.build(tmp_path / "day.db")
    db = open_database(f"sqlite:///{tmp_path / 'day.db'}")
    try:
        view = load_day(db, bench.DAY)
    finally:
        db.dispose()
    assert len(view.appointments) == bench.ENGINEERS * bench.PER_ENGINEER
    kinds = {f.kind for f in view.findings}
    assert {"overlap", "engineer_inactive"} <= kinds
