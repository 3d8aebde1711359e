"""Today (今日概览): the day's counts, each ticket count a link to the filtered ticket list.

Paints at once with empty counts; the counts come from a thread worker (on show,
on `r`, every 30 s while visible). Every count is a way in: the ticket counts open
the filtered ticket list, the others their own screen (schedule, card entry,
callbacks, reconciliation, validation queue), by number key, Enter or click.
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
from clerk_tui.i18n import N_, t
from clerk_tui.ui import nav
from clerk_tui.ui.common.screen_base import ClerkScreen
from clerk_tui.ui.dashboard.count_tile import CountTile
from clerk_tui.ui.tickets.labels import state_label

if TYPE_CHECKING:
    from clerk_tui.services.dashboard import DashboardCounts
    from clerk_tui.services.tickets import TicketFilter

STATE_ORDER = tuple(TRANSITIONS)
"""Ticket states in the order of their life (new first, closed last)."""
LINKS = (
    "needs-info",
    "today",
    "open",
    "appointments",
    "conflicts",
    "cards",
    "callbacks-due",
    "callbacks-overdue",
    "flags",
    "parts",
)
"""Tiles in the order of their number keys 1-9, 0."""
SCREEN_OF = {
    "needs-info": "validation",
    "appointments": "schedule",
    "conflicts": "schedule",
    "cards": "cards",
    "callbacks-due": "callbacks",
    "callbacks-overdue": "callbacks",
    "flags": "reconcile",
    "parts": "validation",
}
"""Tiles that open a registered screen (clerk_tui.ui.nav) rather than the ticket list."""
TILE_LABELS = {
    "needs-info": N_("ui.dash.needs_info"),
    "today": N_("ui.dash.today_tickets"),
    "open": N_("ui.dash.open_tickets"),
    "appointments": N_("ui.dash.appointments"),
    "conflicts": N_("ui.dash.conflicts"),
    "cards": N_("ui.dash.cards"),
    "callbacks-due": N_("ui.dash.callbacks_due"),
    "callbacks-overdue": N_("ui.dash.callbacks_overdue"),
    "flags": N_("ui.dash.flags"),
    "parts": N_("ui.dash.parts"),
}


def _key_of(n: int) -> str:
    return str(n % 10)


class DashboardScreen(ClerkScreen):
    """The clerk's Today screen."""

    CSS_PATH = "dashboard.tcss"
    REFRESH_SECONDS = 30.0
    BINDINGS = [
        Binding("r", "refresh_counts", N_("ui.key.refresh")),
        # Shown on the tiles themselves ("按 1 或回车查看"), not in the footer.
        *(
            Binding(_key_of(n), f"open_link({n})", N_("ui.key.open"), show=False)
            for n in range(1, len(LINKS) + 1)
        ),
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
        yield Header(icon="")
        yield Static(self._heading(""), id="dash-heading")
        with Grid(id="dash-tiles"):
            for n, name in enumerate(LINKS, start=1):
                note = t("ui.dash.note.link", key=_key_of(n))
                yield CountTile(t(TILE_LABELS[name]), note, link=True, id=name)
        yield Static(Content(t("ui.dash.states")), id="dash-states-title")
        yield DataTable(id="dash-states", cursor_type="cell", zebra_stripes=True)
        yield Footer()

    def _heading(self, status: str) -> Content:
        today = self.app.today.isoformat()
        heading = Content(t("ui.dash.heading", today=today)).stylize("bold")
        return Content.assemble(heading, "    ", Content(status).stylize("dim"))

    def _apply_role(self) -> None:
        """Tiles whose screen the user may not open (reconciliation, for a clerk) are counts only."""
        role = self.app.user.role if self.app.user is not None else None
        for n, name in enumerate(LINKS, start=1):
            screen = SCREEN_OF.get(name)
            entry = nav.entry(screen) if screen else None
            usable = screen is None or role is None or (entry is not None and role in entry.roles)
            tile = self.query_one(f"#{name}", CountTile)
            tile.link = tile.can_focus = usable
            tile.set_class(usable, "-link")
            tile.note = (
                t("ui.dash.note.link", key=_key_of(n)) if usable else t("ui.dash.note.supervisor")
            )
            tile.refresh()

    def on_mount(self) -> None:
        table = self.query_one("#dash-states", DataTable)
        table.add_column(t("ui.dash.col.state"), key="state")
        table.add_column(Text(t("ui.dash.col.today"), justify="right"), key="today", width=10)
        table.add_column(Text(t("ui.dash.col.open"), justify="right"), key="open", width=12)
        for state in STATE_ORDER:
            table.add_row(Text(state_label(state)), _num(None), _num(None), key=state)
        self.set_interval(self.REFRESH_SECONDS, self.refresh_counts)
        self.call_after_refresh(self.app.bench_ready, "dashboard")

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    # -- counting -------------------------------------------------------------------
    def action_refresh_counts(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Count again in a worker, if the database is open, someone is logged in and we are shown."""
        app = self.app
        if not app.db_ready or app.user is None or not self.is_current:
            return
        self.query_one("#dash-heading", Static).update(self._heading(t("ui.dash.loading")))
        self._count(app.today, app.now())

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _count(self, today: date, now) -> None:
        from clerk_tui.services.dashboard import today_counts

        db = self.app.db
        counts = today_counts(db, today=today, now=now)
        if not get_current_worker().is_cancelled:  # a newer count replaced this one
            self.post_message(self.Counted(counts, now.strftime("%H:%M")))

    def worker_failed(self, worker) -> None:
        self.query_one("#dash-heading", Static).update(self._heading(""))

    @on(Counted)
    def _show_counts(self, message: Counted) -> None:
        c = self.counts = message.counts
        values = {
            "needs-info": str(c.info_problems),
            "today": str(c.today_total),
            "open": str(c.open_total),
            "appointments": str(c.appointments_today),
            "cards": f"{c.cards_returned} / {c.cards_expected}",
            "callbacks-due": str(c.callbacks_due),
            "callbacks-overdue": str(c.callbacks_overdue),
            "flags": str(c.open_flags),
            "conflicts": str(c.conflicts_today),
            "parts": str(c.parts_to_requisition),
        }
        self._apply_role()
        for tile in self.query(CountTile):
            tile.value = values.get(tile.id or "", "")
        self.query_one("#callbacks-overdue", CountTile).alert = c.callbacks_overdue > 0
        self.query_one("#cards", CountTile).alert = c.cards_returned < c.cards_expected
        self.query_one("#conflicts", CountTile).alert = c.conflicts_today > 0
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
            self._open_tile(LINKS[n - 1])

    @on(CountTile.Opened)
    def _tile_opened(self, event: CountTile.Opened) -> None:
        self._open_tile(event.tile.id or "")

    def _open_tile(self, name: str) -> None:
        screen = SCREEN_OF.get(name)
        if screen is None:
            self._open(self._tile_filter(name))
        elif self.app.check_action("open_screen", (screen,)):
            self.app.action_open_screen(screen)

    @on(DataTable.CellSelected, "#dash-states")
    def _cell_opened(self, event: DataTable.CellSelected) -> None:
        from clerk_tui.services.tickets import TicketFilter

        state = str(event.cell_key.row_key.value)
        day = self.app.today if event.cell_key.column_key.value == "today" else None
        self._open(TicketFilter(statuses=(state,), business_date=day))

    def _tile_filter(self, name: str) -> TicketFilter | None:
        from clerk_tui.services.tickets import TicketFilter

        if name == "today":
            return TicketFilter(business_date=self.app.today)
        if name == "open":
            return TicketFilter(statuses=tuple(s for s in STATE_ORDER if s in OPEN_STATES))
        return None

    def _open(self, filt: TicketFilter | None) -> None:
        if filt is not None and self.app.check_action("tickets", ()):
            self.app.open_tickets(filt)


def _num(value: int | None) -> Text:
    """A right-aligned count cell; '-' when the count does not apply or is not known yet."""
    return Text("-" if value is None else str(value), justify="right")
