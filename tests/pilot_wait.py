"""Waiting for a Textual app under Pilot to go quiet: timers, workers and the messages they post."""

from __future__ import annotations

import asyncio

from textual.worker import WorkerCancelled, WorkerFailed


async def workers_done(app) -> None:
    """Wait for every worker the app has now.

    A worker that was cancelled is done, not an error: exclusive workers are cancelled by the
    next one in their group, and a screen's workers are cancelled when it is dismissed.
    A worker that failed still fails the test.
    """
    workers = list(app.workers)
    if not workers:
        return
    results = await asyncio.gather(*(w.wait() for w in workers), return_exceptions=True)
    for result in results:
        if isinstance(result, WorkerFailed):
            raise result
        if isinstance(result, BaseException) and not isinstance(
            result, (WorkerCancelled, asyncio.CancelledError)
        ):
            raise result


async def settle(pilot, *, rounds: int = 3, wait: float = 0.0) -> None:
    """Let the app go quiet: an optional first pause, then `rounds` of pause + wait for workers.

    Several rounds, because workers start workers and their results post messages.
    """
    if wait:
        await pilot.pause(wait)
    for _ in range(rounds):
        await pilot.pause()
        await workers_done(pilot.app)
    await pilot.pause()
    await tables_laid_out(pilot)


async def tables_laid_out(pilot, tries: int = 50) -> None:
    """Wait until every DataTable on screen has sized its columns to the rows it was given.

    DataTable widens its columns on its next Idle event, not when rows are added; on a
    busy machine a screenshot taken before that shows every column cut to its header.
    """
    from textual.widgets import DataTable

    for _ in range(tries):
        pending = [
            table
            for table in pilot.app.screen.query(DataTable)
            if getattr(table, "_require_update_dimensions", False)
        ]
        if not pending:
            return
        await pilot.pause(0.01)
