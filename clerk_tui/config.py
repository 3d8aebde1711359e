"""Settings: where the database lives and which language the interface speaks.

Kept free of heavy imports (no pydantic-settings, no SQLAlchemy) so that the
first screen paints quickly; every field is documented.
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
"""Reference data and policy shipped with the app (also reachable as ./data)."""


def default_db_path() -> Path:
    """The embedded SQLite file in the user's data directory (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("clerk-desk", appauthor=False)) / "clerk.db"


def to_url(db: str | os.PathLike[str] | None) -> str:
    """Turn `--db PATH|URL` (or `$CLERK_DB`, or nothing) into an SQLAlchemy URL."""
    value = str(db) if db else os.environ.get("CLERK_DB") or ""
    if not value:
        value = str(default_db_path())
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # Use psycopg 3, the driver we ship.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def detect_lang(explicit: str | None = None) -> str:
    """`--lang`, else `$CLERK_LANG`, else the locale; Chinese unless English is asked for."""
    value = explicit or os.environ.get("CLERK_LANG")
    if not value:
        for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
            if os.environ.get(var):
                value = os.environ[var]
                break
        else:
            value = (locale.getlocale()[0] or "zh") if hasattr(locale, "getlocale") else "zh"
    value = value.lower()
    return "en" if value.startswith("en") else "zh"


@dataclass
class Settings:
    """What the app and the command line need to start."""

    db_url: str = field(default_factory=lambda: to_url(None))
    """SQLAlchemy URL of the database (SQLite file or PostgreSQL server)."""
    lang: str = "zh"
    """Interface language: 'zh' (default) or 'en'."""
    today: str | None = None
    """Business date the app treats as today (YYYY-MM-DD); None means the real date."""
    demo: bool = False
    """Opened by `clerk-tui demo`: the login screen shows the demo accounts."""
    autologin: str | None = None
    """Username to log in without a password (benchmarks only; set by `clerk-tui bench`)."""
