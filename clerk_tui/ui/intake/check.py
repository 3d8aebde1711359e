"""The intake screen's live check: the form read as typed, and what it says beside each field.

A mixin of `IntakeScreen` (it uses the screen's `values`, `ref`, `history`, `findings`,
`touched` and `_refused`); the screen calls `_recheck` whenever the form changes.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from clerk_tui.i18n import t
from clerk_tui.services.intake import (
    MISUSE,
    History,
    IntakeForm,
    IntakeReference,
    check_form,
    district_of,
)
from clerk_tui.ui.intake.fields import FieldMessage
from clerk_tui.ui.intake.history import HistoryPanel
from clerk_tui.ui.intake.layout import SELECTS
from clerk_tui.ui.intake.messages import FormState, field_messages, summary
from clerk_tui.ui.intake.parse import parse_date, parse_window


class IntakeCheck:
    """Read the form, check it against the reference data and the phone's history, show the result."""

    ref: IntakeReference
    history: History | None
    findings: list
    touched: set[str]
    values: dict[str, str]
    _refused: dict[str, str]
    _consult_shown: tuple[str, ...]

    def _v(self, id_: str) -> str:
        return self.values.get(id_, SELECTS.get(id_, ""))

    def read_form(self) -> tuple[IntakeForm, dict[str, str]]:
        """The form as typed (dates parsed) and the parse problems by field."""
        problems: dict[str, str] = {}
        purchase, p = parse_date(self._v("in-purchase"))
        if p:
            problems["purchase"] = p
        start, end, wp = parse_window(
            self._v("in-day"), self._v("in-start"), self._v("in-end"), self.ref.ctx.today
        )
        if wp:
            problems["window"] = next(iter(wp.values()))
        form = IntakeForm(
            customer_name=self._v("in-name"),
            phone=self._v("in-phone"),
            address=self._v("in-address"),
            product_model=self._v("in-model"),
            serial_no=self._v("in-serial"),
            purchase_date=purchase,
            symptom=self._v("in-symptom"),
            requested_start=start,
            requested_end=end,
            service_type=self._v("in-type") or "repair",
            source=self._v("in-source") or "phone",
            notes=self._v("in-notes"),
        )
        return form, problems

    def _recheck(self) -> None:
        form, problems = self.read_form()
        prior = self.history.prior if self.history is not None else ()
        self.findings = check_form(form, self.ref, prior)
        state = FormState(
            form, self.values, problems, self.findings, frozenset(self.touched), self.history
        )
        district = district_of(form.address, self.ref.ctx.districts) if form.address else ""
        for name, (text, level) in field_messages(state, self.ref, district).items():
            if name in self._refused:
                text, level = self._refused[name], "error"
            self.query_one(f"#msg-{name}", FieldMessage).say(text, level)
        for name in ("serial", "notes"):
            self.query_one(f"#msg-{name}", FieldMessage).say(self._refused.get(name, ""), "error")
        self._show_consult()
        hist = self.query_one(HistoryPanel)
        marks = tuple((f.kind, f.with_ticket_no) for f in self.findings if f.with_ticket_no)
        if getattr(hist, "shown", None) != (id(self.history), marks):
            hist.shown = (id(self.history), marks)  # type: ignore[attr-defined]
            hist.show(self.history, self.findings, self.ref.ctx.policy.repeat_repair_days)
        text, level = summary(
            self.findings, self._v("in-consult"), self.ref.ctx.policy.consult_callback_hours
        )
        if form.is_empty():
            text = ""
        self.query_one("#in-summary", FieldMessage).say(text, level)

    def _show_consult(self) -> None:
        misuse = next((f for f in self.findings if f.kind == MISUSE), None)
        box = self.query_one("#in-consult-box")
        if (misuse is not None) != box.display:
            box.display = misuse is not None
        if misuse is not None and misuse.evidence != self._consult_shown:
            self._consult_shown = misuse.evidence
            hours = f"{self.ref.ctx.policy.consult_callback_hours:g}"
            self.query_one("#in-consult-title", Static).update(
                Content(t("in.consult.title", hours=hours))
            )
            self.query_one("#in-consult-why", Static).update(Content("\n".join(misuse.evidence)))
