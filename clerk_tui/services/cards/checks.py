"""What is already wrong with one card as it is typed: the reconciliation's pure rules over a one-card day.

The screen calls `card_warnings` on every change (a few microseconds: one card, one visit);
`saved_flags` says which findings are stored as flags the moment a card is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from clerk_tui.domain.findings import SEVERITY_ORDER, Finding
from clerk_tui.domain.reconcile import fees, forgery
from clerk_tui.domain.reconcile import presence as reconciliation
from clerk_tui.domain.reconcile.inputs import CardInfo, DayData

if TYPE_CHECKING:
    from clerk_tui.services.cards.ticket import CardContext

_ONE_CARD_RULES: tuple[Callable[[DayData], list[Finding]], ...] = (
    forgery.find_engineer_signed,
    forgery.find_signer_not_customer,
    forgery.find_unsigned_satisfied,
    forgery.find_signed_outside_visit,
    forgery.find_card_for_unserved_ticket,
    fees.find_overcharge,
    fees.find_fee_without_receipt,
    reconciliation.find_orphan_card,
    reconciliation.find_late_card,
)


def card_warnings(
    ctx: CardContext, card: CardInfo, certificate_fen: int | None = None
) -> list[Finding]:
    """Every finding the day's reconciliation would make about this card, most severe first.

    `certificate_fen`: the warranty certificate's fee as typed (else the one recorded, if any).
    """
    visit = ctx.ticket.visit if ctx.ticket is not None else None
    if visit is not None and certificate_fen is not None:
        visit = replace(visit, certificate_fee_fen=certificate_fen)
    visits = (visit,) if visit is not None else ()
    data = DayData(
        day=ctx.day,
        visits=visits,
        cards=(card,),
        engineers=ctx.engineers,
        fees=ctx.fees,
        policy=ctx.policy,
        outlet_code=ctx.outlet_code,
    )
    found = [f for rule in _ONE_CARD_RULES for f in rule(data)]
    if ctx.existing:
        both = DayData(
            day=ctx.day,
            visits=visits,
            cards=(*ctx.existing, card),
            engineers=ctx.engineers,
            policy=ctx.policy,
        )
        found += reconciliation.find_duplicate_card(both)
    return sorted(found, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.kind))


def saved_flags(
    day: date, card: CardInfo, earlier: Sequence[CardInfo], *, known: bool
) -> list[Finding]:
    """Findings flagged at once on saving: a second card for a ticket, a card for no known ticket."""
    out: list[Finding] = []
    if earlier:
        out += reconciliation.find_duplicate_card(DayData(day=day, cards=(*earlier, card)))
    if not known:
        out += reconciliation.find_orphan_card(DayData(day=day, cards=(card,)))
    return out
