"""Each ticket-information rule on its own [H 一.1–2]: one class per rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from validation_builders import GOOD, TODAY, WATER_PRESSURE, context, kinds, ticket

from clerk_tui.domain.policy import Policy
from clerk_tui.domain.validation.rules import (
    ModelInfo,
    PriorTicket,
    check_address_complete,
    check_duplicate,
    check_missing_fields,
    check_misuse,
    check_model_known,
    check_part_stock,
    check_phone_valid,
    check_purchase_after_release,
    check_purchase_not_future,
    check_repeat_repair,
    check_requested_window,
    check_symptom_clear,
)
from clerk_tui.i18n.evidence import render_all


class TestMissingFields:
    def test_complete_ticket_has_nothing_missing(self):
        assert check_missing_fields(GOOD, context()) == []

    @pytest.mark.parametrize(
        ("changes", "field", "severity"),
        [
            ({"customer_name": ""}, "customer_name", "medium"),
            ({"phone": "  "}, "phone", "high"),
            ({"address": ""}, "address", "high"),
            ({"product_model": ""}, "product_model", "medium"),  # the manual's 无产品型号
            ({"purchase_date": None}, "purchase_date", "medium"),  # the manual's 无购买日期
            ({"symptom": "\n"}, "symptom", "medium"),
            ({"requested_start": None, "requested_end": None}, "requested_window", "medium"),
        ],
    )
    def test_each_missing_field_is_one_finding(self, changes, field, severity):
        (finding,) = check_missing_fields(ticket(**changes), context())
        assert (finding.kind, finding.field, finding.severity) == ("missing_field", field, severity)

    def test_empty_ticket_lists_all_seven_fields(self):
        empty = ticket(
            customer_name="",
            phone="",
            address="",
            product_model="",
            purchase_date=None,
            symptom="",
            requested_start=None,
            requested_end=None,
        )
        fields = [f.field for f in check_missing_fields(empty, context())]
        assert sorted(fields) == sorted(
            [
                "customer_name",
                "phone",
                "address",
                "product_model",
                "purchase_date",
                "symptom",
                "requested_window",
            ]
        )

    def test_window_with_only_a_latest_time_is_a_window(self):
        assert check_missing_fields(ticket(requested_start=None), context()) == []

    def test_installation_needs_no_fault_symptom(self):
        assert check_missing_fields(ticket(service_type="install", symptom=""), context()) == []

    def test_phone_consultation_needs_no_address_or_visit_time(self):
        consult = ticket(
            service_type="consult", address="", requested_start=None, purchase_date=None
        )
        assert check_missing_fields(consult, context()) == []

    def test_evidence_names_the_field(self):
        (finding,) = check_missing_fields(ticket(product_model=""), context())
        assert render_all(finding.evidence) == ("未填写产品型号",)


class TestInvalidPhone:
    @pytest.mark.parametrize(
        "phone", ["13812345678", "１３８１２３４５６７８", "+86 138 1234 5678", "0532-88881234"]
    )
    def test_good_numbers_pass(self, phone):
        assert check_phone_valid(ticket(phone=phone), context()) == []

    @pytest.mark.parametrize(
        ("phone", "words"),
        [("1381234567", "位数不对"), ("88881234", "缺少区号"), ("12345678901", "不是有效")],
    )
    def test_wrong_phone_is_high_with_the_number_and_the_reason(self, phone, words):
        (finding,) = check_phone_valid(ticket(phone=phone), context())
        assert (finding.kind, finding.severity, finding.field) == ("invalid_phone", "high", "phone")
        assert phone in render_all(finding.evidence)[0] and words in render_all(finding.evidence)[0]

    def test_empty_phone_is_left_to_the_missing_field_rule(self):
        assert check_phone_valid(ticket(phone=""), context()) == []


class TestIncompleteAddress:
    def test_full_address_passes(self):
        assert check_address_complete(GOOD, context()) == []

    def test_unclear_address_names_what_is_missing(self):
        (finding,) = check_address_complete(ticket(address="崂山区海尔花园"), context())
        assert finding.kind == "incomplete_address" and finding.field == "address"
        assert "海尔花园" in render_all(finding.evidence)[0]
        assert (
            "楼栋号" in render_all(finding.evidence)[0]
            and "单元/室号" in render_all(finding.evidence)[0]
        )

    def test_outlet_district_typed_without_qu_is_enough(self):
        assert check_address_complete(ticket(address="市南香港中路8号"), context()) == []

    def test_same_address_without_the_outlet_list_lacks_a_district(self):
        (finding,) = check_address_complete(
            ticket(address="市南香港中路8号"), context(districts=frozenset())
        )
        assert "区/县" in render_all(finding.evidence)[0]


class TestUnknownModel:
    @pytest.mark.parametrize(
        "model", ["XQG70-B12866", "xqg70-b12866", " XQG70-B12866 ", "ＸＱＧ７０-Ｂ１２８６６"]
    )
    def test_catalog_model_typed_loosely_is_known(self, model):
        assert check_model_known(ticket(product_model=model), context()) == []

    def test_model_not_in_catalog_is_flagged_with_the_typed_value(self):
        (finding,) = check_model_known(ticket(product_model="XQG80-999"), context())
        assert (finding.kind, finding.field) == ("unknown_model", "product_model")
        assert "XQG80-999" in render_all(finding.evidence)[0]

    def test_empty_model_is_left_to_the_missing_field_rule(self):
        assert check_model_known(ticket(product_model=""), context()) == []


class TestPurchaseDateFuture:
    def test_purchase_today_is_fine(self):
        assert check_purchase_not_future(ticket(purchase_date=TODAY), context()) == []

    def test_purchase_tomorrow_is_flagged_with_both_dates(self):
        (finding,) = check_purchase_not_future(ticket(purchase_date=date(2025, 6, 2)), context())
        assert finding.kind == "purchase_date_future" and finding.field == "purchase_date"
        assert (
            "2025-06-02" in render_all(finding.evidence)[0]
            and "2025-06-01" in render_all(finding.evidence)[0]
        )

    def test_no_date_is_left_to_the_missing_field_rule(self):
        assert check_purchase_not_future(ticket(purchase_date=None), context()) == []


class TestPurchaseBeforeRelease:
    def test_purchase_on_release_day_is_fine(self):
        assert check_purchase_after_release(ticket(purchase_date=date(2020, 3, 1)), context()) == []

    def test_purchase_before_the_model_existed_is_flagged(self):
        (finding,) = check_purchase_after_release(
            ticket(purchase_date=date(2019, 12, 31)), context()
        )
        assert finding.kind == "purchase_before_release"
        assert (
            "2019-12-31" in render_all(finding.evidence)[0]
            and "2020-03-01" in render_all(finding.evidence)[0]
        )

    def test_unknown_model_or_release_date_cannot_be_judged(self):
        old = date(2000, 1, 1)
        assert (
            check_purchase_after_release(ticket(product_model="NOPE", purchase_date=old), context())
            == []
        )
        undated = context(catalog={"XQG70-B12866": ModelInfo("XQG70-B12866", "洗衣机")})
        assert check_purchase_after_release(ticket(purchase_date=old), undated) == []


def prior(no="T20250520-0007", model="XQG70-B12866", status="scheduled", days_ago=12, **kw):
    """An earlier ticket of the same phone, created `days_ago` before GOOD."""
    created = datetime(2025, 6, 1, 9, 0) - timedelta(days=days_ago)
    return PriorTicket(
        no, model, kw.get("category", ""), status, created, kw.get("service_type", "repair")
    )


class TestDuplicateTicket:
    def test_open_ticket_for_same_phone_and_model_is_a_duplicate(self):
        (finding,) = check_duplicate(GOOD, context(prior=[prior()]))
        assert (finding.kind, finding.with_ticket_no) == ("duplicate_ticket", "T20250520-0007")
        assert "T20250520-0007" in render_all(finding.evidence)[0]

    @pytest.mark.parametrize("status", ["completed", "closed", "cancelled", "consult_only"])
    def test_finished_ticket_is_not_a_duplicate(self, status):
        assert check_duplicate(GOOD, context(prior=[prior(status=status)])) == []

    def test_other_model_of_the_same_category_is_another_product(self):
        other_fridge = ticket(product_model="BCD-216SDN")
        assert check_duplicate(other_fridge, context(prior=[prior(model="BCD-470WDPG")])) == []

    def test_prior_without_model_matches_by_category(self):
        earlier = prior(model="", category="洗衣机")
        assert kinds(check_duplicate(GOOD, context(prior=[earlier]))) == ["duplicate_ticket"]

    @pytest.mark.parametrize("status", ["cancelled", "closed"])
    def test_a_ticket_no_longer_open_has_no_duplicate(self, status):
        assert check_duplicate(ticket(status=status), context(prior=[prior()])) == []

    def test_the_ticket_itself_is_not_its_own_duplicate(self):
        assert check_duplicate(GOOD, context(prior=[prior(no=GOOD.ticket_no)])) == []


class TestRepeatRepair:
    def test_repair_of_same_product_within_policy_days_is_a_repeat(self):
        (finding,) = check_repeat_repair(
            GOOD, context(prior=[prior(status="completed", days_ago=12)])
        )
        assert (finding.kind, finding.with_ticket_no) == ("repeat_repair", "T20250520-0007")
        assert "12" in render_all(finding.evidence)[0]

    @pytest.mark.parametrize(("days", "repeat"), [(30, True), (31, False)])
    def test_policy_decides_the_window(self, days, repeat):
        found = check_repeat_repair(GOOD, context(prior=[prior(status="closed", days_ago=days)]))
        assert bool(found) is repeat

    def test_outlet_policy_can_widen_the_window(self):
        wide = context(
            policy=Policy(repeat_repair_days=90), prior=[prior(status="closed", days_ago=60)]
        )
        assert kinds(check_repeat_repair(GOOD, wide)) == ["repeat_repair"]

    def test_most_recent_earlier_repair_is_quoted(self):
        found = check_repeat_repair(
            GOOD,
            context(
                prior=[
                    prior("A", status="closed", days_ago=20),
                    prior("B", status="closed", days_ago=5),
                ]
            ),
        )
        assert [f.with_ticket_no for f in found] == ["B"]

    @pytest.mark.parametrize("service_type", ["install", "maintenance", "consult"])
    def test_only_a_repair_after_a_repair_counts(self, service_type):
        installed = prior(status="completed", service_type=service_type)
        assert check_repeat_repair(GOOD, context(prior=[installed])) == []
        assert (
            check_repeat_repair(
                ticket(service_type=service_type), context(prior=[prior(status="completed")])
            )
            == []
        )

    def test_open_earlier_ticket_is_a_duplicate_not_a_repeat(self):
        assert check_repeat_repair(GOOD, context(prior=[prior(status="scheduled")])) == []


class TestLikelyMisuse:
    def test_water_pressure_story_goes_to_phone_consultation(self):
        """[M 信息增值] 每次晚上洗衣服时洗衣机都要报警一次，重新启动后，又正常了。"""
        story = ticket(symptom="每次晚上洗衣服时洗衣机都要报警一次,重新启动后,又正常了。")
        (finding,) = check_misuse(story, context())
        assert (finding.kind, finding.severity, finding.next_step) == (
            "likely_misuse",
            "low",
            "phone_consult",
        )
        assert (
            WATER_PRESSURE[0] in render_all(finding.evidence)[0]
            and WATER_PRESSURE[1] in render_all(finding.evidence)[0]
        )

    def test_full_width_punctuation_and_spaces_do_not_hide_the_keyword(self):
        story = ticket(symptom="报警 ，重新 启动后 ，又正常了")
        assert kinds(check_misuse(story, context())) == ["likely_misuse"]

    def test_several_keywords_give_one_finding_with_each_as_evidence(self):
        (finding,) = check_misuse(ticket(symptom="没插电，而且童锁开着"), context())
        assert len(render_all(finding.evidence)) == 2

    def test_real_fault_is_not_misuse(self):
        assert check_misuse(GOOD, context()) == []

    def test_a_consultation_ticket_is_already_a_consultation(self):
        assert check_misuse(ticket(service_type="consult", symptom="没插电"), context()) == []

    def test_no_keyword_list_means_no_misuse_findings(self):
        assert check_misuse(ticket(symptom="没插电"), context(misuse_keywords=[])) == []


class TestRequestedWindow:
    def test_window_ending_before_it_starts_is_invalid(self):
        backwards = ticket(
            requested_start=datetime(2025, 6, 2, 12), requested_end=datetime(2025, 6, 2, 9)
        )
        (finding,) = check_requested_window(backwards, context())
        assert (finding.kind, finding.field) == ("invalid_window", "requested_window")
        assert "2025-06-02 12:00" in render_all(finding.evidence)[0]

    def test_open_ended_window_is_fine(self):
        assert check_requested_window(ticket(requested_end=None), context()) == []


class TestUnclearSymptom:
    @pytest.mark.parametrize("symptom", ["坏了", "坏", "洗衣机坏了！", "有问题", "不好用。"])
    def test_vague_symptom_is_flagged(self, symptom):
        (finding,) = check_symptom_clear(ticket(symptom=symptom), context())
        assert (finding.kind, finding.severity) == ("unclear_symptom", "low")

    @pytest.mark.parametrize("symptom", ["不制冷", "E4", "脱水时噪音大", "通电无反应"])
    def test_specific_symptom_passes(self, symptom):
        assert check_symptom_clear(ticket(symptom=symptom), context()) == []


class TestPartStock:
    def test_part_out_of_stock_is_requisitioned_now(self):
        (finding,) = check_part_stock(ticket(part_needed="电脑板", part_in_stock=False), context())
        assert (finding.kind, finding.next_step) == ("part_unavailable", "requisition_part")
        assert "电脑板" in render_all(finding.evidence)[0]

    def test_part_with_unconfirmed_stock_is_flagged_too(self):
        assert check_part_stock(ticket(part_needed="电脑板", part_in_stock=None), context())

    def test_part_in_stock_or_none_needed_passes(self):
        assert check_part_stock(ticket(part_needed="电脑板", part_in_stock=True), context()) == []
        assert check_part_stock(GOOD, context()) == []
