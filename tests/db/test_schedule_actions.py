"""Moving visits on the database: reassign, reschedule only with consent, refusal, stale versions."""

from __future__ import annotations

import pytest
from sqlmodel import select
from test_schedule_seed import DAY, NOW, at, count, seed_day

from clerk_tui.db.models import Appointment, AuditEntry, BusinessDay, Contact, Ticket
from clerk_tui.services.daylock import DayLocked
from clerk_tui.services.schedule.actions import (
    Actor,
    ScheduleError,
    StaleAppointment,
    assign,
    move,
    unassign,
)
from clerk_tui.services.schedule.consent import CustomerAnswer, record_answer
from clerk_tui.services.schedule.day import load_day

CLERK = Actor(None, "xinxi")


def _appt(db, appointment_id):
    with db.read() as s:
        return s.get(Appointment, appointment_id)


def _ticket(db, ticket_id):
    with db.read() as s:
        return s.get(Ticket, ticket_id)


def _consent(db, seeded, no, agreed=True, back=False):
    a = _appt(db, seeded.appointments[no])
    answer = CustomerAnswer(agreed, "客户本人", "phone", NOW, "同意改到下午", back)
    return record_answer(
        db, CLERK, appointment_id=a.id, seen_version=a.version, answer=answer, now=NOW
    )


def test_reassigning_at_the_same_time_needs_no_consent_and_keeps_the_owner(db):
    seeded = seed_day(db)
    a = _appt(db, seeded.appointments["T2"])
    moved = move(
        db,
        CLERK,
        appointment_id=a.id,
        seen_version=a.version,
        engineer_code="E2",
        start=a.start,
        end=a.end,
        now=NOW,
    )
    assert moved.kind == "reassigned" and moved.previous_engineer == "E1"
    tk = _ticket(db, seeded.tickets["T2"])
    assert tk.owner_id == seeded.owner_id
    assert _appt(db, a.id).version == a.version + 1
    assert count(db, Contact, Contact.ticket_id == tk.id, Contact.outcome == "reassigned") == 1
    assert count(db, AuditEntry, AuditEntry.action == "schedule.reassign") == 1
    kinds = {f.kind for f in load_day(db, DAY).findings}
    assert "overlap" not in kinds


def test_another_time_is_refused_until_the_customer_agreed(db):
    seeded = seed_day(db)
    a = _appt(db, seeded.appointments["T2"])
    with pytest.raises(ScheduleError, match="用户同意"):
        move(
            db,
            CLERK,
            appointment_id=a.id,
            seen_version=a.version,
            engineer_code="E1",
            start=at("11:00"),
            end=at("12:30"),
            now=NOW,
        )
    assert _appt(db, a.id).status == "planned"
    assert _consent(db, seeded, "T2") == "consent"
    moved = move(
        db,
        CLERK,
        appointment_id=a.id,
        seen_version=a.version,
        engineer_code="E1",
        start=at("11:00"),
        end=at("12:30"),
        now=NOW,
    )
    assert moved.kind == "rescheduled" and moved.appointment_id != a.id
    assert _appt(db, a.id).status == "moved"
    assert count(db, AuditEntry, AuditEntry.action == "schedule.reschedule") == 1
    new = _appt(db, moved.appointment_id)
    assert (new.start, new.end, new.status) == (at("11:00"), at("12:30"), "planned")
    tk = _ticket(db, seeded.tickets["T2"])
    assert tk.owner_id == seeded.owner_id
    assert (tk.requested_start, tk.requested_end) == (at("11:00"), at("12:30"))
    with db.read() as s:
        notes = [
            c.note
            for c in s.exec(
                select(Contact).where(Contact.ticket_id == tk.id, Contact.outcome == "consent")
            )
        ]
    assert notes and "客户本人" in notes[0] and "电话" in notes[0]
    # the consent was used up by that move: another time needs another consent
    with pytest.raises(ScheduleError):
        move(
            db,
            CLERK,
            appointment_id=new.id,
            seen_version=new.version,
            engineer_code="E1",
            start=at("12:00"),
            end=at("13:30"),
            now=NOW,
        )


def test_a_refusal_after_consent_blocks_the_reschedule(db):
    seeded = seed_day(db)
    _consent(db, seeded, "T2")
    _consent(db, seeded, "T2", agreed=False)
    a = _appt(db, seeded.appointments["T2"])
    with pytest.raises(ScheduleError):
        move(
            db,
            CLERK,
            appointment_id=a.id,
            seen_version=a.version,
            engineer_code="E1",
            start=at("11:00"),
            end=at("12:30"),
            now=NOW,
        )


def test_a_refusal_can_hand_the_ticket_back_to_the_center(db):
    seeded = seed_day(db)
    assert _consent(db, seeded, "T2", agreed=False, back=True) == "transferred"
    tk = _ticket(db, seeded.tickets["T2"])
    assert (tk.status, tk.engineer_id, tk.owner_id) == ("transferred", None, seeded.owner_id)
    assert _appt(db, seeded.appointments["T2"]).status == "cancelled"
    outcomes = {(c.party, c.outcome) for c in _contacts(db, tk.id)}
    assert {("customer", "consent_refused"), ("center", "transferred")} <= outcomes
    assert "T2" not in {f.ticket_no for f in load_day(db, DAY).findings}


