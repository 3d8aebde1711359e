"""Tickets list (工单查询): filters, debounced search and keyset paging over `services.tickets`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, WorkerState, get_current_worker

from clerk_tui.i18n import N_, t
from clerk_tui.services.tickets import Page, TicketFilter, find_by_ticket_no, list_tickets
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.tickets.filter_bar import TicketFilterBar, describe_filter
from clerk_tui.ui.tickets.table import TicketTable

PAGE_SIZE = 100


@dataclass(frozen=True)
class _Request:
    """One page to fetch: which filter, from where, and its number for the status line."""

    filt: TicketFilter
    after_id: int | None = None
    before_id: int | None = None
    page_no: int = 1
    exact: str = ""  # a typed ticket number to open directly when it exists
    keep_id: int | None = None  # ticket to keep the cursor on after a refresh


class TicketsScreen(Screen):
    """The clerk's list of tickets, newest first, a page at a time."""

    app = getters.app(DeskApp)
    """The running app, typed: what a screen may ask of it (services, user, today, now)."""

    CSS_PATH = "tickets.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", N_("tk.key.search")),
        Binding("n,pagedown", "page(1)", N_("tk.key.next")),
        Binding("p,pageup", "page(-1)", N_("tk.key.prev")),
        Binding("s", "cycle_status", N_("tk.key.status")),
        Binding("o", "cycle_source", N_("tk.key.source")),
        Binding("d", "toggle_today", N_("tk.key.today")),
        Binding("c", "clear_filters", N_("tk.key.clear")),
        Binding("r", "refresh", N_("tk.key.refresh"), show=False),
        Binding("escape", "back", N_("tk.key.back")),
    ]

    class PageLoaded(Message):
        def __init__(self, request: _Request, page: Page) -> None:
            super().__init__()
            self.request = request
            self.page = page

    class TicketFound(Message):
        def __init__(self, ticket_id: int) -> None:
            super().__init__()
            self.ticket_id = ticket_id

    def __init__(self, filt: TicketFilter | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self._filt = filt or TicketFilter()
        self._pending: _Request | None = None
        self._shown: _Request | None = None
        self._page: Page | None = None
        self._bench_told = False

    # ---- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield TicketFilterBar(self._filt, self._today(), id="tk-bar")
        yield Static(id="tk-info", markup=False)
        yield Static(t("tk.empty"), id="tk-empty", markup=False)
        yield TicketTable(today=self._today(), id="tk-table")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("tk.title")
        self.query_one(TicketTable).focus()
        self._info(Content(t("tk.loading")))
        self._load(_Request(self._filt))

    # ---- loading --------------------------------------------------------------------------

    def _load(self, request: _Request) -> None:
        self._pending = request
        self._fetch(request)

    @work(thread=True, exclusive=True, group="tickets", exit_on_error=False)
    def _fetch(self, request: _Request) -> None:
        db = self.app.db
        if request.exact:
            found = find_by_ticket_no(db, request.exact)
            if found is not None and not get_current_worker().is_cancelled:
                self.post_message(self.TicketFound(found))
            # the list below the detail still shows what was searched for
        page = list_tickets(
            db,
            filt=request.filt,
            after_id=request.after_id,
            before_id=request.before_id,
            limit=PAGE_SIZE,
        )
        if not get_current_worker().is_cancelled:
            self.post_message(self.PageLoaded(request, page))

    @on(PageLoaded)
    def _show_page(self, message: PageLoaded) -> None:
        request, page = message.request, message.page
        if request is not self._pending:
            return  # an older answer: a newer request is on its way
        table = self.query_one(TicketTable)
        keep = request.keep_id
        table.show_rows(page.rows)
        if keep is not None:
            for index, row in enumerate(page.rows):
                if row.id == keep:
                    table.move_cursor(row=index, animate=False)
                    break
        page_no = request.page_no if page.has_prev else 1
        self._shown = replace(request, page_no=page_no, exact="", keep_id=None)
        self._page = page
        self.query_one("#tk-empty").display = not page.rows
        self._update_info()
        if not self._bench_told:
            self._bench_told = True
            self.call_after_refresh(self.app.bench_ready, "tickets")

    @on(TicketFound)
    def _open_found(self, message: TicketFound) -> None:
        self._open(message.ticket_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "tickets" and event.state == WorkerState.ERROR:
            reason = str(event.worker.error) or type(event.worker.error).__name__
            self._info(Content(t("tk.error", reason=reason)), error=True)
            self.notify(t("tk.error", reason=reason), severity="error", markup=False)

    def _info(self, content: Content, *, error: bool = False) -> None:
        info = self.query_one("#tk-info", Static)
        info.set_class(error, "-error")
        info.update(content)

    def _update_info(self) -> None:
        page, shown = self._page, self._shown
        if page is None or shown is None:
            return
        engineer = (
            page.rows[0].engineer_name if shown.filt.engineer_id is not None and page.rows else ""
        )
        parts: list[str | tuple[str, str]] = [
            t("tk.filter.label"),
            (describe_filter(shown.filt, engineer), "bold"),
        ]
        if page.rows:
            first = (shown.page_no - 1) * PAGE_SIZE + 1
            parts += [
                "   ",
                t(
                    "tk.page.range",
                    page=shown.page_no,
                    first=first,
                    last=first + len(page.rows) - 1,
                ),
            ]
            hints = []
            if page.has_next:
                hints.append(t("tk.page.more"))
            if page.has_prev:
                hints.append(t("tk.page.less"))
            parts += ["   ", ("   ".join(hints) if hints else t("tk.page.last"), "dim")]
        self._info(Content.assemble(*parts))

    def _open(self, ticket_id: int) -> None:
        from clerk_tui.ui.tickets.detail import TicketDetailScreen

        self.app.push_screen(TicketDetailScreen(ticket_id))

    def on_screen_resume(self) -> None:
        # Coming back from a detail: the ticket may have changed; keep the cursor where it was.
        if self._shown is not None:
            keep = self.query_one(TicketTable).ticket_id_at_cursor()
            self._load(replace(self._shown, keep_id=keep))

    # ---- filters and search ---------------------------------------------------------------

    def _today(self) -> date:
        return self.app.today

    @on(TicketFilterBar.Changed)
    def _filter_changed(self, message: TicketFilterBar.Changed) -> None:
        """Show page 1 of the new filter (or open the ticket whose number was typed)."""
        self._filt = message.filt
        self._load(_Request(message.filt, exact=message.exact))
        if message.submitted:
            self.query_one(TicketTable).focus()

    @on(DataTable.RowSelected, "#tk-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open(int(event.row_key.value))

    @on(TicketTable.PageRequested)
    def _page_requested(self, message: TicketTable.PageRequested) -> None:
        message.stop()
        self.action_page(message.step)

    # ---- actions --------------------------------------------------------------------------

    def _bar(self) -> TicketFilterBar:
        return self.query_one(TicketFilterBar)

    def action_focus_search(self) -> None:
        self._bar().focus_search()

    def action_page(self, step: int) -> None:
        page, shown = self._page, self._shown
        if page is None or shown is None or not page.rows:
            return
        if step > 0 and page.has_next:
            self._load(
                replace(shown, after_id=page.rows[-1].id, before_id=None, page_no=shown.page_no + 1)
            )
        elif step < 0 and page.has_prev:
            self._load(
                replace(
                    shown,
                    before_id=page.rows[0].id,
                    after_id=None,
                    page_no=max(1, shown.page_no - 1),
                )
            )
        else:
            self.app.bell()

    def action_cycle_status(self) -> None:
        self._bar().cycle_status()

    def action_cycle_source(self) -> None:
        self._bar().cycle_source()

    def action_toggle_today(self) -> None:
        self._bar().toggle_today()

    def action_clear_filters(self) -> None:
        self._bar().clear_all()

    def action_refresh(self) -> None:
        if self._shown is not None:
            self._load(
                replace(self._shown, keep_id=self.query_one(TicketTable).ticket_id_at_cursor())
            )

    def action_back(self) -> None:
        """Esc: clear the search; else leave the filter bar; else go back."""
        table = self.query_one(TicketTable)
        if self._bar().clear_search():
            table.focus()
        elif self.focused is not None and self.focused is not table:
            table.focus()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()
