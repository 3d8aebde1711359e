"""Asking before a card for an unknown ticket is kept as an orphan card: Y saves, N or Esc goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from clerk_tui.i18n import t


class ConfirmOrphan(ModalScreen[bool]):
    """Dismisses with True to save the orphan card, False to go back to the form."""

    DEFAULT_CSS = """
    ConfirmOrphan { align: center middle; }
    ConfirmOrphan > Vertical {
        width: 64; height: auto; padding: 1 2; border: thick $warning; background: $surface;
    }
    ConfirmOrphan #co-text { height: auto; margin-bottom: 1; }
    ConfirmOrphan Horizontal { height: auto; }
    ConfirmOrphan Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, ticket_no: str) -> None:
        super().__init__()
        self.ticket_no = ticket_no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(t("ce.confirm.orphan", no=self.ticket_no)), id="co-text")
            with Horizontal():
                yield Button(t("ce.confirm.yes"), id="co-yes", variant="warning")
                yield Button(t("ce.confirm.no"), id="co-no")

    def on_mount(self) -> None:
        self.query_one("#co-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "co-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
