"""The forgery family: signs that a card's "satisfied" (满意) may not be the customer's own.

[S 9 五禁止] the engineer never signs for the customer (禁止代替用户在维修单据上签名);
[H 六.1] the customer rates and signs, never forced; [H 七.2] a "满意" not signed by the
customer is reconciled daily, falsification dealt with, the customer called back at once.
"""

from __future__ import annotations

import bisect
from datetime import datetime, timedelta

from clerk_tui.domain.findings import Evidence, Finding, code_label
from clerk_tui.domain.names import find_name, name_key, same_person
from clerk_tui.domain.reconcile.inputs import (
    FAIRLY_SATISFIED,
    SATISFIED,
    STATUS_LABEL,
    UNSERVED_STATES,
    CardInfo,
    DayData,
    assigned_elsewhere,
    hm,
)

FORGERY_KINDS = frozenset(
    {
        "engineer_signed",
        "signer_not_customer",
        "unsigned_satisfied",
        "signed_outside_visit",
        "card_for_unserved_ticket",
        "callback_contradiction",
        "engineer_pattern",
    }
)
# Relations that mean "the customer themself".
_SELF = frozenset({"", "本人", "self", "customer", "用户本人", "客户本人"})


def find_engineer_signed(data: DayData) -> list[Finding]:
    """The signer is the card's own engineer, or another engineer (evidence names who).

    [S 9] 禁止代替用户在维修单据上签名. High; medium only when the customer happens to bear
    the same name as that engineer.
    """
    ix = data.index
    out: list[Finding] = []
    for c in data.cards:
        engineers = ix.engineers_by_name.get(name_key(c.signer_name)) if c.signer_name else None
        if not engineers:
            continue
        own = next((e for e in engineers if e.code == c.engineer_code), None)
        if own is not None:
            evidence = [
                Evidence(
                    "rec.ev.signer_is_own_engineer",
                    {"signer": c.signer_name, "engineer": ix.engineer_label(own.code)},
                )
            ]
        else:
            evidence = [
                Evidence(
                    "rec.ev.signer_is_other_engineer",
                    {
                        "signer": c.signer_name,
                        "other": ", ".join(ix.engineer_label(e.code) for e in engineers),
                        "engineer": ix.engineer_label(c.engineer_code),
                    },
                )
            ]
        v = ix.visit.get(c.ticket_no)
        namesake = v is not None and (
            same_person(c.signer_name, v.customer_name)
            or find_name(c.signer_name, (n for n, _ in v.household))
        )
        if namesake:
            evidence.append(Evidence("rec.ev.signer_also_customer"))
        out.append(
            Finding(
                "engineer_signed",
                "medium" if namesake else "high",
                tuple(evidence),
                ticket_no=c.ticket_no,
                engineer_id=c.engineer_code,
            )
        )
    return out


def find_signer_not_customer(data: DayData) -> list[Finding]:
    """The signer is neither the customer nor a recorded household member.

    [H 三.3(2)] a nanny or relative may be the one at home; the card's relation must match
    the household on record. No relation (or "本人") and another name: high; a relation
    written on the card but not on record: medium.
    """
    ix = data.index
    out: list[Finding] = []
    for c in data.cards:
        v = ix.visit.get(c.ticket_no)
        if not c.signer_name or v is None or not v.customer_name:
            continue
        if name_key(c.signer_name) in ix.engineers_by_name:
            continue  # engineer_signed says it better
        if same_person(c.signer_name, v.customer_name):
            continue
        if find_name(c.signer_name, (n for n, _ in v.household)):
            continue
        members = "、".join(f"{n}({r})" if r else n for n, r in v.household)
        household = Evidence("rec.ev.household", {"members": members or Evidence("rec.ev.none")})
        relation = c.signer_relation.strip()
        if relation.casefold() in _SELF:
            evidence = (
                Evidence(
                    "rec.ev.signer_not_customer",
                    {"signer": c.signer_name, "customer": v.customer_name},
                ),
                household,
            )
            severity = "high"
        else:
            evidence = (
                Evidence(
                    "rec.ev.relation_not_recorded",
                    {"signer": c.signer_name, "relation": relation, "customer": v.customer_name},
                ),
                household,
            )
            severity = "medium"
        out.append(
            Finding(
                "signer_not_customer",
                severity,
                evidence,
                ticket_no=c.ticket_no,
                engineer_id=c.engineer_code,
            )
        )
    return out


def find_unsigned_satisfied(data: DayData) -> list[Finding]:
    """ "满意" on a card with no signature [H 七.2: 「满意」非用户所签]. 满意: high; 基本满意: medium."""
    out: list[Finding] = []
    for c in data.cards:
        if c.signature_present or c.satisfaction not in (SATISFIED, FAIRLY_SATISFIED):
            continue
        evidence = [Evidence("rec.ev.unsigned", {"satisfaction": c.satisfaction})]
        if c.signer_name:
            evidence.append(Evidence("rec.ev.name_without_signature", {"signer": c.signer_name}))
        out.append(
            Finding(
                "unsigned_satisfied",
                "high" if c.satisfaction == SATISFIED else "medium",
                tuple(evidence),
                ticket_no=c.ticket_no,
                engineer_id=c.engineer_code,
            )
        )
    return out


