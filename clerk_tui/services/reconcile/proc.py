"""Run an outlet's reconciliation in a helper process, so the interface stays quick meanwhile.

A reconciliation is CPU-bound Python; in a thread of the interface process it holds the GIL
and every key press waits behind it (measured: ~60 ms a key instead of ~3 ms). One helper
process (spawned on first use, kept for the session) opens the same database by URL and
returns the reconciled day with its stored flags and status. In-memory SQLite databases,
which another process cannot see, are reconciled in the calling thread instead.
"""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime

from clerk_tui.services.database import Database
from clerk_tui.services.reconcile.run import (
    FlagRow,
    OutletDay,
    day_flags,
    outlet_of_user,
    reconcile,
)
from clerk_tui.services.reconcile.signoff import DayStatus, day_status


@dataclass(frozen=True)
class Reconciled:
    """A reconciled day as the screen shows it."""

    day: OutletDay
    flags: list[FlagRow]
    status: DayStatus


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_child_db: tuple[str, Database] | None = None


def _run(db: Database, outlet_id: int | None, day: date, now: datetime, user: str) -> Reconciled:
    outlet = outlet_of_user(db, outlet_id)
    done = reconcile(db, day, [outlet], now=now, user=user)[0]
    return Reconciled(done, day_flags(db, outlet.id, day), day_status(db, outlet.id, day))


def _in_child(url: str, lang: str, outlet_id: int | None, day: date, now: datetime,
              user: str) -> Reconciled:  # fmt: skip
    global _child_db
    from clerk_tui.i18n import set_lang
    from clerk_tui.services.database import open_database

    set_lang(lang)
    if _child_db is None or _child_db[0] != url:
        if _child_db is not None:
            _child_db[1].dispose()
        _child_db = (url, open_database(url, migrate=False))
    return _run(_child_db[1], outlet_id, day, now, user)


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            import multiprocessing
            import sys
            from multiprocessing import resource_tracker

            # Spawning passes sys.stderr's file descriptor to the resource tracker; a
            # full-screen interface has replaced sys.stderr, so lend it the real one.
            saved = sys.stderr
            sys.stderr = sys.__stderr__
            try:
                resource_tracker.ensure_running()
                pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
                pool.submit(int).result()  # start the process now, while stderr is real
            finally:
                sys.stderr = saved
            _pool = pool
        return _pool


def _shareable(db: Database) -> bool:
    u = db.engine.url
    return not (u.get_backend_name() == "sqlite" and u.database in (None, "", ":memory:"))


def reconcile_in_helper(
    db: Database, outlet_id: int | None, day: date, *, now: datetime, user: str
) -> Reconciled:
    """Reconcile the outlet's day (the user's outlet, else the first) in the helper process."""
    from clerk_tui.i18n import get_lang

    if not _shareable(db):
        return _run(db, outlet_id, day, now, user)
    url = db.engine.url.render_as_string(hide_password=False)
    return _executor().submit(_in_child, url, get_lang(), outlet_id, day, now, user).result()


def shutdown() -> None:
    """Stop the helper process (the next reconciliation starts a new one)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
