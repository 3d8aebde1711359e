"""Late engineers, calls ahead, failed visits and manager visits, on the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_schedule_seed import DAY, NOW, at, count, seed_day

from clerk_tui.db.models import Appointment, Contact
from clerk_tui.services.schedule.actions import Actor, ScheduleError, StaleAppointment
from clerk_tui.services.schedule.day import load_day
from clerk_tui.services.schedule.visits import (
    record_call_ahead,
    record_failed_visit,
    record_late,
)

CLERK = Actor(None, "xinxi")


def _appt(db, appointment_id):
    with db.read() as s:
        return s.get(Appointment, appointment_id)


def _late(db, seeded, no, minutes):
    a = _appt(db, seeded.appointments[no])
    return record_late(
        db, CLERK, appointment_id=a.id, seen_version=a.version, minutes=minutes, now=NOW
    )


def test_a_late_engineer_puts_a_call_before_the_appointment_on_the_list(db):
    seeded = seed_day(db)
    assert _late(db, seeded, "T3", 20) == "apology_and_gift"
    (reminder,) = load_day(db, DAY).reminders
    assert (reminder.ticket_no, reminder.due) == ("T3", at("13:00") - timedelta(minutes=2))
    assert reminder.response == "apology_and_gift"
    assert _appt(db, seeded.appointments["T3"]).late_minutes == 20


def test_ten_minutes_late_is_an_apology(db):
    seeded = seed_day(db)
    assert _late(db, seeded, "T3", 10) == "apology"


def test_an_apology_accepted_clears_the_reminder_without_a_manager_visit(db):
    seeded = seed_day(db)
    _late(db, seeded, "T3", 10)
    record_call_ahead(db, CLERK, appointment_id=seeded.appointments["T3"], accepted=True, now=NOW)
    assert load_day(db, DAY).reminders == ()
    assert count(db, Contact, Contact.party == "manager") == 0


def test_an_apology_refused_books_the_managers_visit(db):
    seeded = seed_day(db)
    _late(db, seeded, "T3", 30)
    got = record_call_ahead(
        db, CLERK, appointment_id=seeded.appointments["T3"], accepted=False, now=NOW
    )
    assert got == "manager_visit"
    assert count(db, Contact, Contact.party == "manager", Contact.outcome == "manager_visit") == 1
    assert load_day(db, DAY).reminders == ()


def test_a_new_lateness_after_the_call_asks_for_another_call(db):
    seeded = seed_day(db)
    _late(db, seeded, "T3", 10)
    record_call_ahead(db, CLERK, appointment_id=seeded.appointments["T3"], accepted=True, now=NOW)
    _late(db, seeded, "T3", 40)
    assert [r.late_minutes for r in load_day(db, DAY).reminders] == [40]


@pytest.mark.parametrize("minutes", [0, -5, 601])
def test_impossible_late_minutes_are_refused(db, minutes):
    seeded = seed_day(db)
    with pytest.raises(ScheduleError):
        _late(db, seeded, "T3", minutes)
    assert _appt(db, seeded.appointments["T3"]).late_minutes is None


def test_no_call_ahead_for_a_visit_that_is_not_late(db):
    seeded = seed_day(db)
    with pytest.raises(ScheduleError):
        record_call_ahead(
            db, CLERK, appointment_id=seeded.appointments["T3"], accepted=True, now=NOW
        )


@pytest.mark.parametrize(
    ("reason", "manager"),
    [
        ("refused_entry", True),
        ("doubts_engineer", True),
        ("customer_out", False),
        ("power_cut", False),
        ("product_elsewhere", False),
    ],
)
def test_a_failed_visit_is_logged_and_the_manager_visits_where_the_manual_says(db, reason, manager):
    seeded = seed_day(db)
    a = _appt(db, seeded.appointments["T3"])
    got = record_failed_visit(
        db,
        CLERK,
        appointment_id=a.id,
        seen_version=a.version,
        reason=reason,
        now=NOW,
        note="邻居说出门了",
    )
    assert got is manager
    assert _appt(db, a.id).outcome == reason
    assert count(db, Contact, Contact.outcome == "visit_failed") == 1
    assert count(db, Contact, Contact.outcome == "manager_visit") == int(manager)


def test_a_failed_visit_with_an_old_version_is_refused(db):
    seeded = seed_day(db)
    a = _appt(db, seeded.appointments["T3"])
    _late(db, seeded, "T3", 10)
    with pytest.raises(StaleAppointment):
        record_failed_visit(
            db, CLERK, appointment_id=a.id, seen_version=a.version, reason="customer_out", now=NOW
        )
    with pytest.raises(ScheduleError):
        record_failed_visit(
            db,
            CLERK,
            appointment_id=a.id,
            seen_version=a.version + 1,
            reason="no_such_reason",
            now=NOW,
        )
