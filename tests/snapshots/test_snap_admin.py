"""Screenshots of the admin screen over the demo outlet (seed 1, 2025-03-14), as the supervisor."""

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

    path = tmp_path_factory.mktemp("snap_admin") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def app(_demo_file, tmp_path):
    """The real app over a fresh copy of the demo, logged in as the supervisor 孙海燕."""
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


async def _open_admin(pilot) -> None:
    await _settle(pilot)
    await pilot.press("a")
    await _settle(pilot)


def test_engineers_list_with_leave_calendar(snap_compare, app):
    async def run_before(pilot):
        await _open_admin(pilot)
        await pilot.press(*["down"] * 6)  # E007 is on leave today
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_engineer_form_with_an_error_at_the_field(snap_compare, app):
    async def run_before(pilot):
        await _open_admin(pilot)
        await pilot.press("e")
        await pilot.pause()
        end = pilot.app.screen.query_one("#ad-f-work_end")
        end.focus()
        end.value = ""
        await pilot.press(*"25:00")
        await pilot.press("ctrl+s")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
