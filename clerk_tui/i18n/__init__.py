"""One message catalog for the interface: Chinese by default, English on request.

Messages live in `clerk_tui/i18n/messages_*.py` (one module per area, each a dict
`MESSAGES = {key: (zh, en)}`), merged here into one catalog; screens never hold
their own strings. `t("key", name=value)` formats with str.format.
"""

from __future__ import annotations

import importlib
import pkgutil

_lang = "zh"
_catalog: dict[str, tuple[str, str]] | None = None


def _load() -> dict[str, tuple[str, str]]:
    global _catalog
    if _catalog is None:
        merged: dict[str, tuple[str, str]] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if info.name.startswith("messages_"):
                mod = importlib.import_module(f"{__name__}.{info.name}")
                for key, pair in mod.MESSAGES.items():
                    if key in merged:
                        raise KeyError(f"message {key!r} defined twice ({info.name})")
                    merged[key] = pair
        _catalog = merged
    return _catalog


def catalog() -> dict[str, tuple[str, str]]:
    """The whole catalog (for tests)."""
    return dict(_load())


def set_lang(lang: str) -> None:
    global _lang
    _lang = "en" if lang == "en" else "zh"


def get_lang() -> str:
    return _lang


def t(key: str, /, **kwargs: object) -> str:
    """The message `key` in the current language, formatted with `kwargs`."""
    pair = _load().get(key)
    if pair is None:
        return key
    text = pair[1] if _lang == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text
