"""Record the customer's answer to another time: who agreed (or refused), how reached, when [H 一.2(2)]."""

from __future__ import annotations

from datetime import datetime

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select

from clerk_tui.i18n import t
from clerk_tui.i18n.labels import CONTACT_HOW, label
from clerk_tui.services.schedule import HOW_REACHED, CustomerAnswer
from clerk_tui.ui.schedule.dialog_base import SchedDialog, parse_time


class AnswerDialog(SchedDialog):
    """Consent (agreed=True) or refusal; a refusal may hand the ticket back to the center."""

    def __init__(self, *, agreed: bool, ticket_no: str, customer: str, now: datetime) -> None:
        intro = t("sc.answer.intro_yes") if agreed else t("sc.answer.intro_no")
        title = (
            t("sc.answer.title_yes", no=ticket_no)
            if agreed
            else t("sc.answer.title_no", no=ticket_no)
        )
        super().__init__(title, intro)
        self._agreed, self._customer, self._now = agreed, customer, now

    def fields(self) -> list[tuple[str, Widget]]:
        how = [(label(CONTACT_HOW, h), h) for h in HOW_REACHED]
        rows: list[tuple[str, Widget]] = [
            (t("sc.f.who"), Input(self._customer, id="sd-who", max_length=50)),
            (t("sc.f.how"), Select(how, value="phone", allow_blank=False, id="sd-how")),
            (t("sc.f.at"), Input(self._now.strftime("%H:%M"), id="sd-at", max_length=5)),
            (t("sc.f.note"), Input("", id="sd-note", max_length=200)),
        ]
        if not self._agreed:
            rows.append(("", Checkbox(t("sc.f.back_to_center"), id="sd-back")))
        return rows

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#sd-who", Input).focus()

    def collect(self) -> CustomerAnswer:
        who = self.query_one("#sd-who", Input).value.strip()
        if not who:
            raise ValueError(t("sc.err.who_missing"))
        at = parse_time(self._now.date(), self.query_one("#sd-at", Input).value)
        if at > self._now:
            raise ValueError(t("sc.err.answer_in_future", at=at.strftime("%H:%M")))
        how = self.query_one("#sd-how", Select).value
        back = not self._agreed and self.query_one("#sd-back", Checkbox).value
        note = self.query_one("#sd-note", Input).value
        return CustomerAnswer(self._agreed, who, str(how), at, note, back)
