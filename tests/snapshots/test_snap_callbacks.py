"""Screenshots of the callbacks queue over the demo outlet (seed 1, 2025-03-14 15:00)."""

from __future__ import annotations

from datetime import datetime

import pytest
from snap_helpers import make_app, settle

NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (120, 40)


@pytest.fixture
def app(demo_db):
    """The real app over a fresh copy of the demo, logged in as the clerk, clock frozen."""
    return make_app(demo_db, now=NOW, autologin="xinxi1")


async def _open_generated(pilot) -> None:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    pilot.app.clear_notifications()
    await settle(pilot)


def test_queue_with_overdue_callbacks_first(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_generated)


def test_answer_dialog_with_a_forbidden_phrase_in_the_note(snap_compare, app):
    async def run_before(pilot):
        await _open_generated(pilot)
        await pilot.press("enter", "y", "n")
        if pilot.app.screen.row.has_card:
            await pilot.press("space", "space")
        await pilot.press(*"这个我不清楚")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_queue_with_the_verification_sample_due_tomorrow(snap_compare, app):
    """v after g: the verification calls booked for tomorrow 12:00, none overdue, and no
    ticket that already has another callback on the queue."""

    async def run_before(pilot):
        await _open_generated(pilot)
        await pilot.press("v")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
