"""Write the refused rows of an import to FILE.rejects.csv (UTF-8 with BOM, so Excel opens it)."""

from __future__ import annotations

import csv
from pathlib import Path

from clerk_tui.io.imports.cells import stringify
from clerk_tui.io.imports.read import Table
from clerk_tui.io.imports.types import Rejected

EXTRA = ("row", "reason")


def rejects_path_for(path: Path) -> Path:
    """`tickets.csv` → `tickets.csv.rejects.csv` beside it."""
    return path.with_name(path.name + ".rejects.csv")


def write_rejects(path: Path, table: Table, rejected: list[Rejected]) -> Path:
    """The original columns of each refused row plus `row` and `reason`; returns the file written."""
    keep = [i for i, name in enumerate(table.header) if name.lower() not in EXTRA]
    by_row = {number: cells for number, cells in table.rows}
    out = rejects_path_for(path)
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["row", *(table.header[i] for i in keep), "reason"])
        for r in sorted(rejected, key=lambda r: r.row):
            cells = by_row.get(r.row, [])
            w.writerow(
                [r.row, *(stringify(cells[i]) if i < len(cells) else "" for i in keep), r.reason]
            )
    return out
