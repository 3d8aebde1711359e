"""The schedule's side panes: conflicts table, conflict and visit details, waiting tickets, reminders.

Everything is built as `Text` from plain strings (customer names and notes are data).
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

from clerk_tui.domain.findings import Finding
from clerk_tui.domain.schedule.alternatives import Proposal
from clerk_tui.domain.schedule.lateness import describe_lateness
from clerk_tui.i18n import N_, t
from clerk_tui.i18n.evidence import render, render_all
from clerk_tui.i18n.labels import CONFLICT_KIND, SCHEDULE_SEVERITY, label
from clerk_tui.services.schedule import OPEN, ApptRow, DayView, Reminder, WaitingTicket
from clerk_tui.ui.tickets.labels import clip, code_label

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


FAILED_VISIT_REASON: dict[str, str] = {
    "customer_busy": N_("sc.fail.customer_busy"),
    "customer_out": N_("sc.fail.customer_out"),
    "doubts_engineer": N_("sc.fail.doubts_engineer"),
    "power_cut": N_("sc.fail.power_cut"),
    "product_elsewhere": N_("sc.fail.product_elsewhere"),
    "refused_entry": N_("sc.fail.refused_entry"),
}
"""Why a visit failed (`FAILED_VISIT_REASONS`)."""

APPOINTMENT_STATUS: dict[str, str] = {
    "cancelled": N_("sc.appt.cancelled"),
    "done": N_("sc.appt.done"),
    "moved": N_("sc.appt.moved"),
}
"""Appointment statuses the day's list shows (a planned visit shows none)."""


def kind_label(kind: str) -> str:
    return code_label(CONFLICT_KIND, kind)


def _hm(moment: datetime | None, day=None) -> str:
    if moment is None:
        return ""
    if day is not None and moment.date() != day:
        return moment.strftime("%m-%d %H:%M")
    return moment.strftime("%H:%M")


class ConflictTable(DataTable):
    """The day's conflicts, most severe first; the row key is the finding's index."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        for key, header, width in (
            ("sev", N_("sc.col.severity"), 2),
            ("kind", N_("sc.col.kind"), 16),
            ("ticket", N_("sc.col.ticket"), 14),
            ("engineer", N_("sc.col.engineer_code"), 6),
            ("with", N_("sc.col.with"), 14),
        ):
            self.add_column(Text(t(header)), key=key, width=width)

    def show(self, findings: tuple[Finding, ...], keep: int = 0) -> None:
        self.clear()
        for i, f in enumerate(findings):
            self.add_row(
                Text(
                    label(SCHEDULE_SEVERITY, f.severity), style=SEVERITY_STYLE.get(f.severity, "")
                ),
                Text(kind_label(f.kind)),
                Text(f.ticket_no),
                Text(f.engineer_id or t("sc.unassigned")),
                Text(f.with_ticket_no),
                key=str(i),
            )
        if findings:
            self.move_cursor(row=min(keep, len(findings) - 1), animate=False)


class WaitingTable(DataTable):
    """Tickets ready for a visit with no appointment (待派工); the row key is the ticket no."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        for key, header, width in (
            ("ticket", N_("sc.col.ticket"), 14),
            ("district", N_("sc.col.district"), 6),
            ("category", N_("sc.col.category"), 6),
            ("window", N_("sc.col.window"), 11),
        ):
            self.add_column(Text(t(header)), key=key, width=width)

    def show(self, waiting: tuple[WaitingTicket, ...]) -> None:
        self.clear()
        for w in waiting:
            window = f"{_hm(w.requested_start)}-{_hm(w.requested_end)}" if w.requested_start else ""
            self.add_row(
                Text(w.ticket_no),
                Text(clip(w.district, 6)),
                Text(clip(w.category, 6)),
                Text(window),
                key=w.ticket_no,
            )

    def ticket_at_cursor(self) -> str | None:
        if not self.row_count:
            return None
        return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)


def consent_line(appt: ApptRow) -> Text:
    word = {"consent": N_("sc.consent.yes"), "consent_refused": N_("sc.consent.refused")}.get(
        appt.consent, N_("sc.consent.none")
    )
    style = {"consent": "green", "consent_refused": "red"}.get(appt.consent, "dim")
    return Text(t(word), style=style)


