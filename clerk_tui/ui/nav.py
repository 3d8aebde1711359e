"""Screen registry: each feature folder of the UI declares its screens in its `nav.py` (ENTRIES).

The app turns every entry into a global key (shown in the footer), a command palette
entry and an `open_screen('<name>')` action, so a new screen plugs in without editing
app.py; the screen brings its own CSS_PATH. Entries are cheap data: the screen module
itself is imported only when the screen is first opened.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from dataclasses import dataclass

ALL_ROLES = frozenset({"clerk", "supervisor", "center"})


@dataclass(frozen=True)
class NavEntry:
    """One screen reachable from anywhere once someone is logged in."""

    name: str
    """Action parameter and palette id, e.g. 'schedule'."""
    key: str
    """Global key(s) in Textual's binding syntax, e.g. 's' or 'n,f3'."""
    label_key: str
    """i18n key of the screen's name (footer and palette)."""
    help_key: str
    """i18n key of the palette's one-line help."""
    module: str
    """Module holding the screen, e.g. 'clerk_tui.ui.schedule.screen'."""
    cls: str
    """Screen class name; constructed with no arguments."""
    roles: frozenset[str] = ALL_ROLES
    """Roles that may open it (the reconciliation is the supervisor's)."""
    order: int = 100
    """Position in the footer and palette."""
    show: bool = True
    """Shown in the footer (palette always lists it)."""


_entries: list[NavEntry] | None = None


def entries() -> list[NavEntry]:
    """Every registered screen, in `order`."""
    global _entries
    if _entries is None:
        found: list[NavEntry] = []
        import clerk_tui.ui as ui

        for info in sorted(pkgutil.iter_modules(ui.__path__), key=lambda m: m.name):
            if info.ispkg and importlib.util.find_spec(f"{ui.__name__}.{info.name}.nav"):
                found.extend(importlib.import_module(f"{ui.__name__}.{info.name}.nav").ENTRIES)
        names = [e.name for e in found]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"screens registered twice: {sorted(dupes)}")
        _entries = sorted(found, key=lambda e: (e.order, e.name))
    return _entries


def entry(name: str) -> NavEntry | None:
    return next((e for e in entries() if e.name == name), None)
