"""Phone consultation [H 一.2(1), 一.3(3)]: consult_only with a callback 2 h later; refusal means a visit."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from intake_setup import clerk_at_outlet
from sqlalchemy import select, update

from clerk_tui.db.models import Callback, Contact, Ticket
from clerk_tui.services.intake.consult import (
    ConsultRefused,
    refuse_consultation,
    start_consultation,
)
from clerk_tui.services.intake.save import IntakeForm, save_ticket

TODAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 10, 0)
MISUSE = IntakeForm(
    customer_name="王芳",
    phone="13812345678",
    address="青岛市李沧区书院路12号绿城小区3号楼2单元502室",
    product_model="XQG100-B14876",
    purchase_date=date(2024, 5, 1),
    symptom="洗衣机进水报警，家里水压低",
    requested_start=datetime(2025, 3, 15, 9),
    requested_end=datetime(2025, 3, 15, 12),
)


@pytest.fixture
def setup(db):
    return clerk_at_outlet(db, today=TODAY)


def _rows(db, ticket_id):
    with db.read() as s:
        tk = s.get(Ticket, ticket_id)
        contacts = s.execute(select(Contact).where(Contact.ticket_id == ticket_id)).scalars().all()
        callbacks = (
            s.execute(select(Callback).where(Callback.ticket_id == ticket_id)).scalars().all()
        )
    return tk, contacts, callbacks


def test_misuse_symptom_saved_undecided_waits_for_a_consultation(setup):
    db, user, ref = setup
    saved = save_ticket(db, MISUSE, ref, user=user, now=NOW)
    assert saved.status == "needs_info"
    misuse = [f for f in saved.findings if f.kind == "likely_misuse"]
    assert misuse and misuse[0].next_step == "phone_consult"


def test_consultation_makes_the_ticket_consult_only_with_a_callback_two_hours_later(setup):
    db, user, ref = setup
    saved = save_ticket(db, MISUSE, ref, user=user, now=NOW)
    result = start_consultation(
        db,
        ticket_id=saved.id,
        user=user,
        outcome_note="指导用户避开用水高峰",
        now=NOW + timedelta(minutes=3),
    )
    tk, contacts, callbacks = _rows(db, saved.id)
    assert result.status == tk.status == "consult_only"
    assert [(c.party, c.outcome, c.note) for c in contacts] == [
        ("customer", "consulted", "指导用户避开用水高峰")
    ]
    assert [(c.reason, c.due_at) for c in callbacks] == [("consult", datetime(2025, 3, 14, 12, 3))]
    assert tk.version == 2


def test_consultation_chosen_on_the_form_is_saved_in_the_same_action(setup):
    db, user, ref = setup
    saved = save_ticket(
        db, MISUSE, ref, user=user, now=NOW, consult="consult", consult_note="已指导"
    )
    tk, contacts, callbacks = _rows(db, saved.id)
    assert tk.status == "consult_only" and saved.callback_due == NOW + timedelta(hours=2)
    assert [c.outcome for c in contacts] == ["consulted"] and len(callbacks) == 1


def test_customer_who_refuses_the_consultation_gets_the_visit(setup):
    db, user, ref = setup
    saved = save_ticket(db, MISUSE, ref, user=user, now=NOW)
    result = refuse_consultation(db, ticket_id=saved.id, user=user, now=NOW)
    tk, contacts, callbacks = _rows(db, saved.id)
    assert result.status == tk.status == "ready"
    assert [c.outcome for c in contacts] == ["consult_refused"] and callbacks == []


def test_refusal_after_a_consultation_brings_the_visit_back(setup):
    db, user, ref = setup
    saved = save_ticket(db, MISUSE, ref, user=user, now=NOW, consult="consult")
    assert refuse_consultation(db, ticket_id=saved.id, user=user, now=NOW).status == "ready"


def test_refusal_keeps_needs_info_while_other_information_is_missing(setup):
    db, user, ref = setup
    form = IntakeForm(**{**MISUSE.__dict__, "address": "书院路"})
    saved = save_ticket(db, form, ref, user=user, now=NOW, consult="refused")
    tk, contacts, _ = _rows(db, saved.id)
    assert tk.status == "needs_info" and [c.outcome for c in contacts] == ["consult_refused"]


def test_consultation_refused_when_someone_else_changed_the_ticket(setup):
    db, user, ref = setup
    saved = save_ticket(db, MISUSE, ref, user=user, now=NOW)
    with db.session() as s:
        s.execute(update(Ticket).where(Ticket.id == saved.id).values(version=Ticket.version + 1))
    with pytest.raises(ConsultRefused):
        start_consultation(db, ticket_id=saved.id, user=user, outcome_note="x", now=NOW, version=1)
    tk, contacts, callbacks = _rows(db, saved.id)
    assert tk.status == "needs_info" and contacts == [] and callbacks == []


def test_a_scheduled_visit_cannot_become_a_consultation(setup):
    db, user, ref = setup
    saved = save_ticket(db, MISUSE, ref, user=user, now=NOW)
    with db.session() as s:
        s.execute(update(Ticket).where(Ticket.id == saved.id).values(status="in_service"))
    with pytest.raises(ConsultRefused):
        start_consultation(db, ticket_id=saved.id, user=user, outcome_note="x", now=NOW)
