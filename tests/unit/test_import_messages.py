"""The import's sentences exist in Chinese and English with the same placeholders."""

from __future__ import annotations

import string

from clerk_tui.i18n import catalog, set_lang, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_import_message_has_both_languages_with_the_same_placeholders():
    messages = {k: v for k, v in catalog().items() if k.startswith("import.")}
    assert len(messages) > 40
    for key, (zh, en) in messages.items():
        assert zh and en, key
        assert _fields(zh) == _fields(en), key


def test_the_summary_reads_in_english_when_asked():
    set_lang("en")
    line = t(
        "import.summary",
        kind="tickets",
        path="t.csv",
        inserted=3,
        updated=0,
        unchanged=1,
        rejected=2,
    )
    assert line == "Imported tickets from t.csv: 3 inserted, 0 updated, 1 unchanged, 2 refused."
