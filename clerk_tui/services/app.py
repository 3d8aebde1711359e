"""Services: the backend the UI is built on, once, from settings: one open database, migrated, with its reference data.

The UI holds one `Services` and calls the feature faces (`clerk_tui.services.<feature>`)
with its `db`; a test builds the app over a temporary database by handing `build_app`
an open `Database`. Nothing here is imported at the app's start (the first paint
loads no SQLAlchemy): `open` runs in the start-up worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clerk_tui.services.database import Database


@dataclass(frozen=True)
class Services:
    """What the UI's screens work through: the open database the feature faces take first."""

    db: Database

    @classmethod
    def open(cls, url: str, db: Database | None = None) -> Services:
        """Open (and migrate) `url`, or use the open `db`; load reference data; raises DatabaseUnavailable."""
        from clerk_tui.services.database import open_database
        from clerk_tui.services.reference import ensure_reference

        db = db or open_database(url)
        ensure_reference(db)
        return cls(db)