def visit_line(a: ApptRow, day) -> Text:
    """`09:00-10:30 QD...0052 李沧区 冰箱 customer  state`."""
    text = Text(f"{_hm(a.start, day)}-{_hm(a.end)} ", style="bold")
    text.append(f"{a.ticket_no} {a.district} {a.category} ")
    text.append(a.customer_name)
    if a.status != OPEN:
        text.append(f"  {code_label(APPOINTMENT_STATUS, a.status)}", style="dim")
    if a.late_minutes:
        text.append(f"  {t('sc.detail.late', minutes=a.late_minutes)}", style="yellow")
    if a.outcome:
        text.append(
            f"  {t('sc.detail.failed', reason=code_label(FAILED_VISIT_REASON, a.outcome))}",
            style="yellow",
        )
    return text


def visit_detail(view: DayView, code: str, appt: ApptRow | None) -> Text:
    """The engineer's visits of the day, the selected one marked, and its consent state."""
    eng = next((e for e in view.engineers if e.code == code), None)
    title = f"{eng.name} {code}" if eng else (code or t("sc.unassigned"))
    text = Text(t("sc.detail.engineer_day", who=title), style="bold")
    if eng is not None:
        hours = f"{eng.work_start:%H:%M}-{eng.work_end:%H:%M}"
        text.append(f"  {t('sc.detail.hours', hours=hours)}", style="dim")
    visits = [a for a in view.appointments if a.engineer_code == code]
    if not visits:
        text.append("\n" + t("sc.detail.no_visits"), style="dim")
    for a in visits:
        mark = "> " if appt is not None and a.id == appt.id else "  "
        text.append("\n" + mark)
        text.append_text(visit_line(a, view.day))
    if appt is not None and appt.status == OPEN:
        text.append("\n" + t("sc.detail.consent") + " ")
        text.append_text(consent_line(appt))
    return text


def conflict_detail(
    view: DayView,
    f: Finding | None,
    proposals: list[Proposal] | None,
    appt: ApptRow | None,
    *,
    why_none: str = "",
) -> Text:
    """The selected conflict: evidence, the consent state, and its numbered alternatives
    (`why_none`, when given, says why there are none, e.g. the day is already past)."""
    if f is None:
        return Text(t("sc.detail.no_conflict"), style="dim")
    text = Text(
        f"{kind_label(f.kind)}  {f.ticket_no}", style=SEVERITY_STYLE.get(f.severity, "bold")
    )
    for line in render_all(f.evidence):
        text.append("\n- " + line)
    if appt is not None:
        text.append("\n" + t("sc.detail.consent") + " ")
        text.append_text(consent_line(appt))
    text.append("\n" + t("sc.detail.alternatives"), style="bold")
    if proposals is None:
        text.append("\n" + t("sc.detail.thinking"), style="dim")
    elif not proposals:
        text.append("\n" + (why_none or t("sc.detail.no_alternatives")), style="dim")
    names = {e.code: e.name for e in view.engineers}
    for i, p in enumerate(proposals or [], start=1):
        same_time = appt is not None and p.start == appt.start
        how = t("sc.alt.reassign") if same_time else t("sc.alt.reschedule")
        when = f"{_hm(p.start, view.day)}-{_hm(p.end)}"
        text.append(f"\n{i}  {p.engineer_code} {names.get(p.engineer_code, '')} {when}  ")
        text.append(how, style="green" if same_time else "yellow")
    return text


def reminders_text(reminders: tuple[Reminder, ...], now: datetime) -> Text:
    """`Call before HH:MM` for each late visit whose customer has not been phoned yet."""
    if not reminders:
        return Text("")
    text = Text(t("sc.remind.title") + " ", style="bold")
    for r in reminders:
        overdue = now > r.due
        text.append(
            t(
                "sc.remind.item",
                ticket=r.ticket_no,
                due=r.due.strftime("%H:%M"),
                what=render(describe_lateness(r.late_minutes, r.response)),
            ),
            style="bold red" if overdue else "yellow",
        )
        text.append("   ")
    return text
