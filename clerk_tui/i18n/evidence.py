"""Evidence as text: a finding's message ids and values rendered in the reader's language.

The domain returns `Evidence(id, values)`; screens, the CLI and exports call `render` where
they show it. A plain `str` is a sentence stored before evidence was data and shows as is.
"""

from __future__ import annotations

from collections.abc import Iterable

from clerk_tui.domain.findings import Evidence, EvidenceValue, StoredEvidence
from clerk_tui.i18n import catalog, get_lang, has, t

_pairs: dict[str, tuple[str, str]] | None = None


def _message(key: str, lang: str | None, values: dict[str, object]) -> str:
    """The message `key` in `lang` (None: the session's language), formatted like `t`."""
    if lang is None or lang == get_lang():
        if not has(key):
            return _unknown(key, values)
        return t(key, **values)
    global _pairs
    if _pairs is None:
        _pairs = catalog()
    pair = _pairs.get(key)
    if pair is None:
        return _unknown(key, values)
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def _unknown(key: str, values: dict[str, object]) -> str:
    """A label for a code the catalog does not know (e.g. `rec.status.<new state>`) shows the
    code itself; any other unknown message shows its id, as `t` does."""
    return key.rsplit(".", 1)[-1] if not values and "." in key else key


def _value(value: EvidenceValue, lang: str | None) -> object:
    if isinstance(value, Evidence):
        return render(value, lang)
    if isinstance(value, tuple):
        return _message("val.list_sep", lang, {}).join(str(_value(v, lang)) for v in value)
    return value


def render(e: StoredEvidence, lang: str | None = None) -> str:
    """One line of evidence as text in `lang` ("zh"/"en"; None: the session's language).

    Nested evidence values (a status label, the word "none") are rendered first; a list
    value is joined with the catalog's list separator; a plain `str` renders as itself.
    """
    if isinstance(e, str):
        return e
    return _message(e.id, lang, {k: _value(v, lang) for k, v in e.values.items()})


def render_all(evidence: Iterable[StoredEvidence], lang: str | None = None) -> tuple[str, ...]:
    """Every line of `evidence` as text, in order."""
    return tuple(render(e, lang) for e in evidence)
