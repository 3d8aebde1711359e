"""Screenshots of the shell's screens in their telling states: demo login, first run, Today, no database.

Frozen business date and clock, no cursor blink, TEXTUAL_ANIMATIONS=none (tests/conftest.py).
Review the SVGs in __snapshots__ before accepting an update.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from snap_helpers import make_app, settle

NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (120, 40)


@pytest.fixture
def demo_url(demo_db) -> str:
    return f"sqlite:///{demo_db}"


def _app(url: str, lang: str = "zh"):
    return make_app(url, now=NOW, lang=lang, demo=True)


async def _log_in(pilot, username: str, password: str) -> None:
    await settle(pilot)
    await pilot.click("#username")
    await pilot.press(*username, "enter", *password, "enter")
    await settle(pilot)


def test_login_on_the_demo_database_lists_the_accounts(snap_compare, demo_url):
    assert snap_compare(_app(demo_url), terminal_size=SIZE, run_before=settle)


def test_login_with_a_wrong_password(snap_compare, demo_url):
    async def wrong(pilot):
        await _log_in(pilot, "xinxi1", "nope-nope")

    assert snap_compare(_app(demo_url), terminal_size=SIZE, run_before=wrong)


def test_first_run_asks_for_the_supervisor(snap_compare, tmp_path):
    assert snap_compare(
        _app(f"sqlite:///{tmp_path / 'empty.db'}"), terminal_size=SIZE, run_before=settle
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
    assert snap_compare(_app("sqlite:///letter.db"), terminal_size=SIZE, run_before=settle)
