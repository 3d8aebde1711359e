"""Today dashboard: its counts are the database's, and each ticket count opens the matching list."""

from __future__ import annotations

from datetime import datetime

from ui_helpers import FROZEN_NOW, FROZEN_TODAY, seed_outlet, settle

from clerk_tui.domain.states import OPEN_STATES
from clerk_tui.services.dashboard.counts import DashboardCounts, demo_accounts, today_counts
from clerk_tui.services.schedule.day import load_day
from clerk_tui.services.tickets.search import TicketFilter
from clerk_tui.services.validation.check import validation_queue
from clerk_tui.ui.dashboard.screen import DashboardScreen


def test_counts_match_the_outlet(db):
    facts = seed_outlet(db)
    c = today_counts(db, today=FROZEN_TODAY, now=FROZEN_NOW)
    assert c.open_by_state == facts.open_by_state
    assert c.today_by_state == facts.today_by_state
    assert c.needs_info == 3
    assert c.info_problems == validation_queue(db, today=FROZEN_TODAY).total > 0
    assert c.open_total == 9
    assert c.today_total == 8
    assert (c.appointments_today, c.cards_expected, c.cards_returned) == (5, 3, 1)
    assert (c.callbacks_due, c.callbacks_overdue, c.open_flags) == (2, 1, 1)


def test_a_callback_becomes_overdue_when_its_time_passes(db):
    seed_outlet(db)
    morning = today_counts(db, today=FROZEN_TODAY, now=datetime(2025, 3, 14, 8, 0))
    evening = today_counts(db, today=FROZEN_TODAY, now=datetime(2025, 3, 14, 18, 0))
    assert (morning.callbacks_due, morning.callbacks_overdue) == (2, 0)
    assert (evening.callbacks_due, evening.callbacks_overdue) == (2, 2)


def test_empty_database_counts_zero_in_every_open_state(db):
    c = today_counts(db, today=FROZEN_TODAY, now=FROZEN_NOW)
    assert c.open_by_state == dict.fromkeys(sorted(OPEN_STATES), 0)
    assert c == DashboardCounts(today=FROZEN_TODAY, open_by_state=c.open_by_state)


def test_demo_accounts_come_from_the_setting_and_a_plain_database_has_none(db):
    assert demo_accounts(db) == []
    seed_outlet(db)
    assert [(a.username, a.role, a.display_name) for a in demo_accounts(db)] == [
        ("zhang", "supervisor", "张主管"),
        ("li", "clerk", "李信息员"),
    ]


def _tiles(app) -> dict[str, str]:
    return {tile.id: tile.value for tile in app.screen.query("CountTile")}


async def _open_dashboard(app, pilot):
    await settle(app, pilot)
    assert isinstance(app.screen, DashboardScreen)


async def test_dashboard_shows_the_database_counts(outlet_db, ui_settings, make_app):
    db, facts = outlet_db
    ui_settings.autologin = "li"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_dashboard(app, pilot)
        queue = validation_queue(db, today=FROZEN_TODAY)
        assert _tiles(app) == {
            "needs-info": str(queue.total),  # the validation queue's tickets, no other count
            "today": "8",
            "open": "9",
            "appointments": "5",
            "cards": "1 / 3",
            "callbacks-due": "2",
            "callbacks-overdue": "1",
            "flags": "1",
            "conflicts": str(len(load_day(db, FROZEN_TODAY).findings)),
            "parts": "0",
        }
        assert app.screen.query_one("#callbacks-overdue").alert
        table = app.screen.query_one("#dash-states")
        row = {
            str(table.get_row("needs_info")[0]): [str(v) for v in table.get_row("needs_info")[1:]]
        }
        assert row == {"待核实": ["1", "3"]}
        assert [str(v) for v in table.get_row("closed")[1:]] == [
            "0",
            "-",
        ]  # closed: not an open state


async def test_refresh_key_counts_again(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    ui_settings.autologin = "li"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_dashboard(app, pilot)
        from clerk_tui.db.models import Ticket

        with db.session() as s:
            s.add(
                Ticket(
                    ticket_no="NEW-1",
                    status="needs_info",
                    created_at=FROZEN_NOW,
                    business_date=FROZEN_TODAY,
                )
            )
        before = int(_tiles(app)["needs-info"])
        assert _tiles(app)["today"] == "8"
        await pilot.press("r")
        await settle(app, pilot)
        assert int(_tiles(app)["needs-info"]) == before + 1  # no phone, no address: problems
        assert _tiles(app)["today"] == "9"


async def test_number_keys_open_the_filtered_ticket_list(outlet_db, ui_settings, make_app):
    from clerk_tui.ui.tickets.screen import TicketsScreen

    db, _ = outlet_db
    ui_settings.autologin = "li"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_dashboard(app, pilot)
        expected = {
            "2": TicketFilter(business_date=FROZEN_TODAY),
            "3": TicketFilter(
                statuses=("new", "needs_info", "ready", "scheduled", "in_service", "pulled_back")
            ),
        }
        for key, filt in expected.items():
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, TicketsScreen)
            assert app.screen._filt == filt
            await pilot.press("ctrl+p")  # leave by the palette's "Today" as a clerk might
            await pilot.press(*"今日概览")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, DashboardScreen)


