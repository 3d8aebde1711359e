"""The layers stay apart: import-linter's contracts hold, and importing a lower layer loads no upper toolkit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _loaded_after(module: str) -> set[str]:
    """Top-level package names in sys.modules after importing `module` in a fresh interpreter."""
    code = f"import json, sys; import {module}; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(json.loads(out.stdout))


def test_import_linter_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed (pip install -e .[test])")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def _modules_under(package) -> list[str]:
    """Every module of a package and its feature subpackages, as dotted names."""
    top = Path(package.__file__).parent
    names = []
    for p in top.rglob("*.py"):
        parts = p.relative_to(top).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join((package.__name__, *parts)))
    return names


def test_domain_loads_neither_textual_nor_the_database_toolkit():
    from clerk_tui import domain

    modules = _modules_under(domain)
    loaded = _loaded_after(", ".join(["clerk_tui.domain", *sorted(modules)]))
    assert not loaded & {"textual", "sqlalchemy", "sqlmodel", "alembic"}


def test_services_load_no_textual():
    from clerk_tui import services

    modules = _modules_under(services)
    loaded = _loaded_after(", ".join(["clerk_tui.services", *sorted(modules)]))
    assert "textual" not in loaded


def test_the_app_module_paints_without_the_database_toolkit():
    """Start-up speed: the app and its first screens import no SQLAlchemy, Alembic, argon2, openpyxl, faker."""
    loaded = _loaded_after(
        "clerk_tui.ui.app, clerk_tui.ui.auth.login, clerk_tui.ui.dashboard.screen"
    )
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic", "argon2", "openpyxl", "faker"}
