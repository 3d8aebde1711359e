"""The tickets filter bar: search box (debounced), status and source selects, today-only toggle.

It owns the `TicketFilter` being edited and posts `Changed` whenever it changes
(typing waits DEBOUNCE_SECONDS of quiet first); Enter in the search box posts
`Changed` at once with `exact` set, so the screen can open a typed ticket number.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Select

from clerk_tui.db.models import TICKET_STATES
from clerk_tui.domain.states import OPEN_STATES
from clerk_tui.i18n import t
from clerk_tui.services.tickets import TicketFilter
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.tickets.labels import TICKET_SOURCE, code_label, state_label

DEBOUNCE_SECONDS = 0.25
SOURCES = ("center", "phone", "walkin")
OPEN_TUPLE = tuple(s for s in TICKET_STATES if s in OPEN_STATES)


def status_value(statuses: tuple[str, ...]) -> str:
    """The status select's value for a set of states: '', 'open', one state, or 'custom'."""
    if not statuses:
        return ""
    if set(statuses) == set(OPEN_STATES):
        return "open"
    if len(statuses) == 1 and statuses[0] in TICKET_STATES:
        return statuses[0]
    return "custom"


def status_choices(current: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, value) pairs for the status select; `current` is offered too if it is unusual."""
    choices = [(t("tk.filter.any_status"), ""), (t("tk.filter.open"), "open")]
    choices += [(state_label(s), s) for s in TICKET_STATES]
    if status_value(current) == "custom":
        choices.append(("+".join(state_label(s) for s in current), "custom"))
    return choices


def describe_filter(filt: TicketFilter, engineer_name: str = "") -> str:
    """The filter in words, for the line above the table."""
    parts: list[str] = []
    if filt.statuses:
        if status_value(filt.statuses) == "open":
            parts.append(t("tk.filter.open"))
        else:
            parts.append("+".join(state_label(s) for s in filt.statuses))
    if filt.source:
        parts.append(code_label(TICKET_SOURCE, filt.source))
    if filt.business_date:
        parts.append(t("tk.filter.day", day=filt.business_date.isoformat()))
    if filt.engineer_id is not None:
        name = engineer_name
        parts.append(t("tk.filter.engineer", name=name) if name else t("tk.filter.engineer_id"))
    if filt.text.strip():
        parts.append(t("tk.filter.text", text=filt.text.strip()))
    return t("tk.filter.sep").join(parts) if parts else t("tk.filter.none")


class TicketFilterBar(Horizontal):
    """Edits a `TicketFilter`; the screen listens for `Changed`."""

    app = getters.app(DeskApp)

    DEFAULT_CSS = """
    TicketFilterBar {
        height: 1;
        #tk-search { width: 1fr; margin-right: 1; }
        #tk-status { width: 18; margin-right: 1; }
        #tk-source { width: 14; margin-right: 1; }
        #tk-today { width: auto; }
    }
    """

    class Changed(Message):
        """The filter is now `filt`; `submitted`: Enter was pressed on search text `exact`."""

        def __init__(self, filt: TicketFilter, exact: str = "", submitted: bool = False) -> None:
            super().__init__()
            self.filt = filt
            self.exact = exact
            self.submitted = submitted

    def __init__(self, filt: TicketFilter, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.filt = filt
        self.today = today
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        f = self.filt
        yield Input(f.text, placeholder=t("tk.search.placeholder"), id="tk-search", compact=True)
        yield Select(
            status_choices(f.statuses),
            value=status_value(f.statuses),
            allow_blank=False,
            id="tk-status",
            compact=True,
        )
        sources = [(t("tk.filter.any_source"), "")]
        sources += [(code_label(TICKET_SOURCE, s), s) for s in SOURCES]
        yield Select(sources, value=f.source or "", allow_blank=False, id="tk-source", compact=True)
        yield Checkbox(
            t("tk.filter.today"), f.business_date is not None, id="tk-today", compact=True
        )

    def on_mount(self) -> None:
        # Follow the app's cursor_blink (switched off for stable screenshots).
        self.query_one("#tk-search", Input).cursor_blink = self.app.cursor_blink

    # ---- what the widgets say --------------------------------------------------------

    def _set(self, filt: TicketFilter, exact: str = "", submitted: bool = False) -> None:
        if filt != self.filt or submitted:
            self.filt = filt
            self.post_message(self.Changed(filt, exact, submitted))

    def _from_selects(self) -> TicketFilter:
        status = self.query_one("#tk-status", Select).value
        source = self.query_one("#tk-source", Select).value
        today = self.query_one("#tk-today", Checkbox).value
        if status == "custom":
            statuses = self.filt.statuses
        elif status == "open":
            statuses = OPEN_TUPLE
        else:
            statuses = (status,) if isinstance(status, str) and status else ()
        return replace(
            self.filt,
            statuses=statuses,
            source=source if isinstance(source, str) and source else None,
            business_date=(self.filt.business_date or self.today) if today else None,
        )

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _select_changed(self, event: Message) -> None:
        event.stop()
        self._set(self._from_selects())

    @on(Input.Changed, "#tk-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._stop_debounce()
        value = event.value
        self._debounce = self.set_timer(
            DEBOUNCE_SECONDS, lambda: self._set(replace(self.filt, text=value))
        )

    @on(Input.Submitted, "#tk-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._stop_debounce()
        self._set(replace(self.filt, text=event.value), event.value.strip(), submitted=True)

    def _stop_debounce(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None

    # ---- what the screen's keys ask ----------------------------------------------------

    def focus_search(self) -> None:
        self.query_one("#tk-search", Input).focus()

    def cycle_status(self) -> None:
        select = self.query_one("#tk-status", Select)
        values = [v for _, v in status_choices(self.filt.statuses)]
        current = select.value if select.value in values else ""
        select.value = values[(values.index(current) + 1) % len(values)]

    def cycle_source(self) -> None:
        select = self.query_one("#tk-source", Select)
        values = ["", *SOURCES]
        current = select.value if select.value in values else ""
        select.value = values[(values.index(current) + 1) % len(values)]

    def toggle_today(self) -> None:
        self.query_one("#tk-today", Checkbox).toggle()

    def clear_search(self) -> bool:
        """Empty the search box (and show the list without it); False if it was empty."""
        search = self.query_one("#tk-search", Input)
        if not search.value:
            return False
        with self.prevent(Input.Changed):
            search.value = ""
        self._stop_debounce()
        self._set(replace(self.filt, text=""))
        return True

    def clear_all(self) -> None:
        """Back to every ticket: no search, any status, any source, any day, any engineer."""
        self._stop_debounce()
        with self.prevent(Select.Changed, Checkbox.Changed, Input.Changed):
            self.query_one("#tk-search", Input).value = ""
            self.query_one("#tk-status", Select).value = ""
            self.query_one("#tk-source", Select).value = ""
            self.query_one("#tk-today", Checkbox).value = False
        self._set(TicketFilter())
