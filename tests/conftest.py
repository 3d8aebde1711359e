"""Shared fixtures: a fresh migrated database per test (SQLite file, or PostgreSQL)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
os.environ.setdefault("TEXTUAL_THEME", "textual-dark")

from dbutil import PG_URL, pg_db  # noqa: E402

from clerk_tui.i18n import set_lang  # noqa: E402


@pytest.fixture(autouse=True)
def _chinese_by_default():
    set_lang("zh")
    yield
    set_lang("zh")


def _sqlite_db(tmp_path):
    from clerk_tui.services.database import open_database

    return open_database(f"sqlite:///{tmp_path / 'clerk.db'}")


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
        d, drop = pg_db()
        yield d
        drop()
