"""The policy form (规则设置): one line per number, its error beside it; ctrl+s saves (the screen)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from clerk_tui.domain.policy import Policy
from clerk_tui.i18n import N_, t
from clerk_tui.i18n.labels import label
from clerk_tui.services.admin import FIELDS, check_policy, policy_texts
from clerk_tui.ui.common.form import FieldError

POLICY_FIELD: dict[str, str] = {
    "appointment_minutes.consult": N_("ad.pol.appointment_minutes.consult"),
    "appointment_minutes.install": N_("ad.pol.appointment_minutes.install"),
    "appointment_minutes.maintenance": N_("ad.pol.appointment_minutes.maintenance"),
    "appointment_minutes.repair": N_("ad.pol.appointment_minutes.repair"),
    "card_cutoff_hour": N_("ad.pol.card_cutoff_hour"),
    "consult_callback_hours": N_("ad.pol.consult_callback_hours"),
    "daily_capacity": N_("ad.pol.daily_capacity"),
    "lateness_threshold_minutes": N_("ad.pol.lateness_threshold_minutes"),
    "repeat_repair_days": N_("ad.pol.repeat_repair_days"),
    "signed_after_leave_minutes": N_("ad.pol.signed_after_leave_minutes"),
    "travel_buffer_minutes": N_("ad.pol.travel_buffer_minutes"),
    "uncertain_repair_callback_hours": N_("ad.pol.uncertain_repair_callback_hours"),
    "verification_callback_days": N_("ad.pol.verification_callback_days"),
    "verification_callback_hour": N_("ad.pol.verification_callback_hour"),
    "verification_sample_rate": N_("ad.pol.verification_sample_rate"),
}
"""The policy form's fields."""


def _fid(name: str) -> str:
    return "ad-p-" + name.replace(".", "-")


class PolicyForm(VerticalScroll):
    """Edits a copy of the policy it was filled with (`seen`, kept for the save's check)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.seen: Policy | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(t("ad.pol.intro")), classes="ad-hint")
        for f in FIELDS:
            with Horizontal(classes="ad-prow"):
                yield Static(Content(label(POLICY_FIELD, f.name)), classes="ad-plabel")
                yield Input(id=_fid(f.name), max_length=8, compact=True, classes="ad-pinput")
                yield FieldError(id=_fid(f.name) + "-error", classes="ad-perror")

    def fill(self, policy: Policy) -> None:
        """Show `policy` (the stored one) and remember it as what the form started from."""
        self.seen = policy
        for name, text in policy_texts(policy).items():
            self.query_one("#" + _fid(name), Input).value = text
        for err in self.query(FieldError):
            err.clear()

    def texts(self) -> dict[str, str]:
        return {f.name: self.query_one("#" + _fid(f.name), Input).value for f in FIELDS}

    def checked(self) -> Policy | None:
        """The policy typed, or None with every error shown beside its field."""
        if self.seen is None:
            return None
        errors, policy = check_policy(self.texts(), self.seen)
        first = True
        for f in FIELDS:
            err = self.query_one("#" + _fid(f.name) + "-error", FieldError)
            if f.name in errors:
                err.show(errors[f.name])
                if first:
                    self.query_one("#" + _fid(f.name), Input).focus()
                    first = False
            else:
                err.clear()
        return policy

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        if self.seen is None or not event.input.id:
            return
        name = next((f.name for f in FIELDS if _fid(f.name) == event.input.id), None)
        if name is None:
            return
        errors, _ = check_policy(self.texts(), self.seen)
        err = self.query_one("#" + _fid(name) + "-error", FieldError)
        if name in errors:
            err.show(errors[name])
        else:
            err.clear()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()
