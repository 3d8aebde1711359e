"""Shared fixtures: a fresh migrated database per test (SQLite file, or PostgreSQL)."""

from __future__ import annotations

import os
import uuid

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
os.environ.setdefault("TEXTUAL_THEME", "textual-dark")

from clerk_tui.i18n import set_lang  # noqa: E402

PG_URL = os.environ.get("CLERK_TEST_PG", "")


@pytest.fixture(autouse=True)
def _chinese_by_default():
    set_lang("zh")
    yield
    set_lang("zh")


def _sqlite_db(tmp_path):
    from clerk_tui.services.database import open_database

    return open_database(f"sqlite:///{tmp_path / 'clerk.db'}")


def _pg_db():
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


@pytest.fixture
def sqlite_db(tmp_path):
    """A migrated SQLite database in a temporary file."""
    db = _sqlite_db(tmp_path)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def db(request, tmp_path):
    """A migrated database: SQLite always, PostgreSQL too when CLERK_TEST_PG is set."""
    if request.param == "sqlite":
        d = _sqlite_db(tmp_path)
        yield d
        d.dispose()
    else:
        if not PG_URL:
            pytest.skip("CLERK_TEST_PG not set")
        d, drop = _pg_db()
        yield d
        drop()
