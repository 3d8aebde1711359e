"""Validation over the database: open tickets, their phones' history, the contact log, waivers."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from vq_seed import NOW, TODAY, add_ticket, kinds, seed, ticket

from clerk_tui.i18n.evidence import render
from clerk_tui.services.validation.check import (
    check_tickets,
    count_parts_to_requisition,
    parts_to_requisition,
    validate_problems,
    validation_queue,
)
from clerk_tui.services.validation.contacts import log_contact


@pytest.fixture
def outlet(db):
    outlet_id, clerk, model = seed(db)
    return db, outlet_id, clerk, model


def test_complete_ticket_has_no_problem(outlet):
    db, oid, _, model = outlet
    add_ticket(db, oid, "T1", model=model)
    assert validate_problems(db, today=TODAY) == []


def test_center_ticket_asks_dispatcher_first_then_customer(outlet):
    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model, phone="1381234567")
    [f] = validate_problems(db, today=TODAY)
    assert (f.kind, f.field, f.severity, f.next_step) == (
        "invalid_phone",
        "phone",
        "high",
        "ask_dispatcher",
    )
    assert "1381234567" in render(f.evidence[0])
    log_contact(db, ticket_id=tid, user=clerk, party="dispatcher", outcome="no_answer", now=NOW)
    [f] = validate_problems(db, today=TODAY)
    assert f.next_step == "call_customer"


def test_phone_and_walkin_tickets_call_the_customer_straight_away(outlet):
    db, oid, _, model = outlet
    add_ticket(db, oid, "T1", model=model, source="phone", address="青岛市九水路附近")
    [f] = validate_problems(db, today=TODAY)
    assert (f.kind, f.next_step) == ("incomplete_address", "call_customer")


def test_only_open_tickets_and_with_date_only_those_created_that_day(outlet):
    db, oid, _, model = outlet
    add_ticket(db, oid, "T1", model=model, product_model="")
    add_ticket(db, oid, "T2", model=model, product_model="", status="closed")
    add_ticket(db, oid, "T3", model=model, product_model="", created_at=datetime(2025, 3, 12, 9, 0))
    assert {f.ticket_no for f in validate_problems(db, today=TODAY)} == {"T1", "T3"}
    day = validate_problems(db, today=TODAY, day=date(2025, 3, 12))
    assert [(f.ticket_no, f.kind, f.field) for f in day] == [
        ("T3", "missing_field", "product_model")
    ]


def test_same_phone_typed_differently_is_found_as_duplicate(outlet):
    db, oid, _, model = outlet
    add_ticket(db, oid, "T1", model=model, phone="139-1234-5678")
    add_ticket(db, oid, "T2", model=model, phone="+86 139 1234 5678", source="phone")
    dup = {
        (f.ticket_no, f.with_ticket_no)
        for f in validate_problems(db, today=TODAY)
        if f.kind == "duplicate_ticket"
    }
    assert dup == {("T1", "T2"), ("T2", "T1")}


def test_repeat_repair_of_the_same_product_within_the_policy_days(outlet):
    db, oid, _, model = outlet
    add_ticket(db, oid, "OLD", model=model, status="closed", created_at=datetime(2025, 3, 1, 9, 0))
    add_ticket(db, oid, "NEW", model=model)
    found = validate_problems(db, today=TODAY)
    assert [(f.ticket_no, f.kind, f.with_ticket_no) for f in found] == [
        ("NEW", "repeat_repair", "OLD")
    ]


def test_each_rule_family_reaches_the_queue(outlet):
    db, oid, _, model = outlet
    add_ticket(db, oid, "A", model=model, customer_name="")
    add_ticket(db, oid, "B", model=model, phone="12345", source="phone")
    add_ticket(db, oid, "C", model="XQG-NOT-IN-CATALOG", phone="13900000003")
    add_ticket(db, oid, "D", model=model, phone="13900000004", purchase_date=date(2025, 5, 1))
    add_ticket(
        db,
        oid,
        "E",
        model=model,
        phone="13900000005",
        symptom="洗衣机不进水，显示E1进水报警，用户说水龙头可能关着",
    )
    add_ticket(
        db, oid, "F", model=model, phone="13900000006", part_needed="电脑板", part_in_stock=False
    )
    queue = validation_queue(db, today=TODAY)
    got = {(c.ticket_no, f.kind) for c in queue.tickets for f in c.findings}
    assert {
        ("A", "missing_field"),
        ("B", "invalid_phone"),
        ("C", "unknown_model"),
        ("D", "purchase_date_future"),
        ("E", "likely_misuse"),
        ("F", "part_unavailable"),
    } <= got
    assert queue.tickets[0].ticket_no == "B"  # the high-severity problem comes first
    steps = {f.kind: f.next_step for c in queue.tickets for f in c.findings}
    assert steps["likely_misuse"] == "phone_consult"
    assert steps["part_unavailable"] == "requisition_part"


def test_part_out_of_stock_is_to_requisition_until_requested(outlet):
    from clerk_tui.services.validation.fixes import request_part, set_part

    db, oid, clerk, model = outlet
    tid = add_ticket(db, oid, "T1", model=model)
    set_part(db, ticket_id=tid, seen_version=1, part="压缩机", in_stock=False, user=clerk, now=NOW)
    [f] = validate_problems(db, today=TODAY)
    assert (f.kind, f.next_step) == ("part_unavailable", "requisition_part")
    assert count_parts_to_requisition(db) == 1
    [row] = parts_to_requisition(db)
    assert (row.ticket_no, row.part, row.out_of_stock) == ("T1", "压缩机", True)
    request_part(db, ticket_id=tid, user=clerk, now=NOW)
    assert count_parts_to_requisition(db) == 0
    assert parts_to_requisition(db) == []
    assert validation_queue(db, today=TODAY).parts_to_requisition == 0


def test_a_part_in_stock_is_no_problem(outlet):
    db, oid, _, model = outlet
    add_ticket(db, oid, "T1", model=model, part_needed="门封条", part_in_stock=True)
    assert validate_problems(db, today=TODAY) == []
    assert count_parts_to_requisition(db) == 0


def test_refused_consultation_settles_the_misuse_hint(outlet):
    from clerk_tui.services.intake.consult import refuse_consultation

    db, oid, clerk, model = outlet
    tid = add_ticket(
        db, oid, "T1", model=model, symptom="洗衣机不进水，显示E1进水报警，用户说水龙头可能关着"
    )
    assert kinds(check_tickets(db, today=TODAY)) == {("likely_misuse", "symptom")}
    refuse_consultation(db, ticket_id=tid, user=clerk, now=NOW)
    assert kinds(check_tickets(db, today=TODAY)) == set()


def test_imported_center_ticket_lands_in_the_queue(outlet, tmp_path):
    from clerk_tui.io.imports.columns import COLUMNS
    from clerk_tui.io.imports.importer import import_file

    db, _, _, _ = outlet
    cols = list(COLUMNS["tickets"])
    row = dict.fromkeys(cols, "")
    row.update(
        ticket_no="C2025031400001",
        outlet_code="QD01",
        source="center",
        service_type="repair",
        customer_name="赵敏",
        phone="1381234567",
        address="青岛市崂山区海尔路1号",
        symptom="不制冷",
        created_at="2025-03-14 07:30",
        status="new",
    )
    f = tmp_path / "t.csv"
    f.write_text(",".join(cols) + "\n" + ",".join(row[c] for c in cols) + "\n", encoding="utf-8")
    import_file(db, "tickets", f)
    queue = validation_queue(db, today=TODAY)
    [c] = [c for c in queue.tickets if c.ticket_no == "C2025031400001"]
    assert {"invalid_phone", "missing_field"} <= {f.kind for f in c.findings}
    assert c.next_step == "ask_dispatcher"
    assert ticket(db, c.id).source == "center"
