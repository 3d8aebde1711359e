"""The reconciliation screen's keys: decide a flag, sign off, reopen, export, rerun, step a day.

A mixin of `ReconcileScreen` (it uses the screen's `view`, `day`, `busy`, its `_act` and
`_reconcile` workers and its status line); each decision asks its dialog first, then runs
in the screen's worker, and the result comes back as the screen's `Loaded` or `Refused`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual.content import Content

from clerk_tui.i18n import t
from clerk_tui.ui.reconcile.input_dialog import RecInputDialog
from clerk_tui.ui.tickets.labels import code_label


class RecActions:
    """Confirm/dismiss with a reason, sign-off, reopening, the day's report, rerun, `[` and `]`."""

    view: Any
    day: date | None
    busy: bool

    def _ready(self) -> bool:
        """Whether a decision may start: the shown day is loaded and nothing else is running."""
        if self.view is None or self.busy or self.view.day != self.day:
            self.app.bell()
            return False
        return True

    def action_decide(self, decision: str) -> None:
        flag = self._current() if self._ready() else None
        if flag is None:
            return
        title = t(f"ru.ask.{decision}", kind=code_label("rec.kind", flag.kind),
                  ticket=flag.ticket_no or flag.engineer_code)  # fmt: skip

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            self._decide(flag.id, decision, reason)

        self.app.push_screen(
            RecInputDialog(title, t("ru.ask.reason"), empty_message=t("ru.err.reason")), answered
        )

    def _decide(self, flag_id: int, decision: str, reason: str) -> None:
        from clerk_tui.services.reconcile import decide_flag

        app = self._app()

        def job():
            return decide_flag(app.db, flag_id, decision=decision, reason=reason,
                               user=app.user, now=app.now())  # fmt: skip

        def note(done) -> str:
            text = t(f"ru.done.{decision}")
            if done.violation:
                text += " " + t("ru.done.violation")
            if done.remedy_booked:
                text += " " + t("ru.done.remedy")
            return text

        self._start(job, note)

    def _start(self, job, note, *, rerun: bool = False) -> None:
        self.busy = True
        self._status(t("ru.working"))
        self._act(job, note, rerun)

    def action_sign_off(self) -> None:
        if not self._ready():
            return
        from clerk_tui.services.reconcile import sign_off

        app, view = self._app(), self.view
        self._start(
            lambda: sign_off(app.db, view.outlet.id, view.day, user=app.user, now=app.now()),
            lambda _r: t("ru.done.signed", day=view.day.isoformat()),
        )

    def action_reopen(self) -> None:
        if not self._ready():
            return
        from clerk_tui.services.reconcile import reopen

        app, view = self._app(), self.view

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            self._start(
                lambda: reopen(app.db, view.outlet.id, view.day, reason=reason, user=app.user,
                               now=app.now()),
                lambda _r: t("ru.done.reopened", day=view.day.isoformat()),
                rerun=True,  # a reopened day is reconciled again: new cards, new flags
            )  # fmt: skip

        self.app.push_screen(
            RecInputDialog(t("ru.ask.reopen", day=view.day.isoformat()), t("ru.ask.reason"),
                           empty_message=t("ru.err.reason")),
            answered,
        )  # fmt: skip

    def action_export(self) -> None:
        if not self._ready():
            return
        from pathlib import Path

        from clerk_tui.services.reconcile import default_path, write_day_report

        app, view = self._app(), self.view

        def answered(path: str | None) -> None:
            if path is None:
                return
            self._start(
                lambda: write_day_report(app.db, view.outlet, view.day, Path(path),
                                         now=app.now(), user=app.user.username),
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
        today = self._app().today
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
