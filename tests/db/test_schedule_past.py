"""Times already past: never proposed, never booked; a day already past is history.

"Now" is the caller's clock (the app's `now()`, frozen here), never read inside the rules.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from test_schedule_seed import DAY, NOW, at, count, seed_day

from clerk_tui.db.models import Appointment, AuditEntry, Contact, Ticket
from clerk_tui.services.schedule.actions import Actor, ScheduleError, assign, move
from clerk_tui.services.schedule.conflicts import (
    alternatives,
    conflicts_report,
    history_reason,
)
from clerk_tui.services.schedule.consent import CustomerAnswer, record_answer
from clerk_tui.services.schedule.day import load_day

CLERK = Actor(None, "xinxi")
NEXT = DAY + timedelta(days=1)


def _appt(db, appointment_id) -> Appointment:
    with db.read() as s:
        return s.get(Appointment, appointment_id)


def _ticket(db, ticket_id) -> Ticket:
    with db.read() as s:
        return s.get(Ticket, ticket_id)


def _written(db) -> tuple[int, int, int]:
    return count(db, Contact), count(db, Appointment), count(db, AuditEntry)


def _consent(db, seeded, no: str) -> None:
    a = _appt(db, seeded.appointments[no])
    answer = CustomerAnswer(True, "客户本人", "phone", NOW, "同意改时间")
    record_answer(db, CLERK, appointment_id=a.id, seen_version=a.version, answer=answer, now=NOW)


def _move(db, a: Appointment, code: str, start: datetime, end: datetime, now: datetime):
    return move(
        db,
        CLERK,
        appointment_id=a.id,
        seen_version=a.version,
        engineer_code=code,
        start=start,
        end=end,
        now=now,
    )


# -- changes ------------------------------------------------------------------------------
def test_rescheduling_today_to_a_start_already_past_is_refused_and_nothing_is_written(db):
    seeded = seed_day(db)
    _consent(db, seeded, "T2")
    a = _appt(db, seeded.appointments["T2"])
    tk = _ticket(db, seeded.tickets["T2"])
    before = _written(db)
    with pytest.raises(ScheduleError, match="已经过去") as refused:
        _move(db, a, "E2", at("11:00"), at("12:30"), now=at("18:50"))
    assert "11-22 11:00" in str(refused.value) and "11-22 18:50" in str(refused.value)
    assert _written(db) == before
    after = _appt(db, a.id)
    assert (after.version, after.status, after.start) == (a.version, "planned", a.start)
    now_tk = _ticket(db, tk.id)
    assert (now_tk.version, now_tk.requested_start) == (tk.version, tk.requested_start)
    # the consent is not used up: a time still to come goes through
    moved = _move(db, a, "E2", at("19:00"), at("19:45"), now=at("18:50"))
    assert moved.kind == "rescheduled"


def test_reassigning_a_visit_whose_start_has_passed_is_refused(db):
    seeded = seed_day(db)
    a = _appt(db, seeded.appointments["T2"])  # 10:00 with E1
    before = _written(db)
    with pytest.raises(ScheduleError, match="已经过去"):
        _move(db, a, "E2", a.start, a.end, now=at("10:20"))
    assert _written(db) == before and _appt(db, a.id).version == a.version


def test_a_start_in_the_current_minute_is_still_to_come(db):
    seeded = seed_day(db)
    a = _appt(db, seeded.appointments["T2"])
    moved = _move(db, a, "E2", a.start, a.end, now=a.start + timedelta(seconds=40))
    assert moved.kind == "reassigned"


def test_assigning_a_waiting_ticket_to_a_start_already_past_is_refused(db):
    seeded = seed_day(db)
    before = _written(db)
    with pytest.raises(ScheduleError, match="已经过去"):
        assign(
            db,
            CLERK,
            ticket_no="T5",
            engineer_code="E2",
            start=at("15:00"),
            end=at("16:30"),
            now=at("15:05"),
        )
    assert _written(db) == before
    assert _ticket(db, seeded.tickets["T5"]).status == "ready"
    assign(
        db,
        CLERK,
        ticket_no="T5",
        engineer_code="E2",
        start=at("09:00", NEXT),
        end=at("10:30", NEXT),
        now=at("15:05"),
    )


# -- proposals ----------------------------------------------------------------------------
def test_todays_proposals_never_start_before_now_rounded_up_to_the_grid(db):
    seed_day(db)
    view = load_day(db, DAY)
    now = at("12:10")
    offered = 0
    for f in view.findings:
        proposals = alternatives(db, view, f, now=now)
        offered += len(proposals)
        assert all(p.start >= at("12:15") for p in proposals), (f, proposals)
    assert offered  # not vacuous
    unrestricted = [p for f in view.findings for p in alternatives(db, view, f)]
    assert any(p.start < now for p in unrestricted)  # the limit did remove something


def test_late_in_the_day_the_next_day_is_offered_instead(db):
    seed_day(db)
    view = load_day(db, DAY)
    t2 = next(f for f in view.findings if f.ticket_no == "T2")
    proposals = alternatives(db, view, t2, now=at("18:50"))
    assert proposals and all(p.start.date() == NEXT for p in proposals)
    assert proposals != alternatives(db, view, t2)


def test_a_later_day_is_not_restricted(db):
    seed_day(db)
    view = load_day(db, DAY)
    yesterday_evening = at("20:00", DAY - timedelta(days=1))
    for f in view.findings:
        assert alternatives(db, view, f, now=yesterday_evening) == alternatives(db, view, f)
    assert history_reason(DAY, yesterday_evening) == ""


def test_a_day_already_past_is_history_with_no_proposals_and_says_so(db):
    seed_day(db)
    view = load_day(db, DAY)
    tomorrow = at("08:00", NEXT)
    assert view.findings
    assert all(alternatives(db, view, f, now=tomorrow) == [] for f in view.findings)
    assert "2026-11-22" in history_reason(DAY, tomorrow) and "历史" in history_reason(DAY, tomorrow)
    report = conflicts_report(db, DAY, now=tomorrow)
    assert report["conflicts"] and all(c["alternatives"] == [] for c in report["conflicts"])
