"""One message catalog for the interface: Chinese by default, English on request.

Messages live in `clerk_tui/i18n/messages_*.py` (one module per area, each a dict
`MESSAGES = {key: (zh, en)}`), merged here into one catalog; screens never hold
their own strings. `t("key", name=value)` formats with str.format.
"""

from __future__ import annotations

import importlib
import pkgutil

_lang = "zh"
_catalog: dict[str, tuple[str, str]] = {}
_loaded: set[str] = set()

PREFIX_MODULES: dict[str, str] = {
    "app": "messages_common",
    "db": "messages_common",
    "ui": "messages_ui",
    "tk": "messages_tickets_ui",
    "tickets": "messages_queries",
    "import": "messages_import",
    "demo": "messages_demo",
    "lock": "messages_lock",
    "audit": "messages_lock",
    "in": "messages_intake",
    "val": "messages_validation",
    "vq": "messages_vq",
    "sch": "messages_scheduling",
    "sc": "messages_sched_ui",
    "ad": "messages_admin",
    "ce": "messages_cards",
    "cb": "messages_cb",
    "rec": "messages_reconcile",
    "ru": "messages_rec_ui",
}
"""Which module holds the keys of each prefix, so that start-up loads only the modules
its first screen needs (a test checks this table against the modules)."""


def _load_module(name: str) -> None:
    if name in _loaded:
        return
    mod = importlib.import_module(f"{__name__}.{name}")
    for key, pair in mod.MESSAGES.items():
        if key in _catalog:
            raise KeyError(f"message {key!r} defined twice ({name})")
        _catalog[key] = pair
    _loaded.add(name)


def _load_all() -> dict[str, tuple[str, str]]:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("messages_"):
            _load_module(info.name)
    return _catalog


def _lookup(key: str) -> tuple[str, str] | None:
    pair = _catalog.get(key)
    if pair is None and "." in key:
        module = PREFIX_MODULES.get(key.split(".", 1)[0])
        if module is not None and module not in _loaded:
            _load_module(module)
        else:
            _load_all()
        pair = _catalog.get(key)
    return pair


def catalog() -> dict[str, tuple[str, str]]:
    """The whole catalog (for tests)."""
    return dict(_load_all())


def has(key: str) -> bool:
    """True when `key` is a message of the catalog (loads only the module of its prefix)."""
    return _lookup(key) is not None


def set_lang(lang: str) -> None:
    global _lang
    _lang = "en" if lang == "en" else "zh"


def get_lang() -> str:
    return _lang


def t(key: str, /, **kwargs: object) -> str:
    """The message `key` in the current language, formatted with `kwargs`."""
    pair = _lookup(key)
    if pair is None:
        return key
    text = pair[1] if _lang == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text
