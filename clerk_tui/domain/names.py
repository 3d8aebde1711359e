"""Comparing people's names as written on cards and tickets (spaces and width ignored)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Characters that are invisible in print but break a plain comparison.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The comparable form of a name: NFKC (full-width → half-width), no whitespace, casefolded.

    All whitespace goes, including the full-width space U+3000 that Chinese input methods
    type between surname and given name ("王　芳" is "王芳").
    """
    folded = unicodedata.normalize("NFKC", name or "").translate(_INVISIBLE)
    return "".join(folded.split()).casefold()


def same_person(a: str, b: str) -> bool:
    """True when two written names are the same once spaces and width are ignored.

    Two empty names are not the same person: an unknown name proves nothing.
    """
    ka, kb = name_key(a), name_key(b)
    return bool(ka) and ka == kb


def find_name(name: str, candidates: Iterable[str]) -> str | None:
    """The first candidate that is the same person as `name`, else None."""
    key = name_key(name)
    if not key:
        return None
    for cand in candidates:
        if name_key(cand) == key:
            return cand
    return None


def parse_household(text: str) -> tuple[tuple[str, str], ...]:
    """Household members as stored on the customer ("name:relation|name:relation")."""
    members: list[tuple[str, str]] = []
    for part in (text or "").split("|"):
        if not part.strip():
            continue
        name, _, relation = part.replace("：", ":").partition(":")
        if name.strip():
            members.append((name.strip(), relation.strip()))
    return tuple(members)
