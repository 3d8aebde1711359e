"""ClerkScreen: the base of the app's screens: footer keys in the chosen language, worker errors to the app.

Worker state messages do not bubble, so each screen hands a failed worker's
error to `app.show_error`, the one place errors are shown.
"""

from __future__ import annotations

from textual import getters
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from clerk_tui.i18n import t
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.common.localized import localize_bindings


class ClerkScreen(Screen[None]):
    """A screen of Clerk Desk (subclass it; BINDINGS descriptions may be message keys)."""

    app = getters.app(DeskApp)
    """The running app, typed: what a screen may ask of it (services, user, today, now)."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.title = t("app.title")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)
            self.app.show_error(event.worker.error)

    def worker_failed(self, worker: Worker) -> None:
        """Put the screen back in a usable state after `worker` failed (the app shows the error)."""
