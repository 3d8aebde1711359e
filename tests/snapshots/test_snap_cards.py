"""Screenshot of the card entry form with a live warning: an engineer's name typed as the signer."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime

import pytest

from clerk_tui.config import Settings

TODAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 18, 30)
SIZE = (120, 40)


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory):
    from clerk_tui.services.database import open_database
    from clerk_tui.services.demo import build_demo

    path = tmp_path_factory.mktemp("snap_cards") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _visit_and_colleague(path) -> tuple[str, str]:
    with sqlite3.connect(path) as con:
        ticket_no, engineer_id = con.execute(
            """SELECT t.ticket_no, t.engineer_id FROM ticket t
               JOIN appointment a ON a.ticket_id = t.id
               WHERE date(a.start) = ? AND t.status IN ('completed', 'in_service')
                 AND t.service_type = 'repair'
                 AND NOT EXISTS (SELECT 1 FROM supervisioncard c WHERE c.ticket_no = t.ticket_no)
               ORDER BY t.status, t.ticket_no LIMIT 1""",
            (TODAY.isoformat(),),
        ).fetchone()
        (name,) = con.execute(
            "SELECT name FROM engineer WHERE id <> ? ORDER BY code LIMIT 1", (engineer_id,)
        ).fetchone()
    return ticket_no, name


@pytest.fixture
def app_and_keys(_demo_file, tmp_path):
    from clerk_tui.ui.app import build_app

    target = tmp_path / "demo.db"
    shutil.copy(_demo_file, target)
    ticket_no, colleague = _visit_and_colleague(target)
    settings = Settings(
        db_url=f"sqlite:///{target}", lang="zh", today=TODAY.isoformat(), autologin="xinxi1"
    )
    app = build_app(settings, cursor_blink=False, clock=lambda: NOW)
    return app, ticket_no, colleague


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_card_form_warns_about_an_engineer_signing(snap_compare, app_and_keys):
    app, ticket_no, colleague = app_and_keys

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)
        await pilot.press(*ticket_no, "enter")
        await _settle(pilot)
        await pilot.press(*"0905", *"0950", *colleague)
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
