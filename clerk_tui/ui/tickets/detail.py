"""Ticket detail (工单详情): every field of one ticket and its whole timeline, read in a worker."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState, get_current_worker

from clerk_tui.i18n import N_, t, tn
from clerk_tui.services.tickets import TicketDetail, TimelineEntry, ticket_detail
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.tickets.labels import (
    HISTORY_KIND,
    TICKET_SOURCE,
    TICKET_TYPE,
    WARRANTY,
    code_label,
    day,
    state_label,
    when,
)


def _yes_no(value: bool) -> str:
    return t("tk.v.yes") if value else t("tk.v.no")


def _grid(columns: int, label_cells: int) -> Table:
    """Label/value pairs side by side; labels `label_cells` wide so both grids line up."""
    grid = Table.grid(padding=(0, 2, 0, 0), expand=True)
    for i in range(columns):
        if i % 2 == 0:
            grid.add_column(style="bold", no_wrap=True, min_width=label_cells)
        else:
            grid.add_column(ratio=1)
    return grid


def field_pairs(d: TicketDetail) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(short fields shown two to a line, long fields shown one to a line), all plain text."""
    window = ""
    if d.requested_start or d.requested_end:
        end = d.requested_end.strftime("%H:%M") if d.requested_end else ""
        if (
            d.requested_start
            and d.requested_end
            and d.requested_end.date() != d.requested_start.date()
        ):
            end = when(d.requested_end)
        window = f"{when(d.requested_start)} - {end}".strip(" -")
    engineer = f"{d.engineer_name} ({d.engineer_code})" if d.engineer_code else d.engineer_name
    part = d.part_needed
    if part and d.part_in_stock is not None:
        part = f"{part} ({t('tk.v.in_stock') if d.part_in_stock else t('tk.v.out_of_stock')})"
    address = (
        f"{d.address} ({d.district})" if d.district and d.district not in d.address else d.address
    )
    short = [
        (N_("tk.f.customer"), d.customer_name),
        (N_("tk.f.phone"), d.phone),
        (N_("tk.f.status"), state_label(d.status)),
        (N_("tk.f.warranty"), code_label(WARRANTY, d.warranty_status)),
        (N_("tk.f.product"), d.product_category),
        (N_("tk.f.model"), d.product_model),
        (N_("tk.f.serial"), d.serial_no),
        (N_("tk.f.purchase"), day(d.purchase_date)),
        (N_("tk.f.source"), code_label(TICKET_SOURCE, d.source)),
        (N_("tk.f.type"), code_label(TICKET_TYPE, d.service_type)),
        (N_("tk.f.owner"), d.owner_name),
        (N_("tk.f.engineer"), engineer),
        (N_("tk.f.created"), when(d.created_at)),
        (N_("tk.f.business_date"), day(d.business_date)),
        (N_("tk.f.window"), window),
        (N_("tk.f.updated"), when(d.updated_at)),
        (N_("tk.f.part"), part or t("tk.v.none")),
        (N_("tk.f.pull_back"), f"{_yes_no(d.pull_back)} / {_yes_no(d.loaner)}"),
    ]
    long = [
        (N_("tk.f.address"), address),
        (N_("tk.f.symptom"), d.symptom),
        (N_("tk.f.value_add"), d.value_add),
        (N_("tk.f.notes"), d.notes),
    ]
    return [(t(k), v) for k, v in short], [(t(k), v) for k, v in long if v]


def fields_renderable(d: TicketDetail) -> RenderableType:
    short, long = field_pairs(d)
    label_cells = max(cell_len(label) for label, _ in short + long)
    top = _grid(4, label_cells)
    for i in range(0, len(short), 2):
        cells: list[Text] = []
        for label, value in short[i : i + 2]:
            cells += [Text(label), Text(value or "-")]
        top.add_row(*cells)
    bottom = _grid(2, label_cells)
    for label, value in long:
        bottom.add_row(Text(label), Text(value))
    return Group(top, bottom)


def entry_text(entry: TimelineEntry) -> Text:
    """Summary on the first line, then one `label：value` line per detail; never markup."""
    text = Text(entry.summary, style="bold")
    for label, value in entry.details:
        text.append("\n")
        text.append(t("tk.pair", label=label, value=value))
    return text


def timeline_renderable(entries: list[TimelineEntry]) -> RenderableType:
    if not entries:
        return Text(t("tk.timeline.empty"), style="dim")
    table = Table(box=None, expand=True, header_style="bold", padding=(0, 2, 1, 0), show_edge=False)
    table.add_column(t("tk.tl.time"), no_wrap=True)
    table.add_column(t("tk.tl.kind"), no_wrap=True)
    table.add_column(t("tk.tl.what"), ratio=1)
    for entry in entries:
        table.add_row(
            Text(when(entry.at) or "-"),
            Text(code_label(HISTORY_KIND, entry.kind)),
            entry_text(entry),
        )
    return table


class TicketDetailScreen(Screen):
    """One ticket: its fields, then what happened to it, oldest first."""

    app = getters.app(DeskApp)
    """The running app, typed: what a screen may ask of it (services, user, today, now)."""

    CSS_PATH = "ticket_detail.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("tk.key.back")),
        Binding("r", "refresh", N_("tk.key.refresh")),
    ]

    class Loaded(Message):
        def __init__(self, detail: TicketDetail | None) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, ticket_id: int) -> None:
        super().__init__()
        localize_bindings(self)
        self.ticket_id = ticket_id
        self.detail: TicketDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="td-body"):
            yield Static(Content(t("tk.loading")), id="td-heading")
            yield Static(id="td-fields")
            yield Static(id="td-tl-title")
            yield Static(id="td-timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("tk.detail.title")
        self.query_one("#td-body").focus()
        self._fetch()

    @work(thread=True, exclusive=True, group="ticket-detail", exit_on_error=False)
    def _fetch(self) -> None:
        detail = ticket_detail(self.app.db, self.ticket_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(detail))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        d = self.detail = message.detail
        heading = self.query_one("#td-heading", Static)
        if d is None:
            heading.update(Content(t("tk.detail.missing", id=self.ticket_id)))
            for wid in ("#td-fields", "#td-tl-title", "#td-timeline"):
                self.query_one(wid, Static).update("")
            return
        heading.update(
            Content.assemble(
                (t("tk.detail.heading", no=d.ticket_no), "bold"),
                "   ",
                (state_label(d.status), "bold reverse"),
                "   ",
                d.customer_name,
            )
        )
        self.query_one("#td-fields", Static).update(fields_renderable(d))
        self.query_one("#td-tl-title", Static).update(Content(tn("tk.timeline", len(d.timeline))))
        self.query_one("#td-timeline", Static).update(timeline_renderable(d.timeline))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "ticket-detail" and event.state == WorkerState.ERROR:
            reason = str(event.worker.error) or type(event.worker.error).__name__
            self.query_one("#td-heading", Static).update(Content(t("tk.error", reason=reason)))
            self.notify(t("tk.error", reason=reason), severity="error", markup=False)

    def action_refresh(self) -> None:
        self._fetch()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
