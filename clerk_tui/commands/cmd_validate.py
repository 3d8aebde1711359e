"""`clerk-tui validate [--date D] [--json]`: information problems of the open tickets (FORMATS.md)."""

from __future__ import annotations

import argparse
import json
from datetime import date

NAME = "validate"
HELP = "information problems of tickets (all open ones, or those created on --date)"


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def add_arguments(parser) -> None:
    parser.add_argument(
        "--date", type=_date, default=None, help="only the open tickets created on this day"
    )


def render(findings) -> str:
    """Aligned plain lines (wide characters count two cells), most severe first, then a summary."""
    from rich.cells import cell_len

    from clerk_tui.i18n import t
    from clerk_tui.i18n.evidence import render_all
    from clerk_tui.services.validation import (
        field_label,
        kind_label,
        severity_label,
        step_label,
    )

    if not findings:
        return t("vq.cmd.none")
    heads = [
        t("vq.col.ticket_no"),
        t("vq.col.severity"),
        t("vq.col.kind"),
        t("vq.col.field"),
        t("vq.col.next"),
        t("vq.col.evidence"),
    ]
    rows = [
        [
            f.ticket_no,
            severity_label(f.severity),
            kind_label(f.kind),
            field_label(f.field),
            step_label(f.next_step),
            " / ".join(" ".join(e.split()) for e in render_all(f.evidence)),
        ]
        for f in findings
    ]
    widths = [max(cell_len(r[i]) for r in [heads, *rows]) for i in range(len(heads) - 1)]

    def line(cells: list[str]) -> str:
        padded = [c + " " * (w - cell_len(c)) for c, w in zip(cells, widths, strict=False)]
        return "  ".join([*padded, cells[-1]]).rstrip()

    tickets = len({f.ticket_no for f in findings})
    summary = t("vq.cmd.summary", n=len(findings), tickets=tickets)
    return "\n".join([line(heads), *(line(r) for r in rows), "", summary])


def run(ctx) -> int:
    db = ctx.open_db()
    if db is None:
        return 2
    from clerk_tui.services.validation import validate_problems

    day: date | None = ctx.args.date
    today = date.fromisoformat(ctx.settings.today) if ctx.settings.today else date.today()
    try:
        findings = validate_problems(db, today=today, day=day)
    finally:
        db.dispose()
    if ctx.as_json:
        out: dict = {"date": day.isoformat()} if day else {}
        from clerk_tui.i18n.evidence import render as render_evidence

        out["problems"] = [f.as_dict(render_evidence) for f in findings]
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(render(findings))
    return 0
