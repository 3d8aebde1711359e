"""Reconciliation (对帐) — the supervisor's end of day: tally, flags with evidence, decisions, sign-off.

Opening the screen reconciles today in a thread worker; `[` and `]` step to the day before or
after (not past today), so a supervisor can reconcile, sign off or reopen an earlier day. The
day is reconciled (idempotent: decisions stand); every
decision, sign-off, reopening and report runs in a worker too, and a refusal (no reason, open
flags, a locked day) is shown on the status line as the service's own sentence. The keys
that decide, sign off, reopen, export and step a day are in `RecActions` (widgets/rec_actions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from clerk_tui.i18n import t
from clerk_tui.services.reconcile import DayStatus, FlagRow, OutletRef
from clerk_tui.ui.common.screen_base import ClerkScreen
from clerk_tui.ui.reconcile.actions import RecActions
from clerk_tui.ui.reconcile.tables import FlagTable, TallyTable, evidence_text
from clerk_tui.ui.tickets.labels import code_label, when


@dataclass(frozen=True)
class DayView:
    """What the screen shows of one outlet's day."""

    outlet: OutletRef
    day: date
    status: DayStatus
    tally: tuple
    flags: list[FlagRow]


class ReconcileScreen(RecActions, ClerkScreen):
    """Per-engineer tally, the flags with their evidence, confirm/dismiss, sign-off, report."""

    CSS_PATH = "reconcile.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "decide('confirmed')", "ru.key.confirm"),
        Binding("x", "decide('dismissed')", "ru.key.dismiss"),
        Binding("s", "sign_off", "ru.key.signoff"),
        Binding("o", "reopen", "ru.key.reopen"),
        Binding("e", "export", "ru.key.export"),
        Binding("r", "rerun", "ru.key.rerun"),
        Binding("left_square_bracket", "day(-1)", "ru.key.prev_day", key_display="["),
        Binding("right_square_bracket", "day(1)", "ru.key.next_day", key_display="]"),
        Binding("escape", "back", "ru.key.back"),
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
        self.day = self._app().today
        self.query_one(FlagTable).focus()
        self._reconcile()

    # ---- workers ------------------------------------------------------------------------
    def _app(self):
        return self.app

    def _view(self, outlet: OutletRef, day: date, tally: tuple) -> DayView:
        from clerk_tui.services.reconcile import day_flags, day_status

        db = self._app().db
        return DayView(outlet, day, day_status(db, outlet.id, day), tally,
                       day_flags(db, outlet.id, day))  # fmt: skip

    def _reconciled(self, day: date) -> tuple[DayView, str]:
        """Reconcile `day` (in the helper process) → the view, and a note when the day is locked
        and the rules find flags that are not on record."""
        from clerk_tui.services.reconcile import default_now, reconcile_in_helper

        app = self._app()
        user = app.user
        done = reconcile_in_helper(app.db, user.outlet_id if user else None, day,
                                   now=default_now(day, app.now()), user=user.username)  # fmt: skip
        d = done.day
        note = ""
        if d.locked:  # nothing was written
            unrecorded = sum(1 for f in d.result.flags if d.result.key(f) not in d.statuses)
            if unrecorded:
                note = t("ru.note.locked_unrecorded", n=unrecorded)
        return DayView(d.outlet, d.day, done.status, d.result.engineers, done.flags), note

    @work(thread=True, exclusive=True, group="reconcile", exit_on_error=False)
    def _reconcile(self) -> None:
        day = self.day or self._app().today
        view, note = self._reconciled(day)
        if get_current_worker().is_cancelled or day != self.day:
            return  # the supervisor has moved on to another day
        self.post_message(self.Loaded(view, note))

    @work(thread=True, exclusive=True, group="reconcile-act", exit_on_error=False)
    def _act(self, job, note, rerun: bool = False) -> None:
        """Run one decision; then show the day as stored (or, with `rerun`, reconciled again)."""
        from clerk_tui.io.exports.report import ReportError
        from clerk_tui.services.daylock import DayLocked
        from clerk_tui.services.reconcile import EodRefused

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
                code_label("ru.state", st.state),
                "bold reverse" if st.state != "reconciled" else "bold",
            ),
            "   ",
            t("ru.heading.counts", flags=len(view.flags), open=st.open_flags),
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

    # ---- actions (the others are in RecActions) -----------------------------------------
    def action_back(self) -> None:
        if self.focused is not None and self.focused.id == "ru-evidence-box":
            self.query_one(FlagTable).focus()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()
