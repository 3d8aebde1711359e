"""The supervisor's admin screen: engineers, leave, users and policy, changed through the screens."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select
from ui_helpers import FROZEN_TODAY, settle

from clerk_tui.config import Settings
from clerk_tui.db.models import AuditEntry, Engineer, EngineerLeave
from clerk_tui.services.auth.passwords import authenticate
from clerk_tui.services.database import open_database
from clerk_tui.services.reference import load_policy
from clerk_tui.ui.admin.engineer_dialog import EngineerDialog
from clerk_tui.ui.admin.leave_dialog import LeaveDialog
from clerk_tui.ui.admin.screen import AdminScreen
from clerk_tui.ui.dashboard.screen import DashboardScreen

SIZE = (120, 40)


def _settings(path, user: str) -> Settings:
    return Settings(
        db_url=f"sqlite:///{path}", lang="zh", today=FROZEN_TODAY.isoformat(), autologin=user
    )


async def _open_admin(app, pilot) -> AdminScreen:
    await settle(app, pilot)
    await pilot.press("a")
    await settle(app, pilot)
    assert isinstance(app.screen, AdminScreen)
    return app.screen


async def _type(app, pilot, field: str, text: str) -> None:
    """Clear the dialog's field and type `text` into it, key by key."""
    widget = app.screen.query_one(f"#ad-f-{field}")
    widget.focus()
    widget.value = ""
    await pilot.pause()
    if text:
        await pilot.press(*text)


def _error(app, field: str) -> str:
    err = app.screen.query_one(f"#ad-e-{field}")
    return err.text if err.display else ""


async def test_supervisor_adds_an_engineer_puts_him_on_leave_and_changes_his_hours(
    demo_db_file, make_app
):
    app = make_app(_settings(demo_db_file, "zhuguan"))
    async with app.run_test(size=SIZE) as pilot:
        await _open_admin(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EngineerDialog)
        await _type(app, pilot, "code", "E100")
        await _type(app, pilot, "name", "钱师傅")
        await _type(app, pilot, "phone", "13812345678")
        app.screen.query_one("#ad-f-skills").select("空调")
        await _type(app, pilot, "work_start", "8:00")
        await _type(app, pilot, "work_end", "17:00")
        app.screen.query_one("#ad-f-base_district").value = "市南区"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        admin = app.screen
        assert isinstance(admin, AdminScreen)
        table = admin.query_one("#ad-engineers")
        codes = [str(table.get_row(k)[0]) for k in table.rows]
        assert "E100" in codes

        # put him on leave tomorrow: the dialog starts at tomorrow
        table.move_cursor(row=codes.index("E100"))
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await _type(app, pilot, "reason", "事假")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AdminScreen)
        tomorrow = FROZEN_TODAY + timedelta(days=1)
        assert admin.query_one("#ad-leave").shown == {tomorrow: "事假"}

        # change his hours
        await pilot.press("e")
        await pilot.pause()
        await _type(app, pilot, "work_end", "18:30")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, AdminScreen)

    db = open_database(f"sqlite:///{demo_db_file}")
    try:
        with db.read() as s:
            e = s.exec(select(Engineer).where(Engineer.code == "E100")).one()
            leave = s.exec(select(EngineerLeave).where(EngineerLeave.engineer_id == e.id)).all()
            actions = [
                a.action for a in s.exec(select(AuditEntry).where(AuditEntry.user == "zhuguan"))
            ]
        assert (e.name, e.skills, e.work_start, e.work_end) == ("钱师傅", "空调", "08:00", "18:30")
        assert [(lv.day, lv.reason) for lv in leave] == [(FROZEN_TODAY + timedelta(days=1), "事假")]
        assert actions == ["engineer_add", "leave_add", "engineer_edit"]
    finally:
        db.dispose()


