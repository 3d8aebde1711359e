"""The intake screen's keys and save worker: ctrl+s saves the ticket, ctrl+n clears, escape goes back.

A mixin of `IntakeScreen` (it uses the screen's form state, its `IntakeCheck` methods and
its `SaveDone` message, which the screen handles); a locked day comes back as a refusal.
"""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.widgets import Static

from clerk_tui.i18n import t
from clerk_tui.services.intake import MISUSE, History, IntakeForm, IntakeReference
from clerk_tui.ui.intake.layout import INPUTS, SELECTS


class IntakeActions:
    """Save (checked first, in a worker), clear and back."""

    ref: IntakeReference
    ref_loaded: bool
    history: History | None
    findings: list
    touched: set[str]
    _refused: dict[str, str]
    _saving: bool
    _wanted_key: str

    def action_save(self) -> None:
        if self._saving:
            return
        self.touched.update(name for name, _ in INPUTS.values())
        self._recheck()
        form, problems = self.read_form()
        result = self.query_one("#in-result", Static)
        if problems:
            result.update(Content(t("in.fix_fields")))
            first = "#in-purchase" if "purchase" in problems else "#in-day"
            self.query_one(first).focus()
            return
        if form.is_empty():
            result.update(Content(t("in.empty")))
            return
        if not self.ref_loaded:
            result.update(Content(t("in.not_ready")))
            return
        self._saving = True
        result.update(Content(t("in.saving")))
        choice = self._v("in-consult") if any(f.kind == MISUSE for f in self.findings) else ""
        self._save(self.app.db, form, self.ref, choice, self._v("in-consult-note"))

    @work(thread=True, exclusive=True, group="in-save", exit_on_error=False)
    def _save(self, db, form: IntakeForm, ref: IntakeReference, choice: str, note: str) -> None:
        from clerk_tui.services.daylock import DayLocked
        from clerk_tui.services.intake import save_ticket

        try:
            saved = save_ticket(
                db,
                form,
                ref,
                user=self.app.user,
                now=self.app.now(),
                consult=choice,
                consult_note=note,
            )
        except DayLocked as exc:
            self.post_message(self.SaveDone(None, str(exc)))
            return
        self.post_message(self.SaveDone(saved))

    def _reset(self) -> None:
        self._fill({id_: "" for id_ in INPUTS})
        self._fill(dict(SELECTS))
        self.touched.clear()
        self._refused.clear()
        self.history, self._wanted_key = None, ""
        self._recheck()
        self.query_one("#in-name").focus()

    def action_clear(self) -> None:
        self._reset()
        self.query_one("#in-result", Static).update(Content(t("in.cleared")))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
