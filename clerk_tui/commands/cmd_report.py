"""`clerk-tui report --date D --out FILE [--outlet CODE]`: the day's report to the center (.xlsx/.csv/.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

NAME = "report"
HELP = "write the day's report to the center; format from the suffix: .xlsx, .csv or .json"


def add_arguments(parser) -> None:
    parser.add_argument("--date", required=True, help="business day, YYYY-MM-DD")
    parser.add_argument("--out", required=True, help="report file (.xlsx, .csv or .json)")
    parser.add_argument("--outlet", default=None, help="outlet code (needed with several outlets)")
    parser.add_argument("--at", default=None, help="as of this time, 'YYYY-MM-DD HH:MM'")


def run(ctx) -> int:
    from clerk_tui.commands.cmd_reconcile import parse_day_and_time
    from clerk_tui.i18n import t
    from clerk_tui.io.exports.report import FORMATS

    try:
        day, now = parse_day_and_time(ctx.args)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    out = Path(ctx.args.out)
    if out.suffix.lower() not in FORMATS:
        print(t("ru.err.report_suffix", name=out.name), file=sys.stderr)
        return 2
    db = ctx.open_db()
    if db is None:
        return 2
    from clerk_tui.io.exports.report import ReportError
    from clerk_tui.services.reconcile import (
        UnknownOutlet,
        default_now,
        outlets_for,
        write_day_report,
    )

    try:
        try:
            outlets = outlets_for(db, ctx.args.outlet)
        except UnknownOutlet as exc:
            print(exc, file=sys.stderr)
            return 2
        if len(outlets) > 1:
            print(t("ru.err.report_outlet"), file=sys.stderr)
            return 2
        moment = now or default_now(day)
        try:
            done = write_day_report(db, outlets[0], day, out, now=moment, user="cli")
        except ReportError as exc:
            print(exc, file=sys.stderr)
            return 2
    finally:
        db.dispose()
    if ctx.as_json:
        print(json.dumps({"date": day.isoformat(), "outlet": outlets[0].code,
                          "path": str(done.path), "checksum": done.checksum,
                          "reported": done.reported, "value_add": done.value_add},
                         ensure_ascii=False))  # fmt: skip
    else:
        print(t("ru.cli.written", path=done.path, sha=done.checksum))
        if done.reported:
            print(t("ru.cli.reported", day=day.isoformat()))
    return 0
