"""The intake form's list of the phone's earlier tickets, duplicates and repeat repairs marked."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from clerk_tui.domain.findings import Finding
from clerk_tui.i18n import t, tn
from clerk_tui.services.intake import History
from clerk_tui.ui.tickets.labels import clip, state_label, when

SHOWN_ROWS = 6


def history_marks(findings: Sequence[Finding], repeat_days: int) -> dict[str, tuple[str, str]]:
    """(note, style) by earlier ticket number, from the duplicate and repeat-repair findings."""
    marks: dict[str, tuple[str, str]] = {}
    for f in findings:
        if f.kind == "repeat_repair" and f.with_ticket_no:
            marks[f.with_ticket_no] = (
                tn("in.hist.repeat", repeat_days, days=repeat_days),
                "bold yellow",
            )
    for f in findings:  # a duplicate says more than a repeat
        if f.kind == "duplicate_ticket" and f.with_ticket_no:
            marks[f.with_ticket_no] = (t("in.hist.duplicate"), "bold red")
    return marks


def history_renderable(
    history: History | None, findings: Sequence[Finding], repeat_days: int
) -> RenderableType:
    """The table of earlier tickets (every cell plain Text), or one line saying why there is none."""
    if history is None:
        return Text(t("in.hist.wait"), style="dim")
    if not history.rows:
        return Text(t("in.hist.none"), style="dim")
    marks = history_marks(findings, repeat_days)
    table = Table(box=None, expand=True, header_style="bold", padding=(0, 2, 0, 0), show_edge=False)
    table.add_column(t("in.hist.col.no"), no_wrap=True)
    table.add_column(t("in.hist.col.created"), no_wrap=True)
    table.add_column(t("in.hist.col.name"), no_wrap=True, max_width=12)
    table.add_column(t("in.hist.col.model"), no_wrap=True, max_width=18)
    table.add_column(t("in.hist.col.status"), no_wrap=True)
    table.add_column(t("in.hist.col.note"), no_wrap=True)
    table.add_column(t("in.hist.col.symptom"), no_wrap=True, ratio=1)
    rows = sorted(history.rows, key=lambda r: (r.ticket_no not in marks, -r.id))
    for r in rows[:SHOWN_ROWS]:
        note, style = marks.get(r.ticket_no, ("", ""))
        table.add_row(
            Text(r.ticket_no, style=style),
            Text(when(r.created_at)),
            Text(clip(r.customer_name, 12)),
            Text(clip(r.product_model, 18)),
            Text(state_label(r.status)),
            Text(note, style=style),
            Text(clip(r.symptom, 40)),
        )
    if len(rows) > SHOWN_ROWS:
        table.add_row(Text(f"+{len(rows) - SHOWN_ROWS}", style="dim"))
    return table


class HistoryPanel(Static):
    """Shows the earlier tickets; the screen calls `show` when they (or the findings) change."""

    DEFAULT_CSS = """
    HistoryPanel { height: auto; }
    """

    shown: tuple[int, tuple[tuple[str, str], ...]] | None = None
    """What `show` last drew (the history's identity and the findings naming other tickets)."""

    def show(
        self,
        history: History | None,
        findings: Sequence[Finding],
        repeat_days: int,
        loading: bool = False,
    ) -> None:
        if loading:
            self.update(Text(t("in.hist.loading"), style="dim"))
        else:
            self.update(history_renderable(history, findings, repeat_days))
