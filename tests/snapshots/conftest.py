"""Screenshot fixtures: the demo outlet built once per (seed, date) per session, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from snap_helpers import DEMO_SEED, TODAY, build_demo_file


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Callable[..., Path]:
    """`demo_template(seed=1, today=2025-03-14)`: the demo database file, built on first use."""
    built: dict[tuple[int, date], Path] = {}

    def template(seed: int = DEMO_SEED, today: date = TODAY) -> Path:
        key = (seed, today)
        if key not in built:
            folder = tmp_path_factory.mktemp(f"snapdemo_{seed}_{today:%Y%m%d}")
            built[key] = build_demo_file(folder / "demo.db", seed=seed, today=today)
        return built[key]

    return template


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    """A fresh copy of the demo outlet (seed 1, 2025-03-14) in the test's own folder."""
    target = tmp_path / "demo.db"
    shutil.copy(demo_template(), target)
    return target
