"""Screenshots of the schedule over the demo outlet (seed 1, 2025-03-14): the grid with its conflicts."""

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


async def _settle(pilot) -> None:
    await settle(pilot, rounds=4)


async def _open_schedule(pilot) -> None:
    await _settle(pilot)
    await pilot.press("s")
    await _settle(pilot)


def test_schedule_grid_with_conflicts_and_alternatives(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_schedule)


def test_schedule_overlap_selected_with_consent_dialog(snap_compare, app):
    async def run_before(pilot):
        await _open_schedule(pilot)
        screen = pilot.app.screen
        screen.query_one("#sc-conflicts").focus()
        index = next(i for i, f in enumerate(screen.view.findings) if f.kind == "overlap")
        await pilot.press(*["down"] * index)
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
