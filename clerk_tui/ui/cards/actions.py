"""The card-entry screen's keys and workers: signer shortcuts, saving, clearing, the day's progress.

A mixin of `CardEntryScreen` (it uses the screen's `ctx`, `form`, `_household`, `_saving`,
its `CardCheck` methods and its `Saved` and `Progress` messages, which the screen handles).
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.content import Content
from textual.widgets import Static

from clerk_tui.i18n import t
from clerk_tui.ui.cards.confirm import ConfirmOrphan
from clerk_tui.ui.cards.form import CHOICE_FIELDS, CardForm, FormRead
from clerk_tui.ui.cards.panels import ticket_panel, warnings_panel


class CardActions:
    """F3/F4 for the signer, Ctrl+S to save (asking first for a card with no ticket), Escape."""

    ctx: Any
    form: CardForm
    findings: list
    errors: dict[str, str]
    _household: int
    _saving: bool

    # -- signer keys ------------------------------------------------------------------
    def action_customer_signed(self) -> None:
        if self.ctx is None or self.ctx.ticket is None:
            return
        self.form.put("signer", self.ctx.ticket.customer_name)
        self.form.put("relation", "")
        self.form.field("signature").focus()

    def action_household_signed(self) -> None:
        if self.ctx is None or self.ctx.ticket is None or not self.ctx.ticket.household:
            return
        members = self.ctx.ticket.household
        name, relation = members[self._household % len(members)]
        self._household += 1
        self.form.put("signer", name)
        self.form.put("relation", relation)
        self.form.field("signature").focus()

    # -- saving -----------------------------------------------------------------------
    def action_save(self) -> None:
        if self._saving:
            return
        if self.ctx is None or self.form.value("ticket") != self.ctx.ticket_no:
            self.notify(t("ce.err.no_ticket"), severity="warning", markup=False)  # type: ignore[attr-defined]
            self.form.field("ticket").focus()
            return
        self._recheck()  # type: ignore[attr-defined]
        read = self._read()  # type: ignore[attr-defined]
        if not read.card.engineer_code:
            read.errors["engineer"] = t("ce.err.engineer")
            self.form.hint("engineer", read.errors["engineer"], error=True)
        if read.errors:
            self.notify(t("ce.err.fix", n=len(read.errors)), severity="error", markup=False)  # type: ignore[attr-defined]
            first = next(n for n in self._values() if n in read.errors)  # type: ignore[attr-defined]
            self.form.field(first).focus()
            return
        if self.ctx.ticket is None:

            def answered(yes: bool | None) -> None:
                if yes:
                    self._start_save(read)

            self.app.push_screen(ConfirmOrphan(self.ctx.ticket_no), answered)  # type: ignore[attr-defined]
            return
        self._start_save(read)

    def _start_save(self, read: FormRead) -> None:
        self._saving = True
        self.query_one("#ce-progress", Static).update(Content(t("ce.saving")))  # type: ignore[attr-defined]
        self._save(read)

    @work(thread=True, exclusive=True, group="card-save", exit_on_error=False)
    def _save(self, read: FormRead) -> None:
        from clerk_tui.services.cards import save_card

        app = self.app  # type: ignore[attr-defined]
        saved = save_card(
            app.db,
            user=app.user,
            card=read.card,
            slip=read.slip,
            now=app.now(),
            certificate_fen=read.certificate_fen,
        )
        self.post_message(self.Saved(saved, read.card.ticket_no))  # type: ignore[attr-defined]

    def _reset(self) -> None:
        self.ctx = None
        self.findings, self.errors = [], {}
        for name in self._values():  # type: ignore[attr-defined]
            self.form.put(name, None if name in CHOICE_FIELDS else "")
            self.form.hint(name, None)
        self.query_one("#ce-ticket-panel", Static).update(ticket_panel(None))  # type: ignore[attr-defined]
        self.query_one("#ce-warnings", Static).update(warnings_panel([]))  # type: ignore[attr-defined]
        self.form.field("ticket").focus()

    def action_clear(self) -> None:
        if self.ctx is not None or self.form.value("ticket"):
            self._reset()
        elif len(self.app.screen_stack) > 1:  # type: ignore[attr-defined]
            self.app.pop_screen()  # type: ignore[attr-defined]

    # -- the day's cards --------------------------------------------------------------
    def _refresh_progress(self) -> None:
        self._progress()

    @work(thread=True, exclusive=True, group="card-progress", exit_on_error=False)
    def _progress(self) -> None:
        from clerk_tui.services.cards import day_progress

        self.post_message(self.Progress(day_progress(self.app.db, day=self.app.today)))  # type: ignore[attr-defined]
