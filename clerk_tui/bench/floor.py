"""The start-up floor for `clerk-tui bench`: a bare Textual app showing a DataTable.

Run as `python -m clerk_tui.bench.floor PAINT_FILE`: when the first frame has been
displayed (Textual's Ready event) it appends {"what", "t", "rss_mib"} to PAINT_FILE
and exits, the same signal the real app gives under CLERK_BENCH_PAINT_FILE.
"""

from __future__ import annotations

import json
import sys
import time

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class FloorApp(App[None]):
    """A header, a 100-row table of ticket-like rows, a footer: nothing else."""

    def __init__(self, paint_file: str) -> None:
        super().__init__()
        self.paint_file = paint_file

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="rows")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("工单号", "状态", "用户", "电话", "地址")
        table.add_rows(
            (
                Text(f"HR20250310{i:05d}"),
                Text("已约"),
                Text("张伟"),
                Text(f"139{i:08d}"),
                Text(f"北京市朝阳区建国路{i}号阳光小区{i % 30}号楼"),
            )
            for i in range(100)
        )

    def on_ready(self) -> None:
        import psutil

        rss = psutil.Process().memory_info().rss / 2**20
        with open(self.paint_file, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"what": "floor", "t": time.time(), "rss_mib": rss}) + "\n")
        self.exit()


if __name__ == "__main__":
    FloorApp(sys.argv[1]).run()
