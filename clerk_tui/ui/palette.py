"""Command palette (ctrl+p): the screens, open tickets by state, and tickets by number, phone or name.

Offered only once someone is logged in. Ticket search runs the synchronous query
in a thread (`asyncio.to_thread`); customer names are shown as plain Content.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.widgets.option_list import Option

from clerk_tui.domain.states import OPEN_STATES, TRANSITIONS
from clerk_tui.i18n import t
from clerk_tui.ui.tickets.labels import state_label

MIN_QUERY = 2
"""Shorter queries do not search tickets (every ticket number holds every digit)."""


class ClerkPalette(CommandPalette):
    """The command palette with its own words in the interface language."""

    def __init__(self) -> None:
        super().__init__(placeholder=t("ui.cmd.placeholder"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Same as Textual 8's, with the "no matches" line translated.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("ui.cmd.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class ScreensProvider(Provider):
    """The screens and the open-ticket lists, matched by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app: Any = self.app
        if not app.check_action("today", ()):
            return []
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            (t("ui.cmd.today"), t("ui.cmd.today.help"), app.action_today),
            (t("ui.cmd.tickets"), t("ui.cmd.tickets.help"), app.action_tickets),
        ]
        from clerk_tui.ui import nav

        for entry in nav.entries():
            if app.check_action("open_screen", (entry.name,)):
                commands.append(
                    (
                        t(entry.label_key),
                        t(entry.help_key),
                        partial(app.action_open_screen, entry.name),
                    )
                )
        for state in (s for s in TRANSITIONS if s in OPEN_STATES):
            name = t("ui.cmd.state", state=state_label(state))
            commands.append((name, t("ui.cmd.state.help"), partial(self._open_state, state)))
        commands.append((t("ui.cmd.logout"), t("ui.cmd.logout.help"), app.action_logout))
        return commands

    def _open_state(self, state: str) -> None:
        from clerk_tui.services.tickets import TicketFilter

        app: Any = self.app
        app.open_tickets(TicketFilter(statuses=(state,)))

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(Content(name), command, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(name)),
                    command,
                    text=name,
                    help=escape(help_text),
                )


class TicketSearchProvider(Provider):
    """Tickets by number, phone (or its last digits), name or address fragment."""

    async def search(self, query: str) -> Hits:
        app: Any = self.app
        text = query.strip()
        if len(text) < MIN_QUERY or not app.check_action("tickets", ()):
            return
        from clerk_tui.services.tickets import quick_search

        try:
            rows = await asyncio.to_thread(quick_search, app.db, text)
        except Exception as exc:  # shown like every other failure, as one sentence
            app.show_error(exc)
            return
        for rank, row in enumerate(rows):
            plain = f"{row.ticket_no}  {row.customer_name}  {row.phone}"
            yield Hit(
                score=max(0.9 - rank * 0.01, 0.1),
                match_display=Content(plain),  # user text: never parsed as markup
                command=partial(app.open_ticket, row.id),
                text=plain,
                help=Content(f"{state_label(row.status)}  {row.address}"),  # type: ignore[arg-type]
            )
