"""Fees by the standard in force that day; in warranty only chargeable items; the lower standard
applies [H 五]."""

from __future__ import annotations

from datetime import date

from reconcile_builders import card, day, summary, visit

from clerk_tui.domain.reconcile.fees import fee_check, find_fee_without_receipt, find_overcharge
from clerk_tui.domain.reconcile.inputs import FeeStandard, FeeVersion
from clerk_tui.i18n.evidence import render_all

FEES = FeeStandard.of(
    {
        "LAB1": [FeeVersion(date(2023, 1, 1), 5000), FeeVersion(date(2024, 5, 1), 6000)],
        "PUMP": [FeeVersion(date(2023, 1, 1), 12000)],
        "UPG": [FeeVersion(date(2023, 1, 1), 8000, in_warranty_chargeable=True)],
        "NEW": [FeeVersion(date(2024, 6, 1), 3000)],
    }
)


def _overcharge(v, c):
    return find_overcharge(day(visits=[v], cards=[c], fees=FEES))


class TestFeeStandardVersions:
    def test_the_version_in_force_on_the_visit_day_applies(self):
        assert FEES.effective("LAB1", date(2024, 4, 30)).amount_fen == 5000
        assert FEES.effective("LAB1", date(2024, 5, 1)).amount_fen == 6000
        assert FEES.effective("NEW", date(2024, 5, 10)) is None
        assert FEES.effective("NOPE", date(2024, 5, 10)) is None


class TestOvercharge:
    def test_charging_more_than_the_standard_is_flagged_with_the_amounts(self):
        found = _overcharge(visit(), card(fee=20000, items=["LAB1", "PUMP"], receipt="R1"))
        assert summary(found) == [("overcharge", "medium", "T1")]
        text = " ".join(render_all(found[0].evidence))
        assert "200.00" in text and "180.00" in text and "20.00" in text

    def test_charging_exactly_the_standard_is_fine(self):
        assert _overcharge(visit(), card(fee=18000, items=["LAB1", "PUMP"], receipt="R1")) == []

    def test_an_old_price_after_a_rise_is_not_an_overcharge_but_a_new_price_before_it_is(self):
        assert _overcharge(visit(), card(fee=6000, items=["LAB1"])) == []
        early = day(
            visits=[visit(start="2024-04-20 09:00")],
            cards=[card(fee=6000, items=["LAB1"])],
            fees=FEES,
        )
        assert summary(find_overcharge(early)) == [("overcharge", "medium", "T1")]

    def test_inside_the_warranty_only_chargeable_items_may_be_charged(self):
        found = _overcharge(
            visit(warranty="in"), card(fee=20000, items=["UPG", "PUMP"], receipt="R1")
        )
        assert summary(found) == [("overcharge", "high", "T1")]
        assert any("PUMP" in line for line in render_all(found[0].evidence))
        assert any("120.00" in line for line in render_all(found[0].evidence))

    def test_an_upgrade_the_customer_asked_for_may_be_charged_inside_the_warranty(self):
        assert _overcharge(visit(warranty="in"), card(fee=8000, items=["UPG"], receipt="R1")) == []

    def test_money_taken_inside_the_warranty_with_no_items_listed_is_high(self):
        found = _overcharge(visit(warranty="in"), card(fee=5000, items=[], receipt="R1"))
        assert summary(found) == [("overcharge", "high", "T1")]

    def test_money_with_no_items_out_of_warranty_is_medium(self):
        assert summary(_overcharge(visit(), card(fee=5000, items=[]))) == [
            ("overcharge", "medium", "T1")
        ]

    def test_where_the_standard_and_the_certificate_differ_the_lower_applies(self):
        found = _overcharge(
            visit(certificate=15000), card(fee=18000, items=["LAB1", "PUMP"], receipt="R1")
        )
        assert summary(found) == [("overcharge", "medium", "T1")]
        text = " ".join(render_all(found[0].evidence))
        assert "150.00" in text and "30.00" in text
        assert _overcharge(visit(certificate=15000), card(fee=15000, items=["LAB1", "PUMP"])) == []

    def test_a_certificate_higher_than_the_standard_does_not_raise_the_limit(self):
        found = _overcharge(visit(certificate=25000), card(fee=20000, items=["LAB1", "PUMP"]))
        assert summary(found) == [("overcharge", "medium", "T1")]

    def test_an_item_not_in_the_standard_cannot_be_charged(self):
        found = _overcharge(visit(), card(fee=3000, items=["NEW"]))
        assert summary(found) == [("overcharge", "medium", "T1")]
        assert any("NEW" in line for line in render_all(found[0].evidence))

    def test_free_visits_are_not_checked(self):
        assert _overcharge(visit(warranty="in"), card(fee=0, items=["PUMP"])) == []


class TestFeeCheck:
    def test_fee_check_reports_the_lower_standard(self):
        chk = fee_check(
            card(items=["LAB1", "PUMP"]), visit(certificate=15000), FEES, date(2024, 5, 10)
        )
        assert (chk.standard_fen, chk.certificate_fen, chk.allowed_fen) == (18000, 15000, 15000)


class TestFeeWithoutReceipt:
    def test_money_taken_without_a_receipt_is_flagged(self):
        found = find_fee_without_receipt(day(cards=[card(fee=6000, items=["LAB1"], receipt="")]))
        assert summary(found) == [("fee_without_receipt", "medium", "T1")]
        assert "60.00" in render_all(found[0].evidence)[0]

    def test_a_receipt_or_no_charge_is_fine(self):
        cards = [card("T1", fee=6000, receipt="R9"), card("T2", fee=0)]
        assert find_fee_without_receipt(day(cards=cards)) == []
