"""Helpers shared by the screenshot tests: the demo outlet's day, building the app, waiting for quiet."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from pilot_wait import settle  # noqa: F401  (the snapshot tests import it from here)

from clerk_tui.config import Settings

DEMO_SEED = 1
TODAY = date(2025, 3, 14)


def build_demo_file(path: Path, *, seed: int = DEMO_SEED, today: date = TODAY) -> Path:
    """Build the demo outlet into the SQLite file `path`, its WAL folded in so a copy is whole."""
    from clerk_tui.demo.build import build_demo
    from clerk_tui.services.database import open_database

    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=seed, today=today)
    db.dispose()  # the last connection closing folds the WAL into the file
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def make_app(
    db: Path | str,
    *,
    now: datetime,
    today: date = TODAY,
    lang: str = "zh",
    autologin: str | None = None,
    demo: bool = False,
):
    """The real app over `db` (a SQLite file, or a URL), business date and clock frozen, no blink."""
    from clerk_tui.ui.app import build_app

    url = db if isinstance(db, str) else f"sqlite:///{db}"
    settings = Settings(
        db_url=url, lang=lang, today=today.isoformat(), demo=demo, autologin=autologin
    )
    return build_app(settings, cursor_blink=False, clock=lambda: now)
