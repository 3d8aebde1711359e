"""AdminDialog: the base of the admin screen's forms: field errors, one save worker, Esc to cancel.

A form's inputs are `#ad-f-<field>` with their error line `#ad-e-<field>`; a refusal
from the service that names a field lands under it, anything else under the buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import getters, on, work
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer
from textual.worker import Worker, WorkerState

from clerk_tui.i18n import N_
from clerk_tui.services.admin import AdminError
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.common.form import FieldError, apply_cursor_blink
from clerk_tui.ui.common.localized import localize_bindings


class AdminFieldError(FieldError):
    """A field's error line that takes no room until there is something to say."""

    def on_mount(self) -> None:
        self.display = False

    def show(self, text: str) -> None:
        super().show(text)
        self.display = True

    def clear(self) -> None:
        super().clear()
        self.display = False


class AdminDialog(ModalScreen[str | None]):
    """A form over the admin screen; dismissed with a sentence for the user once saved."""

    app = getters.app(DeskApp)
    """The running app, typed: what a screen may ask of it (services, user, today, now)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("ad.key.cancel")),
        Binding("ctrl+s", "save", N_("ad.key.save")),
    ]

    class Done(Message):
        def __init__(self, result: str) -> None:
            super().__init__()
            self.result = result

    class Refused(Message):
        def __init__(self, message: str, field: str) -> None:
            super().__init__()
            self.message, self.field = message, field

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def on_mount(self) -> None:
        apply_cursor_blink(self)
        self.mount(Footer())  # the dialog's own keys (Esc, ctrl+s)

    # -- errors at the fields ----------------------------------------------------------
    def field_error(self, field: str) -> FieldError | None:
        try:
            return self.query_one(f"#ad-e-{field}", FieldError)
        except NoMatches:
            return None

    def show_error(self, field: str, message: str, *, focus: bool = True) -> None:
        """`message` under `field` (under the buttons when the form has no such field)."""
        target = self.field_error(field) if field else None
        if target is None:
            self.query_one("#ad-e-form", FieldError).show(message)
            return
        target.show(message)
        if focus:
            try:
                self.query_one(f"#ad-f-{field}", Widget).focus()
            except NoMatches:
                pass

    def set_error(self, field: str, message: str) -> None:
        """Show or clear `field`'s error without moving the focus (live checks)."""
        target = self.field_error(field)
        if target is not None:
            if message:
                target.show(message)
            else:
                target.clear()

    def clear_errors(self) -> None:
        for err in self.query(FieldError):
            err.clear()

    def _busy(self, busy: bool) -> None:
        for button in self.query(Button):
            button.disabled = busy

    # -- saving ------------------------------------------------------------------------
    def submit(self, job: Callable[[], str]) -> None:
        """Run `job` (a service call returning the sentence to show) in a thread worker."""
        self._busy(True)
        self._run(job)

    @work(thread=True, exclusive=True, group="admin-save", exit_on_error=False)
    def _run(self, job: Callable[[], str]) -> None:
        try:
            result = job()
        except AdminError as exc:
            self.post_message(self.Refused(str(exc), exc.field))
            return
        self.post_message(self.Done(result))

    @on(Done)
    def _done(self, message: Done) -> None:
        self.dismiss(message.result)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        self._busy(False)
        self.show_error(message.field, message.message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._busy(False)
            self.app.show_error(event.worker.error)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        """Check the form and save it (subclasses)."""