def _contacts(db, ticket_id):
    with db.read() as s:
        return list(s.exec(select(Contact).where(Contact.ticket_id == ticket_id)))


def test_the_second_of_two_clerks_moving_the_same_visit_is_refused(db):
    seeded = seed_day(db)
    a = _appt(db, seeded.appointments["T2"])
    move(
        db,
        CLERK,
        appointment_id=a.id,
        seen_version=a.version,
        engineer_code="E2",
        start=a.start,
        end=a.end,
        now=NOW,
    )
    with pytest.raises(StaleAppointment):
        unassign(db, Actor(None, "xinxi2"), appointment_id=a.id, seen_version=a.version, now=NOW)
    with db.read() as s:
        assert s.get(Appointment, a.id).engineer_id is not None  # the first clerk's change stays


@pytest.mark.parametrize(
    ("engineer", "start", "end", "says"),
    [
        ("E2", "12:00", "11:00", "不晚于"),
        ("E2", "19:30", "20:30", "不在当天"),
        ("E2", "06:00", "07:30", "不在当天"),
        ("E9", "12:00", "13:30", "没有工号"),
        ("E3", "12:00", "13:30", "停用"),
        ("E4", "12:00", "13:30", "请假"),
    ],
)
def test_bad_times_and_engineers_are_refused_and_nothing_changes(db, engineer, start, end, says):
    seeded = seed_day(db)
    _consent(db, seeded, "T2")
    a = _appt(db, seeded.appointments["T2"])
    before = count(db, Contact), count(db, Appointment), count(db, AuditEntry)
    with pytest.raises(ScheduleError, match=says):
        move(
            db,
            CLERK,
            appointment_id=a.id,
            seen_version=a.version,
            engineer_code=engineer,
            start=at(start),
            end=at(end),
            now=NOW,
        )
    assert (count(db, Contact), count(db, Appointment), count(db, AuditEntry)) == before
    assert _appt(db, a.id).version == a.version


def test_assigning_a_waiting_ticket_books_it_and_an_unknown_number_is_refused(db):
    seeded = seed_day(db)
    with pytest.raises(ScheduleError, match="没有单号"):
        assign(
            db,
            CLERK,
            ticket_no="T404",
            engineer_code="E2",
            start=at("15:00"),
            end=at("16:30"),
            now=NOW,
        )
    new_id = assign(
        db, CLERK, ticket_no="T5", engineer_code="E2", start=at("15:00"), end=at("16:30"), now=NOW
    )
    tk = _ticket(db, seeded.tickets["T5"])
    assert (tk.status, tk.owner_id) == ("scheduled", seeded.owner_id)
    view = load_day(db, DAY)
    assert view.waiting == () and view.plan.visit("T5").engineer_code == "E2"
    assert _appt(db, new_id).status == "planned"
    with pytest.raises(ScheduleError):
        assign(
            db,
            CLERK,
            ticket_no="T5",
            engineer_code="E2",
            start=at("15:00"),
            end=at("16:30"),
            now=NOW,
        )


def test_unassigning_keeps_the_time_and_shows_as_a_conflict(db):
    seeded = seed_day(db)
    a = _appt(db, seeded.appointments["T3"])
    unassign(db, CLERK, appointment_id=a.id, seen_version=a.version, now=NOW)
    got = _appt(db, a.id)
    assert (got.engineer_id, got.start, got.status) == (None, a.start, "planned")
    assert ("unassigned", "T3") in {(f.kind, f.ticket_no) for f in load_day(db, DAY).findings}


def test_a_signed_off_day_refuses_moves(db):
    seeded = seed_day(db)
    with db.session() as s:
        s.add(BusinessDay(outlet_id=seeded.outlet_id, day=DAY, state="signed_off"))
    a = _appt(db, seeded.appointments["T2"])
    with pytest.raises(DayLocked):
        move(
            db,
            CLERK,
            appointment_id=a.id,
            seen_version=a.version,
            engineer_code="E2",
            start=a.start,
            end=a.end,
            now=NOW,
        )
    assert _appt(db, a.id).version == a.version


def test_recheck_after_a_move_matches_a_full_check(db):
    seeded = seed_day(db)
    view = load_day(db, DAY)
    a = _appt(db, seeded.appointments["T4"])
    move(
        db,
        CLERK,
        appointment_id=a.id,
        seen_version=a.version,
        engineer_code="E1",
        start=a.start,
        end=a.end,
        now=NOW,
    )
    quick = load_day(db, DAY, previous=view, touched=("T4", ""))
    full = load_day(db, DAY)
    assert sorted(map(repr, quick.findings)) == sorted(map(repr, full.findings))
    assert "unassigned" not in {f.kind for f in quick.findings}
