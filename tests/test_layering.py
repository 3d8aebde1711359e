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


FEATURES = (
    "admin",
    "auth",
    "callbacks",
    "cards",
    "dashboard",
    "intake",
    "reconcile",
    "schedule",
    "tickets",
    "validation",
)


def _service_imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every `from clerk_tui.services... import` and `import clerk_tui.services...`."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "clerk_tui.services"
        ):
            found.append((node.lineno, node.module or "", [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("clerk_tui.services"):
                    found.append((node.lineno, alias.name, []))
    return found


def test_the_ui_and_the_cli_use_each_service_feature_through_its_face():
    """ui, cli.py and the CLI commands import `clerk_tui.services.<feature>` (its `__all__`),
    never one of its submodules."""
    import importlib

    package = ROOT / "clerk_tui"
    paths = [
        *(package / "ui").rglob("*.py"),
        *(package / "commands").rglob("*.py"),
        package / "cli.py",
    ]
    wrong = []
    for path in sorted(paths):
        where = path.relative_to(ROOT)
        for line, module, names in _service_imports(path):
            parts = module.split(".")
            if len(parts) > 2 and parts[2] in FEATURES:
                if len(parts) > 3:
                    wrong.append(f"{where}:{line} imports {module}")
                    continue
                face = importlib.import_module(module)
                for name in names:
                    if name not in getattr(face, "__all__", ()):
                        wrong.append(
                            f"{where}:{line} takes {name} from {module}, not in its __all__"
                        )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("feature", FEATURES)
def test_each_service_face_exports_what_it_names(feature):
    import importlib

    face = importlib.import_module(f"clerk_tui.services.{feature}")
    assert face.__all__, f"clerk_tui.services.{feature} has no __all__"
    assert all(hasattr(face, name) for name in face.__all__)
