"""The supervisor's reconciliation screen, walked with Pilot over the demo outlet (seed 1)."""

from __future__ import annotations

from sqlalchemy import select
from ui_helpers import FROZEN_NOW, FROZEN_TODAY, settle

from clerk_tui.config import Settings
from clerk_tui.services.database import open_database

SIZE = (130, 40)


def _app(make_app, demo_db_file, user="zhuguan", clock=None):
    settings = Settings(db_url=f"sqlite:///{demo_db_file}", lang="zh",
                        today=FROZEN_TODAY.isoformat(), autologin=user)  # fmt: skip
    return make_app(settings, clock=clock) if clock else make_app(settings)


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).content)


async def _open(app, pilot):
    await settle(app, pilot)
    await pilot.press("d")
    await settle(app, pilot)


def _move_to(app, kind: str) -> int:
    from clerk_tui.ui.reconcile.tables import FlagTable

    screen = app.screen
    index = next(i for i, f in enumerate(screen.view.flags) if f.kind == kind)
    screen.query_one(FlagTable).move_cursor(row=index, animate=False)
    return screen.view.flags[index].id


def _flag(demo_db_file, flag_id):
    from clerk_tui.db.models import Flag

    db = open_database(f"sqlite:///{demo_db_file}")
    try:
        with db.read() as s:
            f = s.get(Flag, flag_id)
            return f.status, f.reason
    finally:
        db.dispose()


async def _answer(app, pilot, text: str) -> None:
    if text:
        await pilot.press(*text)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_supervisor_confirms_dismisses_signs_off_and_reopens(make_app, demo_db_file):
    from clerk_tui.ui.reconcile.input_dialog import RecInputDialog
    from clerk_tui.ui.reconcile.screen import ReconcileScreen

    now = [FROZEN_NOW]  # 15:00; the evening comes later in the test
    app = _app(make_app, demo_db_file, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReconcileScreen)
        kinds = {f.kind for f in screen.view.flags}
        assert {"engineer_signed", "unsigned_satisfied", "overcharge"} <= kinds
        assert "待处理" in _text(app, "#ru-heading")

        # confirm a forged signature, with a reason
        forged = _move_to(app, "engineer_signed")
        await pilot.pause()
        assert "engineer_signed" in _text(app, "#ru-evidence")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, RecInputDialog)
        await _answer(app, pilot, "回访用户确认未签字")
        assert _flag(demo_db_file, forged) == ("confirmed", "回访用户确认未签字")
        assert "违规" in _text(app, "#ru-status") and "补救回访" in _text(app, "#ru-status")

        # dismiss: an empty reason is refused, the dialog stays open
        late = _move_to(app, "late_arrival")
        await pilot.press("x")
        await pilot.pause()
        await _answer(app, pilot, "")
        assert isinstance(app.screen, RecInputDialog)
        assert "不能为空" in _text(app, "#ri-error")
        await _answer(app, pilot, "堵车已提前告知")
        assert isinstance(app.screen, ReconcileScreen)
        assert _flag(demo_db_file, late) == ("dismissed", "堵车已提前告知")

        # sign-off refused before the card cut-off: cards are still coming back
        await pilot.press("s")
        await settle(app, pilot)
        assert "要到 20:00 才截止交回" in _text(app, "#ru-status")
        assert "已签核" not in _text(app, "#ru-heading")

        # the evening: reconciled again after the cut-off (missing cards now count);
        # sign-off refused while flags are open, naming how many
        now[0] = FROZEN_NOW.replace(hour=21)
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        n_open = sum(1 for f in screen.view.flags if f.status == "open")
        assert f"还有 {n_open} 条" in _text(app, "#ru-status")

        # decide the rest through the service, then sign off from the screen
        _dismiss_all_open(demo_db_file)
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert "已签核" in _text(app, "#ru-heading")

        # a later edit is refused with the lock's sentence on screen
        _move_to(app, "overcharge")
        await pilot.press("c")
        await pilot.pause()
        await _answer(app, pilot, "改为确认")
        assert "已由主管签核锁定" in _text(app, "#ru-status")

        # reopen: reason required
        await pilot.press("o")
        await pilot.pause()
        await _answer(app, pilot, "")
        assert isinstance(app.screen, RecInputDialog)
        await _answer(app, pilot, "补录一张监督卡")
        assert "已对帐" in _text(app, "#ru-heading")
        assert "补录一张监督卡" in _text(app, "#ru-heading")


