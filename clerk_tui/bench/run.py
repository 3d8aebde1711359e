"""`clerk-tui bench`: speed figures on a synthetic database of N tickets (FORMATS.md keys).

Kept out of the app's import path: only the command line imports it. The synthetic
database is cached (keyed by N, the schema head and the generator version).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

STARTUP_RUNS = 7  # interleaved with the floor; the median evens out a noisy machine
PAGE_RUNS = 60
SEARCH_RUNS = 15
IMPORT_ROWS = 50_000

# key: (target, "max" or "min", unit)
TARGETS: dict[str, tuple[float, str, str]] = {
    "startup_s": (0.0, "", "s"),
    "startup_floor_s": (0.0, "", "s"),
    "startup_ratio": (1.3, "max", ""),
    "page_ms": (20, "max", "ms"),
    "search_ms": (50, "max", "ms"),
    "import_rows_per_s": (20_000, "min", "rows/s"),
    "peak_rss_mib": (150, "max", "MiB"),
}
REQUIRED = (
    "startup_s",
    "startup_floor_s",
    "page_ms",
    "search_ms",
    "import_rows_per_s",
    "peak_rss_mib",
)


def _say(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def cached_database(cache_dir: Path, tickets: int) -> Path:
    """The synthetic database of `tickets` tickets, built once per schema head and generator."""
    from clerk_tui.bench import synth as bench_synth
    from clerk_tui.db.migrate import head_revision

    name = f"tickets-{tickets}-rev{head_revision()}-g{bench_synth.GENERATOR_VERSION}.db"
    path = cache_dir / name
    if not path.exists():
        _say(f"building {path} ({tickets:,} tickets) ...")
        t0 = time.perf_counter()
        partial = cache_dir / (name + ".partial")
        bench_synth.build(partial, tickets)
        partial.rename(path)
        _say(f"built in {time.perf_counter() - t0:.1f} s")
    return path


def _ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def measure_startup(db_path: Path, work: Path) -> dict[str, float]:
    """Median wall time to the dashboard's first paint, and the same for the bare floor app."""
    from clerk_tui.bench.pty_paint import app_argv, floor_argv, run_to_paint

    env = {"CLERK_BENCH_AUTOLOGIN": "bench", "CLERK_BENCH_SCREEN": "dashboard"}
    paint = work / "paint.jsonl"
    app, floor = [], []
    for i in range(STARTUP_RUNS + 1):  # the first round warms caches and is not counted
        a = run_to_paint(app_argv(db_path), env, paint).seconds
        f = run_to_paint(floor_argv(paint), {}, paint).seconds
        if i:
            app.append(a)
            floor.append(f)
    s, fl = statistics.median(app), statistics.median(floor)
    return {"startup_s": s, "startup_floor_s": fl, "startup_ratio": s / fl}


def measure_peak_rss(db_path: Path, work: Path) -> dict[str, float]:
    """Peak RSS of the app with the N-ticket database open on the tickets list."""
    from clerk_tui.bench.pty_paint import app_argv, run_to_paint

    env = {"CLERK_BENCH_AUTOLOGIN": "bench", "CLERK_BENCH_SCREEN": "tickets"}
    runs = [run_to_paint(app_argv(db_path), env, work / "paint.jsonl") for _ in range(2)]
    return {
        "peak_rss_mib": max(r.peak_rss_mib for r in runs),
        "tickets_screen_s": statistics.median(r.seconds for r in runs),
    }


def measure_pages(db, tickets: int) -> dict[str, float]:
    """Next page of the list at random depths, plain and with status filters (the slower median)."""
    from clerk_tui.domain.states import OPEN_STATES
    from clerk_tui.services.tickets.search import TicketFilter, list_tickets

    rng = random.Random(11)
    filters = [
        TicketFilter(statuses=("closed",)),
        TicketFilter(statuses=("cancelled", "consult_only")),
        TicketFilter(statuses=tuple(sorted(OPEN_STATES))),
    ]
    list_tickets(db)  # connect
    plain = [
        _ms(lambda: list_tickets(db, after_id=rng.randint(2, tickets + 1)))
        for _ in range(PAGE_RUNS)
    ]
    filtered = [
        _ms(partial(list_tickets, db, filt=filters[i % 3], after_id=rng.randint(2, tickets + 1)))
        for i in range(PAGE_RUNS)
    ]
    p, f = statistics.median(plain), statistics.median(filtered)
    return {"page_ms": max(p, f), "page_plain_ms": p, "page_status_ms": f}


def measure_search(db, tickets: int) -> dict[str, float]:
    """Phone tail (4 digits), a customer's name, an address fragment: the slowest median."""
    from sqlalchemy import text

    from clerk_tui.services.tickets.search import TicketFilter, list_tickets

    rng = random.Random(13)
    with db.read() as s:
        ids = [rng.randint(1, tickets) for _ in range(SEARCH_RUNS)]
        rows = [
            s.execute(
                text("SELECT phone, customer_name, address FROM ticket WHERE id = :i"), {"i": i}
            ).one()
            for i in ids
        ]
    cases = {
        "search_phone_ms": [r.phone[-4:] for r in rows],
        "search_name_ms": [r.customer_name for r in rows],
        "search_address_ms": [
            r.address[(k := rng.randint(3, len(r.address) - 7)) : k + 6] for r in rows
        ],
    }
    out = {}
    for key, texts in cases.items():
        out[key] = statistics.median(
            _ms(partial(list_tickets, db, filt=TicketFilter(text=t))) for t in texts
        )
    out["search_ms"] = max(out.values())
    return out


