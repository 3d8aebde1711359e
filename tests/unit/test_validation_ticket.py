"""validate_ticket / validate_tickets as the clerk sees them: who to ask, how bad, JSON-ready."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validation_builders import GOOD, context, ticket

from clerk_tui.domain.findings import SEVERITY_ORDER, Evidence, Finding
from clerk_tui.domain.validation.phone import phone_key
from clerk_tui.domain.validation.rules import (
    MISSING_FIELD_SEVERITY,
    RULES,
    SEVERITY,
    PriorTicket,
    TicketInfo,
    next_contact,
    validate_ticket,
    validate_tickets,
    warranty_of,
)
from clerk_tui.i18n import catalog, set_lang
from clerk_tui.i18n.evidence import render_all

FORMATS_VALIDATE_KINDS = {
    "missing_field", "invalid_phone", "incomplete_address", "unknown_model",
    "purchase_date_future", "purchase_before_release", "duplicate_ticket",
    "repeat_repair", "likely_misuse",
}  # fmt: skip
NEXT_STEPS = {"ask_dispatcher", "call_customer", "phone_consult", "requisition_part"}


class TestNextContact:
    """[H 一.1] dispatcher first, the customer only when that fails or there is no dispatcher."""

    @pytest.mark.parametrize(
        ("source", "checked", "step"),
        [
            ("center", False, "ask_dispatcher"),
            ("center", True, "call_customer"),
            ("phone", False, "call_customer"),
            ("walkin", False, "call_customer"),
        ],
    )
    def test_who_to_ask(self, source, checked, step):
        assert next_contact(source, checked) == step

    def test_center_ticket_problems_go_to_the_dispatcher_first(self):
        findings = validate_ticket(ticket(phone="1381234567", product_model=""), context())
        assert {f.next_step for f in findings} == {"ask_dispatcher"}

    def test_walk_in_ticket_problems_go_to_the_customer(self):
        findings = validate_ticket(ticket(source="walkin", phone="1381234567"), context())
        assert {f.next_step for f in findings} == {"call_customer"}

    def test_dispatcher_already_asked_means_calling_the_customer(self):
        findings = validate_ticket(ticket(dispatcher_checked=True, address="崂山区"), context())
        assert {f.next_step for f in findings} == {"call_customer"}


class TestManualExamples:
    """The manual's own list: 地址不详、电话错、无产品型号、无购买日期、故障现象不详, and 误报."""

    def test_complete_ticket_has_no_problems(self):
        assert validate_ticket(GOOD, context()) == []

    @pytest.mark.parametrize(
        ("changes", "kind", "field"),
        [
            ({"address": "海尔花园"}, "incomplete_address", "address"),
            ({"phone": "138123456"}, "invalid_phone", "phone"),
            ({"product_model": ""}, "missing_field", "product_model"),
            ({"purchase_date": None}, "missing_field", "purchase_date"),
            ({"symptom": "坏了"}, "unclear_symptom", "symptom"),
        ],
    )
    def test_each_doubt_of_the_manual_is_found(self, changes, kind, field):
        findings = validate_ticket(ticket(**changes), context())
        assert [(f.kind, f.field) for f in findings] == [(kind, field)]

    def test_water_pressure_alarm_is_a_phone_consultation_not_a_visit(self):
        story = ticket(symptom="每次晚上洗衣服时洗衣机都要报警一次，重新启动后，又正常了。")
        (finding,) = validate_ticket(story, context())
        assert (finding.kind, finding.next_step) == ("likely_misuse", "phone_consult")


class TestSeverityAndOrder:
    def test_every_kind_has_a_documented_severity(self):
        assert set(SEVERITY) >= FORMATS_VALIDATE_KINDS
        assert set(SEVERITY.values()) | set(MISSING_FIELD_SEVERITY.values()) <= set(SEVERITY_ORDER)

    def test_most_severe_problem_comes_first(self):
        messy = ticket(phone="1381234567", symptom="没插电", product_model="NOPE")
        severities = [f.severity for f in validate_ticket(messy, context())]
        assert severities == sorted(severities, key=SEVERITY_ORDER.__getitem__)
        assert severities[0] == "high"

    def test_every_rule_cites_the_manual(self):
        for rule in RULES:
            assert "[" in (rule.__doc__ or "") and "]" in rule.__doc__, rule.__name__


class TestJsonShape:
    def test_problem_dict_has_the_formats_keys(self):
        (finding,) = validate_ticket(ticket(phone="88881234"), context())
        problem = finding.as_dict()
        assert set(problem) == {"ticket_no", "field", "kind", "severity", "evidence", "next_step"}
        assert problem["ticket_no"] == GOOD.ticket_no
        assert json.loads(json.dumps(problem, ensure_ascii=False)) == problem

    def test_duplicate_names_the_other_ticket(self):
        other = PriorTicket("T-OLD", "XQG70-B12866", "", "ready", datetime(2025, 5, 30))
        (finding,) = validate_ticket(GOOD, context(prior=[other]))
        assert finding.as_dict()["with_ticket_no"] == "T-OLD"

    def test_finding_without_optional_keys_leaves_them_out(self):
        assert Finding("x", "low", (Evidence("e", {"n": 1}),)).as_dict() == {
            "ticket_no": "",
            "kind": "x",
            "severity": "low",
            "evidence": [{"id": "e", "values": {"n": 1}}],
        }


