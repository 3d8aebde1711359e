"""The callbacks queue table and the detail lines under it; every cell plain `Text` (never markup)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from clerk_tui.i18n import N_, t, tn
from clerk_tui.services.callbacks import QueueRow
from clerk_tui.ui.common.localized import localize_bindings
from clerk_tui.ui.tickets.labels import clip, code_label

COLUMNS = (
    ("overdue", N_("cb.col.overdue")),
    ("due", N_("cb.col.due")),
    ("ticket", N_("cb.col.ticket")),
    ("customer", N_("cb.col.customer")),
    ("phone", N_("cb.col.phone")),
    ("reason", N_("cb.col.reason")),
    ("card", N_("cb.col.card")),
    ("engineer", N_("cb.col.engineer")),
    ("tries", N_("cb.col.tries")),
)


CALLBACK_QUESTION: dict[str, str] = {
    "consult": N_("cb.ask.consult"),
    "follow_up": N_("cb.ask.follow_up"),
    "remedy": N_("cb.ask.remedy"),
    "uncertain_repair": N_("cb.ask.uncertain_repair"),
    "verification": N_("cb.ask.verification"),
}
"""What to ask the customer on a callback, by its reason (回访原因)."""


QUEUE_REASON: dict[str, str] = {
    "consult": N_("cb.reason.consult"),
    "follow_up": N_("cb.reason.follow_up"),
    "remedy": N_("cb.reason.remedy"),
    "uncertain_repair": N_("cb.reason.uncertain_repair"),
    "verification": N_("cb.reason.verification"),
}
"""Callback reasons, as the queue names them (回访原因)."""


def reason_label(reason: str) -> str:
    return code_label(QUEUE_REASON, reason)


def overdue_text(minutes: int) -> str:
    """'2小时10分' / '35分' / '3天'; empty when not overdue."""
    if minutes <= 0:
        return ""
    if minutes >= 24 * 60:
        days = minutes // (24 * 60)
        return tn("cb.overdue.days", days, d=days)
    h, m = divmod(minutes, 60)
    return t("cb.overdue.hm", h=h, m=m) if h else t("cb.overdue.m", m=m)


def due_text(due: datetime | None, now: datetime) -> str:
    if due is None:
        return "-"
    return due.strftime("%H:%M") if due.date() == now.date() else due.strftime("%m-%d %H:%M")


def signer_text(row: QueueRow) -> str:
    if not row.has_card:
        return t("cb.card.none")
    if not row.signature_present and not row.signer_name:
        return t("cb.card.unsigned")
    who = row.signer_name or "?"
    return f"{who}({row.signer_relation})" if row.signer_relation else who


def card_text(row: QueueRow) -> str:
    """What the card said, short: '满意 王芳' / '无监督卡'."""
    if not row.has_card:
        return t("cb.card.none")
    return f"{row.satisfaction or t('cb.card.no_rating')} {signer_text(row)}"


def row_cells(row: QueueRow, now: datetime) -> tuple[Text, ...]:
    late = row.overdue_minutes(now)
    return (
        Text(overdue_text(late), style="bold red" if late else ""),
        Text(due_text(row.due_at, now)),
        Text(row.ticket_no),
        Text(clip(row.customer_name, 10)),
        Text(row.phone),
        Text(reason_label(row.reason), style="bold" if row.reason == "remedy" else ""),
        Text(clip(card_text(row), 18)),
        Text(clip(row.engineer_name, 8)),
        Text(str(row.attempts) if row.attempts else ""),
    )


def detail_text(row: QueueRow | None, now: datetime) -> Text:
    """Who to call and what to ask, from the ticket and the card (plain text)."""
    if row is None:
        return Text("")
    out = Text(
        t("cb.detail.head", ticket=row.ticket_no, customer=row.customer_name, phone=row.phone),
        style="bold",
    )
    out.append(f"   {reason_label(row.reason)}\n")
    ask = CALLBACK_QUESTION.get(row.reason)
    if ask is not None:
        out.append(t(ask), style="cyan")
        out.append("\n")
    if row.has_card:
        out.append(
            t(
                "cb.card.says",
                satisfaction=row.satisfaction or t("cb.card.no_rating"),
                signer=signer_text(row),
            )
        )
        out.append("  ")
        out.append(t("cb.card.times", arrived=_hm(row.arrived_at), finished=_hm(row.finished_at)))
        if not row.repair_confident:
            out.append("  ")
            out.append(t("cb.card.unsure"), style="yellow")
    else:
        out.append(t("cb.card.none"))
    engineer = (
        f"{row.engineer_name}({row.engineer_code})" if row.engineer_code else row.engineer_name
    )
    if engineer:
        out.append("   ")
        out.append(t("cb.detail.engineer", engineer=engineer))
    if row.attempts:
        out.append("\n")
        out.append(tn("cb.detail.tries", row.attempts, at=_hm(row.called_at)), style="yellow")
    last = row.notes.strip().splitlines()[-1] if row.notes.strip() else ""
    if last:
        out.append("\n")
        out.append(clip(last, 100), style="dim")
    return out


def _hm(value: datetime | None) -> str:
    return value.strftime("%H:%M") if value else "-"


class CallbackTable(DataTable[Text]):
    """The queue; row keys are callback ids."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Straight to the screen's action (not via RowSelected): keys typed right after Enter
        # then reach the dialog, which is on the stack before the next key is read.
        Binding("enter", "screen.answer", N_("cb.key.answer")),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        localize_bindings(self)

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(Text(t(label)), key=key)

    def show_rows(self, rows: Iterable[QueueRow], now: datetime, keep: int | None = None) -> None:
        """Show `rows`; the cursor stays on callback `keep`, else on the row where it was."""
        old_row = self.cursor_row if self.row_count else 0
        self.clear()
        for column in self.columns.values():
            column.content_width = column.label.cell_len
        rows = list(rows)
        index = min(old_row, max(len(rows) - 1, 0))
        for i, row in enumerate(rows):
            self.add_row(*row_cells(row, now), key=str(row.id))
            if row.id == keep:
                index = i
        if self.row_count:
            self.move_cursor(row=index, animate=False)

    def id_at_cursor(self) -> int | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None
