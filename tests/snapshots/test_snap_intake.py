"""Screenshots of the new-ticket form over the demo outlet (seed 1, 2025-03-14): with problems, and clean."""

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

    path = tmp_path_factory.mktemp("snap_intake") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def app(_demo_file, tmp_path):
    """The real app over a fresh copy of the demo, logged in as the clerk xinxi1, clock frozen."""
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


async def _fill(pilot, *fields: str) -> None:
    await _settle(pilot)
    await pilot.press("n")
    await _settle(pilot)
    for text in fields:
        await pilot.press(*text, "tab")
    await _settle(pilot, wait=0.4)


def test_intake_form_with_problems_beside_the_fields(snap_compare, app):
    async def run_before(pilot):
        await _fill(
            pilot,
            "[b]刘[/b]",
            "8888123",
            "青岛市书院路",
            "ABC-999",
            "",
            "2030-01-01",
            "洗衣机不进水 水龙头没开",
            "3-1",
            "9",
            "",
        )

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_intake_form_clean(snap_compare, app):
    async def run_before(pilot):
        await _fill(
            pilot,
            "陈静怡",
            "１５９６３０１２３４５",
            "青岛市李沧区书院路88号万科城5号楼1单元1201室",
            "XQG100-B14876",
            "SN2024060100",
            "2024-06-01",
            "洗衣机脱水时剧烈抖动并有异响",
            "+1",
            "9",
            "1130",
        )

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
