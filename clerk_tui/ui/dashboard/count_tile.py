"""A dashboard count: a label, a number and a note; when it is a link, Enter or a click opens it."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from clerk_tui.i18n import N_


class CountTile(Widget):
    """One count of the Today screen. Posts `CountTile.Opened` when chosen (links only)."""

    DEFAULT_CSS = """
    CountTile {
        width: 1fr;
        height: 5;
        padding: 0 1;
        border: round $primary-muted;
    }
    CountTile.-link { border: round $primary; }
    CountTile.-link:focus { border: round $accent; background: $boost; }
    """

    BINDINGS = [Binding("enter", "open", N_("ui.key.open"), show=False)]

    value: reactive[str] = reactive("", layout=False)
    alert: reactive[bool] = reactive(False, layout=False)
    """Show the number in the error colour (e.g. overdue callbacks)."""

    class Opened(Message):
        """The user chose this count."""

        def __init__(self, tile: CountTile) -> None:
            super().__init__()
            self.tile = tile

        @property
        def control(self) -> CountTile:
            return self.tile

    def __init__(
        self, label: str, note: str = "", *, link: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="-link" if link else "")
        self.label = label
        self.note = note
        self.link = link
        self.can_focus = link

    def render(self) -> Content:
        # Every part is Content built from plain strings: nothing here is parsed as markup.
        return Content.assemble(
            Content(self.label).stylize("bold"),
            "\n",
            Content(self.value or "-").stylize(
                "bold $text-error" if self.alert else "bold $text-accent"
            ),
            "\n",
            Content(self.note).stylize("dim"),
        )

    def action_open(self) -> None:
        if self.link:
            self.post_message(self.Opened(self))

    def on_click(self, event: events.Click) -> None:
        if self.link:
            self.focus()
            self.post_message(self.Opened(self))
