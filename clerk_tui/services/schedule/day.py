"""The schedule of one day from the database: engineers, visits, conflicts, alternatives, reminders.

Reads only (every change is in `schedule_actions`). `load_day` builds the domain's
`DayPlan` from the engineers, their leave, the day's appointments with their tickets'
district, product category and requested window, the travel table and the policy,
and runs the conflict rules on it; `recheck` re-runs them only for the engineers a
change touched (`conflicts_touching`). Visits already done stay in the plan (they take
the engineer's time) but only open visits are reported: a done visit cannot be moved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select, true
from sqlmodel import col

from clerk_tui.db.models import Appointment, Contact, Engineer, EngineerLeave, ProductModel, Ticket
from clerk_tui.domain.findings import Finding
from clerk_tui.domain.policy import Policy
from clerk_tui.domain.schedule.consent import CONSENT_OUTCOMES
from clerk_tui.domain.schedule.dayplan import UNASSIGNED, DayPlan, EngineerDay, Visit
from clerk_tui.domain.schedule.lateness import call_ahead_due, call_ahead_owed, lateness_response
from clerk_tui.domain.schedule.rules import conflicts_touching, find_conflicts
from clerk_tui.services.database import Database
from clerk_tui.services.reference import load_policy, travel_minutes
from clerk_tui.services.schedule.rows import (
    OPEN,
    ApptRow,
    DayView,
    EngineerRow,
    Reminder,
    WaitingTicket,
)

IN_PLAN = ("planned", "done")  # appointment states that take the engineer's time
CALLED_AHEAD = ("apology_accepted", "apology_refused")
__all__ = ["ApptRow", "DayView", "EngineerRow", "Reminder", "WaitingTicket", "OPEN"]
__all__ += ["load_day", "load_plan", "recheck", "find_order"]


def _clock(text: str, default: time) -> time:
    try:
        return time.fromisoformat(text)
    except (TypeError, ValueError):
        return default


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def _engineers(s, day: date, outlet_id: int | None, extra: set[int]):
    cond = col(Engineer.outlet_id) == outlet_id if outlet_id is not None else true()
    if extra:
        cond = or_(cond, col(Engineer.id).in_(extra))
    rows = s.execute(select(Engineer).where(cond).order_by(col(Engineer.code))).scalars().all()
    ids = [e.id for e in rows]
    leave = set(
        s.execute(
            select(col(EngineerLeave.engineer_id)).where(
                col(EngineerLeave.day) == day, col(EngineerLeave.engineer_id).in_(ids)
            )
        ).scalars()
    )
    return rows, leave


def _appointments(s, day: date, outlet_id: int | None):
    lo, hi = _bounds(day)
    q = (
        select(
            col(Appointment.id),
            col(Appointment.version),
            col(Appointment.ticket_id),
            col(Ticket.ticket_no),
            col(Engineer.code),
            col(Appointment.engineer_id),
            col(Appointment.start),
            col(Appointment.end),
            col(Appointment.status),
            col(Appointment.late_minutes),
            col(Appointment.outcome),
            col(Ticket.district),
            col(ProductModel.category),
            col(Ticket.customer_name),
            col(Ticket.status),
            col(Ticket.requested_start),
            col(Ticket.requested_end),
            col(Ticket.service_type),
        )
        .join(Ticket, col(Ticket.id) == col(Appointment.ticket_id))
        .outerjoin(ProductModel, col(ProductModel.id) == col(Ticket.model_id))
        .outerjoin(Engineer, col(Engineer.id) == col(Appointment.engineer_id))
        .where(
            col(Appointment.start) >= lo,
            col(Appointment.start) < hi,
            col(Appointment.status).in_(IN_PLAN),
        )
        .order_by(col(Appointment.start), col(Appointment.id))
    )
    if outlet_id is not None:
        q = q.where(col(Ticket.outlet_id) == outlet_id)
    return s.execute(q).all()


def _consents(s, ticket_ids: list[int]) -> dict[int, str]:
    """The latest consent-related contact outcome of each ticket."""
    if not ticket_ids:
        return {}
    q = (
        select(col(Contact.ticket_id), col(Contact.outcome))
        .where(col(Contact.ticket_id).in_(ticket_ids), col(Contact.outcome).in_(CONSENT_OUTCOMES))
        .order_by(col(Contact.id))
    )
    return {tid: outcome for tid, outcome in s.execute(q)}


def _called_ahead(s, ticket_ids: list[int]) -> set[int]:
    """Tickets whose latest lateness-related contact is the call to the customer."""
    if not ticket_ids:
        return set()
    q = (
        select(col(Contact.ticket_id), col(Contact.outcome))
        .where(
            col(Contact.ticket_id).in_(ticket_ids),
            col(Contact.outcome).in_(("late", *CALLED_AHEAD)),
        )
        .order_by(col(Contact.id))
    )
    latest = {tid: outcome for tid, outcome in s.execute(q)}
    return {tid for tid, outcome in latest.items() if outcome in CALLED_AHEAD}


def _waiting(s, outlet_id: int | None, limit: int = 200) -> tuple[WaitingTicket, ...]:
    planned = select(col(Appointment.ticket_id)).where(col(Appointment.status) == OPEN)
    q = (
        select(
            col(Ticket.id),
            col(Ticket.ticket_no),
            col(Ticket.customer_name),
            col(Ticket.district),
            col(ProductModel.category),
            col(Ticket.service_type),
            col(Ticket.requested_start),
            col(Ticket.requested_end),
        )
        .outerjoin(ProductModel, col(ProductModel.id) == col(Ticket.model_id))
        .where(col(Ticket.status) == "ready", col(Ticket.id).not_in(planned))
        .order_by(col(Ticket.id))
        .limit(limit)
    )
    if outlet_id is not None:
        q = q.where(col(Ticket.outlet_id) == outlet_id)
    return tuple(
        WaitingTicket(i, no, name, dist or "", cat or "", st, rs, re)
        for i, no, name, dist, cat, st, rs, re in s.execute(q)
    )


def load_plan(
    db: Database,
    day: date,
    *,
    outlet_id: int | None = None,
    policy: Policy | None = None,
    travel: dict[tuple[str, str], int] | None = None,
) -> tuple[DayPlan, tuple[EngineerRow, ...], tuple[ApptRow, ...], set[int]]:
    """The day's plan, its engineers and appointments, and the tickets that were called ahead."""
    policy = policy or load_policy(db)
    travel = travel if travel is not None else travel_minutes(db)
    with db.read() as s:
        rows = _appointments(s, day, outlet_id)
        extra = {r[5] for r in rows if r[5] is not None}
        engs, leave = _engineers(s, day, outlet_id, extra)
        ticket_ids = sorted({r[2] for r in rows})
        consent = _consents(s, ticket_ids)
        called = _called_ahead(s, [r[2] for r in rows if r[9]])
    eng_rows: list[EngineerRow] = []
    days: dict[str, EngineerDay] = {}
    for e in engs:
        start, end = _clock(e.work_start, time(8, 30)), _clock(e.work_end, time(17, 30))
        cap = e.daily_capacity if e.daily_capacity is not None else policy.daily_capacity
        on_leave = e.id in leave
        eng_rows.append(EngineerRow(e.id, e.code, e.name, e.active, on_leave, start, end, cap))
        skills = frozenset(x.strip() for x in e.skills.split("|") if x.strip())
        days[e.code] = EngineerDay(
            e.code,
            e.name,
            skills,
            start,
            end,
            e.base_district,
            e.active,
            on_leave,
            e.daily_capacity,
        )
    appts: list[ApptRow] = []
    visits: dict[str, Visit] = {}
    for r in rows:
        (
            aid,
            ver,
            tid,
            tno,
            code,
            _eid,
            start,
            end,
            status,
            late,
            outcome,
            district,
            category,
            name,
            tstatus,
            rstart,
            rend,
            stype,
        ) = r
        appts.append(
            ApptRow(
                aid,
                ver,
                tid,
                tno,
                code or "",
                start,
                end,
                status,
                late,
                outcome or "",
                district or "",
                category or "",
                name,
                tstatus,
                consent.get(tid, ""),
            )
        )
        if status == OPEN or tno not in visits:  # an open visit wins over a done one
            visits[tno] = Visit(
                tno, code, start, end, district or "", category or "", rstart, rend, stype
            )
    plan = DayPlan(day, days, list(visits.values()), travel, policy)
    return plan, tuple(eng_rows), tuple(appts), called


