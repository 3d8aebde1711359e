"""The whole day's reconciliation: flags sorted by severity, tally, stable keys, FORMATS JSON."""

from __future__ import annotations

import re
from pathlib import Path

from reconcile_builders import DAY, EVENING, callback, card, day, slip, visit

from clerk_tui.domain.findings import Finding
from clerk_tui.domain.reconcile.day import flag_key, reconcile_day
from clerk_tui.domain.reconcile.rules import RULE_OF
from clerk_tui.i18n import catalog, set_lang
from clerk_tui.i18n.evidence import render, render_all

FORMATS_KINDS = {
    "missing_card",
    "late_card",
    "orphan_card",
    "duplicate_card",
    "missing_slip",
    "engineer_signed",
    "signer_not_customer",
    "unsigned_satisfied",
    "signed_outside_visit",
    "card_for_unserved_ticket",
    "callback_contradiction",
    "engineer_pattern",
    "overcharge",
    "late_arrival",
    "late_no_call_ahead",
    "callback_overdue",
    "unsatisfied_open",
}


def _clean_day():
    visits = [visit("T1", start="09:00"), visit("T2", engineer="E02", start="10:00", end="11:30")]
    cards = [
        card("T1"),
        card("T2", engineer="E02", arrived="09:55", finished="11:00", signed_at="10:58"),
    ]
    return day(visits=visits, cards=cards, slips=[slip("T1"), slip("T2", engineer="E02")])


def _messy_day():
    visits = [
        visit("T1"),
        visit("T2", start="11:00", end="12:00"),
        visit("T3", engineer="E02"),
        visit("T4", engineer="E02", status="cancelled"),
        visit("T5", engineer="E03"),
    ]
    cards = [
        card("T1", signer="王建国"),
        card("T2", arrived="11:40", finished="12:20", signed_at="12:10", signed=False, signer=""),
        card("T3", engineer="E02", signed_at="10:00"),
        card("T4", engineer="E02", arrived="13:00", finished="14:00", signed_at="13:30"),
    ]
    return day(
        visits=visits,
        cards=cards,
        slips=[slip("T1"), slip("T2"), slip("T3", engineer="E02")],
        callbacks=[callback("T3", satisfied=False, signed=False)],
    )


