"""`clerk-tui demo`: a realistic outlet with every state and every planted problem, reproducible."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from clerk_tui.db.models import (
    Appointment,
    BusinessDay,
    Callback,
    Customer,
    Engineer,
    EngineerLeave,
    FeeItem,
    ProductModel,
    Setting,
    SupervisionCard,
    Ticket,
    WarrantySlip,
)
from clerk_tui.demo.build import DemoRefused, build_demo, demo_users
from clerk_tui.services.auth.passwords import authenticate
from clerk_tui.services.reference import load_policy, misuse_keywords, travel_minutes

TODAY = date(2026, 11, 22)
STATES = {
    "new",
    "needs_info",
    "ready",
    "scheduled",
    "in_service",
    "completed",
    "consult_only",
    "pulled_back",
    "transferred",
    "cancelled",
}
OPEN = {"new", "needs_info", "ready", "scheduled", "in_service", "pulled_back"}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def built(request, tmp_path_factory):
    """One demo database per backend for the whole module: (db, summary, seconds)."""
    if request.param == "sqlite":
        from clerk_tui.services.database import open_database

        db = open_database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
        drop = db.dispose
    else:
        from dbutil import PG_URL, pg_db

        if not PG_URL:
            pytest.skip("CLERK_TEST_PG not set")
        db, drop = pg_db()
    start = time.perf_counter()
    summary = build_demo(db, seed=7, today=TODAY)
    yield db, summary, time.perf_counter() - start
    drop()


@pytest.fixture(scope="module")
def data(built):
    """Everything the assertions look at, read once."""
    db = built[0]
    with db.read() as s:

        def rows(model):
            return s.execute(select(model)).scalars().all()

        return {
            "tickets": rows(Ticket),
            "appointments": rows(Appointment),
            "cards": rows(SupervisionCard),
            "slips": rows(WarrantySlip),
            "callbacks": rows(Callback),
            "customers": rows(Customer),
            "engineers": rows(Engineer),
            "leaves": rows(EngineerLeave),
            "products": rows(ProductModel),
            "fees": rows(FeeItem),
            "days": rows(BusinessDay),
        }


def _today(data):
    return [t for t in data["tickets"] if t.business_date == TODAY]


def _snapshot(db):
    with db.read() as s:
        tickets = s.execute(
            select(
                Ticket.ticket_no,
                Ticket.customer_name,
                Ticket.phone,
                Ticket.status,
                Ticket.product_model,
                Ticket.created_at,
            ).order_by(Ticket.ticket_no)
        ).all()
        cards = s.execute(
            select(
                SupervisionCard.ticket_no,
                SupervisionCard.signer_name,
                SupervisionCard.returned_at,
                SupervisionCard.fee_charged_fen,
            ).order_by(SupervisionCard.ticket_no, SupervisionCard.returned_at)
        ).all()
        engineers = s.execute(select(Engineer.code, Engineer.name).order_by(Engineer.code)).all()
    return [tuple(r) for r in tickets], [tuple(r) for r in cards], [tuple(r) for r in engineers]


# ---- size, speed, accounts ---------------------------------------------------


def test_demo_builds_quickly(built):
    assert built[2] < 30  # measured about 3 s on SQLite


def test_a_month_of_history_about_1500_tickets(data):
    past = [t for t in data["tickets"] if t.business_date < TODAY]
    assert 1300 <= len(past) <= 1700
    assert {t.business_date for t in past} == {TODAY - timedelta(days=n) for n in range(1, 31)}
    statuses = Counter(t.status for t in past)
    assert statuses["closed"] > 0.7 * len(past)
    assert {"consult_only", "cancelled"} <= set(statuses)
    days = {d.day: d.state for d in data["days"]}
    assert all(days[TODAY - timedelta(days=n)] == "signed_off" for n in range(1, 31))
    assert days[TODAY] == "open"


def test_history_visits_have_cards_slips_and_callbacks(data):
    past = {
        t.ticket_no for t in data["tickets"] if t.business_date < TODAY and t.status == "closed"
    }
    carded = {c.ticket_no for c in data["cards"]}
    slipped = {s.ticket_no for s in data["slips"]}
    assert past <= carded and past <= slipped
    reasons = Counter(c.reason for c in data["callbacks"])
    assert {"consult", "uncertain_repair", "verification", "unsatisfied"} <= set(reasons)


def test_demo_accounts_can_log_in_and_are_listed(built):
    db, summary, _ = built
    listed = demo_users(db)
    assert {u["role"] for u in listed} == {"supervisor", "clerk"}
    assert sum(u["role"] == "clerk" for u in listed) == 2
    for u in listed:
        assert authenticate(db, u["username"], u["password"]).role == u["role"]
        assert u["username"] in summary.describe() and u["password"] in summary.describe()


def test_ticket_numbers_follow_the_day_and_arrival(data):
    today = sorted(_today(data), key=lambda t: t.ticket_no)
    assert all(
        t.ticket_no.startswith(f"QD{TODAY:%Y%m%d}") and len(t.ticket_no) == 14 for t in today
    )
    assert [t.created_at for t in today] == sorted(t.created_at for t in today)


# ---- today: states and doubtful information --------------------------------


def test_today_has_tickets_in_every_state(data):
    assert STATES <= {t.status for t in _today(data)}


def test_markup_in_a_customer_name_is_stored_as_typed(data):
    assert any(t.customer_name == "[red]x[/]" for t in _today(data))


def test_every_kind_of_doubtful_information_is_planted(data):
    today = [t for t in _today(data) if t.status in OPEN]
    models = {p.model: p for p in data["products"]}
    assert any(t.phone == "1381234567" for t in today)  # invalid phone
    assert any(not t.district and "号" not in t.address for t in today)  # incomplete address
    assert any(t.product_model and t.product_model not in models for t in today)  # unknown model
    assert any(t.product_model == "" for t in today)  # missing model
    assert any(t.purchase_date is None for t in today)  # missing purchase date
    assert any(t.purchase_date and t.purchase_date > TODAY for t in today)  # future purchase
    assert any(
        t.purchase_date
        and t.product_model in models
        and models[t.product_model].release_date
        and t.purchase_date < models[t.product_model].release_date
        for t in today
    )
    pairs = Counter(
        (t.phone, t.product_model) for t in data["tickets"] if t.status in OPEN and t.product_model
    )
    assert max(pairs.values()) >= 2  # duplicate open ticket
    closed = {
        (t.serial_no, t.product_model): t.business_date
        for t in data["tickets"]
        if t.status == "closed" and t.serial_no
    }
    assert any(
        (t.serial_no, t.product_model) in closed
        and (TODAY - closed[(t.serial_no, t.product_model)]).days <= 30
        for t in today
    )  # repeat repair
    keywords = [p for p, _, _ in misuse_keywords()]
    assert any(any(k in t.symptom for k in keywords) for t in today if t.status == "new")  # misuse


def test_consultations_have_a_callback_two_hours_later(data):
    today = {t.id: t for t in _today(data) if t.status == "consult_only"}
    due = [c for c in data["callbacks"] if c.ticket_id in today and c.reason == "consult"]
    assert len(due) == len(today) >= 2 and all(c.done_at is None for c in due)


# ---- today: appointments -----------------------------------------------------


def _schedule(data, day):
    by_id = {t.id: t for t in data["tickets"]}
    jobs = defaultdict(list)
    for a in data["appointments"]:
        if a.start.date() == day and a.status != "cancelled":
            jobs[a.engineer_id].append((a, by_id[a.ticket_id]))
    return jobs


def _clashes(data, db, day):
    """(kind, engineer code) for overlaps, too little travel and work outside the shift."""
    travel = travel_minutes(db)
    buffer = load_policy(db).travel_buffer_minutes
    engs = {e.id: e for e in data["engineers"]}
    found = set()
    for eid, jobs in _schedule(data, day).items():
        if eid is None:
            continue
        e = engs[eid]
        jobs.sort(key=lambda j: j[0].start)
        for a, _ in jobs:
            if a.start.strftime("%H:%M") < e.work_start or a.end.strftime("%H:%M") > e.work_end:
                found.add(("outside_hours", e.code))
        for (a, ta), (b, tb) in zip(jobs, jobs[1:], strict=False):
            if b.start < a.end:
                found.add(("overlap", e.code))
            elif (
                a.end + timedelta(minutes=travel.get((ta.district, tb.district), 0) + buffer)
                > b.start
            ):
                found.add(("insufficient_travel", e.code))
    return found


def test_the_only_clashes_today_are_the_planted_ones(data, built):
    assert _clashes(data, built[0], TODAY) == {
        ("overlap", "E002"),
        ("insufficient_travel", "E003"),
        ("outside_hours", "E004"),
    }


def test_history_has_no_clashes(data, built):
    for n in (1, 7, 15, 29):
        assert _clashes(data, built[0], TODAY - timedelta(days=n)) == set()


def test_other_planted_scheduling_problems(data):
    engs = {e.id: e for e in data["engineers"]}
    jobs = _schedule(data, TODAY)
    by_code = {engs[eid].code: j for eid, j in jobs.items() if eid is not None}
    on_leave = {engs[lv.engineer_id].code for lv in data["leaves"] if lv.day == TODAY}
    assert on_leave & set(by_code)  # an engineer on leave has a job
    assert any(not engs[eid].active for eid in jobs if eid is not None)  # an inactive engineer
    assert any(
        p.category not in engs[eid].skills.split("|")
        for eid, js in jobs.items()
        if eid is not None
        for _, t in js
        for p in data["products"]
        if p.model == t.product_model
    )  # skill mismatch
    assert any(
        t.requested_start and not (t.requested_start <= a.start and a.end <= t.requested_end)
        for js in jobs.values()
        for a, t in js
    )  # outside the requested window
    over = [e for e in data["engineers"] if len(by_code.get(e.code, [])) > (e.daily_capacity or 8)]
    assert [e.code for e in over] == ["E010"]
    assert any(a.engineer_id is None and t.status == "scheduled" for a, t in jobs.get(None, []))


# ---- today: returned cards -----------------------------------------------------


def test_every_card_problem_is_planted(data):
    tickets = {t.ticket_no: t for t in data["tickets"]}
    customers = {c.id: c for c in data["customers"]}
    names = {e.name for e in data["engineers"]}
    appts = defaultdict(list)
    for a in data["appointments"]:
        appts[a.ticket_id].append(a)
    cards = [c for c in data["cards"] if c.business_date == TODAY]

    def household(c):
        t = tickets.get(c.ticket_no)
        cust = customers.get(t.customer_id) if t else None
        return {m.split(":")[0] for m in cust.household.split("|") if m} if cust else set()

    assert any(c.signer_name in names for c in cards)  # engineer signed
    assert any(
        c.signer_name
        and c.signer_name not in names
        and c.ticket_no in tickets
        and c.signer_name != tickets[c.ticket_no].customer_name
        and c.signer_name not in household(c)
        for c in cards
    )  # a stranger signed
    assert any(
        c.signer_relation == "配偶" and c.signer_name in household(c) for c in cards
    )  # legit
    assert any(c.satisfaction == "满意" and not c.signature_present for c in cards)
    assert any(c.signed_at and c.arrived_at and c.signed_at < c.arrived_at for c in cards)
    assert any(c.returned_at.hour >= 20 for c in cards)  # after the cut-off
    assert max(Counter(c.ticket_no for c in cards).values()) == 2  # duplicate
    assert any(not appts[tickets[c.ticket_no].id] for c in cards)  # orphan: no visit
    assert any(tickets[c.ticket_no].status == "cancelled" for c in cards)
    assert any(c.satisfaction == "不满意" for c in cards)
    late = [
        c
        for c in cards
        for a in appts[tickets[c.ticket_no].id]
        if a.status == "done" and c.arrived_at > a.start + timedelta(minutes=15)
    ]
    assert any(c.called_ahead is False for c in late) and any(c.called_ahead for c in late)
    carded = {c.ticket_no for c in cards}
    finished = [t for t in _today(data) if t.status == "completed"]
    assert sum(t.ticket_no not in carded for t in finished) >= 2  # missing cards
    slipped = {s.ticket_no for s in data["slips"]}
    assert any(
        t.ticket_no in carded and t.ticket_no not in slipped for t in finished
    )  # missing slip


def test_one_card_charges_above_the_fee_standard(data):
    def standard(code, day):
        versions = [f for f in data["fees"] if f.code == code and f.effective_from <= day]
        return max(versions, key=lambda f: f.effective_from).amount_fen

    over = [
        c
        for c in data["cards"]
        if c.fee_items
        and c.business_date == TODAY
        and c.fee_charged_fen > sum(standard(code, TODAY) for code in c.fee_items.split("|"))
    ]
    assert len(over) == 1
    assert over[0].fee_items == "SM-01|XYJ-03|PJ-01"


def test_history_cards_charge_exactly_the_standard(data):
    def standard(code, day):
        versions = [f for f in data["fees"] if f.code == code and f.effective_from <= day]
        return max(versions, key=lambda f: f.effective_from).amount_fen

    past = [c for c in data["cards"] if c.business_date < TODAY and c.fee_items]
    assert past
    assert all(
        c.fee_charged_fen == sum(standard(x, c.business_date) for x in c.fee_items.split("|"))
        for c in past
    )


# ---- reproducible, rebuilt, refused --------------------------------------------


def test_same_seed_same_data_and_a_rerun_rebuilds_it(db):
    build_demo(db, seed=3, today=TODAY)
    first = _snapshot(db)
    build_demo(db, seed=3, today=TODAY)
    assert _snapshot(db) == first
    build_demo(db, seed=4, today=TODAY)
    other = _snapshot(db)
    assert other[0] != first[0] and other[2] != first[2]
    with db.read() as s:
        assert s.get(Setting, "demo") is not None


def test_a_database_with_real_tickets_is_refused_and_left_alone(db):
    now = datetime(2026, 11, 20, 9, 0)
    with db.session() as s:
        s.execute(
            insert(Ticket),
            [
                {
                    "ticket_no": "REAL-1",
                    "created_at": now,
                    "business_date": now.date(),
                    "symptom": "",
                    "notes": "",
                }
            ],
        )
    with pytest.raises(DemoRefused) as err:
        build_demo(db, seed=1, today=TODAY)
    assert "--db" in str(err.value)
    with db.read() as s:
        assert s.execute(select(Ticket.ticket_no)).scalars().all() == ["REAL-1"]
        assert s.get(Setting, "demo") is None
