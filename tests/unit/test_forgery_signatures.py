"""Who signed: never the engineer, only the customer or a recorded household member [S 9, H 七.2]."""

from __future__ import annotations

from reconcile_builders import card, day, summary, visit

from clerk_tui.domain.reconcile.forgery import (
    find_engineer_signed,
    find_signer_not_customer,
    find_unsigned_satisfied,
)
from clerk_tui.i18n.evidence import render_all

SPOUSE = [("刘洋", "配偶")]


class TestEngineerSigned:
    def test_engineer_signing_for_the_customer_is_high(self):
        found = find_engineer_signed(day(visits=[visit()], cards=[card(signer="王建国")]))
        assert summary(found) == [("engineer_signed", "high", "T1")]
        assert "王建国(E01)" in render_all(found[0].evidence)[0]

    def test_a_colleague_signing_is_high_and_names_the_colleague(self):
        found = find_engineer_signed(day(visits=[visit()], cards=[card(signer="李 强")]))
        assert summary(found) == [("engineer_signed", "high", "T1")]
        assert (
            "李强(E02)" in render_all(found[0].evidence)[0]
            and "王建国(E01)" in render_all(found[0].evidence)[0]
        )

    def test_a_spaced_or_full_width_spaced_engineer_name_is_still_the_engineer(self):
        found = find_engineer_signed(day(visits=[visit()], cards=[card(signer="王\u3000建国")]))
        assert summary(found) == [("engineer_signed", "high", "T1")]

    def test_a_customer_who_shares_the_engineer_s_name_is_medium_to_check(self):
        found = find_engineer_signed(
            day(visits=[visit(customer="张伟")], cards=[card(signer="张伟")])
        )
        assert summary(found) == [("engineer_signed", "medium", "T1")]
        assert len(render_all(found[0].evidence)) == 2

    def test_the_customer_signing_is_fine(self):
        assert find_engineer_signed(day(visits=[visit()], cards=[card(signer="王芳")])) == []


class TestSignerNotCustomer:
    def test_a_stranger_signing_with_no_relation_is_high(self):
        found = find_signer_not_customer(
            day(visits=[visit(household=SPOUSE)], cards=[card(signer="赵六")])
        )
        assert summary(found) == [("signer_not_customer", "high", "T1")]
        assert (
            "赵六" in render_all(found[0].evidence)[0]
            and "王芳" in render_all(found[0].evidence)[0]
        )
        assert "刘洋(配偶)" in render_all(found[0].evidence)[1]

    def test_a_relation_on_the_card_that_is_not_on_record_is_medium(self):
        found = find_signer_not_customer(
            day(visits=[visit()], cards=[card(signer="赵阿姨", relation="保姆")])
        )
        assert summary(found) == [("signer_not_customer", "medium", "T1")]
        assert "保姆" in render_all(found[0].evidence)[0]

    def test_claiming_to_be_the_customer_under_another_name_is_high(self):
        found = find_signer_not_customer(
            day(visits=[visit()], cards=[card(signer="赵六", relation="本人")])
        )
        assert summary(found) == [("signer_not_customer", "high", "T1")]

    def test_a_spouse_recorded_in_the_household_signing_is_fine(self):
        data = day(visits=[visit(household=SPOUSE)], cards=[card(signer="刘 洋", relation="配偶")])
        assert find_signer_not_customer(data) == []

    def test_the_customer_s_name_with_spaces_is_the_customer(self):
        data = day(
            visits=[visit(customer="王芳")],
            cards=[card(signer="王　芳"), card("T1", signer=" 王 芳")],
        )
        assert find_signer_not_customer(data) == []

    def test_an_engineer_signer_is_left_to_engineer_signed(self):
        assert find_signer_not_customer(day(visits=[visit()], cards=[card(signer="王建国")])) == []


class TestUnsignedSatisfied:
    def test_satisfied_without_the_customer_s_signature_is_high(self):
        found = find_unsigned_satisfied(
            day(visits=[visit()], cards=[card(signed=False, signer="")])
        )
        assert summary(found) == [("unsigned_satisfied", "high", "T1")]
        assert "满意" in render_all(found[0].evidence)[0]

    def test_a_name_written_without_a_signature_is_named_in_the_evidence(self):
        found = find_unsigned_satisfied(
            day(visits=[visit()], cards=[card(signed=False, signer="王芳")])
        )
        assert any("王芳" in line for line in render_all(found[0].evidence))

    def test_fairly_satisfied_unsigned_is_medium(self):
        found = find_unsigned_satisfied(day(cards=[card(signed=False, satisfaction="基本满意")]))
        assert summary(found) == [("unsigned_satisfied", "medium", "T1")]

    def test_no_signature_is_not_forced_when_nothing_is_claimed(self):
        cards = [
            card("T1", signed=False, satisfaction=""),
            card("T2", signed=False, satisfaction="不满意"),
        ]
        assert find_unsigned_satisfied(day(cards=cards)) == []

    def test_a_signed_satisfied_card_is_fine(self):
        assert find_unsigned_satisfied(day(cards=[card()])) == []
