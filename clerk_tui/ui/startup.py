"""What the app does off the event loop at start, and the benchmark's paint hook.

`open_for_app` runs in a thread worker after the first paint: it opens (and
migrates) the database, loads reference data and reads what the first screen
needs. `BenchHook` records the moment a screen painted for `clerk-tui bench`.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clerk_tui.config import Settings
    from clerk_tui.services.app import Services
    from clerk_tui.services.auth import CurrentUser
    from clerk_tui.services.dashboard import DemoAccount
    from clerk_tui.services.database import Database


@dataclass
class Opened:
    """The services, their database ready, with what the first screen needs."""

    services: Services
    has_users: bool
    accounts: list[DemoAccount] = field(default_factory=list)
    auto_user: CurrentUser | None = None


def open_for_app(settings: Settings, db: Database | None = None) -> Opened:
    """Open `settings.db_url` (or use `db`), load reference data; raises DatabaseUnavailable."""
    from clerk_tui.services.app import Services
    from clerk_tui.services.auth import get_user, has_users
    from clerk_tui.services.dashboard import demo_accounts

    services = Services.open(settings.db_url, db)
    db = services.db
    auto = get_user(db, settings.autologin) if settings.autologin else None
    return Opened(services, has_users(db), demo_accounts(db), auto)


def first_line(error: BaseException | None) -> str:
    """The first line of an error's message, or its type's name when it has none."""
    text = str(error).strip() if error is not None else ""
    return text.splitlines()[0] if text else type(error).__name__


def peak_rss_mib() -> float:
    """Peak resident memory of this process in MiB (resource on Unix, psutil elsewhere)."""
    try:
        import resource

        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    except ImportError:  # Windows
        import psutil

        info = psutil.Process().memory_info()
        return round(getattr(info, "peak_wset", info.rss) / 2**20, 1)


class BenchHook:
    """CLERK_BENCH_PAINT_FILE / CLERK_BENCH_SCREEN ('dashboard' or 'tickets') of `clerk-tui bench`."""

    def __init__(self) -> None:
        self.paint_file = os.environ.get("CLERK_BENCH_PAINT_FILE") or None
        self.screen = os.environ.get("CLERK_BENCH_SCREEN") or "dashboard"
        self.done = False

    @property
    def wants_tickets(self) -> bool:
        """The benchmark times the tickets list: open it right after login."""
        return self.paint_file is not None and self.screen == "tickets"

    def record(self, what: str) -> bool:
        """Append {"what", "t", "rss_mib"} once, when `what` is the screen timed; True if written."""
        if self.paint_file is None or self.done or what != self.screen:
            return False
        self.done = True
        line = {"what": what, "t": time.time(), "rss_mib": peak_rss_mib()}
        with open(self.paint_file, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")
        return True
