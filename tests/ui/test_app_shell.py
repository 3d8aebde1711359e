"""The app shell: startup without a usable database, auto-login, the benchmark hook, errors, keys."""

from __future__ import annotations

import json

from textual.widgets import Static
from ui_helpers import settle

from clerk_tui.config import Settings
from clerk_tui.ui.auth.login import LoginScreen
from clerk_tui.ui.common.unavailable import UnavailableScreen
from clerk_tui.ui.dashboard.screen import DashboardScreen


async def test_unopenable_database_shows_one_sentence_and_quits_on_q(tmp_path, make_app):
    junk = tmp_path / "not-a-db.db"
    junk.write_bytes(b"this is a letter, not a database " * 200)
    app = make_app(Settings(db_url=f"sqlite:///{junk}", today="2025-03-14"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, UnavailableScreen)
        sentence = str(app.screen.query_one("#problem-text", Static).content)
        assert str(junk) in sentence
        assert "\n" not in sentence and "Traceback" not in sentence
        assert sentence.startswith("文件") and sentence.endswith("。")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_read_only_folder_is_explained_not_raised(tmp_path, make_app):
    # A database path under a plain file cannot be created.
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app = make_app(Settings(db_url=f"sqlite:///{blocker / 'sub' / 'c.db'}", today="2025-03-14"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, UnavailableScreen)
        assert "--db" in str(app.screen.query_one("#problem-text", Static).content)


async def test_login_screen_paints_before_the_database_opens(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        # The first screen is up at once, still saying the database is being opened.
        assert isinstance(app.screen, LoginScreen)
        await settle(app, pilot)
        assert app.db_ready


async def test_autologin_goes_straight_to_today(outlet_db, ui_settings, make_app):
    db, facts = outlet_db
    ui_settings.autologin = "zhang"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, DashboardScreen)  # painted before the database is open
        await settle(app, pilot)
        assert app.user.username == "zhang"
        assert app.screen.query_one("#open").value == str(sum(facts.open_by_state.values()))


async def test_autologin_of_an_unknown_user_says_so(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    ui_settings.autologin = "nobody"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, UnavailableScreen)
        assert "nobody" in str(app.screen.query_one("#problem-text", Static).content)


async def test_bench_hook_records_the_dashboard_paint_and_exits(
    outlet_db, ui_settings, make_app, tmp_path, monkeypatch
):
    db, _ = outlet_db
    paint = tmp_path / "paint.jsonl"
    monkeypatch.setenv("CLERK_BENCH_PAINT_FILE", str(paint))
    monkeypatch.delenv("CLERK_BENCH_SCREEN", raising=False)
    ui_settings.autologin = "zhang"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    lines = [json.loads(x) for x in paint.read_text().splitlines()]
    assert len(lines) == 1
    assert lines[0]["what"] == "dashboard" and lines[0]["t"] > 0 and lines[0]["rss_mib"] > 10


async def test_bench_hook_for_tickets_opens_the_list_after_login(
    outlet_db, ui_settings, make_app, tmp_path, monkeypatch
):
    db, _ = outlet_db
    paint = tmp_path / "paint.jsonl"
    monkeypatch.setenv("CLERK_BENCH_PAINT_FILE", str(paint))
    monkeypatch.setenv("CLERK_BENCH_SCREEN", "tickets")
    ui_settings.autologin = "zhang"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
    lines = [json.loads(x) for x in paint.read_text().splitlines()]
    assert [x["what"] for x in lines] == ["tickets"]


async def test_a_failing_worker_is_one_readable_notification(
    outlet_db, ui_settings, make_app, monkeypatch
):
    db, _ = outlet_db
    ui_settings.autologin = "zhang"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)

        def broken(*args, **kwargs):
            raise RuntimeError("disk [red]full[/]\nsecond line")

        monkeypatch.setattr("clerk_tui.services.dashboard.today_counts", broken)
        await pilot.press("r")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert messages == ["出错了：disk [red]full[/]"]
        assert isinstance(app.screen, DashboardScreen)  # the app goes on


async def test_global_keys_are_hidden_until_someone_logs_in(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        keys = {b.action for _, b, _, _ in app.screen.active_bindings.values()}
        assert "today" not in keys and "tickets" not in keys
        assert "quit" in keys


async def test_help_key_shows_and_hides_the_keys_panel(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    ui_settings.autologin = "zhang"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        await pilot.press("f1")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")


async def test_logout_returns_to_login_with_the_database_still_open(
    outlet_db, ui_settings, make_app
):
    db, _ = outlet_db
    ui_settings.autologin = "zhang"
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.action_logout()
        await settle(app, pilot)
        assert isinstance(app.screen, LoginScreen) and app.user is None
        assert app.screen.query_one("#demo-box").display  # ready to log in again


async def test_a_stray_q_does_not_quit_only_ctrl_q_does(outlet_db, ui_settings, make_app):
    db, _ = outlet_db
    app = make_app(ui_settings, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await settle(app, pilot)
        assert app.is_running and app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
