"""`clerk-tui import KIND FILE`: read, check and write one file in one transaction (FORMATS.md).

A file that cannot be read raises ImportRefused (exit 2, nothing written). Rows that
cannot be what they claim to be are refused one by one into FILE.rejects.csv; the
others go in. Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.exc import SQLAlchemyError

from clerk_tui.db.audit import record
from clerk_tui.i18n import t
from clerk_tui.io.imports.cells import Cells
from clerk_tui.io.imports.columns import match_header
from clerk_tui.io.imports.paper import import_callbacks, import_cards, import_slips
from clerk_tui.io.imports.read import Table, read_table
from clerk_tui.io.imports.reference import import_engineers, import_fees, import_products
from clerk_tui.io.imports.rejects import rejects_path_for, write_rejects
from clerk_tui.io.imports.tickets import import_tickets
from clerk_tui.io.imports.types import ImportRefused, ImportReport, Rejected, RowRefused

__all__ = ["KINDS", "ImportRefused", "ImportReport", "Rejected", "RowRefused", "import_file"]


class _Database(Protocol):  # services.database.Database; io may not import services
    def session(self) -> AbstractContextManager[Any]: ...


KINDS: dict[str, Callable[[Any, list[tuple[int, Cells]], ImportReport], None]] = {
    "products": import_products,
    "fees": import_fees,
    "engineers": import_engineers,
    "tickets": import_tickets,
    "cards": import_cards,
    "slips": import_slips,
    "callbacks": import_callbacks,
}


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while a file is read and written.

    An import keeps every row of the file alive to the end (50,000 tickets: about a
    million strings and lists). Each automatic collection walks all of them again and
    finds nothing to free; that was a fifth of the import's time. The rows form no
    cycles, so reference counting frees them as usual afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_file(db: _Database, kind: str, path: str | Path) -> ImportReport:
    """Import `path` as `kind` into `db`; see the module docstring for what happens to bad input."""
    with _cycle_collector_paused():
        return _import_file(db, kind, Path(path))


def _import_file(db: _Database, kind: str, path: Path) -> ImportReport:
    if kind not in KINDS:
        raise ImportRefused(t("import.unknown_kind", path=path, kind=kind, kinds=", ".join(KINDS)))
    table = read_table(path)
    header = match_header(path, kind, table.header)
    report = ImportReport(kind=kind, path=path)
    if header.extra:
        report.warnings.append(
            t("import.warn_extra_columns", path=path, kind=kind, columns=", ".join(header.extra))
        )
    if header.missing:
        report.warnings.append(
            t("import.warn_missing_columns", path=path, columns=", ".join(header.missing))
        )
    if not table.rows:
        report.warnings.append(t("import.warn_no_rows", path=path))
    _warn_extra_cells(table, report)
    dirty = False if table.clean else None
    rows = [(number, Cells(values, header.index, dirty)) for number, values in table.rows]
    try:
        with db.session() as s:
            KINDS[kind](s.connection(), rows, report)
            if report.inserted or report.updated:
                # One audit entry per file that changed something, in the same transaction.
                record(
                    s,
                    user=_os_user(),
                    action=f"import.{kind}",
                    entity="file",
                    entity_id=path.name,
                    after={
                        "path": str(path),
                        "sha256": _sha256(path),
                        "inserted": report.inserted,
                        "updated": report.updated,
                        "unchanged": report.unchanged,
                        "rejected": len(report.rejected),
                    },
                )
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise ImportRefused(
            t("import.db_failed", path=path, reason=reason[0] if reason else type(exc).__name__)
        ) from None
    report.rejected.sort(key=lambda r: r.row)
    old = rejects_path_for(path)
    try:
        if report.rejected:
            report.rejects_path = write_rejects(path, table, report.rejected)
        elif old.exists():
            old.unlink()  # a rejects file of an earlier run would describe rows that are now in
    except OSError as exc:
        report.warnings.append(
            t("import.warn_rejects_unwritable", path=old, reason=exc.strerror or exc)
        )
    return report


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "import"


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _warn_extra_cells(table: Table, report: ImportReport) -> None:
    """Warn once when a row has non-empty cells beyond the header."""
    width = len(table.header)
    for number, values in table.rows:
        if len(values) > width and any(str(v).strip() for v in values[width:] if v is not None):
            report.warnings.append(t("import.warn_extra_cells", path=report.path, row=number))
            return