async def test_needs_info_tile_opens_the_validation_queue_with_as_many_tickets(
    outlet_db, ui_settings, make_app
):
    from clerk_tui.ui.validation.screen import ValidationQueueScreen

    db, _ = outlet_db
    ui_settings.autologin = "li"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_dashboard(app, pilot)
        shown = int(_tiles(app)["needs-info"])
        app.screen.query_one("#needs-info").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ValidationQueueScreen)
        assert len(app.screen.queue.tickets) == shown


async def test_clicking_a_tile_and_a_state_cell_open_their_lists(outlet_db, ui_settings, make_app):
    from clerk_tui.ui.tickets.screen import TicketsScreen

    db, _ = outlet_db
    ui_settings.autologin = "li"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_dashboard(app, pilot)
        await pilot.click("#today")
        await settle(app, pilot)
        assert app.screen._filt == TicketFilter(business_date=FROZEN_TODAY)
        app.action_today()
        await settle(app, pilot)
        table = app.screen.query_one("#dash-states")
        table.focus()
        await pilot.press("down", "right", "enter")  # needs_info, today column
        await settle(app, pilot)
        assert isinstance(app.screen, TicketsScreen)
        assert app.screen._filt == TicketFilter(
            statuses=("needs_info",), business_date=FROZEN_TODAY
        )


async def test_tickets_key_and_today_key_move_between_the_screens(outlet_db, ui_settings, make_app):
    from clerk_tui.ui.tickets.screen import TicketsScreen

    db, _ = outlet_db
    ui_settings.autologin = "li"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_dashboard(app, pilot)
        await pilot.press("k")
        await settle(app, pilot)
        assert isinstance(app.screen, TicketsScreen) and app.screen._filt == TicketFilter()
        app.action_today()
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.screen_stack) == 2  # nothing piles up underneath


async def test_demo_outlet_dashboard_shows_what_the_database_counts(demo_db_file, make_app):
    from clerk_tui.config import Settings
    from clerk_tui.services.database import open_database

    db = open_database(f"sqlite:///{demo_db_file}")
    try:
        expected = today_counts(db, today=FROZEN_TODAY, now=FROZEN_NOW)
        user = demo_accounts(db)[1].username
        settings = Settings(db_url=db.url, today=FROZEN_TODAY.isoformat(), autologin=user)
        app = make_app(settings, db=db)
        async with app.run_test(size=(120, 40)) as pilot:
            await _open_dashboard(app, pilot)
            tiles = _tiles(app)
            assert tiles["today"] == str(expected.today_total) != "0"
            assert tiles["open"] == str(expected.open_total)
            assert tiles["cards"] == f"{expected.cards_returned} / {expected.cards_expected}"
            assert tiles["callbacks-overdue"] == str(expected.callbacks_overdue)
    finally:
        db.dispose()


async def test_count_tiles_open_their_own_screens(outlet_db, ui_settings, make_app):
    from clerk_tui.ui.callbacks.screen import CallbacksScreen
    from clerk_tui.ui.cards.screen import CardEntryScreen
    from clerk_tui.ui.schedule.screen import ScheduleScreen

    db, _facts = outlet_db
    ui_settings.autologin = "li"  # a clerk
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_dashboard(app, pilot)
        for key, screen_type in (
            ("4", ScheduleScreen),
            ("6", CardEntryScreen),
            ("8", CallbacksScreen),
        ):
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, screen_type)
            app.action_today()
            await settle(app, pilot)
        await pilot.press("9")  # flags are the supervisor's: a clerk only sees the count
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not app.screen.query_one("#flags").link


def test_a_callback_is_overdue_only_a_whole_minute_after_its_time(db):
    """The dashboard counts overdue as the callbacks queue and the reconciliation do."""
    from datetime import timedelta

    from sqlmodel import select

    from clerk_tui.db.models import Callback, Ticket

    seed_outlet(db)
    at = datetime(2025, 3, 14, 19, 30)
    with db.session() as s:
        tid = s.exec(select(Ticket.id)).first()
        s.add(Callback(ticket_id=tid, due_at=at))

    def overdue(now):
        return today_counts(db, today=FROZEN_TODAY, now=now).callbacks_overdue

    base = overdue(at - timedelta(minutes=5))
    assert overdue(at) == base
    assert overdue(at + timedelta(seconds=59)) == base
    assert overdue(at + timedelta(minutes=1)) == base + 1
