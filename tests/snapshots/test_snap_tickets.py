"""Screenshots of the tickets list and the ticket detail over the demo outlet (seed 1, 2025-03-14)."""

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

    path = tmp_path_factory.mktemp("snap_tickets") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()  # the last connection closing folds the WAL into the file
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


async def _settle(pilot, wait: float = 0.0) -> None:
    if wait:
        await pilot.pause(wait)
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open_tickets(pilot) -> None:
    await _settle(pilot)
    await pilot.press("k")
    await _settle(pilot)


def test_tickets_list_first_page(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_tickets)


def test_tickets_search_shows_markup_name_as_typed(snap_compare, app):
    async def run_before(pilot):
        await _open_tickets(pilot)
        await pilot.press("slash", *"[red]x")
        await _settle(pilot, wait=0.4)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_tickets_search_without_result(snap_compare, app):
    async def run_before(pilot):
        await _open_tickets(pilot)
        await pilot.press("slash", *"没有这个人")
        await _settle(pilot, wait=0.4)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_ticket_detail_with_timeline(snap_compare, app):
    async def run_before(pilot):
        await _open_tickets(pilot)
        await pilot.press("slash", *"QD202502140007", "enter")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
