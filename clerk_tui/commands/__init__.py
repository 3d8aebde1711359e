"""Further commands of FORMATS.md, one module each (`cmd_<name>.py`), found by the cli.

A command module defines:
    NAME = "validate"                   # the command word
    HELP = "..."                        # one line for --help
    def add_arguments(parser) -> None   # its own options (global --db/--lang/--json are the cli's)
    def run(ctx: CommandContext) -> int # exit code: 0 ok, 1 ran and found/refused rows, 2 bad usage/input
Keep heavy imports inside run(), so `clerk-tui` itself starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from clerk_tui.config import Settings


@dataclass
class CommandContext:
    """What a command gets: settings, its parsed arguments, --json, and a way to open the database."""

    settings: Settings
    args: argparse.Namespace
    as_json: bool
    open_db: Callable[[], Any]
    """Opens and migrates the database (loading reference data), or prints one sentence
    to stderr and returns None: then return 2."""


def command_modules() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            mod = importlib.import_module(f"{__name__}.{info.name}")
            found[mod.NAME] = mod
    return found
