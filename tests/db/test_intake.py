"""Saving a new ticket: numbering, customer, owner, status from the findings, audit, history by phone."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest
from intake_setup import clerk_at_outlet
from sqlalchemy import func, select

from clerk_tui.db.models import AuditEntry, BusinessDay, Customer, Ticket
from clerk_tui.services.auth.passwords import CurrentUser
from clerk_tui.services.daylock import DayLocked
from clerk_tui.services.intake.save import (
    IntakeForm,
    customer_history,
    save_ticket,
    stored_phone,
)

TODAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 10, 0)
GOOD = IntakeForm(
    customer_name="王芳",
    phone="138 1234 5678",
    address="青岛市李沧区书院路12号绿城小区3号楼2单元502室",
    product_model="xqg100-b14876",
    purchase_date=date(2024, 5, 1),
    symptom="洗衣机不脱水，滚筒不转",
    requested_start=datetime(2025, 3, 15, 9),
    requested_end=datetime(2025, 3, 15, 12),
    source="phone",
)


@pytest.fixture
def outlet(db):
    return clerk_at_outlet(db, today=TODAY, display_name="李娜")


def _ticket(db, ticket_id: int) -> Ticket:
    with db.read() as s:
        return s.get(Ticket, ticket_id)


def test_clean_ticket_is_ready_owned_by_the_clerk_and_numbered_for_the_day(outlet):
    db, user, ref = outlet
    saved = save_ticket(db, GOOD, ref, user=user, now=NOW)
    tk = _ticket(db, saved.id)
    assert saved.ticket_no == "QD202503140001"
    assert (tk.status, tk.owner_id, tk.business_date) == ("ready", user.id, TODAY)
    assert tk.product_model == "XQG100-B14876" and tk.model_id is not None  # catalog spelling
    assert tk.warranty_status == "in" and tk.district == "李沧区"
    assert tk.phone == "13812345678"
    assert saved.findings == ()


def test_second_ticket_takes_the_next_number_and_the_same_customer(outlet):
    db, user, ref = outlet
    first = save_ticket(db, GOOD, ref, user=user, now=NOW)
    second = save_ticket(db, GOOD, ref, user=user, now=NOW + timedelta(minutes=5))
    assert second.ticket_no == "QD202503140002"
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Customer)).scalar_one() == 1
        ids = {_ticket(db, first.id).customer_id, _ticket(db, second.id).customer_id}
    assert len(ids) == 1
    # the second one is a duplicate of the first (same phone, same product, still open)
    assert [f.kind for f in second.findings] == ["duplicate_ticket"]
    assert _ticket(db, second.id).status == "needs_info"


def test_doubtful_information_is_saved_with_its_findings_in_the_audit(outlet):
    db, user, ref = outlet
    form = IntakeForm(
        customer_name="[red]张伟[/]",
        phone="12345",
        address="书院路",
        product_model="NOPE-1",
        purchase_date=date(2026, 1, 1),
        symptom="坏了",
    )
    saved = save_ticket(db, form, ref, user=user, now=NOW)
    tk = _ticket(db, saved.id)
    assert tk.status == "needs_info" and tk.customer_name == "[red]张伟[/]" and tk.phone == "12345"
    kinds = {f.kind for f in saved.findings}
    assert {
        "invalid_phone",
        "incomplete_address",
        "unknown_model",
        "purchase_date_future",
        "unclear_symptom",
        "missing_field",
    } <= kinds
    with db.read() as s:
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.entity_id == saved.ticket_no)
        ).scalar_one()
    assert entry.action == "ticket.create" and '"invalid_phone"' in entry.after


def test_long_text_emoji_and_control_free_text_are_stored_as_typed(outlet):
    db, user, ref = outlet
    symptom = "不制冷😀" * 2500  # 12,500 characters
    saved = save_ticket(
        db, GOOD.__class__(**{**GOOD.__dict__, "symptom": symptom}), ref, user=user, now=NOW
    )
    assert _ticket(db, saved.id).symptom == symptom


def test_full_width_phone_finds_the_customers_earlier_tickets(outlet):
    db, user, ref = outlet
    earlier = save_ticket(db, GOOD, ref, user=user, now=NOW - timedelta(days=3))
    history = customer_history(db, "+86 １３８-１２３４-５６７８")
    assert [r.ticket_no for r in history.rows] == [earlier.ticket_no]
    assert customer_history(db, "139").rows == ()


def test_repair_within_the_policy_window_is_a_repeat_repair(outlet):
    db, user, ref = outlet
    with db.session() as s:
        s.add(
            Ticket(
                ticket_no="OLD1",
                outlet_id=ref.outlet_id,
                customer_name="王芳",
                phone="0532-88881234",
                product_model="XQG100-B14876",
                status="completed",
                created_at=NOW - timedelta(days=12),
                business_date=TODAY - timedelta(days=12),
            )
        )
    form = IntakeForm(**{**GOOD.__dict__, "phone": "（0532）8888 1234"})
    saved = save_ticket(db, form, ref, user=user, now=NOW)
    repeat = [f for f in saved.findings if f.kind == "repeat_repair"]
    assert repeat and repeat[0].with_ticket_no == "OLD1"
    assert _ticket(db, saved.id).phone == "0532-88881234"


def test_a_signed_off_day_refuses_the_ticket_and_writes_nothing(outlet):
    db, user, ref = outlet
    with db.session() as s:
        s.add(BusinessDay(outlet_id=ref.outlet_id, day=TODAY, state="signed_off"))
    with pytest.raises(DayLocked):
        save_ticket(db, GOOD, ref, user=user, now=NOW)
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Ticket)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(Customer)).scalar_one() == 0


def test_two_clerks_saving_at_once_get_different_numbers(outlet):
    db, user, ref = outlet
    other = CurrentUser(user.id, "xinxi2", "赵敏", "clerk", ref.outlet_id)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def take(who):
        try:
            for _ in range(5):
                numbers.append(save_ticket(db, GOOD, ref, user=who, now=NOW).ticket_no)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=take, args=(u,)) for u in (user, other)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert sorted(numbers) == [f"QD20250314{i:04d}" for i in range(1, 11)]


def test_stored_phone_normalises_valid_numbers_and_keeps_others_as_typed():
    assert stored_phone("+86 138 1234 5678") == "13812345678"
    assert stored_phone("０５３２－８８８８１２３４") == "0532-88881234"
    assert stored_phone("010 1234 5678 转 12") == "010-12345678转12"
    assert stored_phone(" 8888123 ") == "8888123"
