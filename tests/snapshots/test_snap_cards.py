"""Screenshot of the card entry form with a live warning: an engineer's name typed as the signer."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from snap_helpers import TODAY, make_app, settle

NOW = datetime(2025, 3, 14, 18, 30)
SIZE = (120, 40)


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
def app_and_keys(demo_db):
    ticket_no, colleague = _visit_and_colleague(demo_db)
    app = make_app(demo_db, now=NOW, autologin="xinxi1")
    return app, ticket_no, colleague


def test_card_form_warns_about_an_engineer_signing(snap_compare, app_and_keys):
    app, ticket_no, colleague = app_and_keys

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*ticket_no, "enter")
        await settle(pilot)
        await pilot.press(*"0905", *"0950", *colleague)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