class TestLanguage:
    def test_evidence_follows_the_chosen_language(self):
        set_lang("en")
        (finding,) = validate_ticket(ticket(address="崂山区海尔花园"), context())
        assert render_all(finding.evidence) == (
            'Address "崂山区海尔花园" lacks: building, unit or room',
        )

    def test_every_validation_message_exists_in_both_languages(self):
        for key, (zh, en) in catalog().items():
            if key.startswith("val."):
                assert zh and en, key


class TestManyTickets:
    def test_prior_tickets_are_matched_by_phone_however_typed(self):
        mine = ticket(ticket_no="T2", phone="+86 138-1234-5678")
        other = ticket(ticket_no="T3", phone="13900001111")
        old = PriorTicket("T1", "XQG70-B12866", "", "scheduled", datetime(2025, 5, 30))
        findings = validate_tickets([mine, other], context(), {phone_key("13812345678"): [old]})
        assert [(f.ticket_no, f.kind) for f in findings] == [("T2", "duplicate_ticket")]

    def test_tickets_without_a_phone_are_not_matched_to_each_other(self):
        old = PriorTicket("T1", "XQG70-B12866", "", "scheduled", datetime(2025, 5, 30))
        findings = validate_tickets([ticket(phone="")], context(), {"": [old]})
        assert "duplicate_ticket" not in [f.kind for f in findings]

    def test_findings_are_ordered_by_severity_then_ticket(self):
        tickets = [ticket(ticket_no="B", symptom="没插电"), ticket(ticket_no="A", phone="1")]
        findings = validate_tickets(tickets, context())
        assert [(f.ticket_no, f.severity) for f in findings] == [("A", "high"), ("B", "low")]

    def test_ten_thousand_tickets_validate_in_well_under_a_second(self):
        variants = [
            GOOD,
            ticket(phone="0532-88881234", address="崂山区海尔花园"),
            ticket(phone="1381234567", symptom="重新启动后又正常"),
            ticket(product_model="NOPE", purchase_date=date(2026, 1, 1)),
            ticket(customer_name="", address="", symptom="坏了"),
        ]
        tickets = [
            replace(
                variants[i % 5],
                ticket_no=f"T{i}",
                phone=f"138{i:08d}" if i % 5 == 0 else variants[i % 5].phone,
            )
            for i in range(10_000)
        ]
        ctx = context()
        started = time.process_time()
        findings = validate_tickets(tickets, ctx, {})
        elapsed = time.process_time() - started
        assert len(findings) > 8_000
        assert elapsed < 1.0, f"10k tickets took {elapsed:.2f} s of CPU"


class TestWarrantyOf:
    @pytest.mark.parametrize(
        ("changes", "status"),
        [
            ({"purchase_date": date(2025, 1, 1)}, "in"),
            ({"purchase_date": date(2024, 5, 1)}, "parts_only"),  # 13 months ago
            ({"purchase_date": date(2020, 5, 1)}, "out"),
            ({"product_model": "NOPE"}, "unknown"),
            ({"purchase_date": None}, "unknown"),
        ],
    )
    def test_warranty_follows_model_and_purchase_date(self, changes, status):
        assert warranty_of(ticket(**changes), context()) == status


class TestOddInput:
    @pytest.mark.parametrize(
        "symptom",
        [
            "[red]报警[/]",
            "[@click=app.quit]x[/]",
            "😀🔥" * 50,
            "重新启动后又正常" + "x" * 10_000,
            "\x00",
        ],
    )
    def test_markup_emoji_and_huge_symptoms_do_not_crash(self, symptom):
        findings = validate_ticket(ticket(symptom=symptom), context())
        assert all(len(e) < 400 for f in findings for e in render_all(f.evidence))

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.builds(
            TicketInfo,
            ticket_no=st.text(max_size=12),
            customer_name=st.text(max_size=20),
            phone=st.text(max_size=25),
            address=st.text(max_size=60),
            product_model=st.text(max_size=20),
            purchase_date=st.none() | st.dates(),
            symptom=st.text(max_size=200),
            requested_start=st.none() | st.datetimes(),
            requested_end=st.none() | st.datetimes(),
            service_type=st.sampled_from(["repair", "install", "maintenance", "consult", "?"]),
            source=st.sampled_from(["center", "phone", "walkin"]),
            part_needed=st.text(max_size=10),
            part_in_stock=st.none() | st.booleans(),
        )
    )
    def test_any_ticket_gets_well_formed_findings(self, any_ticket):
        for finding in validate_ticket(any_ticket, context()):
            assert finding.kind in SEVERITY
            assert finding.severity in SEVERITY_ORDER
            assert finding.next_step in NEXT_STEPS
            assert render_all(finding.evidence) and all(render_all(finding.evidence))
