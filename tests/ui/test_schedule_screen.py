"""The schedule screen in the real app over the demo outlet: resolving conflicts from the keyboard."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from sqlmodel import select
from ui_helpers import FROZEN_NOW, FROZEN_TODAY, settle

from clerk_tui.config import Settings
from clerk_tui.db.models import Appointment, Contact, Ticket
from clerk_tui.ui.schedule.answer_dialog import AnswerDialog
from clerk_tui.ui.schedule.move_dialog import MoveDialog
from clerk_tui.ui.schedule.panes import ConflictTable
from clerk_tui.ui.schedule.screen import ScheduleScreen

SIZE = (120, 40)


def _app(make_app, demo_db_file, *, days_later: int = 0):
    """The app over the demo (whose today is FROZEN_TODAY), its clock `days_later` on."""
    later = timedelta(days=days_later)
    settings = Settings(
        db_url=f"sqlite:///{demo_db_file}",
        lang="zh",
        today=(FROZEN_TODAY + later).isoformat(),
        autologin="xinxi1",
    )
    return make_app(settings, clock=lambda: FROZEN_NOW + later)


def _text(app) -> str:
    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


async def _open(app, pilot) -> ScheduleScreen:
    await settle(app, pilot)
    await pilot.press("s")
    await settle(app, pilot)
    assert isinstance(app.screen, ScheduleScreen)
    return app.screen


async def _pick_conflict(app, pilot, screen: ScheduleScreen, kind: str):
    """Focus the conflicts table and move its cursor to the first conflict of `kind`."""
    screen.query_one(ConflictTable).focus()
    await pilot.pause()
    index = next(i for i, f in enumerate(screen.view.findings) if f.kind == kind)
    for _ in range(index):
        await pilot.press("down")
    await settle(app, pilot)
    assert screen.finding.kind == kind and screen.proposals is not None
    return screen.finding


def _rows(app, model, *where):
    with app.db.read() as s:
        return list(s.exec(select(model).where(*where)))


async def test_clerk_records_consent_then_moves_the_clashing_visit_to_another_time(
    make_app, demo_db_file
):
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        f = await _pick_conflict(app, pilot, screen, "overlap")
        appt = screen.view.appointment(f.ticket_no)
        (ticket,) = _rows(app, Ticket, Ticket.ticket_no == f.ticket_no)
        n, p = next((i, p) for i, p in enumerate(screen.proposals, 1) if p.start != appt.start)

        await pilot.press(str(n))  # another time, no consent yet: refused, nothing moves
        await settle(app, pilot)
        assert _rows(app, Appointment, Appointment.id == appt.id)[0].status == "planned"
        assert any("用户同意" in note.message for note in app._notifications)

        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, AnswerDialog)
        await pilot.press("enter")  # the customer's own name is filled in; phone; now
        await settle(app, pilot)
        assert isinstance(app.screen, ScheduleScreen)
        consent = _rows(app, Contact, Contact.ticket_id == ticket.id, Contact.outcome == "consent")
        assert len(consent) == 1 and ticket.customer_name in consent[0].note

        await pilot.press(str(n))
        await settle(app, pilot)
        old = _rows(app, Appointment, Appointment.id == appt.id)[0]
        assert old.status == "moved"
        (new,) = _rows(
            app, Appointment, Appointment.ticket_id == ticket.id, Appointment.status == "planned"
        )
        assert (new.start, new.end) == (p.start, p.end)
        (after,) = _rows(app, Ticket, Ticket.id == ticket.id)
        assert after.owner_id == ticket.owner_id
        assert (f.ticket_no, "overlap") not in {(x.ticket_no, x.kind) for x in screen.view.findings}


async def test_a_customer_who_refuses_another_time_is_handed_back_to_the_center(
    make_app, demo_db_file
):
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        f = await _pick_conflict(app, pilot, screen, "engineer_inactive")
        (ticket,) = _rows(app, Ticket, Ticket.ticket_no == f.ticket_no)
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, AnswerDialog)
        await pilot.press("tab", "tab", "tab", "tab", "space")  # who, how, when, note: back
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        (after,) = _rows(app, Ticket, Ticket.id == ticket.id)
        assert (after.status, after.owner_id) == ("transferred", ticket.owner_id)
        outcomes = {c.outcome for c in _rows(app, Contact, Contact.ticket_id == ticket.id)}
        assert {"consent_refused", "transferred"} <= outcomes
        assert f.ticket_no not in {x.ticket_no for x in screen.view.findings}


async def test_the_second_clerk_moving_the_same_visit_gets_a_message(make_app, demo_db_file):
    from clerk_tui.services.schedule.actions import Actor, unassign

    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        f = await _pick_conflict(app, pilot, screen, "overlap")
        seen = screen.view.appointment(f.ticket_no)
        # another clerk, at another desk, takes the engineer off the same visit first
        unassign(
            app.db,
            Actor(None, "xinxi2"),
            appointment_id=seen.id,
            seen_version=seen.version,
            now=app.now(),
        )
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MoveDialog)
        await pilot.press("enter")  # same engineer and time as seen: a reassignment attempt
        await settle(app, pilot)
        assert app.is_running and isinstance(app.screen, ScheduleScreen)
        assert any("别人改过" in note.message for note in app._notifications)
        (row,) = _rows(app, Appointment, Appointment.id == seen.id)
        assert row.engineer_id is None and row.version == seen.version + 1


async def test_a_move_dialog_keeps_bad_times_and_engineers_to_itself(make_app, demo_db_file):
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        await _pick_conflict(app, pilot, screen, "outside_hours")
        await pilot.press("m")
        await settle(app, pilot)
        dialog = app.screen
        fields = ("#sd-engineer", "#sd-day", "#sd-start", "#sd-end")
        original = {f: dialog.query_one(f).value for f in fields}
        for field, value, says in (
            ("#sd-engineer", "E999", "没有工号"),
            ("#sd-end", "06:00", "不晚于"),
            ("#sd-start", "25:00", "无法识别"),
            ("#sd-end", "21:00", "不在当天"),
            ("#sd-day", "2025-02-30", "无法识别"),
        ):
            for f, v in original.items():
                dialog.query_one(f).value = v
            dialog.query_one(field).value = value
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog and says in _text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ScheduleScreen)


async def test_a_late_engineer_puts_a_call_ahead_reminder_on_the_screen(make_app, demo_db_file):
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        f = await _pick_conflict(app, pilot, screen, "outside_requested_window")
        appt = screen.view.appointment(f.ticket_no)
        await pilot.press("l")
        await settle(app, pilot)
        await pilot.press(*"20", "enter")
        await settle(app, pilot)
        due = appt.start.replace(minute=appt.start.minute) - __import__("datetime").timedelta(
            minutes=2
        )
        assert f"{f.ticket_no} 请在 {due:%H:%M} 前致电用户" in _text(app)
        await pilot.press("p")
        await settle(app, pilot)
        await pilot.press("ctrl+s")  # the customer accepted the apology
        await settle(app, pilot)
        assert "请在" not in _text(app)


async def test_previous_and_next_day_keys_change_the_day(make_app, demo_db_file):
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert screen.day.toordinal() == FROZEN_TODAY.toordinal() + 1
        assert screen.view.day == screen.day
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert screen.view.day.toordinal() == FROZEN_TODAY.toordinal() - 1


async def test_markup_in_a_customer_name_shows_as_typed_on_the_schedule(make_app, demo_db_file):
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        f = await _pick_conflict(app, pilot, screen, "overlap")
        with app.db.session() as s:
            tk = s.exec(select(Ticket).where(Ticket.ticket_no == f.ticket_no)).one()
            tk.customer_name = "[@click=app.quit]x[/]"
        screen.query_one("#sc-grid").focus()
        await pilot.press("r")
        await settle(app, pilot)
        assert screen.query_one("#sc-grid").selected_appt().customer_name == tk.customer_name
        assert "[@click=app.quit]x[/]" in _text(app)
        assert app.is_running


async def test_a_visit_refused_at_the_door_books_the_managers_visit(make_app, demo_db_file):
    from clerk_tui.ui.schedule.visit_dialog import FailedDialog

    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        f = await _pick_conflict(app, pilot, screen, "outside_hours")
        (ticket,) = _rows(app, Ticket, Ticket.ticket_no == f.ticket_no)
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, FailedDialog)
        await pilot.press("ctrl+s")  # no reason chosen yet: the dialog says so and stays
        await pilot.pause()
        assert isinstance(app.screen, FailedDialog) and "请选择上门未成的原因" in _text(app)
        app.screen.query_one("#sd-reason").value = "refused_entry"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        contacts = {
            (c.party, c.outcome) for c in _rows(app, Contact, Contact.ticket_id == ticket.id)
        }
        assert {("engineer", "visit_failed"), ("manager", "manager_visit")} <= contacts
        assert "用户不让进门" in _text(app)


async def test_no_alternative_offered_today_starts_before_the_clock(make_app, demo_db_file):
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        screen.query_one(ConflictTable).focus()
        offered = []
        for i in range(len(screen.view.findings)):
            if i:
                await pilot.press("down")
            await settle(app, pilot)
            assert screen.proposals is not None
            offered += screen.proposals
        assert offered and all(p.start >= FROZEN_NOW for p in offered)
        assert any(p.start.date() == FROZEN_TODAY for p in offered)  # later today still counts


async def test_the_move_dialog_refuses_a_start_already_past_and_nothing_moves(
    make_app, demo_db_file
):
    app = _app(make_app, demo_db_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        f = await _pick_conflict(app, pilot, screen, "overlap")
        seen = screen.view.appointment(f.ticket_no)
        assert seen.start >= FROZEN_NOW
        await pilot.press("m")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, MoveDialog)
        dialog.query_one("#sd-start").value = "14:00"  # the clock says 15:00
        dialog.query_one("#sd-end").value = "15:30"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        said = re.sub(r"[\s│]", "", _text(app))  # the sentence wraps inside the dialog
        assert "开始时间03-1414:00已经过去（现在03-1415:00）" in said
        await pilot.press("escape")
        await settle(app, pilot)
        (row,) = _rows(app, Appointment, Appointment.id == seen.id)
        assert (row.version, row.status, row.start) == (seen.version, "planned", seen.start)


async def test_a_day_already_past_says_its_schedule_is_history(make_app, demo_db_file):
    app = _app(make_app, demo_db_file, days_later=1)  # the demo's day is yesterday now
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert screen.view.day == FROZEN_TODAY
        await _pick_conflict(app, pilot, screen, "overlap")
        assert screen.proposals == []
        detail = str(screen.query_one("#sc-detail").content)
        assert f"{FROZEN_TODAY.isoformat()} 已经过去，当天排班是历史记录" in detail
        assert "没有不冲突的备选" not in detail
