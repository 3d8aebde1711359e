"""Command palette: screens by name, tickets by phone or number, nothing before login."""

from __future__ import annotations

from ui_helpers import settle

from clerk_tui.ui.dashboard.screen import DashboardScreen


async def _palette(app, pilot, text: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.press(*text)
    await pilot.pause(0.5)
    await settle(app, pilot)
    results = app.screen.query_one("CommandList")
    options = [results.get_option_at_index(i) for i in range(results.option_count)]
    return [str(o.prompt) for o in options if not o.disabled]


async def test_phone_tail_finds_the_ticket_and_enter_opens_it(outlet_db, ui_settings, make_app):
    from clerk_tui.ui.tickets.detail import TicketDetailScreen

    db, _ = outlet_db
    ui_settings.autologin = "li"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        prompts = await _palette(app, pilot, "13900000003")
        assert prompts and prompts[0].startswith("T20250314003  ")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TicketDetailScreen)
        assert app.screen.ticket_id == 3


async def test_screen_names_are_offered(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    ui_settings.autologin = "li"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        prompts = await _palette(app, pilot, "待核实")
        assert any(p.startswith("未完结工单：待核实") for p in prompts)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen._filt.statuses == ("needs_info",)


async def test_before_login_the_palette_offers_no_screens_or_tickets(
    outlet_db, ui_settings, make_app
):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#demo-accounts").focus()
        prompts = await _palette(app, pilot, "13900000003")
        assert prompts == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DashboardScreen)
