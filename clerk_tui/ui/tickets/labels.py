"""Display helpers shared by the ticket screens: translated codes, clipped text, key labels."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from rich.cells import cell_len

from clerk_tui.i18n import N_
from clerk_tui.i18n.labels import TICKET_STATE, label

_ELLIPSIS = "..."  # ASCII: "…" is ambiguous-width and CJK terminals draw it wide


def code_label(table: Mapping[str, str], value: str | None) -> str:
    """The word for `value` in a label table, else the raw code (new codes still show); "" for
    no value."""
    return label(table, value) if value else ""


TICKET_TYPE: dict[str, str] = {
    "consult": N_("tk.type.consult"),
    "install": N_("tk.type.install"),
    "maintenance": N_("tk.type.maintenance"),
    "repair": N_("tk.type.repair"),
}
"""Service types (服务类型)."""


WARRANTY: dict[str, str] = {
    "in": N_("tk.warranty.in"),
    "out": N_("tk.warranty.out"),
    "parts_only": N_("tk.warranty.parts_only"),
    "unknown": N_("tk.warranty.unknown"),
}
"""Warranty statuses (保修状态)."""


TICKET_SOURCE: dict[str, str] = {
    "center": N_("tk.source.center"),
    "phone": N_("tk.source.phone"),
    "walkin": N_("tk.source.walkin"),
}
"""Where a ticket came from (来源)."""


HISTORY_KIND: dict[str, str] = {
    "appointment": N_("tk.kind.appointment"),
    "callback": N_("tk.kind.callback"),
    "card": N_("tk.kind.card"),
    "contact": N_("tk.kind.contact"),
    "created": N_("tk.kind.created"),
    "flag": N_("tk.kind.flag"),
    "slip": N_("tk.kind.slip"),
}
"""The kinds of entry on a ticket's history."""


def state_label(status: str) -> str:
    return code_label(TICKET_STATE, status)


def clip(text: str, cells: int) -> str:
    """`text` on one line, cut to at most `cells` terminal cells (wide characters count 2)."""
    flat = " ".join(text.split())
    if cell_len(flat) <= cells:
        return flat
    out: list[str] = []
    used = 0
    room = cells - len(_ELLIPSIS)
    for ch in flat:
        w = cell_len(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + _ELLIPSIS


_CITY_PREFIX = re.compile(r"^(?:[^省市]{2,7}省)?[^省市区县]{2,7}市(?=.)")


def short_address(address: str) -> str:
    """The address without its leading province and city (the outlet's own city, mostly)."""
    return _CITY_PREFIX.sub("", address.strip(), count=1)


def short_when(value: datetime, today: date) -> str:
    """`MM-DD HH:MM` within today's year, else the date: fits a list column."""
    if value.year == today.year:
        return value.strftime("%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def day(value: date | None) -> str:
    return value.isoformat() if value else ""
