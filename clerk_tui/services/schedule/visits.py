"""Late engineers and visits that failed at the door [H 二.3, 三.3]: logged, with what follows.

`record_late` stores the engineer's "running N minutes late" on the appointment; the
schedule then reminds the clerk to phone the customer before the appointment time
(`schedule.Reminder`), and `record_call_ahead` logs that call: the apology (and small
gift beyond the policy's threshold) accepted, or refused, which books the after-sales
manager's visit (a Contact with party 'manager', outcome 'manager_visit').
`record_failed_visit` logs why a visit could not be done; the manual's manager visit
follows where it says so, and the visit is then rescheduled with the customer's consent.
"""

from __future__ import annotations

from datetime import datetime

from clerk_tui.domain.schedule.lateness import (
    call_ahead_outcome,
    call_ahead_owed,
    describe_lateness,
    failed_visit_action,
    lateness_response,
)
from clerk_tui.i18n import t
from clerk_tui.i18n.evidence import render
from clerk_tui.services import audit
from clerk_tui.services.database import Database
from clerk_tui.services.daylock import ensure_day_open
from clerk_tui.services.reference import load_policy
from clerk_tui.services.schedule.actions import (
    Actor,
    ScheduleError,
    _appointment,
    _bump,
    _contact,
    _open_visit,
    _ticket,
)

MAX_LATE_MINUTES = 600


def record_late(
    db: Database,
    actor: Actor,
    *,
    appointment_id: int,
    seen_version: int,
    minutes: int,
    now: datetime,
) -> str:
    """The engineer says he will be `minutes` late; returns what the customer is owed."""
    if not 0 < minutes <= MAX_LATE_MINUTES:
        raise ScheduleError(t("sc.err.late_range", most=MAX_LATE_MINUTES))
    policy = load_policy(db)
    with db.session() as s:
        appt, tk = _open_visit(s, appointment_id, seen_version)
        before = appt.late_minutes
        _bump(s, appt, seen_version, late_minutes=minutes)
        response = lateness_response(minutes, policy)
        note = t(
            "sc.note.late",
            minutes=minutes,
            start=appt.start.strftime("%H:%M"),
            what=render(describe_lateness(minutes, response)),
        )
        _contact(s, tk, actor, now, "engineer", "late", note)
        audit.record(
            s,
            user=actor.username,
            action="schedule.late",
            entity="appointment",
            entity_id=appt.id,
            before={"late_minutes": before},
            after={"late_minutes": minutes},
            at=now,
        )
        return response


def record_call_ahead(
    db: Database,
    actor: Actor,
    *,
    appointment_id: int,
    accepted: bool,
    now: datetime,
    note: str = "",
) -> str:
    """The clerk phoned the customer about the late arrival; returns the response given.

    Refused: the after-sales manager visits to apologise in person (售后经理上门道歉)."""
    policy = load_policy(db)
    with db.session() as s:
        appt = _appointment(s, appointment_id, None)
        tk = _ticket(s, appt.ticket_id)
        late = appt.late_minutes or 0
        if not call_ahead_owed(late):
            raise ScheduleError(t("sc.err.not_late", no=tk.ticket_no))
        ensure_day_open(s, outlet_id=tk.outlet_id, day=appt.start.date())
        result = call_ahead_outcome(late, policy, accepted)
        response, outcome = result.response, result.contact_outcome
        text = t(
            "sc.note.call_ahead",
            what=render(describe_lateness(late, result.offered)),
            answer=t("sc.answer.accepted") if accepted else t("sc.answer.refused"),
            note=note.strip() or "-",
        )
        _contact(s, tk, actor, now, "customer", outcome, text)
        if result.manager_visit:
            _contact(
                s,
                tk,
                actor,
                now,
                "manager",
                "manager_visit",
                render(describe_lateness(late, response)),
            )
        audit.record(
            s,
            user=actor.username,
            action="schedule.call_ahead",
            entity="ticket",
            entity_id=tk.ticket_no,
            before=None,
            after={"outcome": outcome, "response": response},
            at=now,
        )
        return response


def record_failed_visit(
    db: Database,
    actor: Actor,
    *,
    appointment_id: int,
    seen_version: int,
    reason: str,
    now: datetime,
    note: str = "",
) -> bool:
    """The visit could not be done (用户不在家, 停电, 不让进门 ...); True when the manager must visit.

    The appointment keeps its place with the reason as its outcome until it is rescheduled
    (with the customer's consent) or handed back to the center."""
    try:
        action = failed_visit_action(reason)
    except ValueError:
        raise ScheduleError(t("sc.err.fail_reason")) from None
    with db.session() as s:
        appt, tk = _open_visit(s, appointment_id, seen_version)
        before = appt.outcome
        _bump(s, appt, seen_version, outcome=reason)
        text = t("sc.note.failed", what=render(action.describe()), note=note.strip() or "-")
        _contact(s, tk, actor, now, "engineer", "visit_failed", text)
        if action.manager_visit:
            _contact(s, tk, actor, now, "manager", "manager_visit", render(action.describe()))
        audit.record(
            s,
            user=actor.username,
            action="schedule.failed_visit",
            entity="appointment",
            entity_id=appt.id,
            before={"outcome": before},
            after={"outcome": reason},
            at=now,
        )
        return action.manager_visit
