"""Logging contacts and fixing ticket information: audit, optimistic lock, day lock, moving to ready."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select
from vq_seed import NOW, TODAY, add_ticket, kinds, seed, ticket

from clerk_tui.db.models import AuditEntry, BusinessDay, Contact
from clerk_tui.services.daylock import DayLocked
from clerk_tui.services.validation.check import check_tickets, validate_problems
from clerk_tui.services.validation.contacts import TicketStale, contact_history, log_contact
from clerk_tui.services.validation.fixes import FixRefused, cancel_duplicate, fix_field


@pytest.fixture
def outlet(db):
    outlet_id, clerk, model = seed(db)
    return db, outlet_id, clerk, model


def _audit(db, action: str) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_fixing_the_phone_records_before_after_and_moves_the_ticket_to_ready(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model, phone="1381234567", status="needs_info")
    result = fix_field(
        db,
        ticket_id=tid,
        seen_version=1,
        field="phone",
        value="13812345678",
        user=clerk,
        party="dispatcher",
        note="调度给了正确号码",
        now=NOW,
    )
    assert (result.status, result.previous_status, result.remaining) == ("ready", "needs_info", 0)
    tk = ticket(db, tid)
    assert (tk.phone, tk.status, tk.version) == ("13812345678", "ready", 2)
    [fix] = _audit(db, "ticket.fix")
    assert json.loads(fix.before) == {"phone": "1381234567"}
    assert json.loads(fix.after)["phone"] == "13812345678"
    assert fix.entity_id == "T1" and fix.user == "li"
    [moved] = _audit(db, "ticket.status")
    assert json.loads(moved.after)["status"] == "ready"
    [contact] = contact_history(db, tid)
    assert (contact.party, contact.outcome) == ("dispatcher", "corrected")
    assert "1381234567 -> 13812345678" in contact.note and "调度给了正确号码" in contact.note


def test_a_fix_that_leaves_problems_keeps_the_ticket_in_needs_info(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model, phone="1381234567", address="九水路附近")
    result = fix_field(
        db,
        ticket_id=tid,
        seen_version=1,
        field="phone",
        value="13812345678",
        user=clerk,
        party="customer",
        now=NOW,
    )
    assert (result.status, result.remaining) == ("needs_info", 1)
    assert kinds(check_tickets(db, today=TODAY)) == {("incomplete_address", "address")}


def test_a_second_stale_save_is_refused_and_nothing_is_overwritten(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model, address="九水路附近")
    seen = ticket(db, tid).version  # both clerks opened version 1
    fix_field(
        db,
        ticket_id=tid,
        seen_version=seen,
        field="address",
        value="青岛市崂山区九水路8号2号楼1单元301室",
        user=clerk,
        party="customer",
        now=NOW,
    )
    with pytest.raises(TicketStale) as err:
        fix_field(
            db,
            ticket_id=tid,
            seen_version=seen,
            field="address",
            value="别的地址",
            user=clerk,
            party="customer",
            now=NOW,
        )
    assert "T1" in str(err.value) and "未保存" in str(err.value)
    assert ticket(db, tid).address == "青岛市崂山区九水路8号2号楼1单元301室"
    assert len(_audit(db, "ticket.fix")) == 1


def test_a_finished_ticket_of_a_signed_off_day_refuses_edits_an_open_one_does_not(outlet):
    """The lock keeps the signed-off day's finished work as it was; a ticket of that day still
    waiting for information is today's work and stays workable."""
    db, oid, clerk, model = outlet
    done = add_ticket(db, oid, "T1", model=model, phone="1381234567", status="closed")
    waiting = add_ticket(db, oid, "T2", model=model, phone="1381234567", status="needs_info")
    with db.session() as s:
        s.add(BusinessDay(outlet_id=oid, day=TODAY, state="signed_off"))

    def fix(tid):
        return fix_field(db, ticket_id=tid, seen_version=1, field="phone", value="13812345678",
                         user=clerk, party="customer", now=NOW)  # fmt: skip

    with pytest.raises(DayLocked):
        fix(done)
    assert ticket(db, done).phone == "1381234567"
    fix(waiting)
    assert ticket(db, waiting).phone == "13812345678"


