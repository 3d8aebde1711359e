"""The message catalog at run time: both languages, plural forms, and a start-up that reads one catalog."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import clerk_tui.i18n as i18n

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _chinese_after():
    yield
    i18n.set_lang("zh")


def test_every_key_has_chinese_and_english_text():
    messages = i18n.catalog()
    assert len(messages) > 1000
    for key, (zh, en) in messages.items():
        assert zh.strip() and en.strip(), key


def test_english_on_request_and_chinese_by_default():
    i18n.set_lang("en")
    assert i18n.t("app.title") == "Clerk Desk"
    i18n.set_lang("zh")
    assert i18n.t("app.title") == "网点信息员工作台"


def test_text_that_is_not_a_key_is_returned_as_it_is():
    assert i18n.t("Quit") == "Quit"
    assert i18n.t("Quit", n=2) == "Quit"
    assert i18n.tn("Quit", 2) == "Quit"
    assert not i18n.has("Quit")
    assert i18n.has("app.title")


def test_placeholders_are_filled_with_str_format():
    i18n.set_lang("en")
    assert i18n.t("db.locked", path="a.db").startswith("The database file a.db is locked")


def test_plural_forms_follow_the_count_in_english_and_stay_one_in_chinese():
    i18n.set_lang("en")
    assert i18n.tn("vq.done.exported", 1, path="x.csv") == "Exported 1 row to x.csv"
    assert i18n.tn("vq.done.exported", 3, path="x.csv") == "Exported 3 rows to x.csv"
    assert i18n.tn("vq.done.exported", 0, path="x.csv") == "Exported 0 rows to x.csv"
    assert i18n.tn("ru.heading.counts", 1, flags=1, open=0) == "1 flag, 0 open"
    i18n.set_lang("zh")
    assert i18n.tn("vq.done.exported", 1, path="x.csv") == "已导出 1 条到 x.csv"
    assert i18n.tn("vq.done.exported", 3, path="x.csv") == "已导出 3 条到 x.csv"


def test_t_of_a_plural_message_picks_the_form_of_its_n_or_count_argument():
    """The bridge until every call of a counted message is `tn`."""
    i18n.set_lang("en")
    assert i18n.t("vq.done.exported", n=1, path="x") == "Exported 1 row to x"
    assert i18n.t("vq.done.exported", n=2, path="x") == "Exported 2 rows to x"
    assert i18n.t("sch.why.load", count=1, capacity=6) == "1 visit already that day (limit 6)"
    assert i18n.t("ru.heading.counts", flags=1, open=0) == "1 flags, 0 open"  # no n: 'many'
    assert i18n.catalog()["vq.done.exported"] == (
        "已导出 {n} 条到 {path}",
        "Exported {n} rows to {path}",
    )


def test_tn_of_a_message_without_plural_forms_reads_as_t():
    i18n.set_lang("en")
    assert not i18n.is_plural("db.locked")
    assert i18n.is_plural("vq.done.exported")
    assert i18n.tn("db.locked", 2, path="a.db") == i18n.t("db.locked", path="a.db")


def test_n_marks_an_id_and_returns_it():
    assert i18n.N_("rec.kind.missing_card") == "rec.kind.missing_card"


def _fresh(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout)


def test_start_up_reads_only_the_current_language_and_never_imports_babel():
    found = _fresh(
        "import json, sys; import clerk_tui.i18n as i; i.t('app.title');"
        "a = sorted(i._catalogs); i.set_lang('en'); i.t('app.title');"
        "print(json.dumps([a, sorted(i._catalogs), 'babel' in sys.modules]))"
    )
    assert found == [["zh"], ["en", "zh"], False]
