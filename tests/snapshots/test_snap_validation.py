"""Screenshots of the validation queue over the demo outlet (seed 1, 2025-03-14)."""

from __future__ import annotations

from datetime import datetime

import pytest
from snap_helpers import make_app, settle

NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (130, 42)


@pytest.fixture
def app(demo_db):
    """The real app over a fresh copy of the demo, logged in as the clerk 李娜, clock frozen."""
    return make_app(demo_db, now=NOW, autologin="xinxi1")


async def _settle(pilot) -> None:
    # the queue loads, then the first ticket's contacts: two workers
    await settle(pilot, rounds=4, wait=0.2)


async def _open_queue(pilot) -> None:
    await _settle(pilot)
    await pilot.press("v")
    await _settle(pilot)


def test_validation_queue_with_problems(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_queue)


def test_contact_dialog_warns_of_forbidden_phrases(snap_compare, app):
    async def run_before(pilot):
        await _open_queue(pilot)
        await pilot.press("d", "3", *"调度也不知道")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
