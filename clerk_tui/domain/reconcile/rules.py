"""The end-of-day reconciliation's rules as one table: kind, severities, manual section, function.

"Why was this flagged?" starts here: each row names the FORMATS `kind` a rule reports, the
severities it can give (worst first), the section of the manual it enforces (H = the outlet
handbook, S = the service standard) and the pure function that finds it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from clerk_tui.domain.findings import Finding, Severity
from clerk_tui.domain.reconcile import fees, forgery, forgery_callbacks, presence, timing
from clerk_tui.domain.reconcile.inputs import DayData

RuleFunction = Callable[[DayData, datetime], list[Finding]]


def _any_time(find: Callable[[DayData], list[Finding]]) -> RuleFunction:
    """A rule that does not depend on the hour of the run."""

    @functools.wraps(find)
    def run(data: DayData, now: datetime) -> list[Finding]:
        return find(data)

    return run


@dataclass(frozen=True)
class Rule:
    """One reconciliation rule: what it reports, how badly, on which section, by which function."""

    kind: str  # FORMATS `reconcile` kind
    severity: tuple[Severity, ...]  # the severities it can give, worst first
    section: str  # the manual's section it cites, e.g. "H 七.2", "S 9"
    function: RuleFunction


RULES: tuple[Rule, ...] = (
    # cards and slips handed back [H 六, 七.2]
    Rule("missing_card", ("medium",), "H 七.2", presence.find_missing_card),
    Rule("late_card", ("medium", "low"), "H 七.2", _any_time(presence.find_late_card)),
    Rule("orphan_card", ("high", "medium"), "H 七.2", _any_time(presence.find_orphan_card)),
    Rule(
        "duplicate_card", ("high", "medium"), "DESIGN §3", _any_time(presence.find_duplicate_card)
    ),
    Rule("missing_slip", ("medium", "low"), "H 六.1", presence.find_missing_slip),
    # forgery: a "满意" that may not be the customer's own [S 9, H 六.1, 七.2]
    Rule("engineer_signed", ("high", "medium"), "S 9", _any_time(forgery.find_engineer_signed)),
    Rule(
        "signer_not_customer",
        ("high", "medium"),
        "H 三.3(2)",
        _any_time(forgery.find_signer_not_customer),
    ),
    Rule(
        "unsigned_satisfied",
        ("high", "medium"),
        "H 七.2",
        _any_time(forgery.find_unsigned_satisfied),
    ),
    Rule(
        "signed_outside_visit",
        ("high", "medium"),
        "H 六.1",
        _any_time(forgery.find_signed_outside_visit),
    ),
    Rule(
        "card_for_unserved_ticket",
        ("high",),
        "H 七.2",
        _any_time(forgery.find_card_for_unserved_ticket),
    ),
    Rule(
        "callback_contradiction",
        ("high",),
        "H 七.1–2",
        _any_time(forgery_callbacks.find_callback_contradiction),
    ),
    Rule(
        "engineer_pattern",
        ("high",),
        "H 七.1–2",
        _any_time(forgery_callbacks.find_engineer_pattern),
    ),
    # fees [H 五.3]
    Rule("overcharge", ("high", "medium"), "H 五.3", _any_time(fees.find_overcharge)),
    Rule("fee_without_receipt", ("medium",), "H 五.3", _any_time(fees.find_fee_without_receipt)),
    # lateness and callbacks [H 三.3, 六.1, 七.1]
    Rule("late_arrival", ("medium", "low"), "H 三.3(1)", _any_time(timing.find_late_arrival)),
    Rule("late_no_call_ahead", ("medium",), "H 三.3(1)", _any_time(timing.find_late_no_call_ahead)),
    Rule("callback_overdue", ("high", "medium"), "H 七.1", timing.find_callback_overdue),
    Rule("unsatisfied_open", ("high", "medium"), "H 七.1", _any_time(timing.find_unsatisfied_open)),
)
"""Every kind of FORMATS `reconcile`, plus fee_without_receipt; run in this order."""

RULE_OF: dict[str, Rule] = {rule.kind: rule for rule in RULES}
"""The rule reporting each kind."""
