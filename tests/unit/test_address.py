"""Is the address enough to find the door [H 一.1 地址不详]? Each test names what is missing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_tui.domain.validation.address import ADDRESS_PARTS, missing_address_parts

QINGDAO = frozenset(
    {
        "市南区",
        "市北区",
        "崂山区",
        "李沧区",
        "黄岛区",
        "城阳区",
        "即墨区",
        "胶州市",
        "平度市",
        "莱西市",
    }
)


class TestCompleteAddresses:
    @pytest.mark.parametrize(
        "address",
        [
            "山东省青岛市市南区香港中路8号",
            "崂山区海尔路1号海尔花园3栋2单元502室",
            "崂山区海尔花园3-2-502",  # building-unit-room in digits
            "城阳区正阳路188号5号楼1单元301",
            "李沧区 ｘｘ小区 １２栋 ２０１",  # full-width digits and spaces from an IME
            "胶州市李哥庄镇大屯村",  # a village: no door or room numbers there
            "北京市朝阳区建国路88号SOHO现代城A座1208",
            "上海市浦东新区张杨路100弄5号502室",
            "市北区辽宁路100号",
        ],
    )
    def test_nothing_is_missing(self, address):
        assert missing_address_parts(address, QINGDAO) == ()


class TestIncompleteAddresses:
    @pytest.mark.parametrize(
        ("address", "missing"),
        [
            ("", ADDRESS_PARTS),
            ("青岛市香港中路8号", ("district",)),  # city but no district
            ("市南区香港中路", ("number",)),
            ("市南区", ("street",)),
            ("崂山区海尔花园", ("building", "room")),
            ("崂山区海尔花园3栋", ("room",)),
            ("某某小区3号楼", ("district", "room")),
            ("即墨区蓝鳌路", ("number",)),
            ("家里", ("district", "street")),
        ],
    )
    def test_missing_parts_are_named_in_order(self, address, missing):
        assert missing_address_parts(address, QINGDAO) == missing


class TestDistrictRecognition:
    @pytest.mark.parametrize("address", ["市南香港中路8号", "崂山海尔路1号", "胶州福州路12号"])
    def test_outlet_district_without_suffix_is_recognised(self, address):
        assert "district" not in missing_address_parts(address, QINGDAO)

    def test_any_qu_or_xian_counts_without_an_outlet_list(self):
        assert missing_address_parts("北京市朝阳区建国路88号") == ()
        assert "district" not in missing_address_parts("莒县城阳路3号")

    @pytest.mark.parametrize(
        "address", ["海尔小区5栋502室", "阳光社区5栋502室", "科技园区5栋502室"]
    )
    def test_a_compound_named_xiaoqu_is_not_a_district(self, address):
        assert missing_address_parts(address) == ("district",)

    def test_county_level_city_after_its_prefecture_counts(self):
        assert "district" not in missing_address_parts("青岛市胶州市福州路12号")


class TestOddInput:
    @pytest.mark.parametrize(
        "address",
        ["[red]市南区[/]", "[/]", "市南区😀路1号", "\x00\n\t", "路" * 10_000, "1-2-3-4-5-6"],
    )
    def test_markup_emoji_and_long_text_do_not_crash(self, address):
        missing = missing_address_parts(address, QINGDAO)
        assert set(missing) <= set(ADDRESS_PARTS)

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=200))
    def test_any_text_yields_known_parts(self, address):
        assert set(missing_address_parts(address, QINGDAO)) <= set(ADDRESS_PARTS)
