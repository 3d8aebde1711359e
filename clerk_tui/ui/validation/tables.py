"""Tables of the validation queue: tickets with problems, one ticket's problems, its contacts.

Every cell is plain `Text` (user data is never markup); forbidden phrases in notes
are highlighted by position (domain.phrases), the note itself shown as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from clerk_tui.domain.findings import Finding
from clerk_tui.domain.phrases import find_forbidden, merged_spans
from clerk_tui.i18n import N_, t
from clerk_tui.i18n.evidence import render_all
from clerk_tui.i18n.labels import label
from clerk_tui.services.validation import (
    CheckedTicket,
    ContactRow,
    field_label,
    kind_label,
    outcome_label,
    party_label,
    severity_label,
    step_label,
)
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.tickets.labels import TICKET_SOURCE, clip, code_label, short_when, state_label

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
PHRASE_STYLE = "bold reverse red"
Phrases = Sequence[tuple[str, str, str]]


COLUMN: dict[str, str] = {
    "by": N_("vq.col.by"),
    "count": N_("vq.col.count"),
    "created": N_("vq.col.created"),
    "customer": N_("vq.col.customer"),
    "date": N_("vq.col.date"),
    "evidence": N_("vq.col.evidence"),
    "field": N_("vq.col.field"),
    "kind": N_("vq.col.kind"),
    "model": N_("vq.col.model"),
    "next": N_("vq.col.next"),
    "phone": N_("vq.col.phone"),
    "severity": N_("vq.col.severity"),
    "source": N_("vq.col.source"),
    "status": N_("vq.col.status"),
    "tag": N_("vq.col.tag"),
    "text": N_("vq.col.text"),
    "ticket_no": N_("vq.col.ticket_no"),
    "worst": N_("vq.col.worst"),
}
"""The validation queue's column headers."""


def visible(text: str) -> str:
    """Line breaks and tabs as spaces, other control characters as their codes (\\x1b):
    a pasted ESC must not drive the terminal, and the row stays one line."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else " " if ch in "\n\r\t" else f"\\x{ord(ch):02x}" for ch in text
    )


def highlighted(text: str, phrases: Phrases, *, style: str = "") -> Text:
    """`text` as typed, with every forbidden phrase in it marked."""
    shown = visible(text)
    out = Text(shown, style=style)
    if len(shown) == len(text):  # positions hold unless a code was spelt out
        for start, end in merged_spans(find_forbidden(text, phrases)):
            out.stylize(PHRASE_STYLE, start, end)
    return out


def phrase_advice(text: str, phrases: Phrases) -> list[str]:
    """One line per forbidden phrase found: the phrase and what to say instead."""
    seen: dict[str, str] = {}
    for hit in find_forbidden(text, phrases):
        seen.setdefault(hit.phrase, hit.suggestion)
    return [
        t("vq.phrase.hit", phrase=p, suggestion=s) if s else t("vq.phrase.hit_bare", phrase=p)
        for p, s in seen.items()
    ]


def fit_columns(table: DataTable, rows: list[tuple[Text, ...]]) -> None:
    """Set each column's width from this page's cells (a refill can race the table's own
    measuring on idle and leave the widths of the empty table)."""
    for n, column in enumerate(table.ordered_columns):
        widest = max((row[n].cell_len for row in rows), default=0)
        column.content_width = max(column.label.cell_len, widest)


class QueueTable(DataTable[Text]):
    """The tickets with problems, most urgent first; row key = ticket id."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", N_("vq.key.open"))]
    COLUMNS = (
        "ticket_no",
        "status",
        "source",
        "count",
        "worst",
        "next",
        "customer",
        "phone",
        "created",
    )

    def __init__(self, *, today: date, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        localize_bindings(self)
        self.today = today

    def on_mount(self) -> None:
        for key in self.COLUMNS:
            self.add_column(Text(label(COLUMN, key)), key=key)

    def show(self, tickets: Iterable[CheckedTicket], keep_id: int | None = None) -> None:
        self.clear()
        for column in self.columns.values():
            column.content_width = column.label.cell_len
        index = 0
        rows: list[tuple[Text, ...]] = []
        for n, c in enumerate(tickets):
            info = c.info
            row = (
                Text(info.ticket_no),
                Text(state_label(info.status)),
                Text(code_label(TICKET_SOURCE, info.source)),
                Text(str(len(c.findings)), justify="right"),
                Text(severity_label(c.worst), style=SEVERITY_STYLE.get(c.worst, "")),
                Text(step_label(c.next_step)),
                Text(clip(visible(info.customer_name), 10)),
                Text(clip(visible(info.phone), 15)),
                Text(short_when(info.created_at, self.today) if info.created_at else ""),
            )
            rows.append(row)
            self.add_row(*row, key=str(c.id))
            if c.id == keep_id:
                index = n
        fit_columns(self, rows)
        if self.row_count:
            self.move_cursor(row=index, animate=False)

    def ticket_id_at_cursor(self) -> int | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None


class ProblemTable(DataTable[Text]):
    """One ticket's problems, each with its evidence and next step; row key = index."""

    COLUMNS = ("severity", "kind", "field", "evidence", "next")
    EVIDENCE_CELLS = 64

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.findings: tuple[Finding, ...] = ()

    def on_mount(self) -> None:
        for key in self.COLUMNS:
            self.add_column(Text(label(COLUMN, key)), key=key)

    def show(self, findings: Sequence[Finding]) -> None:
        self.clear()
        for column in self.columns.values():
            column.content_width = column.label.cell_len
        self.findings = tuple(findings)
        rows: list[tuple[Text, ...]] = []
        for n, f in enumerate(self.findings):
            evidence = " / ".join(" ".join(e.split()) for e in render_all(f.evidence))
            row = (
                Text(severity_label(f.severity), style=SEVERITY_STYLE.get(f.severity, "")),
                Text(kind_label(f.kind)),
                Text(field_label(f.field)),
                Text(clip(visible(evidence), self.EVIDENCE_CELLS)),
                Text(step_label(f.next_step)),
            )
            rows.append(row)
            self.add_row(*row, key=str(n))
        fit_columns(self, rows)

    def selected(self) -> Finding | None:
        if not self.findings:
            return None
        row = min(max(self.cursor_row, 0), len(self.findings) - 1)
        return self.findings[row]


def contacts_text(rows: Sequence[ContactRow], phrases: Phrases) -> Text:
    """The ticket's contacts, newest first: when, whom, outcome, who logged it, the note."""
    if not rows:
        return Text(t("vq.contacts.none"), style="dim")
    out = Text()
    for n, row in enumerate(rows):
        if n:
            out.append("\n")
        out.append(row.at.strftime("%m-%d %H:%M"), style="dim")
        out.append("  ")
        out.append(party_label(row.party), style="bold")
        out.append("  ")
        out.append(outcome_label(row.outcome))
        if row.user:
            out.append("  ")
            out.append(visible(row.user), style="dim")
        if row.note:
            out.append("  ")
            out.append_text(highlighted(row.note, phrases))
    return out
