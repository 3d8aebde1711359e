"""Shapes shared by the importers: the refusal of a file, a refused row, and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from clerk_tui.i18n import t


class ImportRefused(Exception):
    """The whole file cannot be imported (exit 2); str() is one sentence naming the file."""


class RowRefused(Exception):
    """One row cannot be what it claims to be; `field` names the column at fault."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Rejected:
    """A refused row: its spreadsheet row number (header = 1), the field at fault, the reason."""

    row: int
    field: str
    reason: str


@dataclass
class ImportReport:
    """What one import did."""

    kind: str
    path: Path
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejects_path: Path | None = None
    # ids of the rows inserted (cards, slips, callbacks): what to act on after the import
    new_ids: list[int] = field(default_factory=list)

    def reject(self, row: int, exc: RowRefused) -> None:
        self.rejected.append(Rejected(row, exc.field, exc.reason))

    def describe(self) -> str:
        lines = [
            t(
                "import.summary",
                kind=self.kind,
                path=self.path,
                inserted=self.inserted,
                updated=self.updated,
                unchanged=self.unchanged,
                rejected=len(self.rejected),
            )
        ]
        if self.rejects_path is not None:
            lines.append(t("import.rejects_written", path=self.rejects_path))
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "path": str(self.path),
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [
                {"row": r.row, "field": r.field, "reason": r.reason} for r in self.rejected
            ],
            "warnings": list(self.warnings),
            "rejects_path": str(self.rejects_path) if self.rejects_path else None,
        }
