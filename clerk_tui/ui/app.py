"""The Textual app: global keys, startup (paint first, open the database in a worker), who is logged in.

Nothing here imports SQLAlchemy at module level: the first screen paints, then a
thread worker opens (and migrates) the database and reports back with a message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from clerk_tui.config import Settings
from clerk_tui.i18n import N_, set_lang, t
from clerk_tui.ui import nav
from clerk_tui.ui.auth.login import LoginScreen, role_label
from clerk_tui.ui.common.desk import DeskApp
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.dashboard.screen import DashboardScreen
from clerk_tui.ui.startup import BenchHook, Opened, first_line, open_for_app

if TYPE_CHECKING:
    from clerk_tui.services.auth import CurrentUser
    from clerk_tui.services.database import Database
    from clerk_tui.services.tickets import TicketFilter


def _screens_provider():
    from clerk_tui.ui.palette import ScreensProvider

    return ScreensProvider


def _ticket_search_provider():
    from clerk_tui.ui.palette import TicketSearchProvider

    return TicketSearchProvider


USER_ACTIONS = frozenset({"today", "tickets", "logout"})
"""Actions offered only once someone is logged in."""


class ClerkApp(DeskApp):
    """Clerk Desk: login, the Today dashboard, and the screens reached from it."""

    # The first screens' stylesheets are read at start (a screen whose CSS is new makes Textual
    # re-parse and re-apply all CSS when it is first shown). The feature screens registered in
    # clerk_tui.ui.nav bring their own CSS_PATH, read when first opened, so that start-up does
    # not parse stylesheets it does not need yet.
    CSS_PATH = [
        "app.tcss",
        "auth/login.tcss",
        "auth/first_run.tcss",
        "dashboard/dashboard.tcss",
    ]
    # Providers load with the palette (textual.command is not needed to paint the first screen).
    COMMANDS = DeskApp.COMMANDS | {_screens_provider, _ticket_search_provider}
    BINDINGS = [
        Binding("ctrl+p", "command_palette", N_("ui.key.palette"), show=False, priority=True),
        Binding("t", "today", N_("ui.key.today")),
        Binding("k,f2", "tickets", N_("ui.key.tickets")),
        Binding("f1,question_mark", "toggle_help", N_("ui.key.help")),
        # Only ctrl+q quits: a stray q on a list must not close the clerk's day's work.
        Binding("ctrl+q", "quit", N_("ui.key.quit"), priority=True),
        *(
            Binding(e.key, f"open_screen('{e.name}')", e.label_key, show=e.show)
            for e in nav.entries()
        ),
    ]

    class DatabaseOpened(Message):
        """The open worker finished: the database is ready, with what the first screen needs."""

        def __init__(self, opened: Opened) -> None:
            super().__init__()
            self.opened = opened

    class DatabaseFailed(Message):
        """The database cannot be used; `sentence` says why, for the user."""

        def __init__(self, sentence: str) -> None:
            super().__init__()
            self.sentence = sentence

    def __init__(
        self,
        settings: Settings,
        *,
        db: Database | None = None,
        cursor_blink: bool = True,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        set_lang(settings.lang)
        super().__init__(settings, db=db, cursor_blink=cursor_blink, clock=clock)
        localize_bindings(self)
        self.title = t("app.title")
        self._bench = BenchHook()

    # -- startup --------------------------------------------------------------------
    async def on_mount(self) -> None:
        first = DashboardScreen() if self.settings.autologin else LoginScreen()
        await self.push_screen(first)
        # Open the database only once the first screen has painted.
        self.call_after_refresh(self._open_database)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _open_database(self) -> None:
        from clerk_tui.db.engine import DatabaseUnavailable

        try:
            opened = open_for_app(self.settings, self.given_db)
        except DatabaseUnavailable as exc:
            self.post_message(self.DatabaseFailed(str(exc)))
        except Exception as exc:  # anything else still ends as one sentence on screen
            self.log.error(repr(exc))
            self.post_message(self.DatabaseFailed(t("ui.app.error", reason=first_line(exc))))
        else:
            self.post_message(self.DatabaseOpened(opened))

    @on(DatabaseOpened)
    def _database_opened(self, message: DatabaseOpened) -> None:
        from clerk_tui.ui.auth.first_run import FirstRunScreen

        opened = message.opened
        self.services, self.demo_accounts = opened.services, opened.accounts
        if self.settings.autologin:
            if opened.auto_user is None:
                name = self.settings.autologin
                self._show_problem(t("ui.app.user_gone", name=name), t("ui.app.no_user"))
            else:
                self.log_in(opened.auto_user)
        elif not opened.has_users:
            self.switch_screen(FirstRunScreen())
        elif isinstance(self.screen, LoginScreen):
            self.screen.database_ready(opened.accounts)

    @on(DatabaseFailed)
    def _database_failed(self, message: DatabaseFailed) -> None:
        self._show_problem(message.sentence)

    def _show_problem(self, sentence: str, heading: str | None = None) -> None:
        from clerk_tui.ui.common.unavailable import UnavailableScreen

        self.switch_screen(UnavailableScreen(sentence, heading))

    # -- who is logged in -------------------------------------------------------------
    def log_in(self, user: CurrentUser) -> None:
        """Make `user` the current user and show the Today dashboard."""
        self.user = user
        today = self.today.isoformat()
        name, role = user.display_name, role_label(user.role)
        self.sub_title = t("ui.app.subtitle", name=name, role=role, today=today)
        if isinstance(self.screen, DashboardScreen):
            self.screen.refresh_counts()
        else:
            self.switch_screen(DashboardScreen())
        if self._bench.wants_tickets:
            self.open_tickets()
        self.refresh_bindings()

    def action_logout(self) -> None:
        self._pop_to(DashboardScreen)
        self.user = None
        self.sub_title = ""
        self.switch_screen(LoginScreen())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in USER_ACTIONS:
            return self.user is not None and self.db_ready
        if action == "open_screen":
            entry = nav.entry(str(parameters[0])) if parameters else None
            return (
                entry is not None
                and self.user is not None
                and self.db_ready
                and self.user.role in entry.roles
            )
        return True

    # -- navigation -------------------------------------------------------------------
    def action_today(self) -> None:
        if not self._pop_to(DashboardScreen):
            self.push_screen(DashboardScreen())

    def action_tickets(self) -> None:
        from clerk_tui.ui.tickets.screen import TicketsScreen

        if not self._pop_to(TicketsScreen):
            self.open_tickets()

    def open_tickets(self, filt: TicketFilter | None = None) -> None:
        """Show the tickets screen, filtered by `filt` (None: all tickets)."""
        from clerk_tui.ui.tickets.screen import TicketsScreen

        self.push_screen(TicketsScreen(filt))

    def open_ticket(self, ticket_id: int) -> None:
        """Show one ticket's detail and timeline."""
        from clerk_tui.ui.tickets.detail import TicketDetailScreen

        self.push_screen(TicketDetailScreen(ticket_id))

    def action_command_palette(self) -> None:
        from clerk_tui.ui.palette import ClerkPalette

        if self.use_command_palette and not isinstance(self.screen, ClerkPalette):
            self.push_screen(ClerkPalette())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(t("ui.cmd.keys"), t("ui.cmd.keys.help"), self.action_toggle_help)
        yield SystemCommand(t("ui.cmd.theme"), t("ui.cmd.theme.help"), self.action_change_theme)
        yield SystemCommand(t("ui.cmd.quit"), t("ui.cmd.quit.help"), self.action_quit)

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # -- look and errors --------------------------------------------------------------
    def format_title(self, title: str, sub_title: str) -> Content:
        # No em dash between the parts: CJK terminals draw it two cells wide.
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title), ("  |  ", "dim"), Content(sub_title).stylize("dim"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where a failed worker is shown to the user, as one plain sentence."""
        if event.state != WorkerState.ERROR:
            return
        self.show_error(event.worker.error)

    # -- benchmark hook ---------------------------------------------------------------
    def bench_ready(self, what: str) -> None:
        """Called when a screen has painted; under the benchmark, record the moment and exit."""
        if self._bench.record(what):
            self.exit(0)


def build_app(
    settings: Settings,
    *,
    db: Database | None = None,
    cursor_blink: bool = True,
    clock: Callable[[], datetime] | None = None,
) -> ClerkApp:
    """The app for `settings`; pass an open `db` to skip opening `settings.db_url` (tests),
    `cursor_blink=False` and a fixed `clock` for screenshots that do not change."""
    return ClerkApp(settings, db=db, cursor_blink=cursor_blink, clock=clock)


def run_app(settings: Settings) -> int:
    """Run the app until the user quits; the exit code for the command line."""
    result = build_app(settings).run()
    return int(result or 0)
