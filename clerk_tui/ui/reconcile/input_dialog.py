"""A one-line question over the reconciliation screen: a decision's reason, or the report's path.

Enter (or OK) answers; an empty answer is refused with a message, the dialog stays open;
Esc cancels and answers None.
"""

from __future__ import annotations

from typing import ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from clerk_tui.i18n import N_, t
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.common.localized import localize_bindings


class RecInputDialog(ModalScreen[str | None]):
    """Ask for one line of text; `empty_message` is shown when the answer is empty."""

    app = getters.app(DeskApp)

    DEFAULT_CSS = """
    RecInputDialog {
        align: center middle;
    }
    RecInputDialog > #ri-box {
        width: 76;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    RecInputDialog #ri-title { text-style: bold; }
    RecInputDialog #ri-prompt { margin: 1 0 0 0; }
    RecInputDialog #ri-error { color: $text-error; height: auto; }
    RecInputDialog #ri-buttons { height: auto; margin: 1 0 0 0; }
    RecInputDialog #ri-buttons Button { margin: 0 2 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("ru.key.cancel"))]

    def __init__(
        self, title: str, prompt: str, *, value: str = "", empty_message: str, collapse: bool = True
    ) -> None:
        super().__init__()
        self._collapse = collapse
        localize_bindings(self)
        self._title, self._prompt, self._value = title, prompt, value
        self._empty = empty_message

    def compose(self) -> ComposeResult:
        with Vertical(id="ri-box"):
            yield Static(Content(self._title), id="ri-title")
            yield Static(Content(self._prompt), id="ri-prompt")
            yield Input(value=self._value, id="ri-input")
            yield Static("", id="ri-error", markup=False)
            with Horizontal(id="ri-buttons"):
                yield Button(t("ru.btn.ok"), id="ri-ok", variant="primary")
                yield Button(t("ru.btn.cancel"), id="ri-cancel")

    def on_mount(self) -> None:
        field = self.query_one("#ri-input", Input)
        field.cursor_blink = self.app.cursor_blink
        field.focus()

    @on(Input.Submitted, "#ri-input")
    @on(Button.Pressed, "#ri-ok")
    def _answer(self) -> None:
        raw = self.query_one("#ri-input", Input).value
        value = " ".join(raw.split()) if self._collapse else raw.strip()
        if not value:
            self.query_one("#ri-error", Static).update(self._empty)
            self.query_one("#ri-input", Input).focus()
            return
        self.dismiss(value)

    @on(Button.Pressed, "#ri-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
