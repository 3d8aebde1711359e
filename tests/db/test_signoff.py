"""Supervisor decisions: reasons required, forgeries recorded with a remedy callback, the day lock."""

from __future__ import annotations

import pytest
from eod_builders import DAY, NOW, Sup, build_outlet
from sqlalchemy import func, select

from clerk_tui.db.models import AuditEntry, BusinessDay, Callback, Flag, Violation
from clerk_tui.services.daylock import DayLocked, ensure_day_open
from clerk_tui.services.reconcile.run import day_flags, outlets_for, reconcile
from clerk_tui.services.reconcile.signoff import (
    EodRefused,
    day_status,
    decide_flag,
    reopen,
    sign_off,
)


def _ready(db):
    facts = build_outlet(db)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    flags = {f.kind: f for f in day_flags(db, facts["outlet_id"], DAY)}
    return facts, flags


def _count(db, model, *where):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_a_decision_needs_a_reason(db):
    facts, flags = _ready(db)
    for blank in ("", "   ", "\n"):
        with pytest.raises(EodRefused, match="原因"):
            decide_flag(db, flags["missing_card"].id, decision="dismissed", reason=blank,
                        user=facts["supervisor"], now=NOW)  # fmt: skip
    assert _count(db, Flag, Flag.status == "open") == len(flags)


def test_only_a_supervisor_decides(db):
    facts, flags = _ready(db)
    clerk = Sup(facts["supervisor"].id, "li", role="clerk")
    with pytest.raises(EodRefused, match="主管"):
        decide_flag(db, flags["missing_card"].id, decision="dismissed", reason="已交",
                    user=clerk, now=NOW)  # fmt: skip


def test_confirmed_forgery_records_a_violation_and_books_one_remedy_callback(db):
    facts, flags = _ready(db)
    sup, forged = facts["supervisor"], flags["engineer_signed"]
    done = decide_flag(
        db, forged.id, decision="confirmed", reason="用户说没签过字", user=sup, now=NOW
    )
    assert done.violation and done.remedy_booked
    with db.read() as s:
        v = s.scalars(select(Violation)).one()
        cb = s.scalars(select(Callback).where(Callback.reason == "remedy")).one()
        flag = s.get(Flag, forged.id)
    assert (v.engineer_code, v.ticket_no, v.kind) == ("TE01", facts["forged"], "engineer_signed")
    assert cb.ticket_no == facts["forged"] and cb.due_at == NOW and cb.done_at is None
    assert (flag.status, flag.reason, flag.decided_by) == ("confirmed", "用户说没签过字", sup.id)
    again = decide_flag(db, forged.id, decision="confirmed", reason="再次确认", user=sup, now=NOW)
    assert not again.violation and not again.remedy_booked
    assert _count(db, Violation) == 1
    assert _count(db, Callback, Callback.reason == "remedy") == 1
    decide_flag(db, forged.id, decision="dismissed", reason="核实为误会", user=sup, now=NOW)
    assert _count(db, Violation) == 0
    with db.read() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "flag")).all()
    assert actions == ["flag_confirmed", "flag_confirmed", "flag_dismissed"]


def test_confirming_a_non_forgery_records_no_violation(db):
    facts, flags = _ready(db)
    done = decide_flag(db, flags["missing_card"].id, decision="confirmed", reason="确实未交",
                       user=facts["supervisor"], now=NOW)  # fmt: skip
    assert not done.violation and not done.remedy_booked
    assert _count(db, Violation) == 0


def test_sign_off_is_refused_while_flags_are_open_and_names_how_many(db):
    facts, flags = _ready(db)
    with pytest.raises(EodRefused, match=f"{len(flags)} 条"):
        sign_off(db, facts["outlet_id"], DAY, user=facts["supervisor"], now=NOW)
    assert day_status(db, facts["outlet_id"], DAY).state == "reconciled"


def test_sign_off_locks_the_day_until_reopened_with_a_reason(db):
    facts, flags = _ready(db)
    sup, oid = facts["supervisor"], facts["outlet_id"]
    for f in flags.values():
        decide_flag(db, f.id, decision="dismissed", reason="已核实", user=sup, now=NOW)
    sign_off(db, oid, DAY, user=sup, now=NOW)
    status = day_status(db, oid, DAY)
    assert (status.state, status.signed_off_by, status.signed_off_at) == (
        "signed_off",
        "张主管",
        NOW,
    )
    with pytest.raises(DayLocked, match="签核"):
        decide_flag(db, flags["missing_card"].id, decision="confirmed", reason="改主意",
                    user=sup, now=NOW)  # fmt: skip
    with pytest.raises(DayLocked), db.session() as s:
        ensure_day_open(s, outlet_id=oid, day=DAY)
    # a rerun on the locked day writes nothing and keeps the decisions
    before = _count(db, AuditEntry)
    [again] = reconcile(db, DAY, outlets_for(db), now=NOW)
    assert again.locked and again.counts is None
    assert {f["status"] for f in again.as_dict()["flags"]} == {"dismissed"}
    assert _count(db, AuditEntry) == before
    with pytest.raises(EodRefused, match="原因"):
        reopen(db, oid, DAY, reason=" ", user=sup, now=NOW)
    reopen(db, oid, DAY, reason="发现一张漏录的监督卡", user=sup, now=NOW)
    status = day_status(db, oid, DAY)
    assert (status.state, status.reopen_reason) == ("reconciled", "发现一张漏录的监督卡")
    decide_flag(db, flags["missing_card"].id, decision="confirmed", reason="确实未交", user=sup,
                now=NOW)  # fmt: skip
    with db.read() as s:
        actions = s.scalars(select(AuditEntry.action)).all()
    assert "day_sign_off" in actions and "day_reopen" in actions


