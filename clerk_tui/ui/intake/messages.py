"""What the intake form says beside each field and on its summary line, from the typed form and its findings.

Pure functions (no widgets): `field_messages` maps a field name to (text, level) with
level ok / warn / error / info; a field the clerk has not left yet shows its problems
as info (muted), so a half-typed phone is not shouted at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from clerk_tui.domain.findings import Finding
from clerk_tui.domain.validation.phone import check_phone
from clerk_tui.domain.validation.ticket_info import model_key
from clerk_tui.domain.warranty import warranty_terms
from clerk_tui.i18n import N_, t, tn
from clerk_tui.i18n.labels import ADDRESS_PART, PHONE_PROBLEM, label
from clerk_tui.services.intake import MISUSE, History, IntakeForm, IntakeReference, status_for
from clerk_tui.ui.tickets.labels import clip

# Form field → the validation's field names that belong to it.
FIELD_OF = {
    "customer_name": "name",
    "phone": "phone",
    "address": "address",
    "product_model": "model",
    "purchase_date": "purchase",
    "symptom": "symptom",
    "requested_window": "window",
}
Message = tuple[str, str]


PHONE_KIND: dict[str, str] = {
    "landline": N_("in.m.phone.landline"),
    "mobile": N_("in.m.phone.mobile"),
    "other": N_("in.m.phone.other"),
}
"""The kinds of a valid phone number."""

WARRANTY_STATUS: dict[str, str] = {
    "in": N_("in.m.warranty.in"),
    "out": N_("in.m.warranty.out"),
    "parts_only": N_("in.m.warranty.parts_only"),
}
"""Where the purchase stands in its warranty (整机保修 / 仅部件保修 / 过保)."""

NEXT_STEP: dict[str, str] = {
    "ask_dispatcher": N_("in.next.ask_dispatcher"),
    "call_customer": N_("in.next.call_customer"),
    "phone_consult": N_("in.next.phone_consult"),
    "requisition_part": N_("in.next.requisition_part"),
}
"""The next step a ticket that needs information waits on."""


@dataclass(frozen=True)
class FormState:
    """The form as the message functions read it."""

    form: IntakeForm
    raw: Mapping[str, str]  # field name → text as typed (purchase, model, ...)
    problems: Mapping[str, str]  # field name → parse problem key (purchase, window)
    findings: Sequence[Finding]
    touched: frozenset[str]
    history: History | None


def _lvl(state: FormState, name: str, level: str = "error") -> str:
    return level if name in state.touched else "info"


def _kinds(state: FormState, name: str) -> dict[str, Finding]:
    return {f.kind: f for f in state.findings if FIELD_OF.get(f.field) == name}


def _missing(state: FormState, name: str) -> Message | None:
    if "missing_field" in _kinds(state, name) and name in state.touched:
        return t("in.m.missing"), "error"
    return None


def _phone(state: FormState) -> Message:
    value = state.form.phone
    if not value.strip():
        return _missing(state, "phone") or ("", "info")
    checked = check_phone(value)
    if not checked.valid:
        return t(PHONE_PROBLEM[checked.reason], phone=clip(value, 24)), _lvl(state, "phone")
    text = t("in.m.phone_ok", kind=label(PHONE_KIND, checked.kind), national=checked.national)
    h = state.history
    if h is not None:
        extra = tn("in.m.history_some", len(h.rows)) if h.rows else t("in.m.history_none")
        text = f"{text}  {extra}"
    return text, "ok"


def _address(state: FormState, ref: IntakeReference, district: str) -> Message:
    found = _kinds(state, "address").get("incomplete_address")
    if found is not None:
        from clerk_tui.domain.validation.address import missing_address_parts

        parts = missing_address_parts(state.form.address, ref.ctx.districts)
        names = t("val.list_sep").join(label(ADDRESS_PART, p) for p in parts)
        return t("in.m.address_lacks", parts=names), _lvl(state, "address")
    if state.form.address.strip():
        return t("in.m.address_ok", district=district) if district else "", "ok"
    return _missing(state, "address") or ("", "info")


def _model(state: FormState, ref: IntakeReference) -> Message:
    typed = state.form.product_model
    if not typed.strip():
        return _missing(state, "model") or ("", "info")
    info = ref.ctx.model(typed)
    if info is not None:
        return (
            t(
                "in.m.model_ok",
                category=info.category,
                whole=info.whole_warranty_months,
                parts=info.parts_warranty_months,
            ),
            "ok",
        )
    key = model_key(typed)
    n = sum(1 for name in ref.models if model_key(name).startswith(key))
    if n:
        return tn("in.m.model_matches", n), "info"
    return t("in.m.model_unknown"), _lvl(state, "model", "warn")


def _purchase(state: FormState, ref: IntakeReference) -> Message:
    problem = state.problems.get("purchase")
    if problem:
        level = "info" if problem == N_("in.err.date_incomplete") else "error"
        return t(problem), level if "purchase" in state.touched or level == "error" else "info"
    day = state.form.purchase_date
    if day is None:
        return _missing(state, "purchase") or ("", "info")
    kinds = _kinds(state, "purchase")
    if "purchase_date_future" in kinds:
        return t("in.m.future", today=ref.ctx.today.isoformat()), "warn"
    info = ref.ctx.model(state.form.product_model)
    if "purchase_before_release" in kinds and info is not None and info.release_date:
        return t("in.m.before_release", release=info.release_date.isoformat()), "warn"
    if info is None:
        return "", "info"
    terms = warranty_terms(info.whole_warranty_months, info.parts_warranty_months, day)
    today = ref.ctx.today
    status = (
        "in"
        if today <= terms.whole_until
        else "parts_only"
        if today <= terms.parts_until
        else "out"
    )
    text = t(
        WARRANTY_STATUS[status],
        whole=terms.whole_until.isoformat(),
        parts=terms.parts_until.isoformat(),
    )
    return text, "ok" if status == "in" else "warn"


def _symptom(state: FormState) -> Message:
    kinds = _kinds(state, "symptom")
    if MISUSE in kinds:
        return t("in.m.misuse"), "warn"
    if "unclear_symptom" in kinds:
        return t("in.m.symptom_unclear"), _lvl(state, "symptom", "warn")
    return _missing(state, "symptom") or ("", "info")


def _window(state: FormState) -> Message:
    problem = state.problems.get("window")
    if problem:
        return t(problem), "error"
    f = state.form
    if "invalid_window" in _kinds(state, "window"):
        return t("in.err.end_before_start"), "error"
    if f.requested_start and f.requested_end:
        end = f.requested_end.strftime("%H:%M")
        if f.requested_end.date() != f.requested_start.date():
            end = f.requested_end.strftime("%Y-%m-%d %H:%M")
        return t(
            "in.m.window_ok", start=f.requested_start.strftime("%Y-%m-%d %H:%M"), end=end
        ), "ok"
    return _missing(state, "window") or ("", "info")


def field_messages(
    state: FormState, ref: IntakeReference, district: str = ""
) -> dict[str, Message]:
    """(text, level) for every field that can have something to say."""
    return {
        "name": _missing(state, "name") or ("", "info"),
        "phone": _phone(state),
        "address": _address(state, ref, district),
        "model": _model(state, ref),
        "purchase": _purchase(state, ref),
        "symptom": _symptom(state),
        "window": _window(state),
    }


def summary(findings: Sequence[Finding], choice: str, consult_hours: float) -> Message:
    """The status the ticket would get on saving, and the next step when it needs information."""
    misuse = any(f.kind == MISUSE for f in findings)
    if misuse and choice == "consult":
        return t("in.sum.consult", hours=f"{consult_hours:g}"), "warn"
    settled = choice == "refused"
    if status_for(tuple(findings), misuse_settled=settled) == "ready":
        return t("in.sum.ready"), "ok"
    open_ = [f for f in findings if not (settled and f.kind == MISUSE)]
    step = open_[0].next_step
    return t("in.sum.needs_info", n=len(open_), next=label(NEXT_STEP, step)), "warn"
