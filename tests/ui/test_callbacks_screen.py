"""The callbacks queue over the demo outlet: overdue first, answers in a few keys, follow-ups appear."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from sqlmodel import select
from ui_helpers import FROZEN_NOW, settle

from clerk_tui.config import Settings
from clerk_tui.db.models import Callback, Ticket


def _settings(demo_db_file, **kw) -> Settings:
    return Settings(
        db_url=f"sqlite:///{demo_db_file}",
        lang="zh",
        today=FROZEN_NOW.date().isoformat(),
        autologin="xinxi1",
        **kw,
    )


async def _open(app, pilot):
    await settle(app, pilot)
    await pilot.press("h")
    await settle(app, pilot)
    from clerk_tui.ui.callbacks.screen import CallbacksScreen

    assert isinstance(app.screen, CallbacksScreen)
    return app.screen


async def test_h_opens_the_queue_most_overdue_first(make_app, demo_db_file):
    app = make_app(_settings(demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        due = [r.due_at for r in screen.rows]
        assert due and due == sorted(due)
        assert screen.rows[0].overdue_minutes(FROZEN_NOW) > 0
        assert all(r.due_at.date() <= FROZEN_NOW.date() for r in screen.rows)


async def test_an_unsatisfied_answer_in_a_few_keys_puts_a_follow_up_on_the_queue(
    make_app, demo_db_file
):
    app = make_app(_settings(demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        first = screen.rows[0]
        before = {r.id for r in screen.rows}
        await pilot.press("enter", "y", "n")  # reached, not satisfied
        if first.has_card:
            await pilot.press("space", "space")
        await pilot.press(*"还是不行", "enter")
        await settle(app, pilot)
        ids = {r.id for r in screen.rows}
        assert first.id not in ids
        new = [r for r in screen.rows if r.id not in before]
        assert [(r.ticket_no, r.reason) for r in new] == [(first.ticket_no, "follow_up")]
        with app.db.read() as s:
            cb = s.get(Callback, first.id)
            notes = s.exec(select(Ticket.notes).where(Ticket.ticket_no == first.ticket_no)).one()
        assert (cb.reached, cb.satisfied) == (True, False) and "还是不行" in cb.notes
        assert "需再次上门" in notes


async def test_not_reached_stays_on_the_queue_with_the_attempt_counted(make_app, demo_db_file):
    app = make_app(_settings(demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        first = screen.rows[0]
        await pilot.press("enter", "n", "n", "enter")  # not reached, no retry: stays where it is
        await settle(app, pilot)
        again = next(r for r in screen.rows if r.id == first.id)
        assert again.attempts == 1 and again.due_at == first.due_at


async def test_g_generates_todays_callbacks_and_the_sample_once(make_app, demo_db_file):
    """The verification calls are due the next day by noon (policy [H 七.2]): not on today's
    queue, not overdue; v shows them. A second g books nothing new."""
    app = make_app(_settings(demo_db_file))
    tomorrow_noon = datetime.combine(FROZEN_NOW.date() + timedelta(days=1), time(12))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        (told,) = [str(n.message) for n in app._notifications]
        assert told.startswith("新增回访 ") and "核实抽样" in told
        assert "核实回访应于明天 12:00 前完成，按 v 查看" in told
        assert not any(r.reason == "verification" for r in screen.rows)
        await pilot.press("v")
        await settle(app, pilot)
        later = [r for r in screen.rows if r.reason == "verification"]
        assert later and {r.due_at for r in later} == {tomorrow_noon}
        assert not any(r.overdue_minutes(FROZEN_NOW + timedelta(minutes=1)) for r in later)
        open_before = {(r.ticket_no, r.reason) for r in screen.rows}
        twice = {r.ticket_no for r in later} & {r.ticket_no for r in screen.rows if r not in later}
        assert not twice  # a ticket with another open callback is not sampled again
        app.clear_notifications()
        await pilot.press("g")
        await settle(app, pilot)
        assert {(r.ticket_no, r.reason) for r in screen.rows} == open_before
        (again,) = [str(n.message) for n in app._notifications]
        assert (
            again.startswith("新增回访 0 条：规则生成 0 条，核实抽样 0 条") and "此前已约" in again
        )


async def test_forbidden_phrases_in_the_note_are_highlighted_and_still_saved(
    make_app, demo_db_file
):
    app = make_app(_settings(demo_db_file))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        first = screen.rows[0]
        await pilot.press("enter", "y", "y")
        if first.has_card:
            await pilot.press("y", "y")
        await pilot.press(*"我也不清楚")
        await pilot.pause()
        shown = str(app.screen.query_one("#cbd-phrases").render())
        assert "不清楚" in shown
        await pilot.press("enter")
        await settle(app, pilot)
        with app.db.read() as s:
            assert "我也不清楚" in s.get(Callback, first.id).notes


async def test_user_text_with_markup_is_shown_as_text(make_app, demo_db_file):
    from clerk_tui.services.database import open_database

    db = open_database(f"sqlite:///{demo_db_file}")
    with db.session() as s:
        cb = s.exec(select(Callback).where(Callback.done_at.is_(None))).first()
        tk = s.exec(select(Ticket).where(Ticket.ticket_no == cb.ticket_no)).one()
        tk.customer_name = "[/]"
        cb.notes = "[@click=app.quit]x[/]"
    db.dispose()
    app = make_app(replace(_settings(demo_db_file)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        assert any(r.customer_name == "[/]" for r in screen.rows)
        assert app.is_running
