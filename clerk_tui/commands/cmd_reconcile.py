"""`clerk-tui reconcile --date D [--outlet CODE] [--at TIME] --json`: reconcile a day and store its flags."""

from __future__ import annotations

import json
import sys

NAME = "reconcile"
HELP = "end-of-day reconciliation of a day; stores its flags (reruns never duplicate or reopen)"


def add_arguments(parser) -> None:
    parser.add_argument("--date", required=True, help="business day, YYYY-MM-DD")
    parser.add_argument("--outlet", default=None, help="outlet code (default: every outlet)")
    parser.add_argument(
        "--at",
        default=None,
        help="reconcile as of this time, 'YYYY-MM-DD HH:MM' (default: the end of a past day, "
        "else now)",
    )


def parse_day_and_time(args):
    """(day, now or None), or raise ValueError with a sentence."""
    from datetime import date, datetime

    from clerk_tui.i18n import t

    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        raise ValueError(t("ru.err.date", value=args.date)) from None
    now = None
    if getattr(args, "at", None):
        try:
            now = datetime.strptime(args.at.strip(), "%Y-%m-%d %H:%M")
        except ValueError:
            raise ValueError(t("ru.err.at", value=args.at)) from None
    return day, now


def run(ctx) -> int:
    try:
        day, now = parse_day_and_time(ctx.args)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    db = ctx.open_db()
    if db is None:
        return 2
    from clerk_tui.i18n import tn
    from clerk_tui.i18n.evidence import render
    from clerk_tui.i18n.labels import DAY_STATE, label
    from clerk_tui.services.reconcile import UnknownOutlet, outlets_for, reconcile

    try:
        try:
            outlets = outlets_for(db, ctx.args.outlet)
        except UnknownOutlet as exc:
            print(exc, file=sys.stderr)
            return 2
        days = reconcile(db, day, outlets, now=now, user="cli")
    finally:
        db.dispose()
    if ctx.as_json:
        items = [d.as_dict(render) for d in days]
        out = items[0] if len(items) == 1 else items
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for d in days:
            s = d.result.summary
            print(
                tn("ru.cli.summary", s["flags"], outlet=d.outlet.code, day=day.isoformat(), flags=s["flags"],
                  high=s["high"], medium=s["medium"], low=s["low"], state=label(DAY_STATE, d.state))
            )  # fmt: skip
    return 0