def _open_findings(plan: DayPlan, appts: tuple[ApptRow, ...], found: list[Finding]):
    """Only findings on visits still open; a pair whose later visit is done is put on the open one."""
    open_tickets = {a.ticket_no for a in appts if a.status == OPEN}
    out: list[Finding] = []
    for f in found:
        if f.ticket_no in open_tickets:
            out.append(f)
        elif f.with_ticket_no in open_tickets:
            out.append(replace(f, ticket_no=f.with_ticket_no, with_ticket_no=f.ticket_no))
    return tuple(out)


def _reminders(appts: tuple[ApptRow, ...], called: set[int], policy: Policy):
    out = []
    for a in appts:
        late = a.late_minutes or 0
        if a.status != OPEN or not call_ahead_owed(late, called=a.ticket_id in called):
            continue
        response = lateness_response(late, policy)
        due = call_ahead_due(a.start, late)
        out.append(Reminder(a.id, a.ticket_no, a.engineer_code, a.start, due, late, response))
    return tuple(sorted(out, key=lambda r: (r.due, r.ticket_no)))


def load_day(
    db: Database,
    day: date,
    *,
    outlet_id: int | None = None,
    previous: DayView | None = None,
    touched: tuple[str, str | None] | None = None,
) -> DayView:
    """The day's view. With `previous` and `touched` = (ticket_no, previous engineer code), only
    the engineers the change touched are re-checked; the other findings are kept."""
    plan, engs, appts, called = load_plan(db, day, outlet_id=outlet_id)
    if previous is not None and touched is not None and previous.day == day:
        findings = recheck(previous, plan, appts, *touched)
    else:
        findings = _open_findings(plan, appts, find_conflicts(plan))
    with db.read() as s:
        waiting = _waiting(s, outlet_id)
    return DayView(
        day, plan, engs, appts, findings, waiting, _reminders(appts, called, plan.policy)
    )


