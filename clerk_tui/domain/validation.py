"""Ticket-information checks [H 一.1–2]: one pure function per rule, each returning findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime

from clerk_tui.domain.address import missing_address_parts
from clerk_tui.domain.findings import SEVERITY_ORDER, Finding
from clerk_tui.domain.phone import check_phone, phone_key
from clerk_tui.domain.states import OPEN_STATES
from clerk_tui.domain.ticket_info import (
    ModelInfo,
    PriorTicket,
    TicketInfo,
    ValidationContext,
    model_key,
    squeeze,
)
from clerk_tui.domain.warranty import WarrantyStatus, warranty_status
from clerk_tui.i18n import t

__all__ = [
    "MISSING_FIELD_SEVERITY",
    "REQUIRED_FIELDS",
    "RULES",
    "SEVERITY",
    "ModelInfo",
    "PriorTicket",
    "TicketInfo",
    "ValidationContext",
    "next_contact",
    "validate_ticket",
    "validate_tickets",
    "warranty_of",
]

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
# What the customer must have told us, by service type [H 一.1].
_ALL_FIELDS = tuple(MISSING_FIELD_SEVERITY)
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "repair": _ALL_FIELDS,
    "install": tuple(f for f in _ALL_FIELDS if f != "symptom"),
    "maintenance": tuple(f for f in _ALL_FIELDS if f != "symptom"),
    "consult": ("customer_name", "phone", "product_model", "symptom"),
}
_REPAIRED = frozenset({"completed", "closed"})
_VAGUE_SYMPTOMS = frozenset(
    "坏 坏了 坏掉了 不好用 不能用 用不了 有问题 出问题 有故障 故障 不行 不正常 维修 修理 报修 待查 "
    "未知 不详 不知道 broken fault repair".split()
)


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
    ticket: TicketInfo, kind: str, field_name: str, *evidence: str, **extra: str
) -> Finding:
    extra.setdefault("next_step", next_contact(ticket.source, ticket.dispatcher_checked))
    severity = extra.pop("severity", SEVERITY[kind])
    return Finding(kind, severity, evidence, ticket_no=ticket.ticket_no, field=field_name, **extra)


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + t("val.ellipsis")


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
            t("val.missing", field=t(f"val.field.{name}")),
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
            t(f"val.phone.{checked.reason}", phone=_clip(ticket.phone)),
        )
    ]


def check_address_complete(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] 地址不详: district, street, door number, building and room of the visit address."""
    if not ticket.address.strip():
        return []
    missing = missing_address_parts(ticket.address, ctx.districts)
    if not missing:
        return []
    parts = t("val.list_sep").join(t(f"val.addr.{part}") for part in missing)
    evidence = t("val.address.incomplete", address=_clip(ticket.address), parts=parts)
    return [_finding(ticket, "incomplete_address", "address", evidence)]


def check_model_known(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1, 一.3(2)] 无产品型号: a model not in the catalog (so no warranty or parts known)."""
    if not ticket.product_model.strip() or ctx.model(ticket.product_model) is not None:
        return []
    evidence = t("val.model.unknown", model=_clip(ticket.product_model))
    return [_finding(ticket, "unknown_model", "product_model", evidence)]


def check_purchase_not_future(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] 购买日期: a purchase date after today cannot be right."""
    if ticket.purchase_date is None or ticket.purchase_date <= ctx.today:
        return []
    evidence = t(
        "val.purchase.future", purchase=_when(ticket.purchase_date), today=_when(ctx.today)
    )
    return [_finding(ticket, "purchase_date_future", "purchase_date", evidence)]


def check_purchase_after_release(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1, 一.3(2)] a purchase before the model was on sale: the date or the model is wrong."""
    info = ctx.model(ticket.product_model)
    if ticket.purchase_date is None or info is None or info.release_date is None:
        return []
    if ticket.purchase_date >= info.release_date:
        return []
    evidence = t(
        "val.purchase.before_release",
        purchase=_when(ticket.purchase_date),
        model=info.model,
        release=_when(info.release_date),
    )
    return [_finding(ticket, "purchase_before_release", "purchase_date", evidence)]


def _same_product(ticket: TicketInfo, ctx: ValidationContext, prior: PriorTicket) -> bool:
    """Same model when both are known, else the same product category."""
    mine, theirs = model_key(ticket.product_model), model_key(prior.product_model)
    if mine and theirs:
        return mine == theirs
    own = ctx.model(ticket.product_model)
    other = prior.category or getattr(ctx.model(prior.product_model), "category", "")
    return bool(own and own.category and own.category == other)


def _others(ticket: TicketInfo, ctx: ValidationContext) -> Iterable[PriorTicket]:
    return (
        p for p in ctx.prior if p.ticket_no != ticket.ticket_no and _same_product(ticket, ctx, p)
    )


def _product(prior: PriorTicket) -> str:
    return _clip(prior.product_model or prior.category, 30)


def check_duplicate(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] an open ticket already exists for the same phone and product: one visit, not two."""
    if ticket.status not in OPEN_STATES:
        return []
    return [
        _finding(
            ticket,
            "duplicate_ticket",
            "ticket_no",
            t(
                "val.duplicate",
                other=p.ticket_no,
                product=_product(p),
                status=p.status,
                created=_when(p.created_at),
            ),
            with_ticket_no=p.ticket_no,
        )
        for p in _others(ticket, ctx)
        if p.status in OPEN_STATES
    ]


