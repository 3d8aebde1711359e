"""The tickets screens inside the real app, over the demo outlet (seed 1, 2025-03-14)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime

import pytest
from pilot_wait import settle

from clerk_tui.config import Settings
from clerk_tui.ui.tickets.detail import TicketDetailScreen
from clerk_tui.ui.tickets.screen import TicketsScreen
from clerk_tui.ui.tickets.table import TicketTable

TODAY = date(2025, 3, 14)


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory):
    from clerk_tui.demo.build import build_demo
    from clerk_tui.services.database import open_database

    path = tmp_path_factory.mktemp("tickets_demo") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=TODAY)
    db.dispose()
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _app(demo_file, tmp_path, lang="zh"):
    from clerk_tui.ui.app import build_app

    target = tmp_path / "demo.db"
    shutil.copy(demo_file, target)
    settings = Settings(
        db_url=f"sqlite:///{target}", lang=lang, today=TODAY.isoformat(), autologin="xinxi1"
    )
    return build_app(settings, cursor_blink=False, clock=lambda: datetime(2025, 3, 14, 15, 0))


async def _settle(pilot, wait: float = 0.0) -> None:
    await settle(pilot, wait=wait)


def _screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _customers(app) -> list[str]:
    table = app.screen.query_one(TicketTable)
    return [table.get_row_at(i)[4].plain for i in range(table.row_count)]


async def test_clerk_finds_the_demo_customer_named_like_markup_and_opens_the_ticket(
    _demo_file, tmp_path
):
    app = _app(_demo_file, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("k")
        await _settle(pilot)
        assert isinstance(app.screen, TicketsScreen)
        assert app.screen.query_one(TicketTable).row_count == 100
        await pilot.press("slash", *"[red]x")
        await _settle(pilot, wait=0.4)
        assert _customers(app) == ["[red]x[/]"]
        assert "[red]x[/]" in _screen_text(app)
        await pilot.press("enter")  # search box: not an exact number, so the list takes focus
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, TicketDetailScreen)
        assert app.screen.detail.customer_name == "[red]x[/]"
        assert "[red]x[/]" in _screen_text(app)
        assert app.screen.detail.timeline[0].kind == "created"


async def test_demo_history_pages_back_and_forth(_demo_file, tmp_path):
    app = _app(_demo_file, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("k")
        await _settle(pilot)
        table = app.screen.query_one(TicketTable)
        first = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        for _ in range(3):
            await pilot.press("n")
            await _settle(pilot)
            # every column, the creation time included, fits the 120-column terminal
            assert table.virtual_size.width <= table.size.width
        fourth = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert len(fourth) == 100 and not set(first) & set(fourth)
        for _ in range(3):
            await pilot.press("p")
            await _settle(pilot)
        assert [table.get_row_at(i)[0].plain for i in range(table.row_count)] == first


async def test_english_interface_over_the_demo(_demo_file, tmp_path):
    app = _app(_demo_file, tmp_path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("k")
        await _settle(pilot)
        text = _screen_text(app)
        for label in ("Ticket no.", "Customer", "Phone", "Address", "page 1, rows 1 to 100"):
            assert label in text
        await pilot.press("enter")
        await _settle(pilot)
        text = _screen_text(app)
        assert "Timeline (" in text and "Owner (first taker)" in text
