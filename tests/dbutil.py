"""Helpers for database tests: a throw-away PostgreSQL database on the CLERK_TEST_PG server."""

from __future__ import annotations

import os
import uuid

PG_URL = os.environ.get("CLERK_TEST_PG", "")


def pg_db():
    """A new PostgreSQL database on the server CLERK_TEST_PG names, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from clerk_tui.config import to_url
    from clerk_tui.services.database import open_database

    base = make_url(to_url(PG_URL))
    name = f"clerk_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    db = open_database(base.set(database=name).render_as_string(hide_password=False))

    def drop():
        db.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return db, drop