def _dismiss_all_open(path) -> None:
    from clerk_tui.db.models import Flag, User
    from clerk_tui.services.reconcile.signoff import decide_flag

    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            sup = s.scalars(select(User).where(User.username == "zhuguan")).one()
            ids = s.scalars(select(Flag.id).where(Flag.status == "open")).all()
        for fid in ids:
            decide_flag(db, fid, decision="dismissed", reason="已核实", user=sup, now=FROZEN_NOW)
    finally:
        db.dispose()


async def test_report_is_written_from_the_screen_to_the_confirmed_path(
    make_app, demo_db_file, tmp_path
):
    from openpyxl import load_workbook

    app = _app(make_app, demo_db_file)
    target = tmp_path / "out" / "day.xlsx"
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#ri-input")
        assert field.value.endswith(f"-{FROZEN_TODAY.isoformat()}.xlsx")
        field.value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        assert str(target) in _text(app, "#ru-status")
    assert load_workbook(target).sheetnames[:3] == ["概况", "工程师对帐", "标记与处理"]


async def test_a_clerk_cannot_open_the_reconciliation(make_app, demo_db_file):
    from clerk_tui.ui.reconcile.screen import ReconcileScreen

    app = _app(make_app, demo_db_file, user="xinxi1")
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        assert not isinstance(app.screen, ReconcileScreen)


async def test_evidence_and_reasons_are_shown_as_typed_never_as_markup(make_app, demo_db_file):
    from clerk_tui.db.models import Flag, Outlet

    db = open_database(f"sqlite:///{demo_db_file}")
    try:
        with db.session() as s:
            outlet_id = s.scalars(select(Outlet.id)).first()
            s.add(Flag(key=f"{FROZEN_TODAY}|x|overcharge|[/]|E001|", business_date=FROZEN_TODAY,
                       outlet_id=outlet_id, ticket_no="[/]", kind="overcharge", severity="high",
                       evidence='["收费 [/] [@click=app.quit]x"]', status="dismissed",
                       reason="[@click=app.quit]原因"))  # fmt: skip
    finally:
        db.dispose()
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        index = next(i for i, f in enumerate(app.screen.view.flags) if f.ticket_no == "[/]")
        from clerk_tui.ui.reconcile.tables import FlagTable

        app.screen.query_one(FlagTable).move_cursor(row=index, animate=False)
        await pilot.pause()
        shown = app.screen.query_one("#ru-evidence").content.plain
        assert "收费 [/] [@click=app.quit]x" in shown
        assert "[@click=app.quit]原因" in shown
        assert app.is_running


def _day_state(path, day):
    from clerk_tui.db.models import BusinessDay

    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            row = s.scalars(select(BusinessDay).where(BusinessDay.day == day)).one()
            return row.state, row.reopen_reason
    finally:
        db.dispose()


async def test_supervisor_steps_to_yesterday_and_reopens_it_not_today(make_app, demo_db_file):
    """A late card for yesterday: the supervisor goes back a day with `[`, reopens that day with a
    reason, and today is left as it was; `]` never goes past today."""
    from datetime import timedelta

    yesterday = FROZEN_TODAY - timedelta(days=1)
    assert _day_state(demo_db_file, yesterday)[0] == "signed_off"
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        today_state = _day_state(demo_db_file, FROZEN_TODAY)
        assert FROZEN_TODAY.isoformat() in _text(app, "#ru-heading")

        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        heading = _text(app, "#ru-heading")
        assert yesterday.isoformat() in heading and "已签核" in heading
        assert app.screen.view.day == yesterday
        # signed off without these flags on record: nothing is written, the note says how many
        assert app.screen.view.flags == []
        status = _text(app, "#ru-status")
        unrecorded = int(status.split("另发现 ")[1].split(" 条")[0])
        assert unrecorded > 0 and "按 o 重新打开" in status

        await pilot.press("o")
        await pilot.pause()
        await _answer(app, pilot, "补录昨天迟交的监督卡")
        assert _day_state(demo_db_file, yesterday) == ("reconciled", "补录昨天迟交的监督卡")
        assert _day_state(demo_db_file, FROZEN_TODAY) == today_state
        assert "补录昨天迟交的监督卡" in _text(app, "#ru-heading")
        # reopened, the day is reconciled again and its flags are now on record to decide
        assert len(app.screen.view.flags) == unrecorded
        assert all(f.status == "open" for f in app.screen.view.flags)

        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert app.screen.view.day == FROZEN_TODAY
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert app.screen.view.day == FROZEN_TODAY
        assert "不能对帐以后的日期" in _text(app, "#ru-status")
