"""Evidence as text: a finding's message ids and values rendered in the reader's language.

The domain returns `Evidence(id, values)`; screens, the CLI and exports call `render` where
they show it. A plain `str` is a sentence stored before evidence was data and shows as is.
"""

from __future__ import annotations

from collections.abc import Iterable

from clerk_tui.domain.findings import Evidence, EvidenceValue, StoredEvidence
from clerk_tui.i18n import get_lang, load


def _count(values: dict[str, object]) -> object:
    """The number a plural message agrees with: its `n`, else its `count`, else its only whole
    number (e.g. `days` of `val.repeat`)."""
    for name in ("n", "count"):
        if name in values:
            return values[name]
    whole = [v for v in values.values() if type(v) is int]
    return whole[0] if len(whole) == 1 else None


def _message(key: str, lang: str | None, values: dict[str, object]) -> str:
    """The message `key` in `lang` (None: the session's language), formatted like `t` (a plural
    message in the form for its count, as `tn` picks it)."""
    catalog = load(get_lang() if lang is None else "en" if lang == "en" else "zh")
    plural = catalog.is_plural(key)
    count = _count(values) if plural else None
    text = catalog.text(key, count)
    if text is None:
        return _unknown(key, values)
    if plural and type(count) is int:
        values = {"n": count, **values}
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
