"""Today (今日概览): the day's counts, each ticket count a link to the filtered ticket list.

Paints at once with empty counts; the counts come from a thread worker (on show,
on `r`, every 30 s while visible). Counts that are not ticket lists (appointments,
cards, callbacks, flags) are shown with a note: their own screens come later.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from clerk_tui.domain.states import OPEN_STATES, TRANSITIONS
from clerk_tui.i18n import t
from clerk_tui.ui.widgets.count_tile import CountTile
from clerk_tui.ui.widgets.screen_base import ClerkScreen
from clerk_tui.ui.widgets.ticket_labels import state_label

if TYPE_CHECKING:
    from clerk_tui.services.dashboard import DashboardCounts
    from clerk_tui.services.tickets import TicketFilter

STATE_ORDER = tuple(TRANSITIONS)
"""Ticket states in the order of their life (new first, closed last)."""
LINKS = ("needs-info", "today", "open")
"""Tiles that open the ticket list, in the order of their number keys 1, 2, 3."""


class DashboardScreen(ClerkScreen):
    """The clerk's Today screen."""

    CSS_PATH = "dashboard.tcss"
    REFRESH_SECONDS = 30.0
    BINDINGS = [
        Binding("r", "refresh_counts", "ui.key.refresh"),
        # Shown on the tiles themselves ("按 1 或回车查看"), not in the footer.
        *(Binding(str(n), f"open_link({n})", "ui.key.open", show=False) for n in (1, 2, 3)),
    ]

    class Counted(Message):
        """The count worker's result."""

        def __init__(self, counts: DashboardCounts, at: str) -> None:
            super().__init__()
            self.counts, self.at = counts, at

    def __init__(self) -> None:
        super().__init__()
        self.counts: DashboardCounts | None = None

    def compose(self) -> ComposeResult:
        # Few widgets on purpose: this is the first screen painted at start-up.
        link = "ui.dash.note.link"
        eod = t("ui.dash.note.eod")
        yield Header(icon="")
        yield Static(self._heading(""), id="dash-heading")
        with Grid(id="dash-tiles"):
            yield CountTile(t("ui.dash.needs_info"), t(link, key="1"), link=True, id="needs-info")
            yield CountTile(t("ui.dash.today_tickets"), t(link, key="2"), link=True, id="today")
            yield CountTile(t("ui.dash.open_tickets"), t(link, key="3"), link=True, id="open")
            yield CountTile(
                t("ui.dash.appointments"), t("ui.dash.note.schedule"), id="appointments"
            )
            yield CountTile(t("ui.dash.cards"), eod, id="cards")
            yield CountTile(t("ui.dash.callbacks_due"), t("ui.dash.note.due"), id="callbacks-due")
            yield CountTile(t("ui.dash.callbacks_overdue"), eod, id="callbacks-overdue")
            yield CountTile(t("ui.dash.flags"), eod, id="flags")
        yield Static(Content(t("ui.dash.states")), id="dash-states-title")
        yield DataTable(id="dash-states", cursor_type="cell", zebra_stripes=True)
        yield Footer()

    def _heading(self, status: str) -> Content:
        today = self.app.today.isoformat()  # type: ignore[attr-defined]
        heading = Content(t("ui.dash.heading", today=today)).stylize("bold")
        return Content.assemble(heading, "    ", Content(status).stylize("dim"))

    def on_mount(self) -> None:
        table = self.query_one("#dash-states", DataTable)
        table.add_column(t("ui.dash.col.state"), key="state")
        table.add_column(Text(t("ui.dash.col.today"), justify="right"), key="today", width=10)
        table.add_column(Text(t("ui.dash.col.open"), justify="right"), key="open", width=12)
        for state in STATE_ORDER:
            table.add_row(Text(state_label(state)), _num(None), _num(None), key=state)
        self.set_interval(self.REFRESH_SECONDS, self.refresh_counts)
        self.call_after_refresh(self.app.bench_ready, "dashboard")  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    # -- counting -------------------------------------------------------------------
    def action_refresh_counts(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Count again in a worker, if the database is open, someone is logged in and we are shown."""
        app = self.app
        if (
            not getattr(app, "db_ready", False)
            or getattr(app, "user", None) is None
            or not self.is_current
        ):
            return
        self.query_one("#dash-heading", Static).update(self._heading(t("ui.dash.loading")))
        self._count(app.db, app.today, app.now())  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _count(self, db, today: date, now) -> None:
        from clerk_tui.services.dashboard import today_counts

        counts = today_counts(db, today=today, now=now)
        if not get_current_worker().is_cancelled:  # a newer count replaced this one
            self.post_message(self.Counted(counts, now.strftime("%H:%M")))

    def worker_failed(self, worker) -> None:
        self.query_one("#dash-heading", Static).update(self._heading(""))

    @on(Counted)
    def _show_counts(self, message: Counted) -> None:
        c = self.counts = message.counts
        values = {
            "needs-info": str(c.needs_info),
            "today": str(c.today_total),
            "open": str(c.open_total),
            "appointments": str(c.appointments_today),
            "cards": f"{c.cards_returned} / {c.cards_expected}",
            "callbacks-due": str(c.callbacks_due),
            "callbacks-overdue": str(c.callbacks_overdue),
            "flags": str(c.open_flags),
        }
        for tile in self.query(CountTile):
            tile.value = values.get(tile.id or "", "")
        self.query_one("#callbacks-overdue", CountTile).alert = c.callbacks_overdue > 0
        self.query_one("#cards", CountTile).alert = c.cards_returned < c.cards_expected
        table = self.query_one("#dash-states", DataTable)
        for state in STATE_ORDER:
            table.update_cell(state, "today", _num(c.today_by_state.get(state, 0)))
            table.update_cell(
                state, "open", _num(c.open_by_state.get(state) if state in OPEN_STATES else None)
            )
        status = t("ui.dash.updated", time=message.at)
        self.query_one("#dash-heading", Static).update(self._heading(status))

    # -- links ----------------------------------------------------------------------
    def action_open_link(self, n: int) -> None:
        if 1 <= n <= len(LINKS):
            self._open(self._tile_filter(LINKS[n - 1]))

    @on(CountTile.Opened)
    def _tile_opened(self, event: CountTile.Opened) -> None:
        self._open(self._tile_filter(event.tile.id or ""))

    @on(DataTable.CellSelected, "#dash-states")
    def _cell_opened(self, event: DataTable.CellSelected) -> None:
        from clerk_tui.services.tickets import TicketFilter

        state = str(event.cell_key.row_key.value)
        day = self.app.today if event.cell_key.column_key.value == "today" else None  # type: ignore[attr-defined]
        self._open(TicketFilter(statuses=(state,), business_date=day))

    def _tile_filter(self, name: str) -> TicketFilter | None:
        from clerk_tui.services.tickets import TicketFilter

        if name == "needs-info":
            return TicketFilter(statuses=("needs_info",))
        if name == "today":
            return TicketFilter(business_date=self.app.today)  # type: ignore[attr-defined]
        if name == "open":
            return TicketFilter(statuses=tuple(s for s in STATE_ORDER if s in OPEN_STATES))
        return None

    def _open(self, filt: TicketFilter | None) -> None:
        if filt is not None and self.app.check_action("tickets", ()):
            self.app.open_tickets(filt)  # type: ignore[attr-defined]


def _num(value: int | None) -> Text:
    """A right-aligned count cell; '-' when the count does not apply or is not known yet."""
    return Text("-" if value is None else str(value), justify="right")