class TestReconcileDay:
    def test_every_formats_kind_has_a_rule(self):
        assert FORMATS_KINDS <= set(RULE_OF)

    def test_a_clean_day_has_no_flags_and_a_full_tally(self):
        result = reconcile_day(_clean_day(), EVENING)
        assert result.flags == ()
        assert [e.as_dict() for e in result.engineers] == [
            {
                "engineer_id": "E01",
                "name": "王建国",
                "tickets": 1,
                "cards_returned": 1,
                "satisfied": 1,
                "flags": 0,
            },
            {
                "engineer_id": "E02",
                "name": "李强",
                "tickets": 1,
                "cards_returned": 1,
                "satisfied": 1,
                "flags": 0,
            },
        ]
        assert result.summary["visits"] == 2 and result.summary["flags"] == 0

    def test_a_messy_day_shows_each_problem_most_severe_first(self):
        result = reconcile_day(_messy_day(), EVENING)
        got = {(f.kind, f.ticket_no): f.severity for f in result.flags}
        assert got[("engineer_signed", "T1")] == "high"
        assert got[("unsigned_satisfied", "T2")] == "high"
        assert got[("late_arrival", "T2")] == "medium"
        assert got[("callback_contradiction", "T3")] == "high"
        assert got[("card_for_unserved_ticket", "T4")] == "high"
        assert got[("missing_card", "T5")] == "medium"
        ranks = [{"high": 0, "medium": 1, "low": 2}[f.severity] for f in result.flags]
        assert ranks == sorted(ranks)

    def test_the_tally_counts_flags_per_engineer(self):
        result = reconcile_day(_messy_day(), EVENING)
        tally = {e.engineer_id: e for e in result.engineers}
        assert tally["E02"].tickets == 1  # the cancelled ticket is not a job
        assert tally["E02"].cards_returned == 2
        assert tally["E03"].cards_returned == 0 and tally["E03"].flags == 2  # no card, no slip
        assert sum(e.flags for e in result.engineers) == len(result.flags)

    def test_a_rerun_gives_the_same_flags_under_the_same_keys(self):
        first = reconcile_day(_messy_day(), EVENING)
        again = reconcile_day(_messy_day(), EVENING)
        keys = [first.key(f) for f in first.flags]
        assert keys == [again.key(f) for f in again.flags]
        assert len(set(keys)) == len(keys)

    def test_two_findings_under_one_key_become_one_flag_keeping_the_worse(self):
        data = day(
            visits=[visit()],
            cards=[
                card(signed=False, signer=""),
                card(signed=False, signer="", satisfaction="基本满意"),
            ],
        )
        flags = [f for f in reconcile_day(data, EVENING).flags if f.kind == "unsigned_satisfied"]
        assert len(flags) == 1 and flags[0].severity == "high"
        assert len(render_all(flags[0].evidence)) == 2

    def test_a_spouse_on_record_signing_raises_no_forgery_flag(self):
        data = day(
            visits=[visit(household=[("刘洋", "配偶")])],
            cards=[card(signer="刘 洋", relation="配偶")],
            slips=[slip()],
        )
        assert reconcile_day(data, EVENING).flags == ()

    def test_the_json_follows_formats(self):
        out = reconcile_day(_messy_day(), EVENING).as_dict(render=render)
        assert out["date"] == "2024-05-10" and out["outlet"] == "QD01"
        assert set(out["engineers"][0]) >= {
            "engineer_id",
            "tickets",
            "cards_returned",
            "satisfied",
            "flags",
        }
        for item in out["flags"]:
            assert set(item) >= {
                "ticket_no",
                "engineer_id",
                "kind",
                "severity",
                "evidence",
                "status",
            }
            assert item["status"] == "open" and all(
                isinstance(e, str) and e for e in item["evidence"]
            )

    def test_stored_decisions_show_in_the_json(self):
        result = reconcile_day(_messy_day(), EVENING)
        decided = result.key(result.flags[0])
        out = result.as_dict({decided: "confirmed"})
        assert out["flags"][0]["status"] == "confirmed"
        assert {f["status"] for f in out["flags"][1:]} == {"open"}

    def test_evidence_follows_the_interface_language(self):
        set_lang("en")
        flags = reconcile_day(_messy_day(), EVENING).flags
        signed = next(f for f in flags if f.kind == "engineer_signed")
        assert render_all(signed.evidence)[0].startswith("Signer 王建国 is the card's own engineer")


class TestFlagKey:
    def test_the_key_names_day_outlet_kind_ticket_engineer_and_other_ticket(self):
        f = Finding(
            "signed_outside_visit",
            "high",
            ("x",),
            ticket_no="T1",
            engineer_id="E01",
            with_ticket_no="T2",
        )
        assert flag_key(DAY, "QD01", f) == "2024-05-10|QD01|signed_outside_visit|T1|E01|T2"

    def test_evidence_and_severity_do_not_change_the_key(self):
        a = Finding("overcharge", "high", ("charged 200.00",), ticket_no="T1", engineer_id="E01")
        b = Finding("overcharge", "medium", ("charged 180.00",), ticket_no="T1", engineer_id="E01")
        assert flag_key(DAY, "QD01", a) == flag_key(DAY, "QD01", b)


def test_every_reconcile_message_used_by_the_rules_exists():
    domain = Path(__file__).resolve().parents[2] / "clerk_tui" / "domain"
    modules = (
        "reconcile/presence.py",
        "reconcile/timing.py",
        "reconcile/forgery.py",
        "reconcile/forgery_callbacks.py",
        "reconcile/fees.py",
        "reconcile/day.py",
        "callbacks/sampling.py",
    )
    used = set()
    for name in modules:
        used |= set(
            re.findall(r'"(rec\.[a-z_]+\.[a-z_]+)"', (domain / name).read_text(encoding="utf-8"))
        )
    known = catalog()
    assert len(used) > 30
    assert sorted(k for k in used if k not in known) == []
    for kind in FORMATS_KINDS | {"fee_without_receipt"}:
        assert f"rec.kind.{kind}" in known
