"""The validation queue's forms: each builds a ChoiceDialog for one ticket and one problem."""

from __future__ import annotations

from datetime import date

from clerk_tui.db.models import VALUE_ADD_TAGS
from clerk_tui.domain.findings import Finding
from clerk_tui.i18n import N_, t
from clerk_tui.i18n.evidence import render_all
from clerk_tui.services.validation import (
    FIXABLE,
    CheckedTicket,
    field_label,
    limit_of,
    parse_day,
    parse_when,
    party_label,
    tag_label,
)
from clerk_tui.ui.validation.choice import Choice, ChoiceDialog, DialogResult, Field
from clerk_tui.ui.validation.tables import Phrases


def _problem_line(finding: Finding | None) -> str:
    if finding is None:
        return t("vq.dlg.problem", text=t("vq.dlg.no_problem"))
    return t(
        "vq.dlg.problem", text=" / ".join(" ".join(e.split()) for e in render_all(finding.evidence))
    )


def _note(value: str = "") -> Field:
    return Field(t("vq.dlg.note"), value)


def contact_form(
    party: str, c: CheckedTicket, finding: Finding | None, phrases: Phrases
) -> ChoiceDialog:
    """Log a call to the dispatcher or the customer: 1 confirmed, 2 no answer, 3 could not verify."""
    codes = (
        ("confirmed", N_("vq.choice.confirmed")),
        ("no_answer", N_("vq.choice.no_answer")),
        ("not_verified", N_("vq.choice.not_verified")),
    )
    choices = [Choice(str(n), code, t(key)) for n, (code, key) in enumerate(codes, 1)]
    return ChoiceDialog(
        t("vq.dlg.contact", party=party_label(party), no=c.ticket_no),
        lines=[_problem_line(finding)],
        choices=choices,
        fields=[_note()],
        phrases=phrases,
    )


def party_of(finding: Finding | None) -> str:
    """Who is asked next for this problem: the dispatcher first, then the customer [H 一.1]."""
    return (
        "dispatcher"
        if finding is not None and finding.next_step == "ask_dispatcher"
        else "customer"
    )


def _parties(finding: Finding | None) -> tuple[list[Choice], str]:
    choices = [
        Choice("1", "dispatcher", party_label("dispatcher")),
        Choice("2", "customer", party_label("customer")),
    ]
    return choices, party_of(finding)


def _check_fix(field: str):
    def check(result: DialogResult) -> str | None:
        from clerk_tui.services.validation import FixRefused

        try:
            if field == "purchase_date":
                parse_day(result.values[0])
            elif field == "requested_window":
                start, end = parse_when(result.values[0]), parse_when(result.values[1])
                if start and end and end <= start:
                    return t("vq.err.window")
        except FixRefused as exc:
            return str(exc)
        return None

    return check


def _current(c: CheckedTicket, field: str) -> str:
    value = getattr(c.info, field, "")
    if field == "purchase_date":
        return value.isoformat() if isinstance(value, date) else str(value or "")
    return "" if value is None else str(value)


def fix_form(c: CheckedTicket, finding: Finding, phrases: Phrases) -> ChoiceDialog | None:
    """Correct the problem's field with what the dispatcher or the customer said (F2: who)."""
    field = finding.field
    if field not in FIXABLE:
        return None
    choices, party = _parties(finding)
    info = c.info
    if field == "requested_window":
        when = [
            v.strftime("%Y-%m-%d %H:%M") if v else ""
            for v in (info.requested_start, info.requested_end)
        ]
        fields = [
            Field(t("vq.dlg.window_start"), when[0], 16),
            Field(t("vq.dlg.window_end"), when[1], 16),
        ]
        now = f"{when[0]} - {when[1]}".strip(" -")
    else:
        current = _current(c, field)
        label = (
            t("vq.dlg.date_hint")
            if field == "purchase_date"
            else t("vq.dlg.new_value", field=field_label(field))
        )
        fields = [Field(label, current, limit_of(field) or 0)]
        now = current
    return ChoiceDialog(
        t("vq.dlg.fix", field=field_label(field), no=c.ticket_no),
        lines=[_problem_line(finding), t("vq.dlg.now", value=now or t("vq.dlg.empty_value"))],
        choices=choices,
        fields=[*fields, _note()],
        initial=party,
        label=t("vq.dlg.source"),
        hint=t("vq.dlg.fix_hint"),
        phrases=phrases,
        check=_check_fix(field),
    )


def part_form(c: CheckedTicket) -> ChoiceDialog:
    """The needed part and its stock: 1 in stock, 2 out of stock, 3 unknown, 4 requisitioned."""
    codes = (
        ("in_stock", N_("vq.choice.in_stock")),
        ("out_of_stock", N_("vq.choice.out_of_stock")),
        ("unknown_stock", N_("vq.choice.unknown_stock")),
        ("requested", N_("vq.choice.requested")),
    )
    choices = [Choice(str(n), code, t(key)) for n, (code, key) in enumerate(codes, 1)]
    lines = [t("vq.part.requested")] if c.part_requested else []
    return ChoiceDialog(
        t("vq.dlg.part", no=c.ticket_no),
        lines=lines,
        choices=choices,
        fields=[Field(t("vq.dlg.part_name"), c.info.part_needed, limit_of("part_needed") or 0)],
    )


def consult_form(c: CheckedTicket, finding: Finding, phrases: Phrases) -> ChoiceDialog:
    """Phone consultation for a likely misuse: 1 accepted (no visit), 2 refused (visit)."""
    choices = [
        Choice("1", "consulted", t("vq.choice.consulted")),
        Choice("2", "refused", t("vq.choice.refused")),
    ]
    return ChoiceDialog(
        t("vq.dlg.consult", no=c.ticket_no),
        lines=[_problem_line(finding)],
        choices=choices,
        fields=[_note()],
        phrases=phrases,
    )


def duplicate_form(c: CheckedTicket, finding: Finding, phrases: Phrases) -> ChoiceDialog:
    """A duplicate: 1 cancel this ticket, 2 confirmed not a duplicate (F2 is not needed here)."""
    choices = [
        Choice("1", "cancel_dup", t("vq.choice.cancel_dup")),
        Choice("2", "not_dup", t("vq.choice.not_dup")),
    ]
    return ChoiceDialog(
        t("vq.dlg.duplicate", no=c.ticket_no, other=finding.with_ticket_no),
        lines=[_problem_line(finding)],
        choices=choices,
        fields=[_note()],
        phrases=phrases,
    )


def valueadd_form(c: CheckedTicket, phrases: Phrases) -> ChoiceDialog:
    """A value-add finding: 1 design, 2 quality, 3 spare parts, and what was learnt."""
    choices = [Choice(str(n), tag, tag_label(tag)) for n, tag in enumerate(VALUE_ADD_TAGS, 1)]
    return ChoiceDialog(
        t("vq.dlg.valueadd", no=c.ticket_no),
        choices=choices,
        fields=[Field(t("vq.dlg.valueadd_text"))],
        phrases=phrases,
    )
