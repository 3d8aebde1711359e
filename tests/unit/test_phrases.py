"""Forbidden phrases (服务禁语 [S 2.2]) found in notes, with positions for highlighting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_tui.domain.phrases import PhraseHit, find_forbidden, merged_spans

MANUAL = [
    ("不知道", "我帮您确认一下，稍后给您回电", "S 2.2.1"),
    ("不清楚", "我帮您确认一下，稍后给您回电", "S 2.2.1"),
    ("凑合着用", "我们会帮您检查并解决", "S 2.2.3"),
    ("质量不过关", "我们会认真检查原因", "S 2.2.6"),
    ("找有关部门吧", "这个问题由我来跟进", "S 2.2.8"),
    ("这是新产品，我也不清楚", "我马上向技术人员确认", "S 2.2.7"),
]


def found(text, phrases=MANUAL):
    return [(h.phrase, text[h.start : h.end]) for h in find_forbidden(text, phrases)]


class TestFindForbidden:
    @pytest.mark.parametrize(
        ("text", "phrase"),
        [
            ("用户问保修期，我说不知道", "不知道"),
            ("就这样，没有办法解决，凑合着用", "凑合着用"),
            ("这种型号坏的太多，质量不过关", "质量不过关"),
            ("您的问题我无法解决，找有关部门吧", "找有关部门吧"),
        ],
    )
    def test_manual_phrase_is_found_where_it_stands(self, text, phrase):
        assert found(text) == [(phrase, phrase)]

    def test_every_occurrence_is_reported(self):
        text = "不清楚。真的不清楚。"
        assert [h.start for h in find_forbidden(text, MANUAL)] == [0, 6]

    def test_overlapping_phrases_are_both_reported_longest_first(self):
        text = "这是新产品，我也不清楚"
        hits = find_forbidden(text, MANUAL)
        assert [(h.phrase, h.start, h.end) for h in hits] == [
            ("这是新产品，我也不清楚", 0, 11),
            ("不清楚", 8, 11),
        ]

    def test_a_phrase_overlapping_itself_is_found_at_each_start(self):
        hits = find_forbidden("不不不", [("不不", "", "")])
        assert [(h.start, h.end) for h in hits] == [(0, 2), (1, 3)]

    def test_half_width_comma_in_the_list_matches_full_width_in_the_note(self):
        phrases = [("就这样,没有办法解决,凑合着用", "", "S 2.2.3")]
        text = "我说：就这样，没有办法解决，凑合着用。"
        (hit,) = find_forbidden(text, phrases)
        assert text[hit.start : hit.end] == "就这样，没有办法解决，凑合着用"

    def test_latin_letters_match_regardless_of_case_and_width(self):
        (hit,) = find_forbidden("他说 ＯＫ 吧", [("ok", "", "")])
        assert (hit.start, hit.end) == (3, 5)

    def test_suggestion_and_source_travel_with_the_hit(self):
        (hit,) = find_forbidden("我不知道", MANUAL)
        assert hit == PhraseHit("不知道", 1, 4, "我帮您确认一下，稍后给您回电", "S 2.2.1")

    @pytest.mark.parametrize("text", ["", "您好，给您添麻烦了", "请您稍候"])
    def test_polite_text_has_no_hits(self, text):
        assert find_forbidden(text, MANUAL) == []

    def test_empty_phrase_in_the_list_is_ignored(self):
        assert find_forbidden("abc", [("", "", ""), ("b", "", "")]) == [PhraseHit("b", 1, 2)]

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=300))
    def test_hits_always_point_at_the_phrase_in_the_original_text(self, text):
        note = text + "不知道" + text
        hits = find_forbidden(note, MANUAL)
        assert any(h.phrase == "不知道" for h in hits)
        for hit in hits:
            assert 0 <= hit.start < hit.end <= len(note)
            assert hit.end - hit.start == len(hit.phrase)


class TestMergedSpans:
    def test_overlapping_hits_become_one_stretch(self):
        hits = find_forbidden("这是新产品，我也不清楚。不知道", MANUAL)
        assert merged_spans(hits) == [(0, 11), (12, 15)]
