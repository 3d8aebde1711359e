"""Screenshots of the schedule over the demo outlet (seed 1, 2025-03-14): the grid with its conflicts."""

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

    path = tmp_path_factory.mktemp("snap_schedule") / "demo.db"
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
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open_schedule(pilot) -> None:
    await _settle(pilot)
    await pilot.press("s")
    await _settle(pilot)


def test_schedule_grid_with_conflicts_and_alternatives(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_schedule)


def test_schedule_overlap_selected_with_consent_dialog(snap_compare, app):
    async def run_before(pilot):
        await _open_schedule(pilot)
        screen = pilot.app.screen
        screen.query_one("#sc-conflicts").focus()
        index = next(i for i, f in enumerate(screen.view.findings) if f.kind == "overlap")
        await pilot.press(*["down"] * index)
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