def test_sign_off_of_a_day_never_reconciled_is_refused(db):
    facts = build_outlet(db)
    with pytest.raises(EodRefused, match="对帐"):
        sign_off(db, facts["outlet_id"], DAY, user=facts["supervisor"], now=NOW)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(BusinessDay)) == 0


def test_reopen_of_an_open_day_is_refused(db):
    facts, _ = _ready(db)
    with pytest.raises(EodRefused):
        reopen(db, facts["outlet_id"], DAY, reason="x", user=facts["supervisor"], now=NOW)


def _statuses(db, ids):
    from clerk_tui.db.models import Ticket

    with db.read() as s:
        return dict(s.execute(select(Ticket.id, Ticket.status).where(Ticket.id.in_(ids))).all())


def _extra_tickets(db, facts):
    """Besides the three completed visits: a ticket cancelled that day, a completed one with
    another visit planned tomorrow, and one still scheduled."""
    from datetime import timedelta

    from eod_builders import at

    from clerk_tui.db.models import Appointment, Engineer, Ticket

    with db.session() as s:
        eng = s.scalars(select(Engineer).where(Engineer.code == facts["engineer"])).one()
        made = {}
        for key, status in (("cancelled", "cancelled"), ("revisit", "completed"),
                            ("scheduled", "scheduled")):  # fmt: skip
            tk = Ticket(ticket_no=f"X-{key}", outlet_id=facts["outlet_id"], status=status,
                        created_at=at("09:00"), business_date=DAY, engineer_id=eng.id)  # fmt: skip
            s.add(tk)
            s.flush()
            made[key] = tk.id
        s.add(Appointment(ticket_id=made["revisit"], engineer_id=eng.id, status="planned",
                          start=at("10:00") + timedelta(days=1),
                          end=at("11:00") + timedelta(days=1)))  # fmt: skip
        s.add(Appointment(ticket_id=made["scheduled"], engineer_id=eng.id, status="planned",
                          start=at("16:00"), end=at("17:00")))  # fmt: skip
    return made


def test_sign_off_closes_the_days_finished_tickets_and_reopening_puts_them_back(db):
    """DESIGN §4: `closed` after the day it belongs to is signed off."""
    from clerk_tui.db.models import Ticket

    facts = build_outlet(db)
    extra = _extra_tickets(db, facts)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    sup, oid = facts["supervisor"], facts["outlet_id"]
    for f in day_flags(db, oid, DAY):
        decide_flag(db, f.id, decision="dismissed", reason="已核实", user=sup, now=NOW)
    with db.read() as s:
        visits = list(s.scalars(select(Ticket.id).where(Ticket.ticket_no.like("T%"))))
    ids = [*visits, *extra.values()]
    before = _statuses(db, ids)

    sign_off(db, oid, DAY, user=sup, now=NOW)
    after = _statuses(db, ids)
    assert {after[i] for i in visits} == {"closed"}
    assert after[extra["cancelled"]] == "closed"
    assert after[extra["revisit"]] == "completed"  # another visit tomorrow: its work goes on
    assert after[extra["scheduled"]] == "scheduled"
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "day_sign_off")).one()
    assert "cancelled" in entry.after and str(extra["cancelled"]) in entry.after

    reopen(db, oid, DAY, reason="补录一张监督卡", user=sup, now=NOW)
    assert _statuses(db, ids) == before
    # signed off again, closed again
    reconcile(db, DAY, outlets_for(db), now=NOW)
    sign_off(db, oid, DAY, user=sup, now=NOW)
    assert {_statuses(db, visits)[i] for i in visits} == {"closed"}


def test_reopening_a_day_signed_off_without_a_record_of_closings(db):
    """An older database (or the demo's history): closed tickets with a card go back to
    completed; a closed ticket with nothing to tell its state by stays closed."""
    from clerk_tui.db.models import Ticket

    facts = build_outlet(db)
    extra = _extra_tickets(db, facts)
    sup, oid = facts["supervisor"], facts["outlet_id"]
    with db.session() as s:
        carded = list(s.scalars(select(Ticket.id).where(Ticket.ticket_no == facts["forged"])))
        s.execute(
            Ticket.__table__.update()
            .where(Ticket.id.in_([*carded, extra["cancelled"]]))
            .values(status="closed")
        )
        s.add(BusinessDay(outlet_id=oid, day=DAY, state="signed_off", signed_off_by=sup.id,
                          signed_off_at=NOW))  # fmt: skip
    reopen(db, oid, DAY, reason="补录", user=sup, now=NOW)
    after = _statuses(db, [*carded, extra["cancelled"]])
    assert after[carded[0]] == "completed"
    assert after[extra["cancelled"]] == "closed"


def test_the_report_counts_the_same_visits_after_sign_off_closed_the_tickets(db):
    """Closing at sign-off must not change what the day was: the report of a signed-off day
    counts its visits as before, and its flag counts are those of the flags it lists."""
    from clerk_tui.services.reconcile.report import build_report

    facts, flags = _ready(db)
    sup, oid = facts["supervisor"], facts["outlet_id"]
    [outlet] = outlets_for(db)
    before = build_report(db, outlet, DAY, now=NOW, user="t")["summary"]
    for f in flags.values():
        decide_flag(db, f.id, decision="dismissed", reason="已核实", user=sup, now=NOW)
    sign_off(db, oid, DAY, user=sup, now=NOW)
    report = build_report(db, outlet, DAY, now=NOW, user="t")
    after = report["summary"]
    assert after["visits"] == before["visits"] == 3
    assert after["cards_returned"] == before["cards_returned"]
    assert after["flags"] == len(report["flags"]) == len(flags)
    assert after["by_kind"] == before["by_kind"]
    assert after["flags_not_on_record"] == 0
