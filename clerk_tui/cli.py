"""Command line of FORMATS.md: builds settings, then opens the app or runs one command.

`--db`, `--lang` and `--json` may stand before or after the command word. Heavy
modules (SQLAlchemy, Textual, openpyxl) are imported only by the command that
needs them, so `clerk-tui` paints its first screen quickly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from clerk_tui.config import Settings, detect_lang, to_url
from clerk_tui.i18n import set_lang, t

IMPORT_KINDS = ("products", "fees", "engineers", "tickets", "cards", "slips", "callbacks")
GLOBAL_VALUE_OPTS = ("--db", "--lang")
GLOBAL_FLAGS = ("--json",)


class UsageError(Exception):
    """Bad usage: exit 2 with one sentence."""


def split_globals(argv: Sequence[str]) -> tuple[dict[str, object], list[str]]:
    """Pull `--db X`, `--lang X` (or `--db=X`) and `--json` out of argv, wherever they stand."""
    found: dict[str, object] = {"db": None, "lang": None, "json": False}
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if name in GLOBAL_VALUE_OPTS:
            if not eq:
                if i + 1 >= len(argv):
                    raise UsageError(f"{name} needs a value")
                value = argv[i + 1]
                i += 1
            found[name[2:]] = value
        elif arg in GLOBAL_FLAGS:
            found[arg[2:]] = True
        else:
            rest.append(arg)
        i += 1
    return found, rest


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit 2 with one sentence, no usage dump
        raise UsageError(message)


def _parse_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="clerk-tui",
        description=t("app.title"),
        epilog=(
            "options accepted anywhere on the line, before or after the command: "
            "--db PATH|URL (an SQLite file or a postgresql:// URL; default $CLERK_DB, else the "
            "user data directory), --lang zh|en, --json (machine-readable output)"
        ),
    )
    p.add_argument("--today", type=_parse_date, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    d = sub.add_parser("demo", help="fill the database with a demo outlet and open the app")
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--date", type=_parse_date, default=None)
    d.add_argument("--no-open", action="store_true")

    i = sub.add_parser("import", help="import a CSV or XLSX file")
    i.add_argument("kind", choices=IMPORT_KINDS)
    i.add_argument("file")

    b = sub.add_parser("bench", help="measure speed on a synthetic database")
    b.add_argument("--tickets", type=int, default=1_000_000)
    b.add_argument("--cache-dir", default=None, help="where the synthetic databases are kept")

    sub.add_parser("app", help="open the app (the default)")

    from clerk_tui.commands import command_modules

    for name, mod in command_modules().items():
        mod.add_arguments(sub.add_parser(name, help=mod.HELP))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        opts, rest = split_globals(argv)
        set_lang(detect_lang(opts["lang"]))  # type: ignore[arg-type]
        # Plain `clerk-tui` opens the app: skip building every command's parser (start-up time).
        args = (
            build_parser().parse_args(rest)
            if rest
            else argparse.Namespace(command=None, today=None)
        )
    except UsageError as exc:
        print(f"clerk-tui: {exc}", file=sys.stderr)
        return 2
    settings = Settings(
        db_url=to_url(opts["db"]),  # type: ignore[arg-type]
        lang=detect_lang(opts["lang"]),  # type: ignore[arg-type]
        today=args.today,
        autologin=os.environ.get("CLERK_BENCH_AUTOLOGIN") or None,
    )
    command = args.command or "app"
    try:
        if command == "app":
            return _run_app(settings)
        if command == "demo":
            return _run_demo(
                settings, args, explicit_db=bool(opts["db"] or os.environ.get("CLERK_DB"))
            )
        if command == "import":
            return _run_import(settings, args, as_json=bool(opts["json"]))
        if command == "bench":
            from clerk_tui.bench.run import run_bench

            return run_bench(
                tickets=args.tickets, as_json=bool(opts["json"]), cache_dir=args.cache_dir
            )
        from clerk_tui.commands import CommandContext, command_modules

        ctx = CommandContext(settings, args, bool(opts["json"]), lambda: _open(settings))
        return int(command_modules()[command].run(ctx))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `clerk-tui demo --no-open | head`
        sys.stderr.close()
        return 0


def _open(settings: Settings):
    """Open and migrate the database, or print one sentence and return None."""
    from clerk_tui.db.engine import DatabaseUnavailable
    from clerk_tui.services.database import open_database

    try:
        db = open_database(settings.db_url)
    except DatabaseUnavailable as exc:
        print(f"clerk-tui: {exc}", file=sys.stderr)
        return None
    from clerk_tui.services.reference import ReferenceDataError, ensure_reference

    try:
        ensure_reference(db)  # first run: catalog, fee standard, phrases, travel, policy
    except ReferenceDataError as exc:
        print(f"clerk-tui: {exc}", file=sys.stderr)
        db.dispose()
        return None
    return db


def _run_app(settings: Settings) -> int:
    from clerk_tui.ui.app import run_app

    return run_app(settings)


def _run_demo(settings: Settings, args: argparse.Namespace, explicit_db: bool) -> int:
    if not explicit_db:
        # Keep the demo outlet apart from the real database in the same data directory.
        from clerk_tui.config import default_db_path

        settings.db_url = to_url(default_db_path().with_name("demo.db"))
    db = _open(settings)
    if db is None:
        return 2
    from clerk_tui.demo.build import DemoRefused, build_demo

    today = date.fromisoformat(args.date) if args.date else date.today()
    try:
        summary = build_demo(db, seed=args.seed, today=today)
    except DemoRefused as exc:
        print(f"clerk-tui: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(summary.describe())
    if args.no_open:
        return 0
    settings.demo = True
    settings.today = today.isoformat()
    return _run_app(settings)


def _act_on_answers(db, report) -> dict:
    """Imported callback answers act as the clerk's would: follow-ups, revisit notes, flag
    evidence (services.callbacks_answers). Their own transaction, after the import's: should it
    fail, the answers stay in and the next reconciliation still weighs them."""
    import getpass

    from clerk_tui.services.callbacks import CallbackChanged, apply_answers
    from clerk_tui.services.daylock import DayLocked

    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "import"
    try:
        done = apply_answers(db, callback_ids=report.new_ids, user=user)
    except (CallbackChanged, DayLocked) as exc:
        report.warnings.append(t("import.answers_not_applied", reason=exc))
        return {"error": str(exc)}
    return {
        "answered": len(done.answered),
        "follow_ups": len(done.follow_ups),
        "flags": len(done.flags),
        "locked": len(done.locked),
    }


def _run_import(settings: Settings, args: argparse.Namespace, *, as_json: bool) -> int:
    db = _open(settings)
    if db is None:
        return 2
    from clerk_tui.io.imports.importer import ImportRefused, import_file

    applied: dict | None = None
    try:
        report = import_file(db, args.kind, args.file)
        if args.kind == "callbacks" and report.new_ids:
            applied = _act_on_answers(db, report)
    except ImportRefused as exc:
        print(f"clerk-tui: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    if as_json:
        import json

        out = report.as_dict()
        if applied is not None:
            out["answers"] = applied
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(report.describe())
        if applied is not None and "error" not in applied:
            print(t("import.answers_applied", **applied))
    for line in report.warnings:
        print(f"clerk-tui: {line}", file=sys.stderr)
    return 1 if report.rejected else 0
