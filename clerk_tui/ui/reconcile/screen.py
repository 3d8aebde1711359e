"""Reconciliation (对帐) — the supervisor's end of day: tally, flags with evidence, decisions, sign-off.

Opening the screen reconciles today in a thread worker; `[` and `]` step to the day before or
after (not past today), so a supervisor can reconcile, sign off or reopen an earlier day. The
day is reconciled (idempotent: decisions stand); every
decision, sign-off, reopening and report runs in a worker too, and a refusal (no reason, open
flags, a locked day) is shown on the status line as the service's own sentence. Each
decision asks its dialog first, then runs in `_act`; the result comes back as `Loaded` or
`Refused`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from clerk_tui.i18n import N_, t, tn
from clerk_tui.i18n.labels import DAY_STATE, FLAG_KIND
from clerk_tui.services.reconcile import (
    DayStatus,
    EodRefused,
    FlagRow,
    OutletRef,
    day_flags,
    day_status,
    decide_flag,
    default_now,
    default_path,
    reconcile_in_helper,
    reopen,
    sign_off,
    write_day_report,
)
from clerk_tui.ui.common.screen_base import ClerkScreen
from clerk_tui.ui.reconcile.input_dialog import RecInputDialog
from clerk_tui.ui.reconcile.tables import FlagTable, TallyTable, evidence_text
from clerk_tui.ui.tickets.labels import code_label, when

DECISION_QUESTION: dict[str, str] = {
    "confirmed": N_("ru.ask.confirmed"),
    "dismissed": N_("ru.ask.dismissed"),
}
"""The question before confirming or dismissing a flag."""

DECISION_DONE: dict[str, str] = {
    "confirmed": N_("ru.done.confirmed"),
    "dismissed": N_("ru.done.dismissed"),
}
"""The note after confirming or dismissing a flag."""


@dataclass(frozen=True)
class DayView:
    """What the screen shows of one outlet's day."""

    outlet: OutletRef
    day: date
    status: DayStatus
    tally: tuple
    flags: list[FlagRow]


