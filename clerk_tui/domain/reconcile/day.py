"""One outlet's end-of-day reconciliation (对帐 [H 七.2]): every rule, merged, tallied, keyed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from clerk_tui.domain.findings import SEVERITY_ORDER, Finding, Renderer
from clerk_tui.domain.reconcile.inputs import SATISFIED, UNSATISFIED, UNSERVED_STATES, DayData
from clerk_tui.domain.reconcile.rules import RULES, Rule


def flag_key(day: date, outlet_code: str, finding: Finding) -> str:
    """The stable identity of a flag: day|outlet|kind|ticket|engineer|with_ticket.

    A rerun over the same day yields the same keys, so storage can upsert by key and never
    duplicate a flag or reopen a decided one. Fits Flag.key (200 characters) for FORMATS sizes.
    """
    parts = (
        day.isoformat(),
        outlet_code,
        finding.kind,
        finding.ticket_no,
        finding.engineer_id,
        finding.with_ticket_no,
    )
    return "|".join(p.replace("|", "/") for p in parts)


@dataclass(frozen=True)
class EngineerTally:
    """One engineer's day: tickets booked, cards back, 满意 cards, flags (FORMATS `engineers`)."""

    engineer_id: str
    name: str
    tickets: int
    cards_returned: int
    satisfied: int
    flags: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "engineer_id": self.engineer_id,
            "name": self.name,
            "tickets": self.tickets,
            "cards_returned": self.cards_returned,
            "satisfied": self.satisfied,
            "flags": self.flags,
        }


@dataclass(frozen=True)
class ReconcileResult:
    """The day's flags (most severe first), per-engineer tally and summary counts."""

    day: date
    outlet: str
    flags: tuple[Finding, ...]
    engineers: tuple[EngineerTally, ...]
    summary: dict[str, Any]

    def key(self, finding: Finding) -> str:
        return flag_key(self.day, self.outlet, finding)

    def as_dict(
        self, statuses: Mapping[str, str] | None = None, render: Renderer | None = None
    ) -> dict[str, Any]:
        """The FORMATS `reconcile` JSON; `statuses` maps flag keys to stored decisions,
        `render` makes the evidence text (see `Finding.as_dict`)."""
        statuses = statuses or {}
        flags = []
        for f in self.flags:
            item = f.as_dict(render)
            item.setdefault("engineer_id", "")
            item["status"] = statuses.get(self.key(f), "open")
            flags.append(item)
        return {
            "date": self.day.isoformat(),
            "outlet": self.outlet,
            "summary": dict(self.summary),
            "engineers": [e.as_dict() for e in self.engineers],
            "flags": flags,
        }


def _merge(findings: list[Finding], day: date, outlet: str) -> list[Finding]:
    """One finding per key: the most severe wins, evidence is joined without repeats."""
    merged: dict[str, Finding] = {}
    for f in findings:
        k = flag_key(day, outlet, f)
        old = merged.get(k)
        if old is None:
            merged[k] = f
            continue
        worse = f if SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[old.severity] else old
        evidence = tuple(dict.fromkeys(old.evidence + f.evidence))
        merged[k] = Finding(
            worse.kind,
            worse.severity,
            evidence,
            ticket_no=worse.ticket_no,
            field=worse.field,
            next_step=worse.next_step,
            engineer_id=worse.engineer_id,
            with_ticket_no=worse.with_ticket_no,
        )
    return list(merged.values())


def _tally(data: DayData, flags: list[Finding]) -> tuple[EngineerTally, ...]:
    ix = data.index
    tickets: Counter[str] = Counter(
        v.engineer_code
        for v in data.visits
        if v.engineer_code and v.visit_day == data.day and v.status not in UNSERVED_STATES
    )
    cards: Counter[str] = Counter(c.engineer_code for c in data.cards)
    satisfied: Counter[str] = Counter(
        c.engineer_code for c in data.cards if c.satisfaction == SATISFIED
    )
    flagged: Counter[str] = Counter(f.engineer_id for f in flags if f.engineer_id)
    codes = sorted(set(ix.engineer) | set(tickets) | set(cards) | set(flagged))
    return tuple(
        EngineerTally(
            code,
            ix.engineer[code].name if code in ix.engineer else "",
            tickets[code],
            cards[code],
            satisfied[code],
            flagged[code],
        )
        for code in codes
        if code and (tickets[code] or cards[code] or flagged[code])
    )


def reconcile_day(
    data: DayData, now: datetime, rules: Sequence[Rule] | None = None
) -> ReconcileResult:
    """Run every reconciliation rule (the table `rules.RULES`) over one outlet's day [H 七.2].

    Flags are merged by `flag_key` (a rerun gives the same set), sorted most severe first,
    then by ticket and kind.
    """
    found: list[Finding] = []
    for rule in RULES if rules is None else rules:
        found.extend(rule.function(data, now))
    flags = sorted(
        _merge(found, data.day, data.outlet_code),
        key=lambda f: (*f.sort_key(), f.engineer_id, f.with_ticket_no),
    )
    ix = data.index
    severities = Counter(f.severity for f in flags)
    summary = {
        "visits": sum(1 for v in data.visits if ix.visited_today(v)),
        "cards_returned": len(data.cards),
        "satisfied": sum(1 for c in data.cards if c.satisfaction == SATISFIED),
        "unsatisfied": sum(1 for c in data.cards if c.satisfaction == UNSATISFIED),
        "flags": len(flags),
        "high": severities["high"],
        "medium": severities["medium"],
        "low": severities["low"],
        "by_kind": dict(sorted(Counter(f.kind for f in flags).items())),
    }
    return ReconcileResult(data.day, data.outlet_code, tuple(flags), _tally(data, flags), summary)
