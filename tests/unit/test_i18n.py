"""The message catalog: every key in both languages, and start-up loads only what it needs."""

from __future__ import annotations

import importlib
import pkgutil

import clerk_tui.i18n as i18n


def _modules():
    for info in pkgutil.iter_modules(i18n.__path__):
        if info.name.startswith("messages_"):
            yield info.name, importlib.import_module(f"clerk_tui.i18n.{info.name}").MESSAGES


def test_every_key_has_chinese_and_english_text():
    for key, (zh, en) in i18n.catalog().items():
        assert zh.strip() and en.strip(), key


def test_each_prefix_lives_in_the_module_the_table_names():
    for name, messages in _modules():
        for key in messages:
            assert i18n.PREFIX_MODULES.get(key.split(".", 1)[0]) == name, key


def test_english_on_request_and_chinese_by_default():
    i18n.set_lang("en")
    assert i18n.t("app.title") == "Clerk Desk"
    i18n.set_lang("zh")
    assert i18n.t("app.title") == "网点信息员工作台"


def test_text_that_is_not_a_key_is_returned_as_it_is():
    assert i18n.t("Quit") == "Quit"
    assert not i18n.has("Quit")
