"""Read an import file (.csv in UTF-8/GB18030, or .xlsx) into a header and raw rows."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clerk_tui.i18n import t
from clerk_tui.io.imports.cells import has_control
from clerk_tui.io.imports.types import ImportRefused

SUFFIXES = (".csv", ".xlsx")
csv.field_size_limit(64 * 1024 * 1024)  # long cells become refused rows, not a csv.Error


@dataclass
class Table:
    """The file's header (as written, trimmed) and its non-blank rows with spreadsheet row numbers."""

    header: list[str]
    rows: list[tuple[int, Sequence[object]]]
    clean: bool = False  # known to hold no control characters (so rows need not be checked)


def clean_header(name: object) -> str:
    """A header cell without surrounding spaces, BOMs or zero-width characters."""
    text = "" if name is None else str(name)
    for junk in ("\ufeff", "\u200b", "\u200c", "\u200d", "\u2060"):
        text = text.replace(junk, "")
    return text.strip()


def read_table(path: Path) -> Table:
    """Read `path`; raise ImportRefused (one sentence naming the file) when it cannot be read."""
    if not path.exists():
        raise ImportRefused(t("import.file_missing", path=path))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(t("import.bad_suffix", path=path, suffix=path.suffix or path.name))
    if path.is_dir():
        raise ImportRefused(t("import.file_unreadable", path=path, reason="is a directory"))
    if suffix == ".csv":
        return _read_csv(path)
    return _read_xlsx(path)


_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\xff\xfe", b"\xfe\xff")


def _decode(path: Path, data: bytes) -> str:
    # UTF-16, a workbook renamed .csv, a PDF...: not a text CSV. A stray NUL inside a
    # cell is left to the cell check, which refuses just that row.
    if data.startswith(_BINARY_MAGIC) or data.count(b"\x00") > max(8, len(data) // 100):
        raise ImportRefused(t("import.binary", path=path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as first:
        try:
            return data.decode("gb18030").lstrip("\ufeff")
        except UnicodeDecodeError:
            line = data[: first.start].count(b"\n") + 1
            raise ImportRefused(t("import.bad_encoding", path=path, line=line)) from None


def _read_csv(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(
            t("import.file_unreadable", path=path, reason=exc.strerror or exc)
        ) from None
    text = _decode(path, data)
    if not text.strip():
        raise ImportRefused(t("import.empty", path=path))
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[tuple[int, Sequence[object]]] = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):  # noqa: B007 - used after the loop
            if header is None:
                header = [clean_header(c) for c in record]
                continue
            if "".join(record).strip():
                rows.append((number, record))
    except csv.Error as exc:
        raise ImportRefused(t("import.csv_broken", path=path, row=number + 1, reason=exc)) from None
    if not header or not any(header):
        raise ImportRefused(t("import.empty", path=path))
    return Table(header, rows, clean=not has_control(text))


def _xlsx_header(values: tuple) -> list[str]:
    cells = [clean_header(v) for v in values]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        if path.stat().st_size == 0:
            raise ImportRefused(t("import.empty", path=path))
        wb = load_workbook(path, read_only=True, data_only=True)
    except ImportRefused:
        raise
    except PermissionError as exc:
        raise ImportRefused(t("import.file_unreadable", path=path, reason=exc.strerror)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ImportRefused(t("import.bad_xlsx", path=path, reason=reason)) from None
    try:
        sheets = [ws for ws in wb.worksheets if hasattr(ws, "iter_rows")]
        if not sheets:
            raise ImportRefused(t("import.empty", path=path))
        ws = wb.active if wb.active in sheets else sheets[0]
        header: list[str] | None = None
        rows: list[tuple[int, Sequence[object]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if header is None:
                header = _xlsx_header(values)
                continue
            cells = list(values)
            while cells and (
                cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())
            ):
                cells.pop()
            if cells:
                rows.append((number, cells))
    finally:
        wb.close()
    if not header:
        raise ImportRefused(t("import.empty", path=path))
    return Table(header, rows)
