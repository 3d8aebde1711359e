"""The reconciliation screen's tables: per-engineer tally, the day's flags, and a flag's evidence."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import DataTable

from clerk_tui.domain.reconcile.day import EngineerTally
from clerk_tui.i18n import N_, t
from clerk_tui.i18n.evidence import render, render_all
from clerk_tui.i18n.labels import FLAG_KIND, FLAG_SEVERITY, FLAG_STATUS
from clerk_tui.services.reconcile import FlagRow
from clerk_tui.ui.tickets.labels import clip, code_label, when

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
STATUS_STYLE = {"open": "bold", "confirmed": "red", "dismissed": "green"}


def kind_label(kind: str) -> str:
    return code_label(FLAG_KIND, kind)


def status_label(status: str) -> str:
    return code_label(FLAG_STATUS, status)


def _num(n: int, style: str = "") -> Text:
    return Text(str(n), style=style, justify="right")


class TallyTable(DataTable):
    """One row per engineer: tickets, cards returned, 满意 cards, flags."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column(t("ru.tcol.code"), key="code")
        self.add_column(t("ru.col.engineer"), key="name")
        for key, label in (
            ("tickets", N_("ru.tcol.tickets")),
            ("cards", N_("ru.tcol.cards")),
            ("satisfied", N_("ru.col.satisfied")),
            ("flags", N_("ru.col.flags")),
        ):
            self.add_column(Text(t(label), justify="right"), key=key)

    def show(self, tally: Iterable[EngineerTally]) -> None:
        self.clear()
        self.add_rows(
            [
                Text(e.engineer_id),
                Text(clip(e.name, 8)),
                _num(e.tickets),
                _num(e.cards_returned),
                _num(e.satisfied),
                _num(e.flags, "bold red" if e.flags else "dim"),
            ]
            for e in tally
        )


class FlagTable(DataTable):
    """The day's flags, most severe first; the row key is the flag id."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        for key, label in (
            ("severity", N_("ru.tcol.severity")),
            ("kind", N_("ru.col.kind")),
            ("ticket", N_("ru.col.ticket_no")),
            ("engineer", N_("ru.col.engineer")),
            ("status", N_("ru.col.status")),
            ("evidence", N_("ru.col.evidence")),
        ):
            self.add_column(t(label), key=key)

    def show(self, flags: list[FlagRow], keep_id: int | None = None) -> None:
        self.clear()
        for f in flags:
            engineer = f.engineer_name or f.engineer_code
            self.add_row(
                Text(
                    code_label(FLAG_SEVERITY, f.severity), style=SEVERITY_STYLE.get(f.severity, "")
                ),
                Text(clip(kind_label(f.kind), 18)),
                Text(f.ticket_no or "-"),
                Text(clip(engineer, 8)),
                Text(status_label(f.status), style=STATUS_STYLE.get(f.status, "")),
                Text(clip(render(f.evidence[0]) if f.evidence else "", 20)),
                key=str(f.id),
            )
        if keep_id is not None:
            for index, f in enumerate(flags):
                if f.id == keep_id:
                    self.move_cursor(row=index, animate=False)
                    break

    def flag_id_at_cursor(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None


def evidence_text(flag: FlagRow | None) -> Text:
    """Everything about one flag, as plain text (never markup): rule, whom, evidence, decision."""
    if flag is None:
        return Text(t("ru.ev.none"), style="dim")
    text = Text()
    text.append(kind_label(flag.kind), style="bold")
    text.append(f"  ({flag.kind})", style="dim")
    text.append("\n")
    who = (
        f"{flag.engineer_name}({flag.engineer_code})" if flag.engineer_name else flag.engineer_code
    )
    text.append(t("ru.ev.who", ticket=flag.ticket_no or "-", engineer=who or "-"))
    text.append("\n")
    for line in render_all(flag.evidence):
        text.append("- " + line + "\n")
    text.append(t("ru.ev.status", status=status_label(flag.status)),
                style=STATUS_STYLE.get(flag.status, ""))  # fmt: skip
    if flag.status != "open":
        text.append(
            "  " + t("ru.ev.decided", by=flag.decided_by or "-", at=when(flag.decided_at) or "-")
        )
        if flag.reason:
            text.append("\n" + t("ru.ev.reason", reason=flag.reason))
    return text
