"""Intake form pieces: an input that keeps pasted text whole and clean, a message beside each field."""

from __future__ import annotations

from textual import events
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from clerk_tui.services.intake import clean_text

LABEL_CELLS = 10


class IntakeInput(Input):
    """A one-line field: a multi-line paste is kept whole (lines joined by spaces), control
    characters are dropped, and text beyond `max_length` is refused with a `Refused` message."""

    class Refused(Message):
        """Typed or pasted text did not fit: `size` characters where `limit` are allowed."""

        def __init__(self, field: IntakeInput, size: int, limit: int) -> None:
            super().__init__()
            self.field, self.size, self.limit = field, size, limit

    def __init__(self, *, max_length: int, **kwargs) -> None:
        super().__init__(max_length=max_length, compact=True, **kwargs)

    def _watch_value(self, value: str) -> None:
        # Textual's Input sets its virtual size (the scroll range) on every change, which
        # lays out the whole screen (~20 ms for this form). The field's own size never
        # depends on its text, so the scroll range is updated without a layout.
        size = Size(self.content_width, 1)
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self.refresh()
        super()._watch_value(value)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own handler would insert the first line again
        text = clean_text(event.text)
        if not text:
            return
        start, end = sorted(self.selection)
        size = len(self.value) - (end - start) + len(text)
        if self.max_length and size > self.max_length:
            self.post_message(self.Refused(self, size, self.max_length))
            return
        self.replace(text, start, end)

    def restricted(self) -> None:
        self.post_message(self.Refused(self, len(self.value) + 1, self.max_length or 0))


class FieldMessage(Static):
    """What the checks say about one field: '', or plain text styled ok / warn / error / info.

    One line high, so a new message repaints this widget only (no layout of the form)."""

    DEFAULT_CSS = """
    FieldMessage {
        width: 1fr; height: 1; padding: 0 0 0 1; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    FieldMessage.-ok { color: $text-success; }
    FieldMessage.-warn { color: $text-warning; }
    FieldMessage.-error { color: $text-error; }
    """
    LEVELS = ("ok", "warn", "error", "info")

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.shown: tuple[str, str] = ("", "")

    def say(self, text: str, level: str = "info") -> None:
        """Show `text` (user data is never markup); skips the repaint when nothing changed."""
        if (text, level) == self.shown:
            return
        old = self.shown[1] if self.shown[0] else ""
        new = level if text else ""
        self.shown = (text, level)
        if old != new:  # each class change restyles the widget: only when the level changes
            if old:
                self.remove_class(f"-{old}")
            if new:
                self.add_class(f"-{new}")
        self.update(Content(text), layout=False)  # one line, fixed size: no layout needed


class FieldRow(Horizontal):
    """Label, the field's widgets, then its message."""

    DEFAULT_CSS = f"""
    FieldRow {{ height: auto; margin: 0 0 0 0; }}
    FieldRow > .in-label {{ width: {LABEL_CELLS}; text-style: bold; }}
    FieldRow > .in-sep {{ width: auto; padding: 0 1; }}
    """

    def __init__(self, label: str, *children: Widget, message_id: str, **kwargs) -> None:
        super().__init__(
            Static(Content(label), classes="in-label"),
            *children,
            FieldMessage(id=message_id),
            **kwargs,
        )
