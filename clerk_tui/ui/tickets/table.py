"""The tickets list table: one page of `TicketRow`s, every cell plain `Text` (never markup)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from clerk_tui.i18n import N_, t
from clerk_tui.services.tickets import TicketRow
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.tickets.labels import (
    TICKET_SOURCE,
    TICKET_TYPE,
    clip,
    code_label,
    short_address,
    short_when,
    state_label,
)

COLUMNS = (
    ("ticket_no", N_("tk.col.ticket_no")),
    ("status", N_("tk.col.status")),
    ("source", N_("tk.col.source")),
    ("type", N_("tk.col.type")),
    ("customer", N_("tk.col.customer")),
    ("phone", N_("tk.col.phone")),
    ("address", N_("tk.col.address")),
    ("model", N_("tk.col.model")),
    ("engineer", N_("tk.col.engineer")),
    ("created", N_("tk.col.created")),
)
NAME_CELLS = 10  # 5 hanzi: Chinese names are 2-4
MODEL_CELLS = 12
ENGINEER_CELLS = 8
ADDRESS_INDEX = 6
MIN_ADDRESS, MAX_ADDRESS = 12, 40


def address_room(table_width: int, others: int) -> int:
    """Cells left for the address when the other columns take `others` cells.

    Each column has one cell of padding on both sides; one more for the scrollbar.
    """
    room = table_width - 1 - 2 * len(COLUMNS) - others
    return max(MIN_ADDRESS, min(MAX_ADDRESS, room))


def row_cells(
    row: TicketRow, address_cells: int = 20, today: date | None = None
) -> tuple[Text, ...]:
    """The cells of one ticket, in COLUMNS order; user text is data, so `Text`, not markup."""
    return (
        Text(row.ticket_no),
        Text(state_label(row.status)),
        Text(code_label(TICKET_SOURCE, row.source)),
        Text(code_label(TICKET_TYPE, row.service_type)),
        Text(clip(row.customer_name, NAME_CELLS)),
        Text(row.phone),
        Text(clip(short_address(row.address), address_cells)),
        Text(clip(row.product_model, MODEL_CELLS)),
        Text(clip(row.engineer_name, ENGINEER_CELLS)),
        Text(short_when(row.created_at, today or date.today())),
    )


def ticket_hit_text(row: TicketRow) -> str:
    """One-line plain description of a ticket (for the command palette)."""
    parts = (
        row.ticket_no,
        state_label(row.status),
        row.customer_name,
        row.phone,
        clip(row.address, 24),
    )
    return "  ".join(p for p in parts if p)


class TicketTable(DataTable[Text]):
    """A page of tickets; row keys are ticket ids. Page keys are handed up as messages."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", N_("tk.key.open")),
        Binding("pagedown", "page(1)", N_("tk.key.next"), show=False),
        Binding("pageup", "page(-1)", N_("tk.key.prev"), show=False),
    ]

    class PageRequested(Message):
        """The user asked for the next (+1) or previous (-1) page."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, *, today: date | None = None, id: str | None = None) -> None:
        self.today = today or date.today()
        """The business date: rows of its year show month, day and time."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        localize_bindings(self)

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(Text(t(label)), key=key)

    def action_page(self, step: int) -> None:
        self.post_message(self.PageRequested(step))

    def show_rows(self, rows: Iterable[TicketRow]) -> None:
        """Replace what is shown with `rows` (one page), cursor on the first; row key = ticket id."""
        self.clear()
        for column in self.columns.values():
            # clear() keeps the widths of the last page; measure this page afresh
            column.content_width = column.label.cell_len
        rows = list(rows)
        cells = [row_cells(r, MAX_ADDRESS, self.today) for r in rows]
        widths = [cell_len(t(label)) for _, label in COLUMNS]
        for row in cells:
            widths = [max(w, c.cell_len) for w, c in zip(widths, row, strict=True)]
        others = sum(widths) - widths[ADDRESS_INDEX]
        room = address_room(self.size.width or self.app.size.width, others)
        for r, row in zip(rows, cells, strict=True):
            if row[ADDRESS_INDEX].cell_len > room:
                address = Text(clip(short_address(r.address), room))
                row = (*row[:ADDRESS_INDEX], address, *row[ADDRESS_INDEX + 1 :])
            self.add_row(*row, key=str(r.id))

    def ticket_id_at_cursor(self) -> int | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None
