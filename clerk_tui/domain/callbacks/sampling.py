"""Callbacks the rules create: due callbacks [H 一.3(3), 七.1] and the daily verification sample.

Pure: the sample, its deadline and which sampled tickets another callback already covers.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from clerk_tui.domain.callbacks.due import (
    CONSULT,
    FOLLOW_UP,
    REMEDY,
    UNCERTAIN_REPAIR,
    VERIFICATION,
    callback_due,
)
from clerk_tui.domain.findings import Finding
from clerk_tui.domain.policy import Policy
from clerk_tui.domain.reconcile.forgery import FORGERY_KINDS
from clerk_tui.domain.reconcile.inputs import CallbackInfo, CardInfo, DayData
from clerk_tui.domain.reconcile.timing import last_unsatisfied

# The callback reasons live with their due times (`due.py`); re-exported for this module's users.
__all__ = ["CONSULT", "UNCERTAIN_REPAIR", "FOLLOW_UP", "REMEDY", "VERIFICATION"]
__all__ += ["VERIFY_KINDS", "CallbackDue", "callbacks_due", "high_risk_tickets"]
__all__ += ["verification_sample", "verification_due", "covered_by_other_callbacks"]

# Findings that put a card on the verification queue whatever the sample says.
VERIFY_KINDS = FORGERY_KINDS | {"duplicate_card"}


@dataclass(frozen=True)
class CallbackDue:
    """A callback to put on the queue. `basis` is the event it answers; `key` is rerun-stable."""

    ticket_no: str
    reason: str  # consult / uncertain_repair / follow_up / remedy
    due_at: datetime
    basis: datetime
    engineer_id: str = ""

    @property
    def key(self) -> str:
        return f"{self.ticket_no}|{self.reason}|{self.basis:%Y-%m-%dT%H:%M}"


def _already(existing: Sequence[CallbackInfo], reason: str, basis: datetime) -> bool:
    return any(
        cb.reason == reason and cb.due_at is not None and cb.due_at >= basis for cb in existing
    )


def callbacks_due(
    data: DayData, now: datetime, confirmed_forgeries: Iterable[str] = ()
) -> list[CallbackDue]:
    """The callbacks the day's records call for, minus those already on the queue.

    - consultation by phone: policy.consult_callback_hours (2 h) after it [H 一.2(1), 一.3(3)];
    - a repair the engineer was not sure of (repair_confident N):
      policy.uncertain_repair_callback_hours after he finished (3 h; ceramics 168 h) [H 七.1, C 七.1];
    - a customer left unsatisfied: a follow-up at once, until satisfied [H 六.1, 七.1];
    - a forgery the supervisor confirmed (`confirmed_forgeries`, ticket numbers): a remedy call
      at once [H 七.2: 及时回访用户采取补救措施].
    Due times come from `due.callback_due`. A callback of the same ticket and reason due at
    or after the event already covers it.
    """
    ix = data.index
    policy = data.policy
    wanted: list[CallbackDue] = []
    for v in data.visits:
        if v.consulted_at and (v.service_type == "consult" or v.status == "consult_only"):
            due = callback_due(CONSULT, v.consulted_at, now=now, policy=policy)
            wanted.append(CallbackDue(v.ticket_no, CONSULT, due, v.consulted_at, v.engineer_code))
    for c in data.cards:
        finished = c.finished_at or c.signed_at or c.arrived_at or c.returned_at
        if not c.repair_confident and finished is not None:
            due = callback_due(UNCERTAIN_REPAIR, finished, now=now, policy=policy)
            wanted.append(
                CallbackDue(c.ticket_no, UNCERTAIN_REPAIR, due, finished, c.engineer_code)
            )
    for ticket_no, said_at in sorted(last_unsatisfied(data).items()):
        due = callback_due(FOLLOW_UP, said_at, now=now)
        wanted.append(CallbackDue(ticket_no, FOLLOW_UP, due, said_at, ix.card_engineer(ticket_no)))
    remedy_basis = datetime.combine(data.day, time())
    for ticket_no in sorted(set(confirmed_forgeries)):
        due = callback_due(REMEDY, remedy_basis, now=now)
        engineer = ix.card_engineer(ticket_no)
        wanted.append(CallbackDue(ticket_no, REMEDY, due, remedy_basis, engineer))
    out: dict[str, CallbackDue] = {}
    for cb in wanted:
        if cb.key not in out and not _already(
            ix.callbacks.get(cb.ticket_no, ()), cb.reason, cb.basis
        ):
            out[cb.key] = cb
    return sorted(out.values(), key=lambda cb: (cb.due_at, cb.ticket_no, cb.reason))


def _uniform(seed: int | str, ticket_no: str) -> float:
    """A number in (0, 1) fixed by seed and ticket: the sample does not depend on list order."""
    digest = hashlib.blake2b(f"{seed}|{ticket_no}".encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") + 1) / (2**64 + 2)


def high_risk_tickets(cards: Iterable[CardInfo], findings: Iterable[Finding]) -> set[str]:
    """Tickets every one of whose customers is called back to verify the card (DESIGN §3).

    A card with a high-severity forgery finding (VERIFY_KINDS), and every card of an
    engineer with a high `engineer_pattern` finding; only tickets that have a card.
    """
    cards = list(cards)
    findings = list(findings)
    suspect_engineers = {
        f.engineer_id
        for f in findings
        if f.kind == "engineer_pattern" and f.severity == "high" and f.engineer_id
    }
    high = {
        f.ticket_no
        for f in findings
        if f.severity == "high" and f.kind in VERIFY_KINDS and f.ticket_no
    }
    high |= {c.ticket_no for c in cards if c.engineer_code in suspect_engineers}
    return high & {c.ticket_no for c in cards}


def verification_sample(
    cards: Iterable[CardInfo],
    findings: Iterable[Finding],
    engineer_records: Mapping[str, int],
    rate: float,
    seed: int | str,
) -> list[str]:
    """Tickets whose customers get a verification callback today (DESIGN §3).

    Every high-risk card (`high_risk_tickets`) is in; of the rest, ceil(rate × n) are
    drawn without replacement, deterministically from `seed`, each weighted 1 + the
    engineer's past confirmed flags (`engineer_records`: engineer code → count).
    High-risk tickets come first, then the sample, each group sorted by ticket number.
    """
    cards = list(cards)
    high = high_risk_tickets(cards, findings)
    engineer_of: dict[str, str] = {}
    for c in cards:
        engineer_of.setdefault(c.ticket_no, c.engineer_code)
    others = sorted(set(engineer_of) - high)
    k = min(len(others), math.ceil(max(0.0, min(rate, 1.0)) * len(others)))
    # Efraimidis–Spirakis: keep the k largest log(u)/w (weighted sampling without replacement).
    ranked = sorted(
        others,
        key=lambda n: (
            -math.log(_uniform(seed, n)) / (1 + max(0, engineer_records.get(engineer_of[n], 0))),
            n,
        ),
    )
    return sorted(high) + sorted(ranked[:k])


def verification_due(day: date, booked_at: datetime, policy: Policy) -> datetime:
    """When a verification callback of `day`'s cards booked at `booked_at` is due.

    The manuals set no hour for it: the card comes back the same day and the clerk
    reconciles daily and calls the customer back promptly (及时回访) [H 七.2, C 七.2]. So
    it is outlet policy: policy.verification_callback_days after the cards' day (or after
    the booking, when the sample is booked on a later day) at
    policy.verification_callback_hour:00 — by default the next day at 12:00. Never at or
    before the booking: a deadline already past moves on by a day. (`callback_due` with
    reason 'verification'.)
    """
    return callback_due(VERIFICATION, datetime.combine(day, time()), now=booked_at, policy=policy)


def _visited_at(card: CardInfo) -> datetime | None:
    return card.finished_at or card.signed_at or card.arrived_at or card.returned_at


def covered_by_other_callbacks(
    tickets: Iterable[str],
    callbacks: Iterable[CallbackInfo],
    cards: Iterable[CardInfo],
    day: date,
    due: datetime,
) -> set[str]:
    """Sampled tickets that need no verification callback of their own [H 七.1–2].

    A ticket is covered when its customer
    - already has an open callback (still on the queue: not done, not reached) of any
      reason due by the verification deadline `due`: that call asks the verification
      questions too (the answer dialog asks "did you sign? did the engineer come?" whenever
      there is a card, and the answer goes to the ticket's forgery flags whatever the
      callback's reason); or
    - was already called back and reached on or after `day`, and after the visit the day's
      card records (finished, signed, arrived or returned), so the call could speak of it.
    `callbacks` must leave out the sample's own verification callbacks of `day`, or a rerun
    would count the tickets it booked as covered.
    """
    wanted = set(tickets)
    start = datetime.combine(day, time())
    visited: dict[str, datetime] = {}
    for c in cards:
        at = _visited_at(c)
        if c.ticket_no in wanted and at is not None:
            visited[c.ticket_no] = max(at, visited.get(c.ticket_no, at))
    covered: set[str] = set()
    for cb in callbacks:
        if cb.ticket_no not in wanted:
            continue
        if cb.done_at is None and cb.reached is not True:  # still on the queue
            if cb.due_at is not None and cb.due_at <= due:
                covered.add(cb.ticket_no)
            continue
        said_at = cb.called_at or cb.done_at
        if cb.reached is False or said_at is None:  # closed without reaching the customer
            continue
        if said_at >= max(start, visited.get(cb.ticket_no, start)):
            covered.add(cb.ticket_no)
    return covered
