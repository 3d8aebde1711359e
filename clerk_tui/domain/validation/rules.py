"""Ticket-information checks [H 一.1–2]: one pure function per rule, each returning findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime

from clerk_tui.domain.findings import SEVERITY_ORDER, Evidence, Finding
from clerk_tui.domain.states import OPEN_STATES
from clerk_tui.domain.validation.fields import (
    MISSING_FIELD_SEVERITY,
    REQUIRED_FIELDS,
    SEVERITY,
    _clip,
    _finding,
    _when,
    next_contact,
)
from clerk_tui.domain.validation.fields import check_address_complete as check_address_complete
from clerk_tui.domain.validation.fields import check_missing_fields as check_missing_fields
from clerk_tui.domain.validation.fields import check_model_known as check_model_known
from clerk_tui.domain.validation.fields import check_phone_valid as check_phone_valid
from clerk_tui.domain.validation.fields import (
    check_purchase_after_release as check_purchase_after_release,
)
from clerk_tui.domain.validation.fields import (
    check_purchase_not_future as check_purchase_not_future,
)
from clerk_tui.domain.validation.fields import check_requested_window as check_requested_window
from clerk_tui.domain.validation.phone import phone_key
from clerk_tui.domain.validation.ticket_info import (
    ModelInfo,
    PriorTicket,
    TicketInfo,
    ValidationContext,
    model_key,
    squeeze,
)
from clerk_tui.domain.warranty import WarrantyStatus, warranty_status

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

_REPAIRED = frozenset({"completed", "closed"})
_VAGUE_SYMPTOMS = frozenset(
    "坏 坏了 坏掉了 不好用 不能用 用不了 有问题 出问题 有故障 故障 不行 不正常 维修 修理 报修 待查 "
    "未知 不详 不知道 broken fault repair".split()
)


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
            Evidence(
                "val.duplicate",
                {
                    "other": p.ticket_no,
                    "product": _product(p),
                    "status": p.status,
                    "created": _when(p.created_at),
                },
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
    evidence = Evidence(
        "val.repeat",
        {
            "days": days,
            "other": p.ticket_no,
            "product": _product(p),
            "created": _when(p.created_at),
        },
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
        Evidence("val.misuse", {"phrase": phrase, "category": category, "explanation": explanation})
        for key, phrase, category, explanation in ctx.misuse_index
        if key in folded
    )
    if not evidence:
        return []
    return [_finding(ticket, "likely_misuse", "symptom", *evidence, next_step="phone_consult")]


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
    evidence = Evidence("val.symptom.unclear", {"symptom": _clip(ticket.symptom)})
    return [_finding(ticket, "unclear_symptom", "symptom", evidence)]


def check_part_stock(ticket: TicketInfo, ctx: ValidationContext) -> list[Finding]:
    """[H 一.2(1)] 如果有可能无此备件,则马上领用或申请备件: a needed part not known to be in stock."""
    if not ticket.part_needed.strip() or ticket.part_in_stock:
        return []
    part = {"part": _clip(ticket.part_needed)}
    if ticket.part_in_stock is False:
        evidence = Evidence("val.part.out_of_stock", part)
    else:
        evidence = Evidence("val.part.stock_unknown", part)
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
