"""`clerk-tui conflicts --date D [--json]`: the scheduling conflicts of day D with ranked alternatives.

"Now" is the app's clock: the business date (`--today`, else the real date) at the real
time of day. Today's alternatives never start before it, a later day's are not
restricted, and a day already past gets none (the text form says why)."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

NAME = "conflicts"
HELP = "scheduling conflicts of a day, with alternatives (conflicts --date D --json)"


def add_arguments(parser) -> None:
    parser.add_argument("--date", dest="day", help="the day, YYYY-MM-DD (default: today)")


def _day(ctx) -> date | None:
    text = ctx.args.day or ctx.settings.today or date.today().isoformat()
    try:
        return date.fromisoformat(text)
    except ValueError:
        from clerk_tui.i18n import t

        print(t("sc.cli.bad_date", value=text), file=sys.stderr)
        return None


def clock_now(ctx) -> datetime:
    """The app's "now": the business date (`--today`, else the real date) at the real time."""
    today = date.fromisoformat(ctx.settings.today) if ctx.settings.today else date.today()
    return datetime.combine(today, datetime.now().time().replace(microsecond=0))


def run(ctx) -> int:
    day = _day(ctx)
    if day is None:
        return 2
    db = ctx.open_db()
    if db is None:
        return 2
    from clerk_tui.i18n.evidence import render
    from clerk_tui.services.schedule import conflicts_report, history_reason

    now = clock_now(ctx)
    try:
        report = conflicts_report(db, day, now=now, render=render)
    finally:
        db.dispose()
    if ctx.as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(render_text(report, note=history_reason(day, now)))
    return 0


def render_text(report: dict, note: str = "") -> str:
    """The report as lines for a terminal: one block per conflict (`note` under the heading)."""
    from clerk_tui.i18n import t, tn
    from clerk_tui.i18n.labels import CONFLICT_KIND, SCHEDULE_SEVERITY, label

    items = report["conflicts"]
    lines = [tn("sc.cli.heading", len(items), day=report["date"])]
    if note and items:
        lines.append(note)
    for c in items:
        eng = c["engineer_id"] or t("sc.unassigned")
        lines.append(
            t(
                "sc.cli.item",
                severity=label(SCHEDULE_SEVERITY, c["severity"]),
                kind=label(CONFLICT_KIND, c["kind"]),
                ticket=c["ticket_no"],
                engineer=eng,
            )
        )
        lines.extend(f"    {e}" for e in c["evidence"])
        for i, alt in enumerate(c["alternatives"], start=1):
            lines.append(
                f"    {t('sc.cli.alt', n=i, engineer=alt['engineer_id'], start=alt['start'])}"
            )
    return "\n".join(lines)
