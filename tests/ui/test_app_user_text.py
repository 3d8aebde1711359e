"""User text is data: names that look like markup show exactly as typed, and never act."""

from __future__ import annotations

import html
import json
import re

from ui_helpers import seed_outlet, settle, type_into

from clerk_tui.ui.dashboard.screen import DashboardScreen

NASTY = ("[/]", "[@click=app.quit]x", "[red]x[/]")


def _screen_text(app) -> str:
    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


def _nasty_outlet(db):
    from sqlmodel import select

    from clerk_tui.db.models import Setting, User

    seed_outlet(db, names=NASTY)
    accounts = [
        {
            "username": "zhang",
            "password": "demo1234",
            "role": "supervisor",
            "display_name": NASTY[1],
        },
        {"username": "li", "password": "demo1234", "role": "clerk", "display_name": NASTY[0]},
    ]
    with db.session() as s:
        s.get(Setting, "demo_users").value = json.dumps(accounts)
        for user in s.exec(select(User)).all():
            user.display_name = {"zhang": NASTY[1], "li": NASTY[2]}[user.username]


async def test_markup_like_names_show_as_typed_on_login_header_and_palette(
    sqlite_db, ui_settings, make_app
):
    _nasty_outlet(sqlite_db)
    app = make_app(ui_settings, db=sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#demo-accounts")
        assert [str(table.get_row_at(i)[3]) for i in range(2)] == [NASTY[1], NASTY[0]]
        assert NASTY[1] in _screen_text(app) and NASTY[0] in _screen_text(app)

        await type_into(pilot, "#username", "zhang")
        await pilot.press("enter", *"demo1234", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.click("HeaderTitle")  # a click on the header must not run the name as an action
        await pilot.pause()
        assert app.is_running
        assert f"{NASTY[1]}（主管）" in _screen_text(app)

        await pilot.press("ctrl+p")
        await pilot.press(*"1390000")
        await pilot.pause(0.5)
        await settle(app, pilot)
        results = app.screen.query_one("CommandList")
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        for name in NASTY:
            assert any(name in p for p in prompts), (name, prompts)
        shown = _screen_text(app)
        assert NASTY[0] in shown and NASTY[2] in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


async def test_markup_like_name_typed_at_first_run_reaches_the_header_as_typed(
    ui_settings, make_app
):
    app = make_app(ui_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_into(pilot, "#username", "boss")
        await type_into(pilot, "#display-name", NASTY[2])
        await type_into(pilot, "#password", "secret99")
        await type_into(pilot, "#password2", "secret99")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert f"{NASTY[2]}（主管）" in _screen_text(app)
