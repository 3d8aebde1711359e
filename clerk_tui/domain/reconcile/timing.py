"""Lateness and callback rules of the end-of-day reconciliation [H 三.3, 六.1, 七.1]; pure."""

from __future__ import annotations

from datetime import datetime, time

from clerk_tui.domain.findings import Evidence, Finding, code_label
from clerk_tui.domain.reconcile.inputs import (
    CALLBACK_REASON_LABEL,
    FAIRLY_SATISFIED,
    SATISFIED,
    UNSATISFIED,
    CallbackInfo,
    CardInfo,
    DayData,
    hm,
    minutes_between,
)


def _lateness(data: DayData, c: CardInfo) -> int | None:
    v = data.index.visit.get(c.ticket_no)
    if v is None or v.appointment_start is None or c.arrived_at is None:
        return None
    if v.appointment_start.date() != c.arrived_at.date():
        return None  # a visit on another day than booked is the orphan rule's concern
    return minutes_between(v.appointment_start, c.arrived_at)


def find_late_arrival(data: DayData) -> list[Finding]:
    """The engineer arrived after the appointment [H 三.3(1), 二.2: arrive 5–10 min early].

    Later than the policy threshold (15 min: apology and a small gift): medium; any
    lateness up to it: low, noted.
    """
    out: list[Finding] = []
    threshold = data.policy.lateness_threshold_minutes
    for c in data.cards:
        late = _lateness(data, c)
        if late is None or late <= 0:
            continue
        start = data.index.visit[c.ticket_no].appointment_start
        out.append(
            Finding(
                "late_arrival",
                "medium" if late > threshold else "low",
                (
                    Evidence(
                        "rec.ev.late",
                        {
                            "start": hm(start, data.day),
                            "arrived": hm(c.arrived_at, data.day),
                            "minutes": late,
                            "threshold": threshold,
                        },
                    ),
                ),
                ticket_no=c.ticket_no,
                engineer_id=c.engineer_code,
            )
        )
    return out


def find_late_no_call_ahead(data: DayData) -> list[Finding]:
    """Late without phoning the customer before the appointment time [H 三.3(1)]."""
    out: list[Finding] = []
    for c in data.cards:
        late = _lateness(data, c)
        if late is None or late <= 0 or c.called_ahead is True:
            continue
        said = (
            Evidence("rec.ev.called_ahead_no")
            if c.called_ahead is False
            else Evidence("rec.ev.called_ahead_blank")
        )
        out.append(
            Finding(
                "late_no_call_ahead",
                "medium",
                (Evidence("rec.ev.late_minutes", {"minutes": late}), said),
                ticket_no=c.ticket_no,
                engineer_id=c.engineer_code,
            )
        )
    return out


def _done(cb: CallbackInfo) -> bool:
    return cb.done_at is not None or (cb.called_at is not None and cb.reached is True)


OVERDUE_AFTER_MINUTES = 1
"""A callback is overdue once its due time has passed by at least this many whole minutes."""


def overdue_minutes(due_at: datetime | None, now: datetime) -> int:
    """Whole minutes a callback due at `due_at` is overdue at `now`; 0 while it is not.

    Overdue only once the due time has passed by OVERDUE_AFTER_MINUTES (a whole minute):
    a callback due now, or seconds ago, is due, not late, so no rule says "0 minutes late".
    """
    if due_at is None:
        return 0
    late = minutes_between(due_at, now)
    return late if late >= OVERDUE_AFTER_MINUTES else 0


def find_callback_overdue(data: DayData, now: datetime) -> list[Finding]:
    """A callback a whole minute or more past its due time and not yet made [H 七.1, 一.3(3)].

    Medium; high for a remedy callback after a falsified card [H 七.2: 及时回访]. Due
    times come from the rules that booked the callback: 2 h after a consultation, 3 h
    after an uncertain repair, at once for a follow-up or a remedy, by the policy's
    deadline (next day 12:00) for a verification callback.
    """
    ix = data.index
    out: list[Finding] = []
    for cb in data.callbacks:
        late = overdue_minutes(cb.due_at, now)
        if late == 0 or cb.due_at is None or _done(cb):
            continue
        # the reason's label; a reason the table does not know shows as its code
        reason = code_label(CALLBACK_REASON_LABEL, cb.reason) if cb.reason else "-"
        out.append(
            Finding(
                "callback_overdue",
                "high" if cb.reason == "remedy" else "medium",
                (
                    Evidence(
                        "rec.ev.callback_overdue",
                        {"due": hm(cb.due_at, data.day), "reason": reason, "minutes": late},
                    ),
                ),
                ticket_no=cb.ticket_no,
                engineer_id=ix.card_engineer(cb.ticket_no),
            )
        )
    return out


def _card_time(c: CardInfo, data: DayData) -> datetime:
    return (
        c.signed_at
        or c.finished_at
        or c.arrived_at
        or c.returned_at
        or datetime.combine(data.day, time())
    )


def last_unsatisfied(data: DayData) -> dict[str, datetime]:
    """Tickets whose customer said 不满意 and was not satisfied afterwards → when they said it."""
    ix = data.index
    said: dict[str, datetime] = {}
    for c in data.cards:
        if c.satisfaction == UNSATISFIED:
            at = _card_time(c, data)
            said[c.ticket_no] = max(at, said.get(c.ticket_no, at))
    for cb in data.callbacks:
        if cb.satisfied is False and cb.answered_at is not None:
            said[cb.ticket_no] = max(cb.answered_at, said.get(cb.ticket_no, cb.answered_at))
    open_: dict[str, datetime] = {}
    for ticket_no, at in said.items():
        later_ok = any(
            cb.satisfied is True and cb.answered_at and cb.answered_at > at
            for cb in ix.callbacks.get(ticket_no, ())
        )
        later_ok = later_ok or any(
            c.satisfaction in (SATISFIED, FAIRLY_SATISFIED) and _card_time(c, data) > at
            for c in ix.cards.get(ticket_no, ())
        )
        if not later_ok:
            open_[ticket_no] = at
    return open_


def find_unsatisfied_open(data: DayData) -> list[Finding]:
    """A customer said 不满意 (card or callback) and no later contact found them satisfied.

    [H 六.1, 七.1] an unsatisfied customer is followed up until satisfied. High when no
    follow-up is even planned; medium while one is pending.
    """
    ix = data.index
    out: list[Finding] = []
    for ticket_no, at in sorted(last_unsatisfied(data).items()):
        pending = [
            cb
            for cb in ix.callbacks.get(ticket_no, ())
            if not _done(cb) and cb.due_at and (cb.due_at >= at)
        ]
        evidence = [Evidence("rec.ev.unsatisfied_at", {"at": hm(at, data.day)})]
        if pending:
            due = hm(pending[0].due_at, data.day)
            evidence.append(Evidence("rec.ev.follow_up_pending", {"due": due}))
        else:
            evidence.append(Evidence("rec.ev.no_follow_up"))
        out.append(
            Finding(
                "unsatisfied_open",
                "medium" if pending else "high",
                tuple(evidence),
                ticket_no=ticket_no,
                engineer_id=ix.card_engineer(ticket_no),
            )
        )
    return out
