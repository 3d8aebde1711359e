"""The gettext catalogs agree with each other, with their compiled `.mo`, and with the ids the code uses."""

from __future__ import annotations

import io
import string
from collections import defaultdict

import pytest

pytest.importorskip("babel")

from babel.messages.extract import extract  # noqa: E402
from babel.messages.frontend import parse_keywords  # noqa: E402

from clerk_tui.i18n import LANGUAGES, build  # noqa: E402


def _entries(lang: str) -> dict[str, tuple[str, ...]]:
    """{id: forms} of the `.po` of `lang` (one form for a plain message)."""
    out = {}
    for message in build.read_catalog(lang):
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            out[key] = message.string if isinstance(message.string, tuple) else (message.string,)
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def entries() -> dict[str, dict[str, tuple[str, ...]]]:
    return {lang: _entries(lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def uses() -> list[build.Use]:
    return build.uses()


def test_both_languages_have_the_same_ids_and_the_same_plural_ids(entries):
    zh, en = entries["zh"], entries["en"]
    assert len(zh) > 1000
    assert sorted(zh.keys() - en.keys()) == []
    assert sorted(en.keys() - zh.keys()) == []
    _, plural = build.catalog_ids("zh")
    assert plural == build.catalog_ids("en")[1]
    assert all(len(zh[k]) == 1 and len(en[k]) == 2 for k in plural)


def test_plural_rules_are_one_form_in_chinese_and_two_in_english():
    assert build.read_catalog("zh").plural_forms == "nplurals=1; plural=0;"
    assert build.read_catalog("en").plural_forms == "nplurals=2; plural=(n != 1);"


def test_every_message_has_text_and_the_same_placeholders_in_both_languages(entries):
    for key, zh_forms in entries["zh"].items():
        en_forms = entries["en"][key]
        assert all(form.strip() for form in zh_forms + en_forms), key
        zh_fields = set().union(*map(_fields, zh_forms))
        en_fields = set().union(*map(_fields, en_forms))
        assert zh_fields == en_fields, key
        # the form for 'many' names every placeholder (a singular may say 'the only card')
        assert _fields(zh_forms[-1]) == zh_fields and _fields(en_forms[-1]) == en_fields, key


def test_the_committed_mo_files_are_compiled_from_the_po_files():
    assert build.stale() == [], "run: python -m clerk_tui.i18n compile"


def test_every_id_written_in_the_code_is_in_the_catalog(uses):
    known, plural = build.catalog_ids()
    literal = [u for u in uses if u.key is not None]
    assert len(literal) > 500
    assert [f"{u.path}:{u.line} {u.key}" for u in literal if u.key not in known] == []
    assert [
        f"{u.path}:{u.line} {u.key}" for u in literal if u.func == "tn" and u.key not in plural
    ] == []


def _never_written(uses) -> dict[str, list[str]]:
    known, _ = build.catalog_ids()
    unused = known - {u.key for u in uses}
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for key in sorted(unused):
        by_prefix[key.split(".", 1)[0]].append(key)
    return dict(by_prefix)


def test_every_id_in_the_catalog_is_written_literally_in_the_code(uses):
    by_prefix = _never_written(uses)
    report = "\n".join(f"{p} ({len(keys)}): {' '.join(keys)}" for p, keys in by_prefix.items())
    assert by_prefix == {}, f"ids never written literally:\n{report}"


def test_every_call_writes_its_id_literally(uses):
    assembled = [f"{u.path}:{u.line} {u.func}({u.source})" for u in uses if u.assembled]
    assert assembled == []


def test_outside_the_screens_no_id_is_assembled_and_every_plural_is_asked_with_tn(uses):
    """The ids of the domain, services, io, the CLI and the demo are written literally (in a
    call, or in a table of `N_(...)` looked up by code); a plural id goes through `tn`."""
    _, plural = build.catalog_ids()
    outside = [u for u in uses if not u.path.startswith("clerk_tui/ui/")]
    assert [f"{u.path}:{u.line} {u.source}" for u in outside if u.assembled] == []
    assert [
        f"{u.path}:{u.line} {u.key}" for u in outside if u.func == "t" and u.key in plural
    ] == []


def test_every_plural_id_is_asked_with_tn_including_the_screens(uses):
    """A plural id read with `t` would pick its form from an `n` argument or default to the
    plural: the count is given explicitly with `tn` everywhere."""
    _, plural = build.catalog_ids()
    assert [f"{u.path}:{u.line} {u.key}" for u in uses if u.func == "t" and u.key in plural] == []


def test_the_scanner_tells_a_literal_a_table_lookup_and_an_assembled_id(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "m.py").write_text(
        "KIND = {'missing_card': N_('rec.kind.missing_card')}\n"
        "a = t(KIND[kind])\n"
        "b = Evidence('rec.ev.fee_excess', {'excess': '1.00'})\n"
        "c = t(f'rec.kind.{kind}')\n"
        "d = t('sc.answer.accepted' if ok else 'sc.answer.refused')\n"
        "e = f'rec.kind.{kind}'\n"
        "f = f'import.{kind}'\n",
        encoding="utf-8",
    )
    found = {(u.line, u.func, u.key, u.assembled) for u in build.uses(pkg)}
    assert found == {
        (1, "N_", "rec.kind.missing_card", False),
        (2, "t", None, False),
        (3, "Evidence", "rec.ev.fee_excess", False),
        (4, "t", None, True),
        (5, "t", None, True),
        (6, "f-string", None, True),
    }


def test_babels_extraction_with_the_project_keywords_reads_t_tn_and_n_():
    keywords = build.keywords()
    assert set(keywords) >= {"t", "tn:1,1", "N_", "Evidence:1"}
    source = (
        b'x = t("a.b", n=2)\ny = tn("c.d", n, k=1)\nz = {"k": N_("e.f")}\n'
        b'w = Evidence("g.h", {"n": 1})\n'
    )
    found = [m for _, m, _, _ in extract("python", io.BytesIO(source), parse_keywords(keywords))]
    assert found == ["a.b", ("c.d", "c.d"), "e.f", "g.h"]


def _babel_oddities() -> list[str]:
    """What Babel's extraction reads as an id but the catalog lacks: a variable named `t`
    indexed with a string (a row `t["ticket_no"]`), a conditional `t("a" if c else "b")`."""
    known, _ = build.catalog_ids()
    return sorted(
        {f"{path}:{line} {key}" for path, line, key in build.extracted() if key not in known}
    )


def test_babels_extraction_of_the_code_finds_only_catalog_ids():
    assert _babel_oddities() == []


def test_babels_extraction_outside_the_screens_finds_only_catalog_ids():
    assert [odd for odd in _babel_oddities() if not odd.startswith("ui/")] == []


def test_a_label_table_names_a_code_or_falls_back_to_the_code_itself():
    from clerk_tui.i18n import get_lang, set_lang
    from clerk_tui.i18n.labels import FLAG_KIND, label

    before = get_lang()
    set_lang("en")
    try:
        assert label(FLAG_KIND, "missing_card") != "missing_card"
        assert label(FLAG_KIND, "missing_card") != "rec.kind.missing_card"
        assert label(FLAG_KIND, "brand_new_kind") == "brand_new_kind"
    finally:
        set_lang(before)
