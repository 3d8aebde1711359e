"""Screenshots of the admin screen over the demo outlet (seed 1, 2025-03-14), as the supervisor."""

from __future__ import annotations

from datetime import datetime

import pytest
from snap_helpers import make_app, settle

NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (120, 40)


@pytest.fixture
def app(demo_db):
    """The real app over a fresh copy of the demo, logged in as the supervisor 孙海燕."""
    return make_app(demo_db, now=NOW, autologin="zhuguan")


async def _open_admin(pilot) -> None:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)


def test_engineers_list_with_leave_calendar(snap_compare, app):
    async def run_before(pilot):
        await _open_admin(pilot)
        await pilot.press(*["down"] * 6)  # E007 is on leave today
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_engineer_form_with_an_error_at_the_field(snap_compare, app):
    async def run_before(pilot):
        await _open_admin(pilot)
        await pilot.press("e")
        await pilot.pause()
        end = pilot.app.screen.query_one("#ad-f-work_end")
        end.focus()
        end.value = ""
        await pilot.press(*"25:00")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
