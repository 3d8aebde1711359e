"""Open the database (migrating it), and hand out short sessions: one per user action.

Errors on opening become `DatabaseUnavailable` with one sentence naming the file
and what to do — never a traceback.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from clerk_tui.db.engine import DatabaseUnavailable, make_engine, read_engine
from clerk_tui.db.migrate import upgrade
from clerk_tui.i18n import t


class _Keyed(Protocol):
    id: int | None


def key_of(row: _Keyed) -> int:
    """The primary key of a row that is in the database (read, or added and flushed).

    SQLModel types `id` as `int | None` because a new row has none until the flush; past that
    point a missing id is a programming error, raised here rather than written as NULL.
    """
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: flush it first")
    return row.id


def _display(url: str) -> str:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


def _explain(url: str, exc: BaseException) -> str:
    path = _display(url)
    msg = (
        str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]
        if str(exc)
        else type(exc).__name__
    )
    low = msg.lower()
    if "readonly" in low or "read-only" in low or "attempt to write" in low:
        return t("db.readonly", path=path)
    if "locked" in low or "busy" in low:
        return t("db.locked", path=path)
    if "not a database" in low or "file is encrypted" in low or "malformed" in low:
        return t("db.not_a_db", path=path, reason=msg)
    if "can't locate revision" in low or "no such revision" in low:
        return t("db.newer", path=path, reason=msg)
    if "unable to open" in low:
        return t("db.missing_dir", path=path, reason=msg)
    return t("db.unreachable", path=path, reason=msg)


class Database:
    """An open, migrated database and its sessions."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._read_engine = read_engine(engine)

    @property
    def display(self) -> str:
        return _display(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write session: one transaction, committed on success, rolled back on error."""
        with Session(self.engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session that takes no write lock."""
        with Session(self._read_engine) as s:
            yield s

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open `url`, bring its schema to head, and return it; or raise DatabaseUnavailable."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        path = Path(u.database)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = {errno.ENOENT: t("db.reason.no_parent"), errno.EACCES: t("db.reason.denied")}
            why = reason.get(exc.errno or 0, exc.strerror or str(exc))
            raise DatabaseUnavailable(t("db.missing_dir", path=path, reason=why)) from None
        if path.exists() and not os.access(path, os.W_OK):
            raise DatabaseUnavailable(t("db.readonly", path=path))
        if not path.exists() and not os.access(path.parent, os.W_OK):
            raise DatabaseUnavailable(t("db.readonly", path=path.parent))
    try:
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
        else:
            with engine.connect():
                pass
    except (OperationalError, DBAPIError, sqlite3.Error, OSError) as exc:
        raise DatabaseUnavailable(_explain(url, exc)) from None
    except Exception as exc:  # alembic's CommandError and friends
        if type(exc).__module__.startswith(("alembic", "sqlalchemy", "psycopg")):
            raise DatabaseUnavailable(_explain(url, exc)) from None
        raise
    return Database(url, engine)
