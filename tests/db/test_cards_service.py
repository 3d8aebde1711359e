"""Card entry storage: a hand-entered card and slip go in whole, every card is kept, the day lock holds."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from clerk_tui.db.models import (
    Appointment,
    AuditEntry,
    BusinessDay,
    Customer,
    Engineer,
    FeeItem,
    Flag,
    Outlet,
    SupervisionCard,
    Ticket,
    User,
    WarrantySlip,
)
from clerk_tui.domain.findings import evidence_from_json
from clerk_tui.domain.reconcile.inputs import CardInfo, SlipInfo
from clerk_tui.i18n.evidence import render_all
from clerk_tui.services.auth.passwords import CurrentUser
from clerk_tui.services.cards.checks import card_warnings
from clerk_tui.services.cards.entry import load_ticket_for_card, save_card
from clerk_tui.services.cards.progress import day_progress
from clerk_tui.services.daylock import DayLocked

DAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 18, 30)


def at(hhmm: str, day: date = DAY) -> datetime:
    return datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time())


@pytest.fixture
def outlet(db):
    """One outlet, two engineers, a customer with a spouse on record, two tickets visited today."""
    with db.session() as s:
        o = Outlet(code="QD01", name="市南网点")
        s.add(o)
        s.flush()
        e1 = Engineer(code="E01", name="赵建国", outlet_id=o.id)
        e2 = Engineer(code="E02", name="钱志强", outlet_id=o.id)
        cust = Customer(name="王芳", phone="13900000001", household="李强:配偶|王小明:子女")
        user = User(
            username="xinxi1", display_name="李娜", role="clerk", password_hash="x", outlet_id=o.id
        )
        s.add_all([e1, e2, cust, user])
        s.add(
            FeeItem(
                code="WX01",
                description="上门检测",
                amount_fen=3000,
                effective_from=date(2024, 1, 1),
            )
        )
        s.add(
            FeeItem(
                code="WX02",
                description="更换电机",
                amount_fen=12000,
                effective_from=date(2024, 1, 1),
            )
        )
        s.flush()
        tickets = []
        for n, (warranty, start) in enumerate((("in", "09:00"), ("out", "13:00")), start=1):
            tk = Ticket(
                ticket_no=f"T{n}",
                outlet_id=o.id,
                customer_id=cust.id,
                customer_name="王芳",
                phone="13900000001",
                address="青岛市市南区香港中路1号",
                status="completed",
                warranty_status=warranty,
                engineer_id=e1.id,
                created_at=at("08:00"),
                business_date=DAY,
            )
            s.add(tk)
            s.flush()
            s.add(
                Appointment(
                    ticket_id=tk.id,
                    engineer_id=e1.id,
                    start=at(start),
                    end=at(start).replace(hour=at(start).hour + 1),
                    status="done",
                )
            )
            tickets.append(tk.ticket_no)
        s.flush()
        me = CurrentUser(
            id=user.id, username="xinxi1", display_name="李娜", role="clerk", outlet_id=o.id
        )
    return me


def clean_card(ticket_no: str = "T1", **kw) -> CardInfo:
    values = dict(
        ticket_no=ticket_no,
        engineer_code="E01",
        returned_at=at("18:20"),
        arrived_at=at("08:55"),
        finished_at=at("09:50"),
        signer_name="王芳",
        signature_present=True,
        satisfaction="满意",
        attitude_score=5,
        quality_score=5,
        signed_at=at("09:52"),
    )
    values.update(kw)
    return CardInfo(**values)


def rows(db, model):
    with db.read() as s:
        return s.exec(select(model).order_by(model.id)).all()


def test_a_card_and_its_slip_are_stored_with_fen_visit_day_and_audit(db, outlet):
    card = clean_card("T2", fee_charged_fen=15000, fee_items=("WX01", "WX02"), receipt_no="R1")
    slip = SlipInfo(
        ticket_no="T2",
        engineer_code="E01",
        returned_at=at("18:20"),
        fault_cause="电机烧毁",
        repair_action="更换电机",
        parts=("电机", "皮带"),
        fee_charged_fen=15000,
        receipt_no="R1",
    )
    saved = save_card(db, user=outlet, card=card, slip=slip, now=NOW)

    (c,) = rows(db, SupervisionCard)
    assert (c.id, c.ticket_no, c.engineer_code, c.fee_charged_fen) == (
        saved.card_id,
        "T2",
        "E01",
        15000,
    )
    assert c.business_date == DAY and c.row_hash is None
    assert c.ticket_id is not None and c.engineer_id is not None
    assert c.fee_items == "WX01|WX02" and c.signed_at == at("09:52")
    (sl,) = rows(db, WarrantySlip)
    assert (sl.id, sl.parts, sl.fee_charged_fen, sl.row_hash) == (
        saved.slip_id,
        "电机|皮带",
        15000,
        None,
    )
    actions = [(a.action, a.user) for a in rows(db, AuditEntry)]
    assert ("card.enter", "xinxi1") in actions and ("slip.enter", "xinxi1") in actions
    assert saved.flags == () and not saved.orphan and saved.earlier_cards == 0


def test_a_second_card_for_a_ticket_is_kept_and_flagged_once(db, outlet):
    save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)
    second = save_card(db, user=outlet, card=clean_card(signer_name="李强"), slip=None, now=NOW)
    third = save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)

    assert len(rows(db, SupervisionCard)) == 3
    assert second.earlier_cards == 1 and third.earlier_cards == 2
    assert second.flags == ("duplicate_card",)
    (flag,) = rows(db, Flag)
    assert flag.kind == "duplicate_card" and flag.ticket_no == "T1" and flag.status == "open"
    assert flag.key == "2025-03-14|QD01|duplicate_card|T1|E01|"
    assert "3" in render_all(evidence_from_json(flag.evidence))[0]  # follows the third card


def test_a_card_for_an_unknown_ticket_is_kept_as_an_orphan(db, outlet):
    saved = save_card(db, user=outlet, card=clean_card("NOPE9"), slip=None, now=NOW)

    (c,) = rows(db, SupervisionCard)
    assert c.ticket_no == "NOPE9" and c.ticket_id is None and c.business_date == DAY
    assert saved.orphan and saved.flags == ("orphan_card",)
    (flag,) = rows(db, Flag)
    assert (
        flag.kind == "orphan_card"
        and flag.severity == "high"
        and flag.outlet_id == outlet.outlet_id
    )


def test_a_signed_off_day_refuses_the_card_and_writes_nothing(db, outlet):
    with db.session() as s:
        s.add(BusinessDay(outlet_id=outlet.outlet_id, day=DAY, state="signed_off"))
    with pytest.raises(DayLocked):
        save_card(db, user=outlet, card=clean_card(), slip=SlipInfo("T1"), now=NOW)
    assert rows(db, SupervisionCard) == [] and rows(db, WarrantySlip) == []
    assert rows(db, AuditEntry) == []


def test_the_ticket_for_a_card_shows_customer_household_engineer_and_earlier_cards(db, outlet):
    save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)
    ctx = load_ticket_for_card(db, " T1 ", DAY)

    tk = ctx.ticket
    assert tk is not None and ctx.day == DAY
    assert (tk.customer_name, tk.engineer_code, tk.engineer_name) == ("王芳", "E01", "赵建国")
    assert tk.household == (("李强", "配偶"), ("王小明", "子女"))
    assert tk.appointment_start == at("09:00")
    assert len(ctx.existing) == 1
    assert {e.code for e in ctx.engineers} == {"E01", "E02"}
    assert ctx.fees.effective("WX02", DAY).amount_fen == 12000

    unknown = load_ticket_for_card(db, "NOPE9", DAY, outlet_id=outlet.outlet_id)
    assert unknown.ticket is None and unknown.existing == () and len(unknown.engineers) == 2


def test_the_days_progress_counts_cards_back_against_visits_and_marks_duplicates(db, outlet):
    save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)
    save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)
    save_card(db, user=outlet, card=clean_card("NOPE9"), slip=None, now=NOW)

    p = day_progress(db, day=DAY)
    # T1 and T2 expect a card; only T1 has one. The duplicate T1 card and the orphan NOPE9
    # card do not count as returned (this asserted 3 before: it counted card rows).
    assert (p.expected, p.returned) == (2, 1)
    assert [r.ticket_no for r in p.recent] == ["NOPE9", "T1", "T1"]
    assert p.recent[0].orphan and not p.recent[0].duplicate
    assert p.recent[1].duplicate and p.recent[1].engineer_name == "赵建国"


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({"signer_name": "钱志强"}, "engineer_signed"),  # a colleague of the outlet signed
        ({"signer_name": "赵 建国"}, "engineer_signed"),  # the engineer himself, a space typed
        ({"signer_name": "张三"}, "signer_not_customer"),
        ({"signature_present": False}, "unsigned_satisfied"),
        ({"signed_at": at("08:40")}, "signed_outside_visit"),
    ],
)
def test_what_is_wrong_with_a_card_is_found_before_it_is_saved(db, outlet, changes, kind):
    ctx = load_ticket_for_card(db, "T1", DAY)
    assert card_warnings(ctx, clean_card()) == []
    found = card_warnings(ctx, clean_card(**changes))
    assert [f.kind for f in found] == [kind]


def test_a_household_member_may_sign_and_a_fee_above_the_standard_is_found(db, outlet):
    ctx = load_ticket_for_card(db, "T2", DAY)  # out of warranty
    assert card_warnings(ctx, clean_card("T2", signer_name="李强", signer_relation="配偶")) == []
    fair = clean_card("T2", fee_items=("WX01",), fee_charged_fen=3000, receipt_no="R9")
    assert card_warnings(ctx, fair) == []
    over = card_warnings(
        ctx, clean_card("T2", fee_items=("WX01",), fee_charged_fen=5000, receipt_no="R9")
    )
    assert [f.kind for f in over] == ["overcharge"]
    assert any("20.00" in line for line in render_all(over[0].evidence))


def test_a_second_card_is_warned_about_while_typing(db, outlet):
    save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)
    ctx = load_ticket_for_card(db, "T1", DAY)
    assert [f.kind for f in card_warnings(ctx, clean_card())] == ["duplicate_card"]


def test_card_entry_and_the_reconciliation_keep_one_flag_per_key_with_the_decision(db, outlet):
    """Both write flags through the reconciliation's store: one row per key, audited, and a
    decided flag stays decided whoever finds it again."""
    from clerk_tui.services.reconcile.run import outlets_for, reconcile

    save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)
    save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)
    reconcile(db, DAY, outlets_for(db), now=NOW, user="zhuguan")
    (flag,) = [f for f in rows(db, Flag) if f.kind == "duplicate_card"]
    assert flag.status == "open"
    raised = [a for a in rows(db, AuditEntry) if a.action == "flag.raise"]
    assert [a.entity_id for a in raised] == [str(flag.id)]
    with db.session() as s:
        stored = s.get(Flag, flag.id)
        stored.status = "dismissed"
        s.add(stored)
    third = save_card(db, user=outlet, card=clean_card(), slip=None, now=NOW)
    assert third.flags == ("duplicate_card",)
    (again,) = [f for f in rows(db, Flag) if f.kind == "duplicate_card"]
    assert (again.id, again.status) == (flag.id, "dismissed")
    assert len([a for a in rows(db, AuditEntry) if a.action == "flag.raise"]) == 1
