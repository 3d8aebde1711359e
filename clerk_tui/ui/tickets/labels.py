"""Display helpers shared by the ticket screens: translated codes, clipped text, key labels."""

from __future__ import annotations

import re
from datetime import date, datetime

from rich.cells import cell_len

from clerk_tui.i18n import has, t

_ELLIPSIS = "..."  # ASCII: "…" is ambiguous-width and CJK terminals draw it wide


def code_label(prefix: str, value: str) -> str:
    """`t(prefix.value)` when the catalog knows it, else the raw code (new codes still show)."""
    if not value:
        return ""
    key = f"{prefix}.{value}"
    return t(key) if has(key) else value


def state_label(status: str) -> str:
    return code_label("tk.state", status)


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