def recheck(
    previous: DayView,
    plan: DayPlan,
    appts: tuple[ApptRow, ...],
    ticket_no: str,
    previous_engineer: str | None,
) -> tuple[Finding, ...]:
    """Findings after one visit changed: re-run the rules only for the engineers it touches."""
    visit = plan.visit(ticket_no)
    touched = {previous_engineer or UNASSIGNED} if previous_engineer is not None else set()
    if visit is None:  # the visit left the day (moved to another day, transferred)
        from clerk_tui.domain.schedule.rules import run_rules

        fresh = run_rules(plan, touched) if touched else []
    else:
        touched.add(visit.group)
        fresh = conflicts_touching(plan, ticket_no, previous_engineer)
    kept = [
        f
        for f in previous.findings
        if (f.engineer_id or UNASSIGNED) not in touched and f.ticket_no != ticket_no
    ]
    merged = _open_findings(plan, appts, fresh) + tuple(kept)
    order = {f: i for i, f in enumerate(find_order(plan, merged))}
    return tuple(sorted(merged, key=order.__getitem__))


def find_order(plan: DayPlan, findings: tuple[Finding, ...]) -> list[Finding]:
    """Most severe first, then by the visit's start (the order of `find_conflicts`)."""
    from clerk_tui.domain.findings import SEVERITY_ORDER

    def key(f: Finding):
        v = plan.visit(f.ticket_no)
        start = v.start if v is not None and v.start is not None else datetime.max
        return (SEVERITY_ORDER.get(f.severity, 9), start, f.ticket_no, f.kind, f.with_ticket_no)

    return sorted(findings, key=key)
