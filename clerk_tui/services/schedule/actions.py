"""What the clerk does to the schedule: assign, reassign, reschedule with consent, unassign, transfer.

Each function is one user action in one write transaction: the day lock is checked
first, appointments change only if their version is still the one the clerk saw
(`StaleAppointment` otherwise), every step is logged as a Contact on the ticket and
in the audit log, and the ticket's owner (首问负责) is never touched. A visit moves to
another time only after the customer's consent was recorded [H 一.2(2)]: the latest
consent-related contact of the ticket must be 'consent' (a reschedule uses it up); the
decision is `domain.schedule.consent.check_reschedule`.
Nothing is booked or moved to a start already past (`check_not_past`, against the
caller's `now`: the app's clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select, update
from sqlmodel import Session, col

from clerk_tui.db.models import Appointment, Contact, Engineer, EngineerLeave, Ticket
from clerk_tui.domain.schedule.consent import is_reschedule, reschedule_allowed
from clerk_tui.i18n import t
from clerk_tui.services import audit
from clerk_tui.services.database import Database
from clerk_tui.services.daylock import ensure_day_open
from clerk_tui.services.schedule.day import CONSENT_OUTCOMES, OPEN

GRID_START = time(7, 0)  # the schedule's day: visits are booked between these times
GRID_END = time(20, 0)


class ScheduleError(ValueError):
    """The action cannot be done; the message is one sentence for the screen."""


class StaleAppointment(ScheduleError):
    """Someone else changed the appointment since the clerk saw it."""


@dataclass(frozen=True)
class Actor:
    """Who acts: the logged-in user's id and name (CurrentUser fits)."""

    id: int | None
    username: str


@dataclass(frozen=True)
class Moved:
    """What a move did: 'reassigned' (same time) or 'rescheduled' (new appointment)."""

    kind: str
    appointment_id: int
    ticket_no: str
    previous_engineer: str  # code, "" when there was none


def _hm(moment: datetime) -> str:
    return moment.strftime("%m-%d %H:%M")


def check_times(start: datetime, end: datetime) -> None:
    """A visit ends after it starts, on the same day, between GRID_START and GRID_END."""
    if end <= start:
        raise ScheduleError(t("sc.err.end_before_start", start=_hm(start), end=_hm(end)))
    if end.date() != start.date() or start.time() < GRID_START or end.time() > GRID_END:
        raise ScheduleError(
            t(
                "sc.err.outside_day",
                start=_hm(start),
                end=_hm(end),
                first=GRID_START.strftime("%H:%M"),
                last=GRID_END.strftime("%H:%M"),
            )
        )


def check_not_past(start: datetime, now: datetime) -> None:
    """A visit cannot be booked, reassigned or rescheduled to a start before `now` (to the minute)."""
    if start < now.replace(second=0, microsecond=0):
        raise ScheduleError(t("sc.err.start_past", start=_hm(start), now=_hm(now)))


def _engineer(s: Session, code: str, day) -> Engineer:
    eng = s.execute(select(Engineer).where(col(Engineer.code) == code.strip())).scalars().first()
    if eng is None:
        raise ScheduleError(t("sc.err.unknown_engineer", code=code))
    if not eng.active:
        raise ScheduleError(t("sc.err.engineer_inactive", code=eng.code, name=eng.name))
    leave = s.execute(
        select(col(EngineerLeave.id)).where(
            col(EngineerLeave.engineer_id) == eng.id, col(EngineerLeave.day) == day
        )
    ).first()
    if leave is not None:
        raise ScheduleError(t("sc.err.engineer_on_leave", code=eng.code, name=eng.name))
    return eng


def _ticket(s: Session, ticket_id: int) -> Ticket:
    tk = s.get(Ticket, ticket_id)
    if tk is None:
        raise StaleAppointment(t("sc.err.stale"))
    return tk


def _ticket_by_no(s: Session, ticket_no: str) -> Ticket:
    no = ticket_no.strip()
    tk = (
        s.execute(select(Ticket).where(col(Ticket.ticket_no) == no)).scalars().first()
        if no
        else None
    )
    if tk is None:
        raise ScheduleError(t("sc.err.unknown_ticket", no=ticket_no))
    return tk


