"""Is a typed address complete enough to find the door? District, street, number, building, room."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from clerk_tui.domain.findings import N_

# The parts an address can lack, in the order they are reported.
ADDRESS_PARTS = ("district", "street", "number", "building", "room")
ADDRESS_PART_LABEL: dict[str, str] = {
    "district": N_("val.addr.district"),
    "street": N_("val.addr.street"),
    "number": N_("val.addr.number"),
    "building": N_("val.addr.building"),
    "room": N_("val.addr.room"),
}
"""The message id naming each part of ADDRESS_PARTS."""

_NUM = r"[0-9零〇一二三四五六七八九十百两]+"
_HAN = r"[\u4e00-\u9fff]"
# X区/X县/X旗, but not 小区, 社区, 园区, 校区... (a compound, not a district).
_GENERIC_DISTRICT = re.compile(_HAN + r"(?<![小社园校厂景街片院营库])[区县旗]")
_CITY = re.compile(_HAN + r"(?<![超菜门夜集])市")
_STREET = re.compile(r"[\u4e00-\u9fff0-9A-Za-z](?:大道|大街|路|街|道|巷|弄|胡同|镇|乡)")
_RURAL = re.compile(_HAN + r"村")
_COMPOUND = re.compile(
    r"小区|社区|园区|花园|公寓|大厦|家园|新村|苑|公馆|宿舍|山庄|华府|雅居|广场|大楼|"
    + _NUM
    + r"号院"
)
_NUMBER = re.compile(_NUM + r"号(?![楼院])")
_BUILDING = re.compile(_NUM + r"(?:栋|幢|座|号楼|#楼?)|[A-Za-z](?:栋|座|幢)")
_ROOM = re.compile(
    _NUM
    + r"(?:室|房|户)|单元"
    + r"\d{3,4}|(?:栋|幢|座|号楼|#)\d{3,4}(?!\d)|(?<!\d)\d{1,2}-\d{3,4}(?!\d)"
)
_BUILDING_UNIT_ROOM = re.compile(r"(?<!\d)\d{1,3}-\d{1,2}-\d{3,4}(?!\d)")
_DISTRICT_SUFFIX = ("区", "县", "市", "旗")
_DASHES = re.compile(r"[‐‑‒–—−－]")
_SPACES = re.compile(r"\s+")


def normalise_address(address: str) -> str:
    """Full-width digits and letters to ASCII, dashes unified, spaces removed."""
    text = unicodedata.normalize("NFKC", address or "")
    return _SPACES.sub("", _DASHES.sub("-", text))


@lru_cache(maxsize=64)
def district_pattern(districts: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern finding any of the outlet's districts, with or without 区/县/市 (市南 = 市南区)."""
    names: set[str] = set()
    for name in districts:
        name = normalise_address(name)
        if not name:
            continue
        names.add(name)
        if name.endswith(_DISTRICT_SUFFIX) and len(name) >= 3:
            names.add(name[:-1])
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def missing_address_parts(address: str, districts: Iterable[str] = ()) -> tuple[str, ...]:
    """The parts of ADDRESS_PARTS that `address` lacks; empty when it is complete [H 一.1].

    - district: one of the outlet's `districts` (with or without 区), or any X区/X县/X旗,
      or a county-level city (two 市: 青岛市胶州市);
    - street: a road (路/街/道/大道/巷/弄/胡同) or town (镇/乡), or a named compound (小区...);
    - number: the door number (12号) when the place is given by its road;
    - building and room: 3栋/5号楼/A座 and 502室 (or 3-2-502, 1单元502) inside a compound.
    A village address (X村) needs no number, building or room.
    """
    text = normalise_address(address)
    if not text:
        return ADDRESS_PARTS
    frozen = districts if isinstance(districts, frozenset) else frozenset(districts)
    known = district_pattern(frozen)
    has_district = bool(
        (known is not None and known.search(text))
        or _GENERIC_DISTRICT.search(text)
        or len(_CITY.findall(text)) >= 2
    )
    has_street = bool(_STREET.search(text))
    rural = bool(_RURAL.search(text))
    compound = bool(_COMPOUND.search(text))
    full_flat = bool(_BUILDING_UNIT_ROOM.search(text))
    has_building = full_flat or bool(_BUILDING.search(text))
    has_room = full_flat or bool(_ROOM.search(text))
    missing: list[str] = []
    if not has_district:
        missing.append("district")
    if not (has_street or compound or rural):
        missing.append("street")
    if not rural:
        if has_street and not (compound or has_building) and not _NUMBER.search(text):
            missing.append("number")
        if compound and not has_building:
            missing.append("building")
        if (compound or has_building) and not has_room:
            missing.append("room")
    return tuple(missing)
