"""Names on cards compare after removing spaces (incl. the full-width space) and width."""

from __future__ import annotations

import pytest

from clerk_tui.domain.names import find_name, name_key, parse_household, same_person


class TestSamePerson:
    @pytest.mark.parametrize(
        "a, b",
        [
            ("王芳", "王 芳"),
            ("王芳", "王\u3000芳"),
            (" 王芳 ", "王芳"),
            ("王\t芳", "王芳"),
            ("Ｌｉ Ｍｉｎｇ", "liming"),
            ("欧阳 晓明", "欧阳晓明"),
        ],
    )
    def test_names_differing_only_by_spaces_or_width_are_the_same_person(self, a, b):
        assert same_person(a, b)

    @pytest.mark.parametrize("a, b", [("王芳", "王方"), ("王芳", "王芳芳"), ("李强", "李 墙")])
    def test_different_names_are_different_people(self, a, b):
        assert not same_person(a, b)

    def test_an_unknown_name_matches_nobody(self):
        assert not same_person("", "")
        assert not same_person("  ", "\u3000")

    def test_zero_width_characters_do_not_split_a_name(self):
        assert name_key("王\u200b芳") == "王芳"


class TestHousehold:
    def test_stored_household_text_is_read_as_name_relation_pairs(self):
        assert parse_household("张伟:配偶|王小明：子女| |赵阿姨") == (
            ("张伟", "配偶"),
            ("王小明", "子女"),
            ("赵阿姨", ""),
        )

    def test_a_spaced_name_is_found_among_household_members(self):
        assert find_name("张 伟", ["王小明", "张伟"]) == "张伟"
        assert find_name("张三", ["王小明", "张伟"]) is None
