"""Ticket-information field checks [H 一.1]: severities, required fields, whom to ask, per-field rules."""

from __future__ import annotations

from datetime import date, datetime

from clerk_tui.domain.findings import N_, Evidence, Finding
from clerk_tui.domain.validation.address import ADDRESS_PART_LABEL, missing_address_parts
from clerk_tui.domain.validation.phone import PHONE_MESSAGE, check_phone
from clerk_tui.domain.validation.ticket_info import TicketInfo, ValidationContext

ELLIPSIS = "..."  # the end of clipped text (the same in every language)

# One severity per kind; `missing_field` is graded by the field (MISSING_FIELD_SEVERITY).
SEVERITY: dict[str, str] = {
    "missing_field": "medium",
    "invalid_phone": "high",  # nobody can be reached to confirm anything
    "incomplete_address": "medium",
    "unknown_model": "medium",
    "purchase_date_future": "medium",
    "purchase_before_release": "medium",
    "duplicate_ticket": "medium",
    "repeat_repair": "medium",
    "likely_misuse": "low",  # a chance to save a visit, not an error
    "invalid_window": "medium",
    "unclear_symptom": "low",
    "part_unavailable": "medium",
}
MISSING_FIELD_SEVERITY: dict[str, str] = {
    "customer_name": "medium",
    "phone": "high",
    "address": "high",
    "product_model": "medium",
    "purchase_date": "medium",
    "symptom": "medium",
    "requested_window": "medium",
}
FIELD_LABEL: dict[str, str] = {
    "customer_name": N_("val.field.customer_name"),
    "phone": N_("val.field.phone"),
    "address": N_("val.field.address"),
    "product_model": N_("val.field.product_model"),
    "purchase_date": N_("val.field.purchase_date"),
    "symptom": N_("val.field.symptom"),
    "requested_window": N_("val.field.requested_window"),
}
"""The message id naming each ticket field a finding can point at."""
# What the customer must have told us, by service type [H 一.1].
_ALL_FIELDS = tuple(MISSING_FIELD_SEVERITY)
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "repair": _ALL_FIELDS,
    "install": tuple(f for f in _ALL_FIELDS if f != "symptom"),
    "maintenance": tuple(f for f in _ALL_FIELDS if f != "symptom"),
    "consult": ("customer_name", "phone", "product_model", "symptom"),
}


def next_contact(source: str, dispatcher_checked: bool = False) -> str:
    """Whom to ask about missing or doubtful ticket information [H 一.1–2].

    Check first with the dispatcher who sent the job (派工的信息员或调度); only if that
    fails, with the customer. A ticket taken by phone or at the counter has no
    dispatcher to ask, so the customer is called straight away.
    """
    if source == "center" and not dispatcher_checked:
        return "ask_dispatcher"
    return "call_customer"


def _finding(
    ticket: TicketInfo, kind: str, field_name: str, *evidence: Evidence, **extra: str
) -> Finding:
    extra.setdefault("next_step", next_contact(ticket.source, ticket.dispatcher_checked))
    severity = extra.pop("severity", SEVERITY[kind])
    return Finding(kind, severity, evidence, ticket_no=ticket.ticket_no, field=field_name, **extra)


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + ELLIPSIS


def _when(value: datetime | date | None) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if value else ""


def _present(ticket: TicketInfo, field_name: str) -> bool:
    if field_name == "requested_window":
        return ticket.requested_start is not None or ticket.requested_end is not None
    value = getattr(ticket, field_name)
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def check_missing_fields(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] name, address, phone, model, purchase date, symptom, wanted time: one finding each."""
    required = REQUIRED_FIELDS.get(ticket.service_type, _ALL_FIELDS)
    return [
        _finding(
            ticket,
            "missing_field",
            name,
            Evidence("val.missing", {"field": Evidence(FIELD_LABEL[name])}),
            severity=MISSING_FIELD_SEVERITY[name],
        )
        for name in required
        if not _present(ticket, name)
    ]


def check_phone_valid(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] 电话错: a phone that cannot be a mainland mobile or landline (with area code)."""
    if not ticket.phone.strip():
        return []
    checked = check_phone(ticket.phone)
    if checked.valid:
        return []
    return [
        _finding(
            ticket,
            "invalid_phone",
            "phone",
            Evidence(PHONE_MESSAGE[checked.reason], {"phone": _clip(ticket.phone)}),
        )
    ]


def check_address_complete(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] 地址不详: district, street, door number, building and room of the visit address."""
    if not ticket.address.strip():
        return []
    missing = missing_address_parts(ticket.address, ctx.districts)
    if not missing:
        return []
    parts = tuple(
        Evidence(ADDRESS_PART_LABEL[part]) for part in missing
    )  # a list, shown "、"-joined
    evidence = Evidence(
        "val.address.incomplete", {"address": _clip(ticket.address), "parts": parts}
    )
    return [_finding(ticket, "incomplete_address", "address", evidence)]


def check_model_known(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1, 一.3(2)] 无产品型号: a model not in the catalog (so no warranty or parts known)."""
    if not ticket.product_model.strip() or ctx.model(ticket.product_model) is not None:
        return []
    evidence = Evidence("val.model.unknown", {"model": _clip(ticket.product_model)})
    return [_finding(ticket, "unknown_model", "product_model", evidence)]


def check_purchase_not_future(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] 购买日期: a purchase date after today cannot be right."""
    if ticket.purchase_date is None or ticket.purchase_date <= ctx.today:
        return []
    evidence = Evidence(
        "val.purchase.future", {"purchase": _when(ticket.purchase_date), "today": _when(ctx.today)}
    )
    return [_finding(ticket, "purchase_date_future", "purchase_date", evidence)]


def check_purchase_after_release(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1, 一.3(2)] a purchase before the model was on sale: the date or the model is wrong."""
    info = ctx.model(ticket.product_model)
    if ticket.purchase_date is None or info is None or info.release_date is None:
        return []
    if ticket.purchase_date >= info.release_date:
        return []
    evidence = Evidence(
        "val.purchase.before_release",
        {
            "purchase": _when(ticket.purchase_date),
            "model": info.model,
            "release": _when(info.release_date),
        },
    )
    return [_finding(ticket, "purchase_before_release", "purchase_date", evidence)]


def check_requested_window(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] 用户要求: a requested visit time that ends before it starts."""
    start, end = ticket.requested_start, ticket.requested_end
    if start is None or end is None or end > start:
        return []
    evidence = Evidence("val.window.reversed", {"start": _when(start), "end": _when(end)})
    return [_finding(ticket, "invalid_window", "requested_window", evidence)]