def measure_import(work: Path) -> dict[str, float]:
    """Rows per second importing a 50,000-row tickets CSV into a fresh database."""
    from clerk_tui.bench.tickets_csv import write_import_files
    from clerk_tui.io.imports.importer import import_file
    from clerk_tui.services.database import open_database

    engineers, tickets = write_import_files(work / "import", IMPORT_ROWS)
    db = open_database(f"sqlite:///{work / 'import.db'}")
    try:
        import_file(db, "engineers", engineers)
        t0 = time.perf_counter()
        report = import_file(db, "tickets", tickets)
        elapsed = time.perf_counter() - t0
    finally:
        db.dispose()
    if report.rejected or report.inserted != IMPORT_ROWS:
        first = report.rejected[0] if report.rejected else None
        raise RuntimeError(
            f"import took {report.inserted} of {IMPORT_ROWS} rows, refused {len(report.rejected)}"
            + (f" (row {first.row}, {first.field}: {first.reason})" if first else "")
        )
    return {"import_rows_per_s": IMPORT_ROWS / elapsed, "import_s": elapsed}


def _extension_steps(work: Path) -> list[tuple[str, Callable[[], dict[str, float]]]]:
    """Figures of later features: modules `clerk_tui/bench_ext_<area>.py`, each with
    `KEY` (its headline figure), `TARGET` ((limit, 'max'|'min', unit) or a dict of them
    by key) and `measure(work: Path) -> dict[str, float]` on data it builds itself."""
    import importlib
    import pkgutil

    steps: list[tuple[str, Callable[[], dict[str, float]]]] = []
    import clerk_tui.bench as bench_pkg

    for info in sorted(pkgutil.iter_modules(bench_pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("ext_"):
            mod = importlib.import_module(f"{bench_pkg.__name__}.{info.name}")
            targets = mod.TARGET if isinstance(mod.TARGET, dict) else {mod.KEY: mod.TARGET}
            TARGETS.update(targets)
            steps.append((mod.KEY, partial(mod.measure, work)))
    return steps


def _table(results: dict[str, float], notes: dict[str, str]) -> str:
    lines = [f"{'figure':<22}{'value':>14}  target"]
    for key, value in results.items():
        target, how, unit = TARGETS.get(key, (0.0, "", ""))
        shown = (
            f"{value:,.0f}" if value >= 1000 else f"{value:.3f}" if value < 10 else f"{value:.1f}"
        )
        goal = ""
        if how:
            ok = value <= target if how == "max" else value >= target
            goal = (
                f"{'<=' if how == 'max' else '>='} {target:,g} {unit}  {'ok' if ok else 'MISSED'}"
            )
        lines.append(f"{key:<22}{shown:>14}  {goal}")
    for key, why in notes.items():
        lines.append(f"{key}: not measured: {why}")
    return "\n".join(lines)


def run_bench(
    *, tickets: int = 1_000_000, as_json: bool = False, cache_dir: str | None = None
) -> int:
    """Build or reuse the synthetic database, measure every figure, print them; 0 when all were measured."""
    from platformdirs import user_cache_dir

    from clerk_tui.services.database import open_database

    if tickets < 100:
        print("clerk-tui: bench needs at least 100 tickets (--tickets).", file=sys.stderr)
        return 2
    cache = (
        Path(cache_dir)
        if cache_dir
        else Path(user_cache_dir("clerk-desk", appauthor=False)) / "bench"
    )
    db_path = cached_database(cache, tickets)
    results: dict[str, float] = {}
    notes: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="clerk-bench-") as tmp:
        work = Path(tmp)
        db = open_database(f"sqlite:///{db_path}")
        steps: list[tuple[str, Callable[[], dict[str, float]]]] = [
            ("startup_s", lambda: measure_startup(db_path, work)),
            ("page_ms", lambda: measure_pages(db, tickets)),
            ("search_ms", lambda: measure_search(db, tickets)),
            ("import_rows_per_s", lambda: measure_import(work)),
            ("peak_rss_mib", lambda: measure_peak_rss(db_path, work)),
            *_extension_steps(work),
        ]
        try:
            for key, step in steps:
                _say(f"measuring {key} ...")
                try:
                    results.update(step())
                except Exception as exc:  # one figure failing must not hide the others
                    notes[key] = f"{type(exc).__name__}: {exc}"
        finally:
            db.dispose()
    results = {"tickets": float(tickets), **results}
    if as_json:
        out: dict[str, object] = {
            k: (int(v) if k == "tickets" else round(v, 4)) for k, v in results.items()
        }
        if notes:
            out["not_measured"] = notes
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(_table(results, notes))
    return 0 if all(k in results for k in REQUIRED) else 1
