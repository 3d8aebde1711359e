"""make_engine(url): SQLite with WAL/IMMEDIATE writes, or PostgreSQL; nothing connects at import."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


class DatabaseUnavailable(Exception):
    """The database cannot be opened; the message is one sentence for the user."""


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine for `url` with the settings that keep several terminals safe.

    SQLite: autocommit driver mode + `BEGIN IMMEDIATE` for every transaction, WAL,
    busy timeout, foreign keys (PITFALLS: lost updates). PostgreSQL: pre-ping and a
    statement timeout.
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            path = Path(u.database)
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": 10},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every test
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # pragma: no cover
            # Writers take the write lock up front so the busy handler applies;
            # read-only sessions (engine.execution_options(readonly=True)) don't.
            if conn.get_execution_options().get("readonly"):
                conn.exec_driver_sql("BEGIN")
            else:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(
        url,
        echo=echo,
        pool_pre_ping=True,
        connect_args={"options": "-c statement_timeout=60000"},
    )


def read_engine(engine: Engine) -> Engine:
    """The same engine for read-only work: plain BEGIN on SQLite, no write lock."""
    return engine.execution_options(readonly=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
