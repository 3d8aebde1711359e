"""Shared UI fixtures: a frozen day, a small outlet with known counts, a demo database file, an app factory.

`make_app(settings, db=...)` builds the real app with a fixed clock and no cursor
blink (stable screenshots). `outlet_db` holds a small hand-built outlet whose
counts the tests know; `demo_db_file` is the demo builder's database (built once
per session and copied per test).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from ui_helpers import FROZEN_NOW, FROZEN_TODAY, seed_outlet

from clerk_tui.config import Settings


@pytest.fixture
def ui_settings(tmp_path) -> Settings:
    """Chinese, the frozen business date, a database file in the test's folder."""
    return Settings(
        db_url=f"sqlite:///{tmp_path / 'ui.db'}", lang="zh", today=FROZEN_TODAY.isoformat()
    )


@pytest.fixture
def make_app() -> Callable:
    """Build the real app: `make_app(settings, db=None)` with a fixed clock and no cursor blink."""
    from clerk_tui.ui.app import build_app

    def factory(settings: Settings, db=None, **kwargs):
        kwargs.setdefault("cursor_blink", False)
        kwargs.setdefault("clock", lambda: FROZEN_NOW)
        return build_app(settings, db=db, **kwargs)

    return factory


@pytest.fixture
def outlet_db(sqlite_db):
    """The migrated test database with `seed_outlet` in it; yields (db, facts)."""
    facts = seed_outlet(sqlite_db)
    yield sqlite_db, facts


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from clerk_tui.demo.build import build_demo
    from clerk_tui.services.database import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, seed=1, today=FROZEN_TODAY)
    db.dispose()  # the last connection to close folds the WAL into the file
    return path


@pytest.fixture
def demo_db_file(_demo_template, tmp_path) -> Path:
    """A fresh copy of the demo outlet's database (seed 1, today = FROZEN_TODAY)."""
    target = tmp_path / "demo.db"
    shutil.copy(_demo_template, target)
    return target
