"""The package type-checks: mypy, configured in pyproject.toml ([tool.mypy]), reports no error."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error(monkeypatch):
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (pip install -e .[test])")
    monkeypatch.chdir(ROOT)  # the config's `packages` and the incremental cache are relative
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml")])
    lines = out.splitlines()
    errors = [line for line in lines if ": error:" in line]
    summary = lines[-1] if lines else err.strip()  # "Found N errors in M files ..."
    assert status == 0 and not errors, "\n".join([summary, *errors[:100], err])
