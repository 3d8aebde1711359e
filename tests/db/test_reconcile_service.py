"""End-of-day reconciliation service: flags stored by key, reruns idempotent, decisions kept."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from eod_builders import DAY, NOW, at, build_outlet
from sqlalchemy import func, select

from clerk_tui.db.models import AuditEntry, BusinessDay, Flag, SupervisionCard
from clerk_tui.i18n.evidence import render, render_all
from clerk_tui.services.reconcile.run import day_flags, outlets_for, reconcile
from clerk_tui.services.reconcile.signoff import decide_flag


def _flags(db):
    with db.read() as s:
        return {f.key: (f.kind, f.ticket_no, f.status) for f in s.scalars(select(Flag))}


def _kinds(db, outlet_id):
    return sorted((f.kind, f.ticket_no) for f in day_flags(db, outlet_id, DAY))


def test_planted_problems_become_stored_flags_with_evidence(db):
    facts = build_outlet(db)
    [day] = reconcile(db, DAY, outlets_for(db), now=NOW, user="zhang")
    kinds = _kinds(db, facts["outlet_id"])
    assert ("engineer_signed", facts["forged"]) in kinds
    assert ("missing_card", facts["missing"]) in kinds
    out = day.as_dict(render)
    assert out["date"] == DAY.isoformat() and out["outlet"] == "BJ01"
    assert {e["engineer_id"] for e in out["engineers"]} == {"TE01", "TE02"}
    forged = next(f for f in out["flags"] if f["kind"] == "engineer_signed")
    assert forged["status"] == "open" and forged["severity"] == "high"
    assert any("赵师傅" in line for line in forged["evidence"])
    with db.read() as s:
        state = s.scalar(select(BusinessDay.state).where(BusinessDay.day == DAY))
        actions = s.scalars(select(AuditEntry.action)).all()
    assert state == "reconciled"
    assert "reconcile" in actions


def test_rerun_neither_duplicates_flags_nor_reopens_decisions(db):
    facts = build_outlet(db)
    sup = facts["supervisor"]
    first = reconcile(db, DAY, outlets_for(db), now=NOW)[0].as_dict()
    forged = next(f for f in day_flags(db, facts["outlet_id"], DAY) if f.kind == "engineer_signed")
    decide_flag(db, forged.id, decision="dismissed", reason="用户电话确认是本人签字", user=sup,
                now=NOW)  # fmt: skip
    stored = _flags(db)
    second = reconcile(db, DAY, outlets_for(db), now=NOW)[0].as_dict()
    assert _flags(db) == stored
    assert len(second["flags"]) == len(first["flags"])
    statuses = {f["kind"]: f["status"] for f in second["flags"]}
    assert statuses["engineer_signed"] == "dismissed"
    assert reconcile(db, DAY, outlets_for(db), now=NOW)[0].as_dict() == second


def test_open_flag_that_no_longer_fires_is_resolved_and_returns_if_it_fires_again(db):
    facts = build_outlet(db)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    with db.session() as s:
        s.add(SupervisionCard(ticket_no=facts["missing"], ticket_id=facts["missing_id"],
                              engineer_code=facts["engineer"], returned_at=at("19:00"),
                              arrived_at=at("14:00"), signer_name="张伟", signature_present=True,
                              satisfaction="满意", signed_at=at("15:00"), business_date=DAY))  # fmt: skip
    reconcile(db, DAY, outlets_for(db), now=NOW)
    missing = [v for v in _flags(db).values() if v[0] == "missing_card"]
    assert missing == [("missing_card", facts["missing"], "resolved")]
    assert ("missing_card", facts["missing"]) not in _kinds(db, facts["outlet_id"])
    with db.session() as s:
        for card in s.scalars(select(SupervisionCard).where(
            SupervisionCard.ticket_no == facts["missing"])):  # fmt: skip
            s.delete(card)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    missing = [v for v in _flags(db).values() if v[0] == "missing_card"]
    assert missing == [("missing_card", facts["missing"], "open")]


def test_evidence_of_open_flags_is_refreshed_on_rerun(db):
    facts = build_outlet(db)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    with db.session() as s:
        card = s.scalars(select(SupervisionCard).where(
            SupervisionCard.ticket_no == facts["forged"])).one()  # fmt: skip
        card.signer_name = "钱师傅"  # now a colleague's name
        s.add(card)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    forged = next(f for f in day_flags(db, facts["outlet_id"], DAY) if f.kind == "engineer_signed")
    assert any("钱师傅" in line for line in render_all(forged.evidence))


def test_before_the_cutoff_a_missing_card_is_not_yet_a_flag(db):
    facts = build_outlet(db)
    reconcile(db, DAY, outlets_for(db), now=NOW.replace(hour=17))
    assert ("missing_card", facts["missing"]) not in _kinds(db, facts["outlet_id"])


def test_every_outlet_is_reconciled_on_its_own(db):
    a = build_outlet(db, code="BJ01", prefix="A")
    b = build_outlet(db, code="BJ02", prefix="B")
    days = reconcile(db, DAY, outlets_for(db), now=NOW)
    assert [d.outlet.code for d in days] == ["BJ01", "BJ02"]
    for d, facts in zip(days, (a, b), strict=True):
        tickets = {f["ticket_no"] for f in d.as_dict()["flags"]}
        assert facts["forged"] in tickets and facts["missing"] in tickets
        assert all(no.startswith(facts["forged"][0]) for no in tickets if no)
    only = reconcile(db, DAY, outlets_for(db, "BJ02"), now=NOW)
    assert [d.outlet.code for d in only] == ["BJ02"]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Flag)) == sum(
            len(d.result.flags) for d in days
        )


def test_flag_evidence_is_stored_as_a_json_list(db):
    build_outlet(db)
    reconcile(db, DAY, outlets_for(db), now=NOW)
    with db.read() as s:
        for ev in s.scalars(select(Flag.evidence)):
            assert isinstance(json.loads(ev), list)


def test_a_past_day_is_seen_as_of_its_end():
    from datetime import datetime

    from clerk_tui.services.reconcile.run import default_now

    assert default_now(DAY, datetime(2025, 6, 12, 9, 0)) == datetime(2025, 6, 10, 23, 59)
    assert default_now(DAY, NOW + timedelta(minutes=5)) == NOW + timedelta(minutes=5)


def test_unknown_outlet_code_is_refused(db):
    from clerk_tui.services.reconcile.run import UnknownOutlet

    build_outlet(db)
    with pytest.raises(UnknownOutlet, match="XX99"):
        outlets_for(db, "XX99")