def _appointment(s: Session, appointment_id: int, seen_version: int | None) -> Appointment:
    appt = s.get(Appointment, appointment_id)
    if appt is None:
        raise StaleAppointment(t("sc.err.stale"))
    if seen_version is not None and appt.version != seen_version:
        raise StaleAppointment(t("sc.err.stale"))
    return appt


def _open_visit(
    s: Session, appointment_id: int, seen_version: int | None
) -> tuple[Appointment, Ticket]:
    """The appointment (unchanged since seen) and its ticket; refused unless open on an unlocked day."""
    appt = _appointment(s, appointment_id, seen_version)
    tk = _ticket(s, appt.ticket_id)
    if appt.status != OPEN:
        raise ScheduleError(t("sc.err.not_open", no=tk.ticket_no))
    ensure_day_open(s, outlet_id=tk.outlet_id, day=appt.start.date())
    return appt, tk


def _bump(s: Session, appt: Appointment, seen_version: int, **values) -> None:
    """UPDATE the appointment only if its version is still `seen_version`; else refuse."""
    stmt = (
        update(Appointment)
        .where(col(Appointment.id) == appt.id, col(Appointment.version) == seen_version)
        .values(version=col(Appointment.version) + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if s.exec(stmt).rowcount != 1:
        raise StaleAppointment(t("sc.err.stale"))


def _touch_ticket(s: Session, tk: Ticket, now: datetime, **values) -> None:
    stmt = (
        update(Ticket)
        .where(col(Ticket.id) == tk.id, col(Ticket.version) == tk.version)
        .values(version=col(Ticket.version) + 1, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if s.exec(stmt).rowcount != 1:
        raise StaleAppointment(t("sc.err.stale_ticket", no=tk.ticket_no))


def _contact(
    s: Session, tk: Ticket, actor: Actor, at: datetime, party: str, outcome: str, note: str
) -> None:
    assert tk.id is not None  # loaded from the database
    s.add(
        Contact(ticket_id=tk.id, at=at, user_id=actor.id, party=party, outcome=outcome, note=note)
    )


def _state(appt: Appointment, code: str) -> dict:
    return {
        "engineer": code,
        "start": appt.start,
        "end": appt.end,
        "status": appt.status,
        "version": appt.version,
    }


def _code(s: Session, engineer_id: int | None) -> str:
    if engineer_id is None:
        return ""
    eng = s.get(Engineer, engineer_id)
    return eng.code if eng is not None else ""


def consent_state(s: Session, ticket_id: int) -> str:
    """The latest of consent / consent_refused / rescheduled on the ticket ("" if none)."""
    row = s.execute(
        select(col(Contact.outcome))
        .where(col(Contact.ticket_id) == ticket_id, col(Contact.outcome).in_(CONSENT_OUTCOMES))
        .order_by(col(Contact.id).desc())
        .limit(1)
    ).first()
    return row[0] if row else ""


def assign(
    db: Database,
    actor: Actor,
    *,
    ticket_no: str,
    engineer_code: str,
    start: datetime,
    end: datetime,
    now: datetime,
) -> int:
    """Book a waiting ticket with an engineer (派工); returns the new appointment's id."""
    check_times(start, end)
    check_not_past(start, now)
    with db.session() as s:
        tk = _ticket_by_no(s, ticket_no)
        assert tk.id is not None  # loaded from the database
        ensure_day_open(s, outlet_id=tk.outlet_id, day=start.date())
        if tk.status != "ready":
            raise ScheduleError(t("sc.err.not_waiting", no=tk.ticket_no))
        booked = s.execute(
            select(col(Appointment.id)).where(
                col(Appointment.ticket_id) == tk.id, col(Appointment.status) == OPEN
            )
        ).first()
        if booked is not None:
            raise ScheduleError(t("sc.err.already_booked", no=tk.ticket_no))
        eng = _engineer(s, engineer_code, start.date())
        appt = Appointment(ticket_id=tk.id, engineer_id=eng.id, start=start, end=end)
        s.add(appt)
        _touch_ticket(s, tk, now, status="scheduled", engineer_id=eng.id)
        note = t("sc.note.assigned", engineer=eng.code, start=_hm(start), end=end.strftime("%H:%M"))
        _contact(s, tk, actor, now, "engineer", "assigned", note)
        s.flush()
        audit.record(
            s,
            user=actor.username,
            action="schedule.assign",
            entity="appointment",
            entity_id=appt.id,
            before=None,
            after=_state(appt, eng.code),
            at=now,
        )
        assert appt.id is not None
        return appt.id


def move(
    db: Database,
    actor: Actor,
    *,
    appointment_id: int,
    seen_version: int,
    engineer_code: str,
    start: datetime,
    end: datetime,
    now: datetime,
) -> Moved:
    """Give the visit to `engineer_code` at `start`-`end`.

    Same time: a reassignment (转派), no consent needed. Another time: a reschedule (改约),
    refused unless the customer's consent is the ticket's latest consent record; the old
    appointment is kept as 'moved' and a new one is booked; the agreed time becomes the
    ticket's requested window. Refused when `start` is already past at `now`."""
    check_times(start, end)
    check_not_past(start, now)
    with db.session() as s:
        appt, tk = _open_visit(s, appointment_id, seen_version)
        ensure_day_open(s, outlet_id=tk.outlet_id, day=start.date())
        eng = _engineer(s, engineer_code, start.date())
        old_code = _code(s, appt.engineer_id)
        before = _state(appt, old_code)
        same_time = not is_reschedule((appt.start, appt.end), (start, end))
        if same_time and eng.id == appt.engineer_id:
            raise ScheduleError(t("sc.err.nothing_to_move", no=tk.ticket_no))
        if same_time:
            _bump(s, appt, seen_version, engineer_id=eng.id)
            note = t(
                "sc.note.reassigned",
                old=old_code or t("sc.unassigned"),
                new=eng.code,
                start=_hm(start),
            )
            _contact(s, tk, actor, now, "engineer", "reassigned", note)
            new_id, kind = appt.id, "reassigned"
        else:
            assert tk.id is not None  # loaded from the database
            if not reschedule_allowed(consent_state(s, tk.id)):
                raise ScheduleError(t("sc.err.no_consent", no=tk.ticket_no))
            _bump(s, appt, seen_version, status="moved")
            new = Appointment(ticket_id=tk.id, engineer_id=eng.id, start=start, end=end)
            s.add(new)
            s.flush()
            note = t(
                "sc.note.rescheduled",
                old=_hm(appt.start),
                new=_hm(start),
                old_eng=old_code or t("sc.unassigned"),
                new_eng=eng.code,
            )
            _contact(s, tk, actor, now, "customer", "rescheduled", note)
            new_id, kind = new.id, "rescheduled"
        if same_time:
            _touch_ticket(s, tk, now, engineer_id=eng.id)
        else:  # the customer agreed to the new time: it is now the time they asked for
            _touch_ticket(s, tk, now, engineer_id=eng.id, requested_start=start, requested_end=end)
        after = {"engineer": eng.code, "start": start, "end": end, "appointment": new_id}
        audit.record(
            s,
            user=actor.username,
            action="schedule.reassign" if same_time else "schedule.reschedule",
            entity="appointment",
            entity_id=appt.id,
            before=before,
            after=after,
            at=now,
        )
        assert new_id is not None
        return Moved(kind, new_id, tk.ticket_no, old_code)


def unassign(
    db: Database, actor: Actor, *, appointment_id: int, seen_version: int, now: datetime
) -> Moved:
    """Take the engineer off the visit; the time agreed with the customer stays booked."""
    with db.session() as s:
        appt = _appointment(s, appointment_id, seen_version)
        tk = _ticket(s, appt.ticket_id)
        if appt.status != OPEN:
            raise ScheduleError(t("sc.err.not_open", no=tk.ticket_no))
        if appt.engineer_id is None:
            raise ScheduleError(t("sc.err.already_unassigned", no=tk.ticket_no))
        ensure_day_open(s, outlet_id=tk.outlet_id, day=appt.start.date())
        old_code = _code(s, appt.engineer_id)
        before = _state(appt, old_code)
        _bump(s, appt, seen_version, engineer_id=None)
        _touch_ticket(s, tk, now, engineer_id=None)
        _contact(
            s,
            tk,
            actor,
            now,
            "engineer",
            "unassigned",
            t("sc.note.unassigned", engineer=old_code, start=_hm(appt.start)),
        )
        audit.record(
            s,
            user=actor.username,
            action="schedule.unassign",
            entity="appointment",
            entity_id=appt.id,
            before=before,
            after={"engineer": ""},
            at=now,
        )
        return Moved("unassigned", appointment_id, tk.ticket_no, old_code)