async def test_a_clerk_pressing_a_stays_where_he_is(demo_db_file, make_app):
    app = make_app(_settings(demo_db_file, "xinxi1"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not app.check_action("open_screen", ("admin",))
        app.action_open_screen("admin")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_bad_input_is_named_at_its_field_and_markup_shows_as_typed(demo_db_file, make_app):
    app = make_app(_settings(demo_db_file, "zhuguan"))
    async with app.run_test(size=SIZE) as pilot:
        await _open_admin(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await _type(app, pilot, "work_start", "25:00")
        await _type(app, pilot, "work_end", "07:00")  # leaving work_start checks it
        assert "25:00" in _error(app, "work_start")
        await _type(app, pilot, "work_start", "09:00")
        await _type(app, pilot, "name", "")  # leaving work_start re-checks the end
        assert "晚于上班时间" in _error(app, "work_end")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _error(app, "name") == "请填写姓名。"
        assert _error(app, "code") and _error(app, "skills") and _error(app, "base_district")
        await _type(app, pilot, "name", "[@click=app.quit]x[/]")
        await _type(app, pilot, "phone", "123")
        await _type(app, pilot, "code", "E1")
        assert "123" in _error(app, "phone")
        assert app.screen.query_one("#ad-f-name").value == "[@click=app.quit]x[/]"
        assert isinstance(app.screen, EngineerDialog)  # nothing was saved
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AdminScreen)
    assert app.return_code in (None, 0)


async def test_a_markup_name_is_listed_as_typed(demo_db_file, make_app):
    app = make_app(_settings(demo_db_file, "zhuguan"))
    async with app.run_test(size=SIZE) as pilot:
        admin = await _open_admin(app, pilot)
        await pilot.press("e")  # the first engineer
        await pilot.pause()
        await _type(app, pilot, "name", "[red]x[/]")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        table = admin.query_one("#ad-engineers")
        names = [str(table.get_row(k)[1]) for k in table.rows]
        assert "[red]x[/]" in names


async def test_supervisor_adds_a_clerk_and_deactivates_her(demo_db_file, make_app):
    app = make_app(_settings(demo_db_file, "zhuguan"))
    async with app.run_test(size=SIZE) as pilot:
        admin = await _open_admin(app, pilot)
        await pilot.press("2")
        await pilot.press("n")
        await pilot.pause()
        await _type(app, pilot, "username", "xinxi9")
        await _type(app, pilot, "display_name", "周敏")
        await _type(app, pilot, "password", "pass123")
        await _type(app, pilot, "password2", "pass124")
        await pilot.press("enter")
        await pilot.pause()
        assert _error(app, "password2") == "两次输入的密码不一样。"
        await _type(app, pilot, "password2", "pass123")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AdminScreen)
        table = admin.query_one("#ad-users")
        names = [str(table.get_row(k)[0]) for k in table.rows]
        table.move_cursor(row=names.index("xinxi9"))
        await pilot.press("x")
        await settle(app, pilot)
    db = open_database(f"sqlite:///{demo_db_file}")
    try:
        import pytest

        from clerk_tui.services.auth.passwords import AuthError

        with pytest.raises(AuthError):
            authenticate(db, "xinxi9", "pass123")
        with db.read() as s:
            actions = [
                a.action for a in s.exec(select(AuditEntry).where(AuditEntry.user == "zhuguan"))
            ]
        assert actions == ["user_add", "user_deactivate"]
    finally:
        db.dispose()


async def test_policy_is_edited_with_its_errors_beside_the_fields(demo_db_file, make_app):
    app = make_app(_settings(demo_db_file, "zhuguan"))
    async with app.run_test(size=SIZE) as pilot:
        admin = await _open_admin(app, pilot)
        await pilot.press("3")
        field = admin.query_one("#ad-p-card_cutoff_hour")
        field.value = "25"
        capacity = admin.query_one("#ad-p-daily_capacity")
        capacity.value = "6"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "0 到 23" in admin.query_one("#ad-p-card_cutoff_hour-error").text
        field.value = "21"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert admin.query_one("#ad-p-card_cutoff_hour-error").text == ""
    db = open_database(f"sqlite:///{demo_db_file}")
    try:
        policy = load_policy(db)
        assert (policy.card_cutoff_hour, policy.daily_capacity) == (21, 6)
    finally:
        db.dispose()


def test_leave_dates_are_read_in_the_usual_ways():
    from clerk_tui.ui.admin.leave_dialog import parse_day

    assert parse_day("2025-03-15") == date(2025, 3, 15)
    assert parse_day("2025/3/5") == date(2025, 3, 5)
    assert parse_day("2025-02-30") is None
    assert parse_day("明天") is None


async def test_an_edit_over_another_supervisors_save_is_refused_on_the_form(demo_db_file, make_app):
    from dataclasses import replace

    from clerk_tui.services.admin.engineer_form import form_of
    from clerk_tui.services.admin.engineers import update_engineer
    from clerk_tui.services.auth.passwords import get_user

    app = make_app(_settings(demo_db_file, "zhuguan"))
    async with app.run_test(size=SIZE) as pilot:
        await _open_admin(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EngineerDialog)
        # another desk saves the same engineer first
        row = dialog.row
        other = get_user(app.db, "zhuguan")
        update_engineer(
            app.db, other, row.id, row.values, replace(form_of(row.values), phone="13900001111")
        )
        await _type(app, pilot, "work_end", "19:00")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is dialog
        assert "别人刚改过" in _error(app, "form")
        with app.db.read() as s:
            e = s.get(Engineer, row.id)
        assert (e.phone, e.work_end) == ("13900001111", str(row.work_end))
