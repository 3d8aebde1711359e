"""Shown when the app cannot go on (no database, unknown auto-login user): one sentence and the quit key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Static

from clerk_tui.i18n import N_, t
from clerk_tui.ui.common.screen_base import ClerkScreen


class UnavailableScreen(ClerkScreen):
    """No database: the reason (a path may hold brackets, so it is plain text) and the quit key."""

    CSS_PATH = "unavailable.tcss"
    # Nothing to lose here: q quits too (the app itself quits on ctrl+q only).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", N_("ui.key.quit"), show=False)
    ]

    def __init__(self, sentence: str, heading: str | None = None) -> None:
        super().__init__()
        self.sentence = sentence
        self.heading = heading if heading is not None else t("ui.app.db_error_title")

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="problem-box"):
            yield Static(Content(self.heading), id="problem-title")
            yield Static(Content(self.sentence), id="problem-text")
            yield Static(Content(t("ui.app.db_error_hint")), id="problem-hint")
        yield Footer()