class _Timeline:
    """One engineer's visits sorted by arrival; answers "was he elsewhere at time T?" in O(log n).

    For each prefix of visits (by arrival) it keeps the two latest-ending visits of different
    tickets, so the visit being checked can be excluded without a scan.
    """

    def __init__(self, cards: list[CardInfo]) -> None:
        spans = sorted(
            ((c.arrived_at, c.finished_at, c) for c in cards if c.arrived_at and c.finished_at),
            key=lambda span: span[0],
        )
        self.starts: list[datetime] = [arrived for arrived, _, _ in spans]
        # per prefix: up to two (finished, card) of different tickets, latest-ending first
        self.best: list[tuple[tuple[datetime, CardInfo], ...]] = []
        top: tuple[tuple[datetime, CardInfo], ...] = ()
        for _, finished, c in spans:
            kept = [x for x in top if x[1].ticket_no != c.ticket_no or x[0] > finished]
            if all(x[1].ticket_no != c.ticket_no for x in kept):
                kept.append((finished, c))
            top = tuple(sorted(kept, key=lambda x: x[0], reverse=True)[:2])
            self.best.append(top)

    def elsewhere(self, moment: datetime, ticket_no: str) -> CardInfo | None:
        i = bisect.bisect_left(self.starts, moment)
        if i == 0:
            return None
        for finished, other in self.best[i - 1]:
            if other.ticket_no != ticket_no and finished > moment:
                return other
        return None


def find_signed_outside_visit(data: DayData) -> list[Finding]:
    """Signed before the engineer arrived (high), more than the policy's minutes after he left
    (medium), or while the same engineer's other card puts him at another customer (high).

    [H 六.1] the customer signs on completion, with the engineer there.
    """
    ix = data.index
    leave = timedelta(minutes=data.policy.signed_after_leave_minutes)
    out: list[Finding] = []
    for code, cards in ix.cards_of_engineer.items():
        if not code:
            continue  # cards with no engineer cannot place anyone
        timeline = _Timeline(cards)
        for c in cards:
            s = c.signed_at
            if s is None:
                continue
            evidence: list[Evidence] = []
            severity = ""
            if c.arrived_at and s < c.arrived_at:
                evidence.append(
                    Evidence(
                        "rec.ev.signed_before_arrival",
                        {"signed": hm(s, data.day), "arrived": hm(c.arrived_at, data.day)},
                    )
                )
                severity = "high"
            if c.finished_at and s > c.finished_at + leave:
                evidence.append(
                    Evidence(
                        "rec.ev.signed_after_leaving",
                        {
                            "signed": hm(s, data.day),
                            "left": hm(c.finished_at, data.day),
                            "minutes": data.policy.signed_after_leave_minutes,
                        },
                    )
                )
                severity = severity or "medium"
            other = timeline.elsewhere(s, c.ticket_no)
            if other is not None:
                evidence.append(
                    Evidence(
                        "rec.ev.signed_while_elsewhere",
                        {
                            "signed": hm(s, data.day),
                            "other": other.ticket_no,
                            "arrived": hm(other.arrived_at, data.day),
                            "left": hm(other.finished_at, data.day),
                        },
                    )
                )
                severity = "high"
            if evidence:
                out.append(
                    Finding(
                        "signed_outside_visit",
                        severity,
                        tuple(evidence),
                        ticket_no=c.ticket_no,
                        engineer_id=code,
                        with_ticket_no=other.ticket_no if other else "",
                    )
                )
    return out


def find_card_for_unserved_ticket(data: DayData) -> list[Finding]:
    """A card for a ticket that was cancelled (or transferred, or settled by phone), or that
    belongs to another engineer: there was no visit by this engineer to sign for [H 七.2]. High."""
    ix = data.index
    out: list[Finding] = []
    for c in data.cards:
        v = ix.visit.get(c.ticket_no)
        if v is None:
            continue
        if v.status in UNSERVED_STATES:
            status = code_label(STATUS_LABEL, v.status)
            evidence = Evidence("rec.ev.ticket_unserved", {"status": status})
        elif assigned_elsewhere(v, c):
            evidence = Evidence(
                "rec.ev.ticket_other_engineer",
                {
                    "assigned": ix.engineer_label(v.engineer_code),
                    "engineer": ix.engineer_label(c.engineer_code),
                },
            )
        else:
            continue
        out.append(
            Finding(
                "card_for_unserved_ticket",
                "high",
                (evidence,),
                ticket_no=c.ticket_no,
                engineer_id=c.engineer_code,
            )
        )
    return out
