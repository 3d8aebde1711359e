"""docs/rules.md lists every rule with its section and code; it is generated, and must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_rules_page_is_generated_from_the_rules_as_they_are():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "rules_doc.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_the_rules_a_newcomer_looks_for_are_on_the_page_with_their_sections():
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for kind, section in [
        ("engineer_signed", "S 9"),
        ("overcharge", "H 五.3"),
        ("check_reschedule", "H 一.2(2)"),
        ("callback_due", "H 一.2(1)"),
        ("lateness_response", "H 三.3(1)"),
    ]:
        line = next(x for x in page.splitlines() if kind in x)
        assert section in line, line
