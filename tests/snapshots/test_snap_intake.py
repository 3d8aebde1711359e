"""Screenshots of the new-ticket form over the demo outlet (seed 1, 2025-03-14): with problems, and clean."""

from __future__ import annotations

from datetime import datetime

import pytest
from snap_helpers import make_app, settle

NOW = datetime(2025, 3, 14, 15, 0)
SIZE = (120, 40)


@pytest.fixture
def app(demo_db):
    """The real app over a fresh copy of the demo, logged in as the clerk xinxi1, clock frozen."""
    return make_app(demo_db, now=NOW, autologin="xinxi1")


async def _fill(pilot, *fields: str) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    for text in fields:
        await pilot.press(*text, "tab")
    await settle(pilot, wait=0.4)


def test_intake_form_with_problems_beside_the_fields(snap_compare, app):
    async def run_before(pilot):
        await _fill(
            pilot,
            "[b]刘[/b]",
            "8888123",
            "青岛市书院路",
            "ABC-999",
            "",
            "2030-01-01",
            "洗衣机不进水 水龙头没开",
            "3-1",
            "9",
            "",
        )

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_intake_form_clean(snap_compare, app):
    async def run_before(pilot):
        await _fill(
            pilot,
            "陈静怡",
            "１５９６３０１２３４５",
            "青岛市李沧区书院路88号万科城5号楼1单元1201室",
            "XQG100-B14876",
            "SN2024060100",
            "2024-06-01",
            "洗衣机脱水时剧烈抖动并有异响",
            "+1",
            "9",
            "1130",
        )

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
