"""The interface's messages: one gettext catalog per language, Chinese by default, English on request.

Messages live in `locales/<lang>/LC_MESSAGES/clerk.po` (edited by hand or with Babel) and are
read at run time from the compiled `clerk.mo` beside each, with the standard `gettext` module;
only the current language's catalog is loaded, on first use. Message ids are symbolic keys
(`"db.locked"`), written literally at each call: `t("key", name=value)` formats the message
with str.format, `tn("key", count, name=value)` picks the plural form for `count` first, and
`N_("key")` marks an id kept in a table for a later `t`. `python -m clerk_tui.i18n compile`
rebuilds the `.mo` files after a `.po` changes (a test fails while one is stale).
"""

from __future__ import annotations

import os
from gettext import GNUTranslations

TYPE_CHECKING = False  # not typing's: start-up does not import typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

DOMAIN = "clerk"
LANGUAGES = ("zh", "en")
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locales")

_lang = "zh"


class Catalog(GNUTranslations):
    """One language's compiled catalog, with the lookups `t` and `tn` need."""

    # What GNUTranslations sets while parsing (private in typeshed, documented in gettext.py).
    _info: dict[str, str]
    _catalog: dict[str | tuple[str, int], str]
    plural: Callable[[int], int]

    def _parse(self, fp: Any) -> None:  # typeshed types it with a private reader protocol
        super()._parse(fp)
        forms = self._info.get("plural-forms", "nplurals=2;")
        nplurals = int(forms.split(";", 1)[0].split("=", 1)[1])
        self.messages: dict[str | tuple[str, int], str] = self._catalog
        """Plain messages by id, plural forms by (id, form index)."""
        self.other = nplurals - 1
        """The form index of the plural for 'many' (the last form)."""

    def text(self, key: str, count: object = None) -> str | None:
        """The message `key`; for a plural entry, its form for `count` (or for 'many' when
        `count` is no integer). None when the catalog lacks `key`."""
        found = self.messages.get(key)
        if found is None:
            form = self.plural(count) if type(count) is int else self.other
            found = self.messages.get((key, form))
        return found

    def is_plural(self, key: str) -> bool:
        return (key, 0) in self.messages

    def keys(self) -> list[str]:
        """Every message id, in no particular order (the header's empty id excluded)."""
        return [
            k if isinstance(k, str) else k[0]
            for k in self.messages
            if k and (isinstance(k, str) or k[1] == 0)
        ]


_catalogs: dict[str, Catalog] = {}
_merged: dict[str, tuple[str, str]] | None = None


def mo_path(lang: str) -> str:
    """Where the compiled catalog of `lang` lives."""
    return os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", f"{DOMAIN}.mo")


def load(lang: str) -> Catalog:
    """The compiled catalog of `lang`, read once."""
    found = _catalogs.get(lang)
    if found is None:
        with open(mo_path(lang), "rb") as fp:
            found = _catalogs[lang] = Catalog(fp)
    return found


def _current() -> Catalog:
    found = _catalogs.get(_lang)
    return found if found is not None else load(_lang)


def set_lang(lang: str) -> None:
    global _lang
    _lang = "en" if lang == "en" else "zh"


def get_lang() -> str:
    return _lang


def t(key: str, /, **kwargs: object) -> str:
    """The message `key` in the current language, formatted with `kwargs`; `key` itself when
    the catalog has no such message. For a plural entry this picks the form for the `n` or
    `count` argument (the plural for 'many' without one): `tn` is the way to ask for it."""
    text = _current().text(key, kwargs.get("n", kwargs.get("count")) if kwargs else None)
    if text is None:
        return key
    return text.format(**kwargs) if kwargs else text


def tn(key: str, count: int, /, **kwargs: object) -> str:
    """The plural message `key` in the form the current language uses for `count`, formatted
    with `kwargs` (and `n=count` unless `n` is given). A message without plural forms is
    returned as `t` would; `key` itself when the catalog has no such message."""
    text = _current().text(key, count)
    if text is None:
        return key
    kwargs.setdefault("n", count)
    return text.format(**kwargs)


def N_(key: str, /) -> str:  # noqa: N802 - the gettext convention's name
    """Marks a message id written in a table for a later `t(...)`: returns `key` unchanged."""
    return key


def has(key: str) -> bool:
    """True when `key` is a message of the catalog."""
    return _current().text(key) is not None


def is_plural(key: str) -> bool:
    """True when `key` is a message with plural forms (to be asked for with `tn`)."""
    return _current().is_plural(key)


def catalog() -> dict[str, tuple[str, str]]:
    """Every message as `{key: (zh, en)}` (a plural entry gives its form for 'many'); loads
    both languages."""
    global _merged
    if _merged is None:
        zh, en = load("zh"), load("en")
        merged: dict[str, tuple[str, str]] = {}
        for key in zh.keys():
            merged[key] = (zh.text(key) or "", en.text(key) or "")
        _merged = merged
    return dict(_merged)
