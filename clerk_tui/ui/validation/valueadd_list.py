"""The value-add findings (信息增值) as a list over the queue, newest first; x exports them as CSV."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from clerk_tui.i18n import N_, t, tn
from clerk_tui.i18n.labels import label
from clerk_tui.services.validation import (
    ValueAddRow,
    default_export_path,
    export_csv,
    list_findings,
    tag_label,
)
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.tickets.labels import clip
from clerk_tui.ui.validation.tables import COLUMN, visible

LIMIT = 500


class ValueAddListScreen(ModalScreen[None]):
    """Every value-add finding (the newest LIMIT), with its ticket and who recorded it."""

    app = getters.app(DeskApp)
    """The running app, typed: what a screen may ask of it (services, user, today, now)."""

    DEFAULT_CSS = """
    ValueAddListScreen { align: center middle; }
    ValueAddListScreen #vq-va { width: 96%; height: 90%; border: round $accent;
        background: $surface; padding: 0 1; }
    ValueAddListScreen #vq-va-title { text-style: bold; }
    ValueAddListScreen #vq-va-table { height: 1fr; }
    ValueAddListScreen #vq-va-note { color: $text-muted; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("vq.key.back")),
        Binding("x", "export", N_("vq.key.export")),
    ]

    class Loaded(Message):
        def __init__(self, rows: list[ValueAddRow]) -> None:
            super().__init__()
            self.rows = rows

    class Exported(Message):
        def __init__(self, text: str, ok: bool) -> None:
            super().__init__()
            self.text, self.ok = text, ok

    def __init__(self, today: date) -> None:
        super().__init__()
        localize_bindings(self)
        self.today = today
        self.rows: list[ValueAddRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="vq-va"):
            yield Static(Content(t("vq.va.title", n="...")), id="vq-va-title")
            yield DataTable(id="vq-va-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="vq-va-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("date", "ticket_no", "tag", "text", "model", "by"):
            table.add_column(Text(label(COLUMN, key)), key=key)
        table.focus()
        self._load()

    @work(thread=True, exclusive=True, group="vq-va", exit_on_error=False)
    def _load(self) -> None:
        self.post_message(self.Loaded(list_findings(self.app.db, limit=LIMIT)))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        self.rows = message.rows
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(
                Text(row.created_at.strftime("%Y-%m-%d %H:%M")),
                Text(row.ticket_no),
                Text(tag_label(row.tag)),
                Text(clip(visible(row.text), 50)),
                Text(clip(visible(row.product_model), 14)),
                Text(clip(visible(row.recorded_by), 8)),
            )
        self.query_one("#vq-va-title", Static).update(Content(t("vq.va.title", n=len(self.rows))))
        if not self.rows:
            self.query_one("#vq-va-note", Static).update(Content(t("vq.va.empty")))

    def action_export(self) -> None:
        self._export(list(self.rows))

    @work(thread=True, exclusive=True, group="vq-va-export", exit_on_error=False)
    def _export(self, rows: list[ValueAddRow]) -> None:
        try:
            path = export_csv(rows, default_export_path(self.today))
        except OSError as exc:
            self.post_message(self.Exported(t("vq.err.export", reason=exc.strerror or exc), False))
            return
        self.post_message(self.Exported(tn("vq.done.exported", len(rows), path=path), True))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        self.query_one("#vq-va-note", Static).update(Content(message.text))
        self.notify(message.text, severity="information" if message.ok else "error", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
