"""The report to the center names callback reasons in words, never by their code."""

from __future__ import annotations

import pytest

from clerk_tui.i18n import set_lang
from clerk_tui.i18n.labels import CALLBACK_REASON, label


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_older_unsatisfied_code_reads_as_the_follow_up_it_is(lang):
    set_lang(lang)
    try:
        assert label(CALLBACK_REASON, "unsatisfied") == label(CALLBACK_REASON, "follow_up")
        assert label(CALLBACK_REASON, "unsatisfied") != "unsatisfied"
    finally:
        set_lang("zh")
