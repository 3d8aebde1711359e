"""Screenshots of the reconciliation screen over the demo outlet (seed 1, 2025-03-14, 21:00)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime

import pytest

from clerk_tui.config import Settings

TODAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 21, 0)  # after the card cut-off: every rule has spoken
SIZE = (130, 40)


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory):
    from clerk_tui.services.database import open_database
    from clerk_tui.services.demo import build_demo

    path = tmp_path_factory.mktemp("snap_reconcile") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def app(_demo_file, tmp_path):
    """The real app over a fresh copy of the demo, logged in as the supervisor, clock frozen."""
    from clerk_tui.ui.app import build_app

    target = tmp_path / "demo.db"
    shutil.copy(_demo_file, target)
    settings = Settings(
        db_url=f"sqlite:///{target}", lang="zh", today=TODAY.isoformat(), autologin="zhuguan"
    )
    return build_app(settings, cursor_blink=False, clock=lambda: NOW)


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_reconciliation_screen_with_flags_and_evidence(snap_compare, app):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("d")
        await _settle(pilot)
        await pilot.press("down", "down")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
