"""The tickets CSV that `clerk-tui bench` imports: FORMATS columns, synthetic rows."""

from __future__ import annotations

import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from clerk_tui.bench.synth import DISTRICTS, GIVEN, SURNAMES, ticket_rows
from clerk_tui.io.imports.columns import COLUMNS


def write_import_files(folder: Path, n: int, *, seed: int = 7) -> tuple[Path, Path]:
    """An engineers CSV and a tickets CSV of `n` rows (FORMATS columns), as the center exports them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    engineers = folder / "engineers.csv"
    with engineers.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS["engineers"])
        for k in range(1, 51):
            w.writerow(
                [
                    f"E{k:04d}",
                    SURNAMES[k] + GIVEN[k],
                    f"139{k:08d}",
                    "BJ001",
                    "洗衣机|冰箱|空调",
                    "08:30",
                    "17:30",
                    list(DISTRICTS)[k % 8],
                    f"ZS{k:06d}",
                    "Y",
                ]
            )
    tickets = folder / "tickets.csv"
    today = date.today()
    with tickets.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS["tickets"])
        for r in ticket_rows(n, rng, today, 50, owner=1):
            status = r[16] if r[16] != "closed" else "completed"
            eng = "" if r[18] is None else f"E{r[18]:04d}"
            start = datetime.fromisoformat(r[14])
            appt = (
                start.strftime("%Y-%m-%d %H:%M"),
                (start + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
            )
            w.writerow(
                [
                    r[1],
                    f"BJ{r[2]:03d}",
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    r[7],
                    r[9],
                    r[11],
                    r[12],
                    r[13],
                    start.strftime("%Y-%m-%d %H:%M"),
                    datetime.fromisoformat(r[15]).strftime("%Y-%m-%d %H:%M"),
                    eng,
                    *(appt if eng and rng.random() < 0.3 else ("", "")),
                    status,
                    datetime.fromisoformat(r[25]).strftime("%Y-%m-%d %H:%M"),
                ]
            )
    return engineers, tickets
