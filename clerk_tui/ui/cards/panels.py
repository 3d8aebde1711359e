"""What the card entry screen shows beside the form: the ticket, the live warnings, the day's cards.

Everything is built as Rich Text from plain strings: names and addresses are data, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from clerk_tui.i18n import N_, t, tn
from clerk_tui.i18n.evidence import render_all
from clerk_tui.i18n.labels import FLAG_KIND
from clerk_tui.ui.tickets.labels import TICKET_TYPE, WARRANTY, code_label, state_label

if TYPE_CHECKING:
    from clerk_tui.domain.findings import Finding
    from clerk_tui.services.cards import CardContext, RecentCard

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}

# Which form field a finding is about (its hint is shown beside that field).
KIND_FIELD = {
    "engineer_signed": "signer",
    "signer_not_customer": "signer",
    "unsigned_satisfied": "signature",
    "signed_outside_visit": "signed",
    "overcharge": "fee",
    "fee_without_receipt": "receipt",
    "duplicate_card": "ticket",
    "orphan_card": "ticket",
    "card_for_unserved_ticket": "engineer",
    "late_card": "returned",
}


def kind_label(kind: str) -> str:
    return code_label(FLAG_KIND, kind)


def ticket_panel(ctx: CardContext | None, looking_up: str = "") -> RenderableType:
    """The ticket and its appointment; a sentence when none is loaded or it is unknown."""
    if looking_up:
        return Text(t("ce.ticket.loading", no=looking_up), style="dim")
    if ctx is None:
        return Text(t("ce.ticket.none"), style="dim")
    if ctx.ticket is None:
        return Text(t("ce.ticket.unknown", no=ctx.ticket_no), style="bold yellow")
    tk = ctx.ticket
    head = Text(t("ce.ticket.heading", no=tk.ticket_no), style="bold")
    head.append("  ")
    head.append(state_label(tk.status), style="reverse")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    if tk.appointment_start:
        end = tk.appointment_end.strftime("%H:%M") if tk.appointment_end else ""
        appt = f"{tk.appointment_start:%Y-%m-%d %H:%M}-{end}"
    else:
        appt = t("ce.ticket.no_appointment")
    members = "、".join(f"{n}({r})" if r else n for n, r in tk.household)
    engineer = f"{tk.engineer_name} ({tk.engineer_code})" if tk.engineer_code else "-"
    kind = " / ".join(
        x
        for x in (
            code_label(TICKET_TYPE, tk.service_type),
            code_label(WARRANTY, tk.warranty_status),
        )
        if x
    )
    for label, value in (
        (N_("ce.ticket.customer"), tk.customer_name),
        (N_("ce.ticket.phone"), tk.phone),
        (N_("ce.ticket.address"), tk.address),
        (N_("ce.ticket.engineer"), engineer),
        (N_("ce.ticket.appointment"), appt),
        (N_("ce.ticket.household"), members or t("ce.ticket.no_household")),
        (N_("ce.ticket.type"), kind or "-"),
    ):
        grid.add_row(Text(t(label)), Text(value or "-"))
    parts: list[RenderableType] = [head, grid]
    if ctx.existing:
        parts.append(Text(tn("ce.ticket.cards", len(ctx.existing)), style="bold yellow"))
    return Group(*parts)


def warnings_panel(findings: Sequence[Finding]) -> RenderableType:
    """Each finding: its rule's name in the colour of its severity, then its evidence."""
    text = Text(t("ce.warn.title"), style="bold")
    if not findings:
        text.append("  " + t("ce.warn.none"), style="dim")
        return text
    for f in findings:
        text.append("\n")
        text.append(f"! {kind_label(f.kind)}", style=SEVERITY_STYLE.get(f.severity, ""))
        for line in render_all(f.evidence):
            text.append("\n  ")
            text.append(line)
    return text


def field_hint(findings: Sequence[Finding], field: str) -> Text | None:
    """The most severe finding about `field`, as a short hint, or None."""
    for f in findings:
        if KIND_FIELD.get(f.kind) == field:
            return Text(f"! {kind_label(f.kind)}", style=SEVERITY_STYLE.get(f.severity, ""))
    return None


def recent_row(card: RecentCard) -> tuple[Text, ...]:
    marks = []
    if card.duplicate:
        marks.append(t("ce.mark.duplicate"))
    if card.orphan:
        marks.append(t("ce.mark.orphan"))
    engineer = card.engineer_name or card.engineer_code
    return (
        Text(card.ticket_no),
        Text(engineer),
        Text(card.signer_name or "-"),
        Text(card.satisfaction or "-"),
        Text(card.returned_at.strftime("%H:%M") if card.returned_at else "-"),
        Text(" ".join(marks), style="bold yellow"),
    )