def test_dates_and_windows_are_read_or_refused_with_a_sentence(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(
        db, oid, "T1", model=model, purchase_date=None, requested_start=None, requested_end=None
    )
    with pytest.raises(FixRefused, match="2025-03-14"):
        fix_field(
            db,
            ticket_id=tid,
            seen_version=1,
            field="purchase_date",
            value="去年",
            user=clerk,
            party="customer",
            now=NOW,
        )
    with pytest.raises(FixRefused):
        fix_field(
            db,
            ticket_id=tid,
            seen_version=1,
            field="requested_window",
            value=("2025-03-15 12:00", "2025-03-15 09:00"),
            user=clerk,
            party="customer",
            now=NOW,
        )
    fix_field(
        db,
        ticket_id=tid,
        seen_version=1,
        field="purchase_date",
        value="2024/5/1",
        user=clerk,
        party="customer",
        now=NOW,
    )
    result = fix_field(
        db,
        ticket_id=tid,
        seen_version=2,
        field="requested_window",
        value=("2025-03-15 09:00", "2025-03-15 12:00"),
        user=clerk,
        party="customer",
        now=NOW,
    )
    tk = ticket(db, tid)
    assert tk.purchase_date == date(2024, 5, 1) and tk.warranty_status
    assert tk.requested_start == datetime(2025, 3, 15, 9, 0)
    assert result.status == "ready"


def test_confirmed_as_given_holds_for_the_value_checked(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model, address="青岛市九水路金水花园附近")
    [finding] = validate_problems(db, today=TODAY)
    result = log_contact(
        db,
        ticket_id=tid,
        user=clerk,
        party="dispatcher",
        outcome="confirmed",
        note="调度确认地址无误",
        now=NOW,
        confirm=finding,
        seen_version=1,
    )
    assert (result.status, result.remaining) == ("ready", 0)
    assert validate_problems(db, today=TODAY) == []
    fix_field(
        db,
        ticket_id=tid,
        seen_version=result.version,
        field="address",
        value="九水路另一处附近",
        user=clerk,
        party="customer",
        now=NOW,
    )
    assert [f.kind for f in validate_problems(db, today=TODAY)] == ["incomplete_address"]
    assert ticket(db, tid).status == "needs_info"


def test_a_plain_contact_changes_nothing_on_the_ticket(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model, phone="1381234567")
    result = log_contact(
        db, ticket_id=tid, user=clerk, party="customer", outcome="no_answer", now=NOW
    )
    tk = ticket(db, tid)
    assert (tk.status, tk.version, result.moved) == ("new", 1, False)
    assert [c.outcome for c in contact_history(db, tid)] == ["no_answer"]


def test_forbidden_phrases_are_reported_and_the_note_is_still_saved(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model)
    note = "我也不知道，凑合着用吧"
    result = log_contact(
        db, ticket_id=tid, user=clerk, party="customer", outcome="no_answer", note=note, now=NOW
    )
    phrases = {h.phrase for h in result.phrase_hits}
    assert {"不知道", "凑合着用"} <= phrases
    assert all(h.suggestion for h in result.phrase_hits)
    assert contact_history(db, tid)[0].note == note


@pytest.mark.parametrize(
    "note",
    ["[/]", "[@click=app.quit]x[/]", "a\x1b[31mred\x07\x00b", "修好了😀👍", "长" * 10_000],
)
def test_notes_are_stored_exactly_as_typed(outlet, note):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model)
    log_contact(
        db, ticket_id=tid, user=clerk, party="customer", outcome="no_answer", note=note, now=NOW
    )
    with db.read() as s:
        stored = s.execute(select(Contact.note).where(Contact.ticket_id == tid)).scalar_one()
    assert stored == note.replace(
        "\x00", ""
    )  # NUL alone is dropped: PostgreSQL text cannot hold it


def test_a_name_longer_than_the_column_is_refused_not_cut(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model, customer_name="")
    with pytest.raises(FixRefused):
        fix_field(
            db,
            ticket_id=tid,
            seen_version=1,
            field="customer_name",
            value="名" * 101,
            user=clerk,
            party="customer",
            now=NOW,
        )
    fix_field(
        db,
        ticket_id=tid,
        seen_version=1,
        field="customer_name",
        value="[b]王😀[/b]",
        user=clerk,
        party="customer",
        now=NOW,
    )
    assert ticket(db, tid).customer_name == "[b]王😀[/b]"


def test_cancelling_a_duplicate_ends_both_findings(outlet):
    db, oid, clerk, model = outlet
    add_ticket(db, oid, "T1", model=model)
    t2 = add_ticket(db, oid, "T2", model=model, source="phone")
    assert {f.kind for f in validate_problems(db, today=TODAY)} == {"duplicate_ticket"}
    result = cancel_duplicate(
        db, ticket_id=t2, seen_version=1, other_no="T1", user=clerk, party="customer", now=NOW
    )
    assert result.status == "cancelled"
    assert validate_problems(db, today=TODAY) == []
    assert "T1" in contact_history(db, t2)[0].note
