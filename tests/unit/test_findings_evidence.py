"""Evidence is data: rules return message ids with values; text is made by the renderer."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from reconcile_builders import EVENING, callback, card, day, visit
from validation_builders import context, ticket

from clerk_tui.domain.findings import (
    Evidence,
    Finding,
    evidence_from_json,
    evidence_to_json,
)
from clerk_tui.domain.reconcile.day import reconcile_day
from clerk_tui.domain.reconcile.fees import find_fee_without_receipt, find_overcharge
from clerk_tui.domain.reconcile.forgery import find_card_for_unserved_ticket, find_engineer_signed
from clerk_tui.domain.reconcile.inputs import FeeStandard, FeeVersion
from clerk_tui.domain.reconcile.presence import find_missing_card, find_orphan_card
from clerk_tui.domain.reconcile.rules import RULE_OF, RULES
from clerk_tui.domain.reconcile.timing import find_callback_overdue
from clerk_tui.domain.validation.fields import check_address_complete, check_missing_fields
from clerk_tui.i18n.evidence import render, render_all

FEES = FeeStandard.of({"LAB1": [FeeVersion(date(2023, 1, 1), 5000)]})


class TestEvidenceValue:
    def test_json_round_trip_keeps_nested_messages_and_lists(self):
        e = Evidence(
            "val.address.incomplete",
            {
                "address": "海尔花园",
                "parts": (Evidence("val.addr.building"), Evidence("x", {"n": 2})),
            },
        )
        assert Evidence.from_json(json.loads(json.dumps(e.to_json()))) == e
        assert Evidence("rec.ev.none").to_json() == {"id": "rec.ev.none"}

    def test_stored_form_reads_back_structured_and_legacy_lines(self):
        stored = evidence_to_json([Evidence("rec.ev.fee_excess", {"excess": "30.00"}), "旧的一句"])
        assert evidence_from_json(stored) == (
            Evidence("rec.ev.fee_excess", {"excess": "30.00"}),
            "旧的一句",
        )

    def test_equal_evidence_hashes_alike_so_merged_flags_drop_repeats(self):
        a = Evidence("rec.ev.late_minutes", {"minutes": 5})
        b = Evidence("rec.ev.late_minutes", {"minutes": 5})
        assert a == b and len({a, b}) == 1

    def test_finding_json_is_structured_unless_a_renderer_is_given(self):
        f = Finding("overcharge", "medium", (Evidence("rec.ev.fee_excess", {"excess": "3.00"}),))
        assert f.as_dict()["evidence"] == [
            {"id": "rec.ev.fee_excess", "values": {"excess": "3.00"}}
        ]
        assert f.as_dict(lambda e: render(e, "en"))["evidence"] == ["3.00 yuan too much"]


class TestRenderer:
    def test_nested_messages_are_rendered_in_the_same_language(self):
        e = Evidence("rec.ev.fee_charged", {"charged": "80.00", "items": Evidence("rec.ev.none")})
        assert render(e, "zh") == "收费 80.00 元，收费项目：无"
        assert render(e, "en").endswith("none")

    def test_a_list_value_uses_the_languages_list_separator(self):
        (f,) = check_address_complete(ticket(address="崂山区海尔花园"), context())
        assert render(f.evidence[0], "zh").endswith("楼栋号、单元/室号")
        assert render(f.evidence[0], "en").endswith("building, unit or room")

    def test_a_label_for_a_code_the_catalog_does_not_know_shows_the_code(self):
        assert render(Evidence("rec.reason.newfangled"), "zh") == "newfangled"
        assert render(Evidence("rec.reason.newfangled")) == "newfangled"

    def test_a_plain_string_is_a_legacy_line_and_shows_as_it_is(self):
        assert render_all(["签字人为工程师本人"], "en") == ("签字人为工程师本人",)


class TestRuleEvidence:
    def test_overcharge_quotes_the_amounts_as_values(self):
        c = card(fee=8000, items=["LAB1"], receipt="R1")
        (f,) = find_overcharge(day(visits=[visit()], cards=[c], fees=FEES))
        assert [e.id for e in f.evidence] == [
            "rec.ev.fee_charged",
            "rec.ev.fee_standard",
            "rec.ev.fee_excess",
        ]
        assert f.evidence[0].values == {"charged": "80.00", "items": "LAB1"}
        assert f.evidence[-1].values == {"excess": "30.00"}

    def test_no_receipt_quotes_the_charge(self):
        c = card(fee=2000, items=["LAB1"], receipt="")
        (f,) = find_fee_without_receipt(day(visits=[visit()], cards=[c], fees=FEES))
        assert f.evidence == (Evidence("rec.ev.fee_no_receipt", {"charged": "20.00"}),)

    def test_engineer_signing_names_signer_and_engineer(self):
        (f,) = find_engineer_signed(day(cards=[card(signer="王建国")]))
        assert f.evidence[0].id == "rec.ev.signer_is_own_engineer"
        assert f.evidence[0].values == {"signer": "王建国", "engineer": "王建国(E01)"}

    def test_missing_card_carries_the_status_as_a_message(self):
        (f,) = find_missing_card(day(visits=[visit("T1")], cards=[]), EVENING)
        assert f.evidence[0].values["status"] == Evidence("rec.status.completed")
        assert f.evidence[1].id == "rec.ev.no_card_by"

    def test_card_for_a_cancelled_ticket_carries_the_status_as_a_message(self):
        (f,) = find_card_for_unserved_ticket(
            day(visits=[visit(status="cancelled")], cards=[card()])
        )
        assert f.evidence == (
            Evidence("rec.ev.ticket_unserved", {"status": Evidence("rec.status.cancelled")}),
        )

    def test_orphan_card_for_an_unknown_ticket_names_it(self):
        (f,) = find_orphan_card(day(cards=[card("T404")]))
        assert f.evidence == (Evidence("rec.ev.unknown_ticket", {"ticket": "T404"}),)

    def test_overdue_callback_carries_its_reason_as_a_message(self):
        cb = callback("T1", called=None, reached=None, due="12:00", reason="follow_up")
        (f,) = find_callback_overdue(day(visits=[visit()], callbacks=[cb]), EVENING)
        (e,) = f.evidence
        assert e.id == "rec.ev.callback_overdue" and e.values["due"] == "12:00"
        assert isinstance(e.values["reason"], Evidence)

    def test_missing_field_names_the_field_as_a_message(self):
        found = check_missing_fields(ticket(product_model=""), context())
        assert [f.evidence for f in found] == [
            (Evidence("val.missing", {"field": Evidence("val.field.product_model")}),)
        ]


class TestRulesTable:
    def test_one_row_per_kind(self):
        assert len(RULE_OF) == len(RULES)

    @pytest.mark.parametrize("rule", RULES, ids=lambda r: r.kind)
    def test_each_rule_cites_its_section_and_gives_only_its_severities(self, rule):
        assert rule.severity and set(rule.severity) <= {"high", "medium", "low"}
        assert rule.section.split()[-1] in (rule.function.__doc__ or ""), rule.kind

    def test_the_day_runs_the_table(self):
        data = day(visits=[visit()], cards=[card(signer="王建国")])
        only = (RULE_OF["engineer_signed"],)
        assert {f.kind for f in reconcile_day(data, EVENING, only).flags} == {"engineer_signed"}


def test_the_domain_imports_no_message_catalog():
    code = (
        "import sys, pkgutil, importlib, clerk_tui.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'clerk_tui.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('clerk_tui.i18n' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("evidence", "en", "zh"),
    [
        (
            Evidence("rec.ev.card_count", {"n": 1}),
            "1 card for this ticket",
            "同一工单有 1 张监督卡",
        ),
        (
            Evidence("rec.ev.card_count", {"n": 3}),
            "3 cards for this ticket",
            "同一工单有 3 张监督卡",
        ),
        (
            Evidence("sch.ev.capacity", {"name": "A", "count": 1, "capacity": 4}),
            "A has 1 visit that day, limit 4",
            "A 当天 1 单，上限 4 单",
        ),
    ],
)
def test_a_plural_evidence_message_agrees_with_its_count_in_each_language(evidence, en, zh):
    assert render(evidence, "en") == en
    assert render(evidence, "zh") == zh


def test_a_code_the_label_table_lacks_is_quoted_as_itself():
    from clerk_tui.domain.findings import code_label
    from clerk_tui.domain.reconcile.inputs import STATUS_LABEL

    assert code_label(STATUS_LABEL, "closed") == Evidence("rec.status.closed")
    assert code_label(STATUS_LABEL, "frozen") == "frozen"
    assert render(Evidence("rec.ev.ticket_unserved", {"status": "frozen"}), "en").count("frozen")
