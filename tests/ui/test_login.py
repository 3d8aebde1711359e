"""Login and first run, driven by key presses as a clerk would."""

from __future__ import annotations

from ui_helpers import settle, type_into

from clerk_tui.config import Settings
from clerk_tui.ui.auth.first_run import FirstRunScreen
from clerk_tui.ui.auth.login import LoginScreen
from clerk_tui.ui.common.form import FieldError
from clerk_tui.ui.dashboard.screen import DashboardScreen


async def test_first_run_creates_the_supervisor_and_logs_in(ui_settings, make_app):
    app = make_app(ui_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, FirstRunScreen)
        await type_into(pilot, "#username", "wang")
        await type_into(pilot, "#display-name", "王主管")
        await type_into(pilot, "#password", "secret99")
        await type_into(pilot, "#password2", "secret99")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.user.username == "wang" and app.user.is_supervisor
        assert "王主管（主管）" in app.sub_title

    from clerk_tui.services.auth.passwords import authenticate
    from clerk_tui.services.database import open_database

    db = open_database(ui_settings.db_url)
    try:
        assert authenticate(db, "wang", "secret99").role == "supervisor"
    finally:
        db.dispose()


async def test_first_run_refuses_differing_passwords_at_the_second_field(ui_settings, make_app):
    app = make_app(ui_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_into(pilot, "#username", "wang")
        await type_into(pilot, "#password", "secret99")
        await type_into(pilot, "#password2", "secret98")
        await pilot.click("#create-button")
        await settle(app, pilot)
        assert isinstance(app.screen, FirstRunScreen)
        assert app.screen.query_one("#password2-error", FieldError).text == "两次输入的密码不一样。"
        assert app.user is None


async def test_first_run_short_password_is_explained_at_the_password_field(ui_settings, make_app):
    app = make_app(ui_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_into(pilot, "#username", "wang")
        await type_into(pilot, "#password", "abc")
        await type_into(pilot, "#password2", "abc")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.query_one("#password-error", FieldError).text == "密码至少要 6 位。"
        assert app.user is None


async def test_wrong_password_shows_the_error_at_the_field(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LoginScreen)
        await type_into(pilot, "#username", "zhang")
        await pilot.press("enter")  # moves to the password field
        await pilot.press(*"wrong-one", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.query_one("#login-error", FieldError).text == "用户名或密码不对。"
        password = app.screen.query_one("#password")
        assert password.value == "" and password.has_focus
        assert password.password  # masked
        assert app.user is None


async def test_right_password_opens_today_with_the_role_in_the_header(
    outlet_db, ui_settings, make_app
):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_into(pilot, "#username", "li")
        await pilot.press("enter", *"demo1234", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.user.role == "clerk"
        assert app.sub_title.startswith("李信息员（信息员）")


async def test_demo_database_lists_its_accounts_and_a_row_logs_in(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#demo-accounts")
        assert app.screen.query_one("#demo-box").display
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            ["zhang", "demo1234", "主管", "张主管"],
            ["li", "demo1234", "信息员", "李信息员"],
        ]
        table.focus()
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.user.username == "li"


async def test_plain_database_shows_no_demo_accounts(sqlite_db, ui_settings, make_app):
    from clerk_tui.services.auth.passwords import create_user

    create_user(sqlite_db, username="wang", password="secret99", role="supervisor")
    app = make_app(ui_settings, db=sqlite_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LoginScreen)
        assert not app.screen.query_one("#demo-box").display


async def test_english_interface_with_lang_en(outlet_db, tmp_path, make_app):
    db, _ = outlet_db
    settings = Settings(db_url=db.url, lang="en", today="2025-03-14")
    app = make_app(settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert str(app.screen.query_one("#login-title").content) == "Log in"
        assert str(app.screen.query_one("#login-button").label) == "Log in"
        await type_into(pilot, "#username", "zhang")
        await pilot.press("enter", *"nope!!", "enter")
        await settle(app, pilot)
        assert (
            app.screen.query_one("#login-error", FieldError).text == "Wrong username or password."
        )
        await pilot.press(*"demo1234", "enter")
        await settle(app, pilot)
        assert app.title == "Clerk Desk"
        assert app.sub_title.startswith("张主管 (supervisor)")
        assert str(app.screen.query_one("#needs-info").label) == "Needs information"
        footer = {b.description for _, b, _, _ in app.screen.active_bindings.values()}
        assert {"Refresh", "Today", "Tickets", "Quit"} <= footer


async def test_a_failed_password_check_leaves_the_form_usable(
    outlet_db, ui_settings, make_app, monkeypatch
):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)

        def locked(*args, **kwargs):
            raise RuntimeError("database is locked")

        monkeypatch.setattr("clerk_tui.services.auth.authenticate", locked)
        await type_into(pilot, "#username", "zhang")
        await pilot.press("enter", *"demo1234", "enter")
        await settle(app, pilot)
        assert [n.message for n in app._notifications] == ["出错了：database is locked"]
        assert not app.screen.query_one("#login-button").disabled
        monkeypatch.undo()
        await pilot.click("#login-button")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
