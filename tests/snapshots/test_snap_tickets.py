"""Screenshots of the tickets list and the ticket detail over the demo outlet (seed 1, 2025-03-14)."""

from __future__ import annotations

from datetime import datetime

import pytest
from snap_helpers import make_app, settle

NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (120, 40)


@pytest.fixture
def app(demo_db):
    """The real app over a fresh copy of the demo, logged in as the clerk 李娜, clock frozen."""
    return make_app(demo_db, now=NOW, autologin="xinxi1")


async def _open_tickets(pilot) -> None:
    await settle(pilot)
    await pilot.press("k")
    await settle(pilot)


def test_tickets_list_first_page(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_tickets)


def test_tickets_search_shows_markup_name_as_typed(snap_compare, app):
    async def run_before(pilot):
        await _open_tickets(pilot)
        await pilot.press("slash", *"[red]x")
        await settle(pilot, wait=0.4)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_tickets_search_without_result(snap_compare, app):
    async def run_before(pilot):
        await _open_tickets(pilot)
        await pilot.press("slash", *"没有这个人")
        await settle(pilot, wait=0.4)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_ticket_detail_with_timeline(snap_compare, app):
    async def run_before(pilot):
        await _open_tickets(pilot)
        await pilot.press("slash", *"QD202502140007", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
