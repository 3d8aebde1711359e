"""Forbidden phrases (服务禁语) in a call note or a message to a customer, with their positions."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """One occurrence of a forbidden phrase: `text[start:end]`, with what to say instead."""

    phrase: str
    start: int
    end: int
    suggestion: str = ""
    source: str = ""


def fold(text: str) -> str:
    """Case and width folded character by character, so positions stay those of `text`.

    Full-width letters, digits and punctuation (，！) become their ASCII forms and
    letters lower case, but only where that keeps one character as one character.
    """
    out: list[str] = []
    for ch in text:
        if ch.isascii():
            out.append(ch.lower())
            continue
        folded = unicodedata.normalize("NFKC", ch).lower()
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def find_forbidden(text: str, phrases: Iterable[tuple[str, str, str]]) -> list[PhraseHit]:
    """Every occurrence of every forbidden phrase in `text` [S 2.2], ordered by position.

    `phrases` are (phrase, suggestion, source) triples. Occurrences may overlap: in
    "我也不清楚" both "我也不清楚" and "不清楚" are reported, and a phrase repeated in
    itself ("不不" in "不不不") is found at each start. Matching ignores letter case and
    full/half width (，vs ,); positions refer to the original `text`.
    """
    if not text:
        return []
    haystack = fold(text)
    hits: list[PhraseHit] = []
    seen: set[str] = set()
    for phrase, suggestion, source in phrases:
        needle = fold(phrase or "")
        if not needle or needle in seen:
            continue
        seen.add(needle)
        start = haystack.find(needle)
        while start != -1:
            hits.append(PhraseHit(phrase, start, start + len(needle), suggestion, source))
            start = haystack.find(needle, start + 1)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.phrase))
    return hits


def merged_spans(hits: Iterable[PhraseHit]) -> list[tuple[int, int]]:
    """The hits' spans with overlaps joined, for highlighting the text once per stretch."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted((h.start, h.end) for h in hits):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans
