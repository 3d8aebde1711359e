"""Running late, the call ahead, and a visit that failed at the door [H 二.3, 三.3]."""

from __future__ import annotations

from dataclasses import dataclass

from textual.widget import Widget
from textual.widgets import Input, Select

from clerk_tui.domain.schedule.lateness import FAILED_VISIT_REASONS
from clerk_tui.i18n import t
from clerk_tui.ui.schedule.dialog_base import SchedDialog
from clerk_tui.ui.schedule.panes import FAILED_VISIT_REASON
from clerk_tui.ui.tickets.labels import code_label


class LateDialog(SchedDialog):
    """How many minutes late the engineer will be."""

    def __init__(self, ticket_no: str, start: str) -> None:
        super().__init__(t("sc.late.title", no=ticket_no), t("sc.late.intro", start=start))

    def fields(self) -> list[tuple[str, Widget]]:
        return [(t("sc.f.minutes"), Input("", id="sd-minutes", max_length=3, type="integer"))]

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#sd-minutes", Input).focus()

    def collect(self) -> int:
        text = self.query_one("#sd-minutes", Input).value.strip()
        if not text.isdigit() or int(text) <= 0:
            raise ValueError(t("sc.err.late_minutes", value=text))
        return int(text)


@dataclass(frozen=True)
class CallAnswer:
    accepted: bool
    note: str


class CallDialog(SchedDialog):
    """The clerk phoned the customer about the late arrival: apology accepted or not."""

    def __init__(self, ticket_no: str, what: str) -> None:
        super().__init__(t("sc.call.title", no=ticket_no), what)

    def fields(self) -> list[tuple[str, Widget]]:
        choices = [(t("sc.answer.accepted"), "yes"), (t("sc.answer.refused"), "no")]
        return [
            (t("sc.f.customer"), Select(choices, value="yes", allow_blank=False, id="sd-accepted")),
            (t("sc.f.note"), Input("", id="sd-note", max_length=200)),
        ]

    def collect(self) -> CallAnswer:
        accepted = self.query_one("#sd-accepted", Select).value == "yes"
        return CallAnswer(accepted, self.query_one("#sd-note", Input).value)


@dataclass(frozen=True)
class FailedVisit:
    reason: str
    note: str


class FailedDialog(SchedDialog):
    """Why the visit could not be done at the door."""

    def __init__(self, ticket_no: str) -> None:
        super().__init__(t("sc.failed.title", no=ticket_no), t("sc.failed.intro"))

    def fields(self) -> list[tuple[str, Widget]]:
        choices = [(code_label(FAILED_VISIT_REASON, r), r) for r in FAILED_VISIT_REASONS]
        return [
            (t("sc.f.reason"), Select(choices, prompt=t("sc.f.reason_prompt"), id="sd-reason")),
            (t("sc.f.note"), Input("", id="sd-note", max_length=200)),
        ]

    def collect(self) -> FailedVisit:
        reason = self.query_one("#sd-reason", Select).value
        if reason not in FAILED_VISIT_REASONS:
            raise ValueError(t("sc.err.fail_reason"))
        return FailedVisit(str(reason), self.query_one("#sd-note", Input).value)
