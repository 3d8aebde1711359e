"""The intake form's live check as plain functions: the form read from what is typed, the consultation box's text.

No widget state here: `IntakeScreen._recheck` reads its values through these, checks
the form with the intake service and puts the result beside each field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from clerk_tui.domain.findings import Finding
from clerk_tui.domain.policy import Policy
from clerk_tui.i18n import t
from clerk_tui.i18n.evidence import render_all
from clerk_tui.services.intake import IntakeForm
from clerk_tui.ui.intake.layout import SELECTS
from clerk_tui.ui.intake.parse import parse_date, parse_window


def field_value(values: Mapping[str, str], id_: str) -> str:
    """A field's text as typed (a select's default when never changed)."""
    return values.get(id_, SELECTS.get(id_, ""))


def read_form(values: Mapping[str, str], today: date) -> tuple[IntakeForm, dict[str, str]]:
    """The form as typed (dates parsed) and the parse problems by field."""

    def v(id_: str) -> str:
        return field_value(values, id_)

    problems: dict[str, str] = {}
    purchase, p = parse_date(v("in-purchase"))
    if p:
        problems["purchase"] = p
    start, end, wp = parse_window(v("in-day"), v("in-start"), v("in-end"), today)
    if wp:
        problems["window"] = next(iter(wp.values()))
    form = IntakeForm(
        customer_name=v("in-name"),
        phone=v("in-phone"),
        address=v("in-address"),
        product_model=v("in-model"),
        serial_no=v("in-serial"),
        purchase_date=purchase,
        symptom=v("in-symptom"),
        requested_start=start,
        requested_end=end,
        service_type=v("in-type") or "repair",
        source=v("in-source") or "phone",
        notes=v("in-notes"),
    )
    return form, problems


def consult_title(policy: Policy) -> str:
    """The consultation box's heading: a callback within the policy's hours."""
    hours = f"{policy.consult_callback_hours:g}"
    return t("in.consult.title", hours=hours)


def consult_why(misuse: Finding) -> str:
    """Why the ticket looks like misuse (the finding's evidence), shown in the consultation box."""
    return "\n".join(render_all(misuse.evidence))
