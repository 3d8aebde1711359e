"""Screenshots of the reconciliation screen over the demo outlet (seed 1, 2025-03-14, 21:00)."""

from __future__ import annotations

from datetime import datetime

import pytest
from snap_helpers import make_app, settle

NOW = datetime(2025, 3, 14, 21, 0)  # after the card cut-off: every rule has spoken
SIZE = (130, 40)


@pytest.fixture
def app(demo_db):
    """The real app over a fresh copy of the demo, logged in as the supervisor, clock frozen."""
    return make_app(demo_db, now=NOW, autologin="zhuguan")


def test_reconciliation_screen_with_flags_and_evidence(snap_compare, app):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_yesterday_signed_off_with_flags_not_on_record(snap_compare, app):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
