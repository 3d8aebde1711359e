"""Screenshots of the shell's screens in their telling states: demo login, first run, Today, no database.

Frozen business date and clock, no cursor blink, TEXTUAL_ANIMATIONS=none (tests/conftest.py).
Review the SVGs in __snapshots__ before accepting an update.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest

from clerk_tui.config import Settings

TODAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (120, 40)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    from clerk_tui.services.database import open_database
    from clerk_tui.services.demo import build_demo

    path = tmp_path_factory.mktemp("snapdemo") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo_url(demo_template, tmp_path):
    target = tmp_path / "demo.db"
    shutil.copy(demo_template, target)
    return f"sqlite:///{target}"


def _app(url: str, lang: str = "zh"):
    from clerk_tui.ui.app import build_app

    settings = Settings(db_url=url, lang=lang, today=TODAY.isoformat(), demo=True)
    return build_app(settings, cursor_blink=False, clock=lambda: NOW)


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _log_in(pilot, username: str, password: str) -> None:
    await _settle(pilot)
    await pilot.click("#username")
    await pilot.press(*username, "enter", *password, "enter")
    await _settle(pilot)


def test_login_on_the_demo_database_lists_the_accounts(snap_compare, demo_url):
    assert snap_compare(_app(demo_url), terminal_size=SIZE, run_before=_settle)


def test_login_with_a_wrong_password(snap_compare, demo_url):
    async def wrong(pilot):
        await _log_in(pilot, "xinxi1", "nope-nope")

    assert snap_compare(_app(demo_url), terminal_size=SIZE, run_before=wrong)


def test_first_run_asks_for_the_supervisor(snap_compare, tmp_path):
    assert snap_compare(
        _app(f"sqlite:///{tmp_path / 'empty.db'}"), terminal_size=SIZE, run_before=_settle
    )


def test_today_dashboard_on_the_demo_outlet(snap_compare, demo_url):
    async def log_in(pilot):
        await _log_in(pilot, "xinxi1", "xinxi123")

    assert snap_compare(_app(demo_url), terminal_size=SIZE, run_before=log_in)


def test_today_dashboard_in_english(snap_compare, demo_url):
    async def log_in(pilot):
        await _log_in(pilot, "zhuguan", "zhuguan123")

    assert snap_compare(_app(demo_url, lang="en"), terminal_size=SIZE, run_before=log_in)


def test_a_file_that_is_not_a_database(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative path, so the sentence is the same on every run
    (tmp_path / "letter.db").write_bytes(b"not a database " * 400)
    assert snap_compare(_app("sqlite:///letter.db"), terminal_size=SIZE, run_before=_settle)
