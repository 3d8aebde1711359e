"""Callbacks the rules create, the verification sample and answers, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from clerk_tui.db.models import (
    AuditEntry,
    BusinessDay,
    Callback,
    Contact,
    Customer,
    Engineer,
    Flag,
    Outlet,
    SupervisionCard,
    Ticket,
)
from clerk_tui.domain.findings import evidence_from_json
from clerk_tui.domain.policy import Policy
from clerk_tui.i18n.evidence import render_all
from clerk_tui.services import audit
from clerk_tui.services.callbacks.answers import Answer, apply_answers, record_answer
from clerk_tui.services.callbacks.create import book_verification_sample, generate_callbacks, sample
from clerk_tui.services.callbacks.queue import load_queue
from clerk_tui.services.daylock import DayLocked
from clerk_tui.services.reference import save_policy

DAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 18, 0)


def at(hhmm: str, day: date = DAY) -> datetime:
    h, m = hhmm.split(":")
    return datetime(day.year, day.month, day.day, int(h), int(m))


class Outlet1:
    """A small outlet on DAY: add tickets, cards, contacts and flags in one go."""

    def __init__(self, db) -> None:
        self.db = db
        with db.session() as s:
            o = Outlet(code="QD01", name="市南网点")
            s.add(o)
            s.flush()
            e1 = Engineer(code="E01", name="王建国", outlet_id=o.id)
            e2 = Engineer(code="E02", name="李强", outlet_id=o.id)
            s.add_all([e1, e2])
            s.flush()
            self.outlet_id, self.eng = o.id, {"E01": e1.id, "E02": e2.id}
        self.n = 0

    def ticket(
        self,
        *,
        engineer="E01",
        status="completed",
        service="repair",
        customer="王芳",
        day: date = DAY,
    ) -> str:
        self.n += 1
        no = f"T{self.n:04d}"
        with self.db.session() as s:
            c = Customer(name=customer, phone=f"1390000{self.n:04d}")
            s.add(c)
            s.flush()
            s.add(
                Ticket(
                    ticket_no=no,
                    outlet_id=self.outlet_id,
                    service_type=service,
                    customer_id=c.id,
                    customer_name=customer,
                    phone=c.phone,
                    status=status,
                    engineer_id=self.eng.get(engineer),
                    created_at=at("08:00", day),
                    business_date=day,
                )
            )
        return no

    def tid(self, no: str) -> int:
        with self.db.read() as s:
            return s.exec(select(Ticket.id).where(Ticket.ticket_no == no)).one()

    def card(
        self,
        no: str,
        *,
        engineer="E01",
        signer="王芳",
        satisfaction="满意",
        confident=True,
        finished="10:10",
        day: date = DAY,
    ) -> None:
        with self.db.session() as s:
            s.add(
                SupervisionCard(
                    ticket_no=no,
                    ticket_id=self.tid(no),
                    engineer_code=engineer,
                    engineer_id=self.eng[engineer],
                    returned_at=at("17:50", day),
                    arrived_at=at("09:00", day),
                    finished_at=at(finished, day),
                    signer_name=signer,
                    signature_present=bool(signer),
                    satisfaction=satisfaction,
                    signed_at=at(finished, day),
                    repair_confident=confident,
                    business_date=day,
                )
            )

    def consult(self, no: str, hhmm: str) -> None:
        with self.db.session() as s:
            s.add(
                Contact(
                    ticket_id=self.tid(no),
                    at=at(hhmm),
                    party="customer",
                    outcome="consulted",
                    note="指导用户操作",
                )
            )

    def flag(
        self, no: str, kind="engineer_signed", status="open", engineer="E01", day: date = DAY
    ) -> int:
        with self.db.session() as s:
            f = Flag(
                key=f"{day}|QD01|{kind}|{no}",
                business_date=day,
                outlet_id=self.outlet_id,
                ticket_no=no,
                engineer_id=self.eng[engineer],
                kind=kind,
                severity="high",
                evidence=json.dumps(["签字人为工程师本人"], ensure_ascii=False),
                status=status,
            )
            s.add(f)
            s.flush()
            return f.id

    def callbacks(self, no: str | None = None) -> list[Callback]:
        with self.db.read() as s:
            q = select(Callback).order_by(Callback.id)
            if no:
                q = q.where(Callback.ticket_no == no)
            return list(s.exec(q).all())


@pytest.fixture
def outlet(db):
    return Outlet1(db)


def _due(outlet, no):
    return [(c.reason, c.due_at) for c in outlet.callbacks(no)]


class TestRules:
    def test_a_phone_consultation_is_called_back_two_hours_later(self, db, outlet):
        no = outlet.ticket(status="consult_only", service="consult")
        outlet.consult(no, "10:15")
        assert generate_callbacks(db, day=DAY, now=NOW) == 1
        assert _due(outlet, no) == [("consult", at("12:15"))]

    def test_an_uncertain_repair_is_called_back_three_hours_after_it_finished(self, db, outlet):
        no = outlet.ticket()
        outlet.card(no, confident=False, finished="10:10")
        generate_callbacks(db, day=DAY, now=NOW)
        assert _due(outlet, no) == [("uncertain_repair", at("13:10"))]

    def test_a_ceramics_outlet_calls_an_uncertain_repair_back_after_a_week(self, db, outlet):
        save_policy(db, Policy(uncertain_repair_callback_hours=168))
        no = outlet.ticket()
        outlet.card(no, confident=False, finished="10:10")
        generate_callbacks(db, day=DAY, now=NOW)
        assert _due(outlet, no) == [("uncertain_repair", at("10:10") + timedelta(days=7))]

    def test_a_confirmed_forgery_gets_one_remedy_call(self, db, outlet):
        no = outlet.ticket()
        outlet.card(no, signer="王建国")
        outlet.flag(no, status="confirmed")
        other = outlet.ticket()
        outlet.flag(other, kind="overcharge", status="confirmed")  # not a forgery kind
        assert generate_callbacks(db, day=DAY, now=NOW) == 1
        assert _due(outlet, no) == [("remedy", NOW)]
        assert generate_callbacks(db, day=DAY + timedelta(days=1), now=NOW + timedelta(days=1)) == 0

    def test_running_the_rules_twice_creates_nothing_new(self, db, outlet):
        a = outlet.ticket(status="consult_only", service="consult")
        outlet.consult(a, "10:15")
        b = outlet.ticket()
        outlet.card(b, confident=False, satisfaction="不满意")
        first = generate_callbacks(db, day=DAY, now=NOW)
        again = generate_callbacks(db, day=DAY, now=NOW + timedelta(hours=1))
        assert (first, again) == (3, 0)
        assert len(outlet.callbacks()) == 3
        assert audit.verify(db).ok


class TestFollowUps:
    def test_an_unsatisfied_customer_is_followed_up_until_satisfied(self, db, outlet):
        no = outlet.ticket()
        outlet.card(no, satisfaction="不满意")
        assert generate_callbacks(db, day=DAY, now=NOW) == 1
        (first,) = outlet.callbacks(no)
        assert (first.reason, first.due_at) == ("follow_up", NOW)

        later = NOW + timedelta(minutes=30)
        done = record_answer(
            db,
            callback_id=first.id,
            user="xinxi1",
            now=later,
            answer=Answer(reached=True, satisfied=False, note="还是漏水"),
        )
        assert done.follow_ups == [no] and done.revisits == [no]
        second = outlet.callbacks(no)[-1]
        assert (second.reason, second.due_at, second.done_at) == ("follow_up", later, None)
        with db.read() as s:
            assert "需再次上门" in s.get(Ticket, outlet.tid(no)).notes
        assert generate_callbacks(db, day=DAY, now=later) == 0  # the rules agree: no third

        done = record_answer(
            db,
            callback_id=second.id,
            user="xinxi1",
            now=later + timedelta(hours=1),
            answer=Answer(reached=True, satisfied=True),
        )
        assert done.follow_ups == []
        assert generate_callbacks(db, day=DAY, now=later + timedelta(hours=2)) == 0
        assert [c.done_at is not None for c in outlet.callbacks(no)] == [True, True]
        assert audit.verify(db).ok

    def test_not_reached_stays_on_the_queue_with_the_attempt_noted(self, db, outlet):
        no = outlet.ticket(status="consult_only", service="consult")
        outlet.consult(no, "10:15")
        generate_callbacks(db, day=DAY, now=NOW)
        (cb,) = outlet.callbacks(no)
        record_answer(
            db, callback_id=cb.id, user="xinxi1", now=NOW, answer=Answer(reached=False, retry=True)
        )
        (cb,) = outlet.callbacks(no)
        assert cb.done_at is None and cb.reached is False
        assert cb.due_at == NOW + timedelta(hours=1) and "未接通" in cb.notes
        record_answer(
            db,
            callback_id=cb.id,
            user="xinxi1",
            now=NOW + timedelta(hours=1),
            answer=Answer(reached=False, retry=False),
        )
        (cb,) = outlet.callbacks(no)
        assert cb.due_at == NOW + timedelta(hours=1) and cb.notes.count("未接通") == 2

    def test_an_answer_recorded_twice_from_stale_screens_is_refused(self, db, outlet):
        from clerk_tui.services.callbacks.answers import CallbackChanged

        no = outlet.ticket(status="consult_only", service="consult")
        outlet.consult(no, "10:15")
        generate_callbacks(db, day=DAY, now=NOW)
        (cb,) = outlet.callbacks(no)
        record_answer(
            db, callback_id=cb.id, user="a", now=NOW, answer=Answer(reached=True, satisfied=True)
        )
        with pytest.raises(CallbackChanged):
            record_answer(db, callback_id=cb.id, user="b", now=NOW, answer=Answer(reached=True))

    def test_a_signed_off_day_refuses_the_answer(self, db, outlet):
        no = outlet.ticket(status="consult_only", service="consult")
        outlet.consult(no, "10:15")
        generate_callbacks(db, day=DAY, now=NOW)
        (cb,) = outlet.callbacks(no)
        with db.session() as s:
            s.add(BusinessDay(outlet_id=outlet.outlet_id, day=DAY, state="signed_off"))
        with pytest.raises(DayLocked):
            record_answer(db, callback_id=cb.id, user="x", now=NOW, answer=Answer(reached=True))
        (cb,) = outlet.callbacks(no)
        assert cb.called_at is None


class TestFlags:
    def _verification(self, db, outlet, answer: Answer):
        no = outlet.ticket()
        outlet.card(no, signer="王建国")
        flag_id = outlet.flag(no)
        book_verification_sample(db, day=DAY, now=NOW)
        (cb,) = [c for c in outlet.callbacks(no) if c.reason == "verification"]
        record_answer(db, callback_id=cb.id, user="xinxi1", now=NOW, answer=answer)
        with db.read() as s:
            return s.get(Flag, flag_id)

    def test_a_customer_who_did_not_sign_adds_evidence_and_suggests_confirming(self, db, outlet):
        flag = self._verification(
            db,
            outlet,
            Answer(reached=True, satisfied=True, customer_signed=False, engineer_came=True),
        )
        evidence = render_all(evidence_from_json(flag.evidence))
        assert flag.status == "open"  # only a supervisor decides
        assert evidence[0] == "签字人为工程师本人"  # a sentence stored before evidence was data
        assert any("本人签字 否" in e for e in evidence)
        assert any("建议确认" in e for e in evidence)

    def test_a_callback_that_confirms_the_card_suggests_dismissing(self, db, outlet):
        flag = self._verification(
            db,
            outlet,
            Answer(reached=True, satisfied=True, customer_signed=True, engineer_came=True),
        )
        assert flag.status == "open" and flag.decided_by is None
        assert any("建议撤销" in e for e in render_all(evidence_from_json(flag.evidence)))

    def test_imported_answers_are_acted_on_once(self, db, outlet):
        no = outlet.ticket()
        outlet.card(no)
        flag_id = outlet.flag(no)
        with db.session() as s:
            cb = Callback(
                ticket_id=outlet.tid(no),
                ticket_no=no,
                called_at=at("16:20"),
                done_at=at("16:20"),
                reached=True,
                satisfied=False,
                engineer_came=False,
            )
            s.add(cb)
            s.flush()
            cb_id = cb.id
        first = apply_answers(db, callback_ids=[cb_id], now=NOW)
        again = apply_answers(db, callback_ids=[cb_id], now=NOW)
        assert first.follow_ups == [no] and first.flags == [flag_id]
        assert again.follow_ups == [] and again.flags == []
        assert [c.reason for c in outlet.callbacks(no)] == ["verification", "follow_up"]

    def test_a_callbacks_file_imported_on_the_command_line_is_acted_on(
        self, db, outlet, tmp_path, capsys
    ):
        """`clerk-tui import callbacks` acts on the answers as the clerk's screen does: the
        unsatisfied customer is followed up and the forgery flag gets the answer as evidence."""
        from clerk_tui.cli import main

        no = outlet.ticket()
        outlet.card(no)
        flag_id = outlet.flag(no)
        f = tmp_path / "callbacks.csv"
        f.write_text(
            "ticket_no,called_at,reached,satisfied,customer_signed,engineer_came,notes\n"
            f"{no},2025-03-14 16:20,Y,N,N,Y,用户说没签过字\n",
            encoding="utf-8",
        )
        argv = ["--db", db.engine.url.render_as_string(hide_password=False), "--json"]
        assert main([*argv, "import", "callbacks", str(f)]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["inserted"] == 1
        assert out["answers"] == {"answered": 1, "follow_ups": 1, "flags": 1, "locked": 0}
        with db.read() as s:
            flag = s.get(Flag, flag_id)
        assert flag.status == "open"  # only a supervisor decides
        assert any("本人签字 否" in e for e in render_all(evidence_from_json(flag.evidence)))
        assert [c.reason for c in outlet.callbacks(no)] == ["verification", "follow_up"]

        assert main([*argv, "import", "callbacks", str(f)]) == 0
        again = json.loads(capsys.readouterr().out)
        assert again["inserted"] == 0 and "answers" not in again
        assert [c.reason for c in outlet.callbacks(no)] == ["verification", "follow_up"]


class TestSample:
    def _day(self, outlet, n=12):
        nos = []
        for i in range(n):
            no = outlet.ticket(engineer="E02" if i % 2 else "E01")
            outlet.card(no, engineer="E02" if i % 2 else "E01")
            nos.append(no)
        forged = outlet.ticket()
        outlet.card(forged, signer="王建国")  # the engineer signed himself
        return nos, forged

    def test_every_high_risk_card_is_sampled_plus_a_share_of_the_rest(self, db, outlet):
        nos, forged = self._day(outlet)
        picked = book_verification_sample(db, day=DAY, now=NOW)
        assert picked[0] == forged
        assert len(picked) == 1 + 3  # ceil(0.2 × 12)
        booked = [c for c in outlet.callbacks() if c.reason == "verification"]
        assert sorted(c.ticket_no for c in booked) == sorted(picked)

    def test_the_sample_is_the_same_on_every_run_and_booked_once(self, db, outlet):
        self._day(outlet)
        first = book_verification_sample(db, day=DAY, now=NOW)
        again = book_verification_sample(db, day=DAY, now=NOW + timedelta(hours=2))
        assert first == again
        assert len([c for c in outlet.callbacks() if c.reason == "verification"]) == len(first)
        with db.read() as s:
            actions = [e.action for e in s.exec(select(AuditEntry)).all()]
        assert actions.count("callback.sample") == 1

    def test_verification_callbacks_are_due_by_noon_the_next_day_not_at_once(self, db, outlet):
        """[H 七.2] gives no hour: policy, by default the next day 12:00, so a callback
        booked now is not overdue a minute later."""
        self._day(outlet)
        book_verification_sample(db, day=DAY, now=NOW)
        dues = {c.due_at for c in outlet.callbacks() if c.reason == "verification"}
        assert dues == {datetime(2025, 3, 15, 12, 0)}
        a_minute_later = NOW + timedelta(minutes=1)
        queue = load_queue(db, now=a_minute_later, include_later=True)
        assert queue and not any(r.overdue_minutes(a_minute_later) for r in queue)
        assert load_queue(db, now=a_minute_later) == []  # due tomorrow: not today's queue

    def test_the_outlet_policy_sets_the_deadline(self, db, outlet):
        save_policy(db, Policy(verification_callback_days=0, verification_callback_hour=20))
        self._day(outlet)
        book_verification_sample(db, day=DAY, now=NOW)
        dues = {c.due_at for c in outlet.callbacks() if c.reason == "verification"}
        assert dues == {at("20:00")}

    def test_a_ticket_with_an_open_callback_is_not_sampled_again(self, db, outlet):
        self._day(outlet)
        unhappy = outlet.ticket()
        outlet.card(unhappy, signer="王建国", satisfaction="不满意")  # high risk: always sampled
        assert generate_callbacks(db, day=DAY, now=NOW) == 1  # the follow-up, due at once
        drawn = sample(db, day=DAY, now=NOW)
        assert unhappy in drawn.tickets and drawn.covered == (unhappy,)
        assert unhappy not in book_verification_sample(db, day=DAY, now=NOW)
        assert [c.reason for c in outlet.callbacks(unhappy)] == ["follow_up"]
        booked = [c.ticket_no for c in outlet.callbacks() if c.reason == "verification"]
        assert len(booked) == len(drawn.tickets) - 1 == len(drawn.booked.created)

    def test_a_customer_called_back_after_the_visit_today_is_not_called_again(self, db, outlet):
        self._day(outlet)
        called, early = outlet.ticket(), outlet.ticket()
        for no in (called, early):
            outlet.card(no, signer="王建国", finished="10:10")  # high risk: always sampled
        with db.session() as s:
            for no, hhmm in ((called, "16:20"), (early, "09:30")):  # after / before the visit
                s.add(
                    Callback(
                        ticket_id=outlet.tid(no),
                        ticket_no=no,
                        reason="consult",
                        due_at=at(hhmm),
                        called_at=at(hhmm),
                        done_at=at(hhmm),
                        reached=True,
                        satisfied=True,
                    )
                )
        picked = book_verification_sample(db, day=DAY, now=NOW)
        assert early in picked and called not in picked
        assert [c.reason for c in outlet.callbacks(called)] == ["consult"]
        assert [c.reason for c in outlet.callbacks(early)] == ["consult", "verification"]

    def test_a_rerun_after_covering_callbacks_books_nothing_new(self, db, outlet):
        """Idempotent even though the sample's own callbacks are open: they do not count
        as another callback covering the ticket, and the draw does not move."""
        self._day(outlet)
        unhappy = outlet.ticket()
        outlet.card(unhappy, signer="王建国", satisfaction="不满意")
        generate_callbacks(db, day=DAY, now=NOW)
        first = sample(db, day=DAY, now=NOW)
        again = sample(db, day=DAY, now=NOW + timedelta(hours=1))
        assert again.tickets == first.tickets and again.covered == first.covered
        assert again.booked.created == () and again.booked_before == len(first.booked.created)
        assert generate_callbacks(db, day=DAY, now=NOW + timedelta(hours=1)) == 0

    def test_a_signed_off_day_books_no_sample(self, db, outlet):
        self._day(outlet)
        with db.session() as s:
            s.add(BusinessDay(outlet_id=outlet.outlet_id, day=DAY, state="signed_off"))
        drawn = sample(db, day=DAY, now=NOW)
        assert drawn.booked.created == () and len(drawn.booked.locked) == len(drawn.tickets)
        assert [c for c in outlet.callbacks() if c.reason == "verification"] == []
