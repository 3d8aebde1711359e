"""Small pieces the login and first-run forms share: a field label, an error line, cursor blink."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from clerk_tui.ui.common.desk import DeskApp


class FieldLabel(Static):
    """The label above an input (plain text, never markup)."""

    DEFAULT_CSS = """
    FieldLabel { margin: 1 0 0 0; }
    """

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Content(text), **kwargs)


class FieldError(Static):
    """The message under a field: empty until something is wrong."""

    DEFAULT_CSS = """
    FieldError { color: $text-error; height: auto; min-height: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)

    def show(self, text: str) -> None:
        self.update(Content(text))

    def clear(self) -> None:
        self.update("")

    @property
    def text(self) -> str:
        return str(self.content)


def apply_cursor_blink(screen: Screen) -> None:
    """Follow the app's cursor_blink setting (switched off for stable screenshots)."""
    app = screen.app
    blink = app.cursor_blink if isinstance(app, DeskApp) else True
    for field in screen.query(Input):
        field.cursor_blink = blink


class PasswordInput(Input):
    """A masked field drawn with '*': Textual's '•' is ambiguous-width, two cells in CJK terminals."""

    def __init__(self, **kwargs) -> None:
        super().__init__(password=True, **kwargs)

    @property
    def _value(self) -> Text:  # Textual 8 renders the field from this property
        if self.password:
            return Text("*" * len(self.value), no_wrap=True, overflow="ignore", end="")
        return super()._value
