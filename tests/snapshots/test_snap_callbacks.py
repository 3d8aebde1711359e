"""Screenshots of the callbacks queue over the demo outlet (seed 1, 2025-03-14 15:00)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime

import pytest

from clerk_tui.config import Settings

TODAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (120, 40)


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory):
    from clerk_tui.services.database import open_database
    from clerk_tui.services.demo import build_demo

    path = tmp_path_factory.mktemp("snap_callbacks") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def app(_demo_file, tmp_path):
    """The real app over a fresh copy of the demo, logged in as the clerk, clock frozen."""
    from clerk_tui.ui.app import build_app

    target = tmp_path / "demo.db"
    shutil.copy(_demo_file, target)
    settings = Settings(
        db_url=f"sqlite:///{target}", lang="zh", today=TODAY.isoformat(), autologin="xinxi1"
    )
    return build_app(settings, cursor_blink=False, clock=lambda: NOW)


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open_generated(pilot) -> None:
    await _settle(pilot)
    await pilot.press("h")
    await _settle(pilot)
    await pilot.press("g")
    await _settle(pilot)
    pilot.app.clear_notifications()
    await _settle(pilot)


def test_queue_with_overdue_callbacks_first(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_generated)


def test_answer_dialog_with_a_forbidden_phrase_in_the_note(snap_compare, app):
    async def run_before(pilot):
        await _open_generated(pilot)
        await pilot.press("enter", "y", "n")
        if pilot.app.screen.row.has_card:
            await pilot.press("space", "space")
        await pilot.press(*"这个我不清楚")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