def check_repeat_repair(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.2(3)] 同类故障以前未处理好: the same product was repaired within policy.repeat_repair_days."""
    if ticket.service_type != "repair":
        return []
    now = ticket.created_at or datetime.combine(ctx.today, datetime.max.time())
    best: tuple[int, PriorTicket] | None = None
    for p in _others(ticket, ctx):
        if p.service_type != "repair" or p.status not in _REPAIRED or p.created_at is None:
            continue
        if p.created_at > now:
            continue
        days = (now.date() - p.created_at.date()).days
        if days <= ctx.policy.repeat_repair_days and (best is None or days < best[0]):
            best = (days, p)
    if best is None:
        return []
    days, p = best
    evidence = t(
        "val.repeat", days=days, other=p.ticket_no, product=_product(p), created=_when(p.created_at)
    )
    return [
        _finding(ticket, "repeat_repair", "product_model", evidence, with_ticket_no=p.ticket_no)
    ]


def check_misuse(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.2(1), 一.3(3)] 用户误报或使用不当: consult by phone, no visit, callback after 2 hours."""
    if ticket.service_type == "consult" or not ctx.misuse_index or not ticket.symptom:
        return []
    folded = squeeze(ticket.symptom)
    evidence = tuple(
        t("val.misuse", phrase=phrase, category=category, explanation=explanation)
        for key, phrase, category, explanation in ctx.misuse_index
        if key in folded
    )
    if not evidence:
        return []
    return [_finding(ticket, "likely_misuse", "symptom", *evidence, next_step="phone_consult")]


def check_requested_window(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1] 用户要求: a requested visit time that ends before it starts."""
    start, end = ticket.requested_start, ticket.requested_end
    if start is None or end is None or end > start:
        return []
    evidence = t("val.window.reversed", start=_when(start), end=_when(end))
    return [_finding(ticket, "invalid_window", "requested_window", evidence)]


def check_symptom_clear(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.1, 一.2(1)] 故障现象不详: "坏了" says nothing about the cause or the parts to bring."""
    if ticket.service_type in ("install", "maintenance") or len(ticket.symptom) > 40:
        return []
    folded = squeeze(ticket.symptom)
    if not folded:
        return []
    if len(folded) > 12:
        return []
    for word in ctx.product_words:
        folded = folded.replace(word, "")
    if len(folded) >= 2 and folded not in _VAGUE_SYMPTOMS:
        return []
    evidence = t("val.symptom.unclear", symptom=_clip(ticket.symptom))
    return [_finding(ticket, "unclear_symptom", "symptom", evidence)]


def check_part_stock(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.2(1)] 如果有可能无此备件,则马上领用或申请备件: a needed part not known to be in stock."""
    if not ticket.part_needed.strip() or ticket.part_in_stock:
        return []
    key = "val.part.out_of_stock" if ticket.part_in_stock is False else "val.part.stock_unknown"
    evidence = t(key, part=_clip(ticket.part_needed))
    return [
        _finding(ticket, "part_unavailable", "part_needed", evidence, next_step="requisition_part")
    ]


Rule = Callable[[TicketInfo, ValidationContext], list[Finding]]
RULES: tuple[Rule, ...] = (
    check_missing_fields,
    check_phone_valid,
    check_address_complete,
    check_model_known,
    check_purchase_not_future,
    check_purchase_after_release,
    check_duplicate,
    check_repeat_repair,
    check_misuse,
    check_requested_window,
    check_symptom_clear,
    check_part_stock,
)


def validate_ticket(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """All the rules on one ticket, most severe first (rule order within a severity)."""
    findings = [finding for rule in RULES for finding in rule(ticket, ctx)]
    findings.sort(key=lambda f: SEVERITY_ORDER.get(f.severity, 9))
    return findings


def warranty_of(ticket: TicketInfo, ctx: ValidationContext) -> WarrantyStatus:
    """The ticket's warranty status today (for Ticket.warranty_status and the intake form)."""
    return warranty_status(ctx.model(ticket.product_model), ticket.purchase_date, ctx.today)


def validate_tickets(
    tickets: Iterable[TicketInfo],
    ctx: ValidationContext,
    prior_by_phone: Mapping[str, Sequence[PriorTicket]] | None = None,
) -> list[Finding]:
    """All the rules on many tickets; `prior_by_phone` is keyed by `phone.phone_key(phone)`.

    Findings come most severe first, then by ticket number, kind and field.
    """
    findings: list[Finding] = []
    for ticket in tickets:
        here = ctx
        if prior_by_phone is not None:
            key = phone_key(ticket.phone)  # no phone: no way to tell whose tickets are whose
            here = ctx.with_prior(prior_by_phone.get(key, ()) if key else ())
        findings.extend(validate_ticket(ticket, here))
    findings.sort(key=Finding.sort_key)
    return findings