class ReconcileScreen(ClerkScreen):
    """Per-engineer tally, the flags with their evidence, confirm/dismiss, sign-off, report."""

    CSS_PATH = "reconcile.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "decide('confirmed')", N_("ru.key.confirm")),
        Binding("x", "decide('dismissed')", N_("ru.key.dismiss")),
        Binding("s", "sign_off", N_("ru.key.signoff")),
        Binding("o", "reopen", N_("ru.key.reopen")),
        Binding("e", "export", N_("ru.key.export")),
        Binding("r", "rerun", N_("ru.key.rerun")),
        Binding("left_square_bracket", "day(-1)", N_("ru.key.prev_day"), key_display="["),
        Binding("right_square_bracket", "day(1)", N_("ru.key.next_day"), key_display="]"),
        Binding("escape", "back", N_("ru.key.back")),
    ]

    class Loaded(Message):
        def __init__(self, view: DayView, note: str = "") -> None:
            super().__init__()
            self.view, self.note = view, note

    class Refused(Message):
        def __init__(self, sentence: str) -> None:
            super().__init__()
            self.sentence = sentence

    def __init__(self) -> None:
        super().__init__()
        self.view: DayView | None = None
        self.day: date | None = None  # the day shown or being reconciled; today at first
        self.busy = False
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(Content(t("ru.loading")), id="ru-heading")
        yield Static("", id="ru-status", markup=False)
        with Horizontal(id="ru-body"):
            with Vertical(id="ru-left"):
                yield Static(Content(t("ru.tally.title")), classes="ru-title")
                yield TallyTable(id="ru-tally")
            with Vertical(id="ru-right"):
                yield Static(Content(t("ru.flags.title")), classes="ru-title")
                yield FlagTable(id="ru-flags")
                with VerticalScroll(id="ru-evidence-box"):
                    yield Static(evidence_text(None), id="ru-evidence", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("ru.title")
        self.day = self.app.today
        self.query_one(FlagTable).focus()
        self._reconcile()

    # ---- workers ------------------------------------------------------------------------
    def _view(self, outlet: OutletRef, day: date, tally: tuple) -> DayView:
        db = self.app.db
        return DayView(outlet, day, day_status(db, outlet.id, day), tally,
                       day_flags(db, outlet.id, day))  # fmt: skip

    def _reconciled(self, day: date) -> tuple[DayView, str]:
        """Reconcile `day` (in the helper process) → the view, and a note when the day is locked
        and the rules find flags that are not on record."""
        app = self.app
        user = app.current_user
        done = reconcile_in_helper(app.db, user.outlet_id, day,
                                   now=default_now(day, app.now()), user=user.username)  # fmt: skip
        d = done.day
        note = ""
        if d.locked:  # nothing was written
            unrecorded = sum(1 for f in d.result.flags if d.result.key(f) not in d.statuses)
            if unrecorded:
                note = tn("ru.note.locked_unrecorded", unrecorded)
        return DayView(d.outlet, d.day, done.status, d.result.engineers, done.flags), note

    @work(thread=True, exclusive=True, group="reconcile", exit_on_error=False)
    def _reconcile(self) -> None:
        day = self.day or self.app.today
        view, note = self._reconciled(day)
        if get_current_worker().is_cancelled or day != self.day:
            return  # the supervisor has moved on to another day
        self.post_message(self.Loaded(view, note))

    @work(thread=True, exclusive=True, group="reconcile-act", exit_on_error=False)
    def _act(self, job: Callable[[], Any], note: Callable[[Any], str], rerun: bool = False) -> None:
        """Run one decision; then show the day as stored (or, with `rerun`, reconciled again)."""
        from clerk_tui.io.exports.report import ReportError
        from clerk_tui.services.daylock import DayLocked

        view = self.view
        assert view is not None
        try:
            result = job()
        except (EodRefused, DayLocked, ReportError) as exc:
            self.post_message(self.Refused(str(exc)))
            return
        if rerun:
            shown, _ = self._reconciled(view.day)
        else:
            shown = self._view(view.outlet, view.day, view.tally)
        self.post_message(self.Loaded(shown, note(result)))

    # ---- showing ------------------------------------------------------------------------
    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.busy = False
        old, view = self.view, message.view
        self.view = view
        table = self.query_one(FlagTable)
        # A rerun that changes nothing leaves the tables alone (no redraw, cursor kept).
        if old is None or old.tally != view.tally:
            self.query_one(TallyTable).show(view.tally)
        if old is None or old.flags != view.flags:
            table.show(view.flags, table.flag_id_at_cursor())
        self._heading()
        self._show_evidence()
        self._status(message.note)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        self.busy = False
        self._status(message.sentence, error=True)
        self.notify(message.sentence, severity="error", markup=False, timeout=8)

    def worker_failed(self, worker) -> None:
        self.busy = False

    def _heading(self) -> None:
        view = self.view
        if view is None:
            return
        st = view.status
        parts: list = [
            (t("ru.heading", outlet=view.outlet.code, day=view.day.isoformat()), "bold"),
            "   ",
            (
                code_label(DAY_STATE, st.state),
                "bold reverse" if st.state != "reconciled" else "bold",
            ),
            "   ",
            tn("ru.heading.counts", len(view.flags), flags=len(view.flags), open=st.open_flags),
        ]
        if st.signed_off_at is not None:
            parts += ["   ", t("ru.heading.signed", by=st.signed_off_by, at=when(st.signed_off_at))]
        elif st.reopen_reason:
            parts += ["   ", (t("ru.heading.reopened", reason=st.reopen_reason), "dim")]
        self._put("#ru-heading", Content.assemble(*parts))

    def _put(self, selector: str, content, *, layout: bool = False) -> None:
        """Update a Static only when what it shows changes; the one-line ones (fixed height in
        the stylesheet) without a new layout, which would repaint the whole screen."""
        if self._shown.get(selector) != content:
            self._shown[selector] = content
            self.query_one(selector, Static).update(content, layout=layout)

    def _status(self, sentence: str, *, error: bool = False) -> None:
        self.query_one("#ru-status", Static).set_class(error, "-error")
        self._put("#ru-status", sentence)

    def _current(self) -> FlagRow | None:
        if self.view is None:
            return None
        fid = self.query_one(FlagTable).flag_id_at_cursor()
        return next((f for f in self.view.flags if f.id == fid), None)

    def _show_evidence(self) -> None:
        self._put("#ru-evidence", evidence_text(self._current()), layout=True)

    @on(DataTable.RowHighlighted, "#ru-flags")
    def _highlighted(self) -> None:
        self._show_evidence()

    @on(DataTable.RowSelected, "#ru-flags")
    def _selected(self) -> None:
        self._show_evidence()
        self.query_one("#ru-evidence-box").focus()

    # ---- actions: decide a flag, sign off, reopen, export, rerun, step a day -----------------
    def _ready(self) -> DayView | None:
        """The shown day, if a decision may start: it is loaded and nothing else is running."""
        view = self.view
        if view is None or self.busy or view.day != self.day:
            self.app.bell()
            return None
        return view

    def action_decide(self, decision: str) -> None:
        flag = self._current() if self._ready() is not None else None
        if flag is None:
            return
        title = t(DECISION_QUESTION[decision], kind=code_label(FLAG_KIND, flag.kind),
                  ticket=flag.ticket_no or flag.engineer_code)  # fmt: skip

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            self._decide(flag.id, decision, reason)

        self.app.push_screen(
            RecInputDialog(title, t("ru.ask.reason"), empty_message=t("ru.err.reason")), answered
        )

    def _decide(self, flag_id: int, decision: str, reason: str) -> None:
        app = self.app

        def job():
            return decide_flag(app.db, flag_id, decision=decision, reason=reason,
                               user=app.current_user, now=app.now())  # fmt: skip

        def note(done) -> str:
            text = t(DECISION_DONE[decision])
            if done.violation:
                text += " " + t("ru.done.violation")
            if done.remedy_booked:
                text += " " + t("ru.done.remedy")
            return text

        self._start(job, note)

    def _start(
        self, job: Callable[[], Any], note: Callable[[Any], str], *, rerun: bool = False
    ) -> None:
        self.busy = True
        self._status(t("ru.working"))
        self._act(job, note, rerun)

    def action_sign_off(self) -> None:
        view = self._ready()
        if view is None:
            return

        app = self.app
        self._start(
            lambda: sign_off(app.db, view.outlet.id, view.day, user=app.current_user,
                             now=app.now()),
            lambda _r: t("ru.done.signed", day=view.day.isoformat()),
        )  # fmt: skip

    def action_reopen(self) -> None:
        view = self._ready()
        if view is None:
            return

        app = self.app

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            self._start(
                lambda: reopen(app.db, view.outlet.id, view.day, reason=reason,
                               user=app.current_user, now=app.now()),
                lambda _r: t("ru.done.reopened", day=view.day.isoformat()),
                rerun=True,  # a reopened day is reconciled again: new cards, new flags
            )  # fmt: skip

        self.app.push_screen(
            RecInputDialog(t("ru.ask.reopen", day=view.day.isoformat()), t("ru.ask.reason"),
                           empty_message=t("ru.err.reason")),
            answered,
        )  # fmt: skip

    def action_export(self) -> None:
        view = self._ready()
        if view is None:
            return
        from pathlib import Path

        app = self.app

        def answered(path: str | None) -> None:
            if path is None:
                return
            self._start(
                lambda: write_day_report(app.db, view.outlet, view.day, Path(path),
                                         now=app.now(), user=app.current_user.username),
                lambda done: t("ru.done.report", path=done.path, sha=done.checksum[:16])
                + (" " + t("ru.done.reported") if done.reported else ""),
            )  # fmt: skip

        self.app.push_screen(
            RecInputDialog(t("ru.ask.export"), t("ru.ask.path"),
                           value=str(default_path(view.outlet.code, view.day)),
                           empty_message=t("ru.err.path"), collapse=False),
            answered,
        )  # fmt: skip

    def action_rerun(self) -> None:
        if self.busy:
            self.app.bell()
            return
        self._reconcile()  # quick, and the tables change only if the result does

    def action_day(self, step: int) -> None:
        """Reconcile the day before (-1) or after (+1) the one shown; never a day after today."""
        today = self.app.today
        current = self.day or today
        target = current + timedelta(days=step)
        if target > today:
            self.app.bell()
            self._status(t("ru.err.future", day=today.isoformat()), error=True)
            return
        if self.busy:  # a decision is being written for the day shown
            self.app.bell()
            return
        self.day = target
        self._put("#ru-heading", Content(t("ru.loading.day", day=target.isoformat())))
        self._status("")
        self._reconcile()

    def action_back(self) -> None:
        if self.focused is not None and self.focused.id == "ru-evidence-box":
            self.query_one(FlagTable).focus()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()
