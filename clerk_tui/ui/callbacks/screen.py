"""Callbacks queue (回访): due and overdue callbacks, most overdue first; answers in a few keys.

Enter (or a) opens the answer dialog for the highlighted callback; g puts today's
callbacks on the queue (the rules and the verification sample) in a worker; v also
shows callbacks due after today; o opens the ticket. Reads and writes run in thread
workers; every answer is one transaction (services.callbacks_answers).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from clerk_tui.i18n import N_, t, tn
from clerk_tui.services.callbacks import (
    CallbackChanged,
    Generated,
    QueueRow,
    Sampled,
    generate,
    load_queue,
    record_answer,
    sample,
)
from clerk_tui.ui.callbacks.table import CallbackTable, detail_text
from clerk_tui.ui.common.screen_base import ClerkScreen


def _when(moment: datetime, now: datetime) -> str:
    hm = f"{moment:%H:%M}"
    if moment.date() == now.date():
        return t("cb.when.today", hm=hm)
    if moment.date() == now.date() + timedelta(days=1):
        return t("cb.when.tomorrow", hm=hm)
    return t("cb.when.date", day=moment.date().isoformat(), hm=hm)


def generated_text(rules: Generated, drawn: Sampled, now: datetime, include_later: bool) -> str:
    """What g booked, in plain words: the rules' callbacks and the verification sample's,
    what the day's sample holds (high-risk, drawn, already covered by another callback,
    booked by an earlier run), and when the verification calls are due."""
    sample = len(drawn.booked.created)
    made = len(rules.created)
    text = t("cb.generated", created=made + sample, rules=made, sample=sample)
    if drawn.tickets:
        n = len(drawn.tickets)
        text += tn("cb.generated.sampled", n, sampled=n, high=drawn.high, drawn=n - drawn.high)
        if drawn.covered:
            text += tn("cb.generated.covered", len(drawn.covered))
        if drawn.booked_before:
            text += t("cb.generated.before", n=drawn.booked_before)
        text += t("cb.generated.close")
    else:
        text += t("cb.generated.none")
    locked = len(rules.locked) + len(drawn.booked.locked)
    if locked:
        text += t("cb.generated.locked", n=locked)
    if sample or drawn.booked_before:
        text += t("cb.generated.due", due=_when(drawn.due, now))
        if not include_later and drawn.due.date() > now.date():
            text += t("cb.generated.due_later")
    return text


class CallbacksScreen(ClerkScreen):
    """The clerk's callback queue."""

    CSS_PATH = "callbacks.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "answer", N_("cb.key.answer"), show=False),
        Binding("g", "generate", N_("cb.key.generate")),
        Binding("v", "toggle_later", N_("cb.key.later")),
        Binding("o", "open_ticket", N_("cb.key.ticket")),
        Binding("r", "refresh", N_("cb.key.refresh")),
        Binding("escape", "back", N_("cb.key.back")),
    ]

    class Loaded(Message):
        def __init__(self, rows: list[QueueRow], phrases, keep: int | None) -> None:
            super().__init__()
            self.rows, self.phrases, self.keep = rows, phrases, keep

    class Done(Message):
        """A write finished: what to tell the clerk (and whether it was refused)."""

        def __init__(self, text: str, refused: bool = False) -> None:
            super().__init__()
            self.text, self.refused = text, refused

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[QueueRow] = []
        self.phrases: list[tuple[str, str, str]] | None = None
        self.include_later = False
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(Content(t("cb.loading")), id="cb-info")
        yield Static(Content(t("cb.empty")), id="cb-empty")
        yield CallbackTable(id="cb-table")
        yield Static("", id="cb-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("cb.title")
        self.query_one(CallbackTable).focus()
        self.query_one("#cb-empty").display = False
        self.reload()

    def on_screen_resume(self) -> None:
        if self.phrases is not None:
            self.reload(self.query_one(CallbackTable).id_at_cursor())

    def _now(self) -> datetime:
        return self.app.now()

    # -- reading --------------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        self._load(self._now(), self.include_later, keep)

    @work(thread=True, exclusive=True, group="cb-read", exit_on_error=False)
    def _load(self, now: datetime, include_later: bool, keep: int | None) -> None:
        from clerk_tui.services.reference import forbidden_phrases

        db = self.app.db
        rows = load_queue(db, now=now, include_later=include_later)
        phrases = self.phrases if self.phrases is not None else forbidden_phrases(db)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(rows, phrases, keep))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.rows, self.phrases = message.rows, message.phrases
        now = self._now()
        self.query_one(CallbackTable).show_rows(self.rows, now, keep=message.keep)
        self.query_one("#cb-empty").display = not self.rows
        overdue = sum(1 for r in self.rows if r.overdue_minutes(now) > 0)
        info = tn("cb.count", len(self.rows), overdue=overdue)
        if self.include_later:
            info += t("cb.count.later")
        self.query_one("#cb-info", Static).update(Content(info))
        self._show_detail()

    def _current(self) -> QueueRow | None:
        cb_id = self.query_one(CallbackTable).id_at_cursor()
        return next((r for r in self.rows if r.id == cb_id), None)

    @on(DataTable.RowHighlighted, "#cb-table")
    def _show_detail(self) -> None:
        self.query_one("#cb-detail", Static).update(detail_text(self._current(), self._now()))

    # -- answering --------------------------------------------------------------------
    @on(DataTable.RowSelected, "#cb-table")
    def _selected(self) -> None:  # a mouse click on a row
        self.action_answer()

    def action_answer(self) -> None:
        from clerk_tui.ui.callbacks.answer_dialog import AnswerDialog

        row = self._current()
        if row is None or self.busy:
            self.app.bell()
            return

        def answered(answer) -> None:
            if answer is not None:
                self.busy = True
                self._save(row, answer, self._user(), self._now())

        self.app.push_screen(AnswerDialog(row, self.phrases or []), answered)

    def _user(self) -> str:
        user = self.app.user
        return user.username if user is not None else "clerk"

    @work(thread=True, group="cb-write", exit_on_error=False)
    def _save(self, row: QueueRow, answer, user: str, now: datetime) -> None:
        from clerk_tui.services.daylock import DayLocked

        db = self.app.db
        try:
            done = record_answer(db, callback_id=row.id, answer=answer, user=user, now=now)
        except (DayLocked, CallbackChanged) as exc:
            self.post_message(self.Done(str(exc), refused=True))
            return
        text = t("cb.saved", ticket=row.ticket_no)
        if not answer.reached:
            text += t("cb.saved.retry") if answer.retry else t("cb.saved.stays")
        if done.follow_ups:
            text += t("cb.saved.follow_up")
        if done.flags:
            text += tn("cb.saved.flags", len(done.flags))
        self.post_message(self.Done(text))

    # -- generating -------------------------------------------------------------------
    def action_generate(self) -> None:
        if self.busy:
            self.app.bell()
            return
        self.busy = True
        self.query_one("#cb-info", Static).update(Content(t("cb.generating")))
        app = self.app
        self._generate(app.today, self._now(), self._user())

    @work(thread=True, group="cb-write", exit_on_error=False)
    def _generate(self, day, now: datetime, user: str) -> None:
        db = self.app.db
        rules = generate(db, day=day, now=now, user=user)
        drawn = sample(db, day=day, now=now, user=user)
        self.post_message(self.Done(generated_text(rules, drawn, now, self.include_later)))

    @on(Done)
    def _done(self, message: Done) -> None:
        self.busy = False
        self.notify(
            message.text,
            severity="warning" if message.refused else "information",
            markup=False,
            timeout=6,
        )
        self.reload(self.query_one(CallbackTable).id_at_cursor())

    def worker_failed(self, worker) -> None:
        if worker.group == "cb-write":
            self.busy = False
            self.reload()

    # -- other keys -------------------------------------------------------------------
    def action_toggle_later(self) -> None:
        self.include_later = not self.include_later
        self.reload(self.query_one(CallbackTable).id_at_cursor())

    def action_refresh(self) -> None:
        self.reload(self.query_one(CallbackTable).id_at_cursor())

    def action_open_ticket(self) -> None:
        row = self._current()
        if row is not None and row.ticket_id is not None:
            self.app.open_ticket(row.ticket_id)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
