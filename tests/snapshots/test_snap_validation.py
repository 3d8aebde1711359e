"""Screenshots of the validation queue over the demo outlet (seed 1, 2025-03-14)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime

import pytest

from clerk_tui.config import Settings

TODAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (130, 42)


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory):
    from clerk_tui.services.database import open_database
    from clerk_tui.services.demo import build_demo

    path = tmp_path_factory.mktemp("snap_validation") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def app(_demo_file, tmp_path):
    """The real app over a fresh copy of the demo, logged in as the clerk 李娜, clock frozen."""
    from clerk_tui.ui.app import build_app

    target = tmp_path / "demo.db"
    shutil.copy(_demo_file, target)
    settings = Settings(
        db_url=f"sqlite:///{target}", lang="zh", today=TODAY.isoformat(), autologin="xinxi1"
    )
    return build_app(settings, cursor_blink=False, clock=lambda: NOW)


async def _settle(pilot) -> None:
    await pilot.pause(0.2)  # the queue loads, then the first ticket's contacts: two workers
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open_queue(pilot) -> None:
    await _settle(pilot)
    await pilot.press("v")
    await _settle(pilot)


def test_validation_queue_with_problems(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_queue)


def test_contact_dialog_warns_of_forbidden_phrases(snap_compare, app):
    async def run_before(pilot):
        await _open_queue(pilot)
        await pilot.press("d", "3", *"调度也不知道")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
