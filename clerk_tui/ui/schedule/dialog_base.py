"""The schedule's dialogs share this frame: a title, label/field rows, an error line, Enter/Esc.

Each dialog parses its fields in `collect()`; a ValueError's message is shown under the
fields and the dialog stays open, so a typing slip never reaches the database.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from clerk_tui.i18n import N_, t
from clerk_tui.ui.common.form import FieldError, apply_cursor_blink
from clerk_tui.ui.common.localized import localize_bindings


class SchedDialog(ModalScreen[Any]):
    """A small form over the schedule; dismissed with the parsed request or None."""

    DEFAULT_CSS = """
    SchedDialog {
        align: center middle;
        #sd-box {
            width: 72;
            height: auto;
            padding: 0 2;
            border: round $primary;
            background: $panel;
        }
        #sd-title { text-style: bold; margin: 1 0; }
        #sd-intro { color: $text-muted; margin-bottom: 1; height: auto; }
        #sd-fields { grid-size: 2; grid-columns: 16 1fr; grid-rows: 3; height: auto; }
        .sd-label { padding: 1 0 0 0; }
        #sd-hint { color: $text-muted; margin: 1 0; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("sc.key.cancel")),
        Binding("ctrl+s", "submit", N_("sc.key.save")),
    ]

    def __init__(self, title: str, intro: str = "") -> None:
        super().__init__()
        localize_bindings(self)
        self._title, self._intro = title, intro

    def fields(self) -> list[tuple[str, Widget]]:
        """(label, widget) rows of the form."""
        raise NotImplementedError

    def collect(self) -> Any:
        """The request from the fields; raise ValueError with a sentence when one is wrong."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="sd-box"):
            yield Static(Content(self._title), id="sd-title")
            if self._intro:
                yield Static(Content(self._intro), id="sd-intro")
            with Grid(id="sd-fields"):
                for label, widget in self.fields():
                    yield Static(Content(label), classes="sd-label")
                    yield widget
            yield FieldError(id="sd-error")
            yield Static(Content(t("sc.dialog.hint")), id="sd-hint")

    def on_mount(self) -> None:
        apply_cursor_blink(self)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        try:
            request = self.collect()
        except ValueError as exc:
            self.query_one("#sd-error", FieldError).show(str(exc))
            return
        self.dismiss(request)

    def action_cancel(self) -> None:
        self.dismiss(None)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(t("sc.err.bad_date", value=text.strip())) from None


def parse_time(day: date, text: str) -> datetime:
    """`HH:MM` (or `HHMM`, `H:MM`) on `day`."""
    value = text.strip().replace("：", ":")
    if value.isdigit() and len(value) in (3, 4):
        value = f"{value[:-2]}:{value[-2:]}"
    try:
        hh, mm = (int(x) for x in value.split(":"))
        return datetime(day.year, day.month, day.day, hh, mm)
    except ValueError:
        raise ValueError(t("sc.err.bad_time", value=text.strip())) from None
