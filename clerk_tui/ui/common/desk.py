"""DeskApp: what the app offers its screens (services, who is logged in, the business day, the clock); no screens here.

`ClerkApp` (ui/app.py) builds on it with start-up and navigation. Screens and dialogs
type their `app` as `getters.app(DeskApp)`, so `self.app.db` and `self.app.user`
are checked by mypy without importing ui/app.py (which imports the first screens).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual.app import App

from clerk_tui.config import Settings
from clerk_tui.i18n import t
from clerk_tui.ui import nav
from clerk_tui.ui.startup import first_line

if TYPE_CHECKING:
    from clerk_tui.services.app import Services
    from clerk_tui.services.auth import CurrentUser
    from clerk_tui.services.dashboard import DemoAccount
    from clerk_tui.services.database import Database
    from clerk_tui.services.tickets import TicketFilter


class DatabaseNotReady(RuntimeError):
    """A screen asked for the database before the start-up worker opened it."""


class NotLoggedIn(RuntimeError):
    """A screen asked who is logged in while nobody is (screens open only after logging in)."""


class DeskApp(App[int]):
    """The app as its screens see it; `services` is set once the database is open."""

    def __init__(
        self,
        settings: Settings,
        *,
        db: Database | None = None,
        cursor_blink: bool = True,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.given_db: Database | None = db
        """An open database to use instead of opening `settings.db_url` (tests)."""
        self.services: Services | None = None
        """The backend, once the start-up worker opened the database (None until then)."""
        self.user: CurrentUser | None = None
        self.today: date = date.fromisoformat(settings.today) if settings.today else date.today()
        self._clock = clock
        self.cursor_blink = cursor_blink
        """Input cursors blink (tests switch it off so screenshots are stable)."""
        self.demo_accounts: list[DemoAccount] = []

    @property
    def db_ready(self) -> bool:
        """True once the database is open, migrated and its reference data loaded."""
        return self.services is not None

    @property
    def db(self) -> Database:
        """The open database; raises DatabaseNotReady before start-up opened it."""
        if self.services is None:
            raise DatabaseNotReady("the database is not open yet")
        return self.services.db

    @property
    def current_user(self) -> CurrentUser:
        """Who is logged in; raises NotLoggedIn on a screen reached without logging in."""
        if self.user is None:
            raise NotLoggedIn("nobody is logged in")
        return self.user

    def now(self) -> datetime:
        """The current time on the business date `today` (tests pass a fixed clock)."""
        if self._clock is not None:
            return self._clock()
        return datetime.combine(self.today, datetime.now().time().replace(microsecond=0))

    def show_error(self, error: BaseException | None) -> None:
        """The one place an error is shown: one plain sentence."""
        self.notify(
            t("ui.app.error", reason=first_line(error)), severity="error", timeout=10, markup=False
        )

    # -- what screens ask of the app's navigation (ClerkApp implements the screens' part) --
    def log_in(self, user: CurrentUser) -> None:
        """Make `user` the current user and show the Today dashboard."""
        raise NotImplementedError

    def action_open_screen(self, name: str) -> None:
        """Open a registered screen (clerk_tui.ui.nav), or go back to it if it is open."""
        import importlib

        entry = nav.entry(name)
        if entry is None or not self.check_action("open_screen", (name,)):
            return
        screen_type = getattr(importlib.import_module(entry.module), entry.cls)
        if not self._pop_to(screen_type):
            self.push_screen(screen_type())

    def _pop_to(self, screen_type: type) -> bool:
        """Pop screens until one of `screen_type` is on top; False if none is on the stack."""
        if not any(isinstance(s, screen_type) for s in self.screen_stack):
            return False
        while not isinstance(self.screen, screen_type):
            self.pop_screen()
        return True

    def open_tickets(self, filt: TicketFilter | None = None) -> None:
        """Show the tickets screen, filtered by `filt` (None: all tickets)."""
        raise NotImplementedError

    def open_ticket(self, ticket_id: int) -> None:
        """Show one ticket's detail and timeline."""
        raise NotImplementedError

    def bench_ready(self, what: str) -> None:
        """Called when a screen has painted (the benchmark's hook; nothing by default)."""
