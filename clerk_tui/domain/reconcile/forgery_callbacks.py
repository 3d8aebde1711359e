"""Forgery signs from callbacks: the customer's word against the card's [H 七.1–2]; pure."""

from __future__ import annotations

import math
from datetime import date

from clerk_tui.domain.findings import Evidence, Finding
from clerk_tui.domain.reconcile.inputs import (
    FAIRLY_SATISFIED,
    SATISFIED,
    CallbackInfo,
    CardInfo,
    DayData,
    hm,
)


def _disagreements(cb: CallbackInfo, cards: list[CardInfo], day: date) -> list[Evidence]:
    if cb.reached is False:
        return []
    said: list[Evidence] = []
    at = hm(cb.answered_at, day)
    if cb.satisfied is False and any(
        c.satisfaction in (SATISFIED, FAIRLY_SATISFIED) for c in cards
    ):
        sat = next(c.satisfaction for c in cards if c.satisfaction in (SATISFIED, FAIRLY_SATISFIED))
        said.append(Evidence("rec.ev.cb_not_satisfied", {"at": at, "satisfaction": sat}))
    if cb.customer_signed is False and any(c.signature_present for c in cards):
        signer = next((c.signer_name for c in cards if c.signature_present and c.signer_name), "-")
        said.append(Evidence("rec.ev.cb_not_signed", {"at": at, "signer": signer}))
    if cb.engineer_came is False:
        arrived = next((c.arrived_at for c in cards if c.arrived_at), None)
        said.append(Evidence("rec.ev.cb_nobody_came", {"at": at, "arrived": hm(arrived, day)}))
    return said


def find_callback_contradiction(data: DayData) -> list[Finding]:
    """A callback in which the customer says they were not satisfied, did not sign, or nobody
    came, while the card says 满意 / signed / arrived [H 七.1–2]. High, one per ticket."""
    ix = data.index
    out: list[Finding] = []
    for ticket_no, callbacks in ix.callbacks.items():
        cards = ix.cards.get(ticket_no)
        if not cards:
            continue
        evidence = [line for cb in callbacks for line in _disagreements(cb, cards, data.day)]
        if evidence:
            out.append(
                Finding(
                    "callback_contradiction",
                    "high",
                    tuple(evidence),
                    ticket_no=ticket_no,
                    engineer_id=cards[0].engineer_code,
                )
            )
    return out


def find_engineer_pattern(
    data: DayData, min_cards: int = 2, min_disagreeing: int = 1, share: float = 0.0
) -> list[Finding]:
    """An engineer whose cards are all 满意 while callbacks disagree on at least
    max(min_disagreeing, ceil(share × cards)) of his tickets [H 七.1–2]. High, one per engineer."""
    ix = data.index
    out: list[Finding] = []
    for code, cards in sorted(ix.cards_of_engineer.items()):
        if not code:
            continue
        if len(cards) < min_cards or any(c.satisfaction != SATISFIED for c in cards):
            continue
        tickets = sorted({c.ticket_no for c in cards})
        disagreeing = [
            n
            for n in tickets
            if any(_disagreements(cb, ix.cards[n], data.day) for cb in ix.callbacks.get(n, ()))
        ]
        needed = max(min_disagreeing, math.ceil(share * len(cards)))
        if len(disagreeing) < max(needed, 1):
            continue
        evidence = (
            Evidence(
                "rec.ev.all_satisfied", {"engineer": ix.engineer_label(code), "n": len(cards)}
            ),
            Evidence(
                "rec.ev.callbacks_disagree",
                {"n": len(disagreeing), "tickets": ", ".join(disagreeing)},
            ),
        )
        out.append(Finding("engineer_pattern", "high", evidence, engineer_id=code))
    return out
