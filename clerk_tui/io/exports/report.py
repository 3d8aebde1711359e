"""Write the day's report to the center (网点当日反馈中心) as .xlsx, .csv (UTF-8 with BOM) or .json.

The report is a plain dict (see services.report.build_report); its `checksum` is the SHA-256
of the canonical JSON of everything but `generated_at` and `checksum`, so the same day's
content gives the same checksum in every format. Files are written to a temporary name
beside the target and renamed: a reader never sees half a report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len

from clerk_tui.i18n import get_lang, t
from clerk_tui.i18n.labels import (
    CALLBACK_REASON,
    DAY_STATE,
    DAY_SUMMARY,
    FLAG_KIND,
    FLAG_SEVERITY,
    FLAG_STATUS,
    VALUE_ADD_COLUMN,
    label,
)

FORMATS = (".xlsx", ".csv", ".json")
_UNSIGNED = ("generated_at", "checksum")
VALUE_ADD_KEYS = (
    "business_date",
    "ticket_no",
    "tag",
    "text",
    "product_model",
    "recorded_by",
    "created_at",
)


def checksum(report: dict) -> str:
    """SHA-256 of the report's content (without generated_at and checksum)."""
    body = {k: v for k, v in report.items() if k not in _UNSIGNED}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _yn(value) -> str:
    if value is None:
        return ""
    return t("ru.yes") if value else t("ru.no")


def sections(report: dict, *, evidence_sep: str = "\n") -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) of every part, headers and codes in the interface language."""
    summary = report.get("summary", {})
    facts = [
        [t("ru.rep.outlet"), report["outlet"]],
        [t("ru.rep.date"), report["date"]],
        [t("ru.rep.state"), label(DAY_STATE, report.get("state", ""))],
        [t("ru.rep.signed_by"), report.get("signed_off_by", "")],
        [t("ru.rep.signed_at"), report.get("signed_off_at", "")],
        *([label(DAY_SUMMARY, k), v] for k, v in summary.items() if not isinstance(v, dict)),
        *([label(FLAG_KIND, k), v] for k, v in summary.get("by_kind", {}).items()),
    ]
    if "value_add" not in report:
        facts.append([t("ru.rep.valueadd_absent"), t("ru.rep.valueadd_missing")])
    facts += [
        [t("ru.rep.generated"), report.get("generated_at", "")],
        [t("ru.rep.checksum"), report.get("checksum", "")],
    ]
    out = [(t("ru.rep.sheet.summary"), [t("ru.rep.item"), t("ru.rep.value")], facts)]
    out.append((
        t("ru.rep.sheet.engineers"),
        [t("ru.col.engineer_id"), t("ru.col.engineer"), t("ru.col.tickets"), t("ru.col.cards"),
         t("ru.col.satisfied"), t("ru.col.flags")],
        [[e["engineer_id"], e.get("name", ""), e["tickets"], e["cards_returned"], e["satisfied"],
          e["flags"]] for e in report.get("engineers", [])],
    ))  # fmt: skip
    out.append((
        t("ru.rep.sheet.flags"),
        [t("ru.col.ticket_no"), t("ru.col.engineer_id"), t("ru.col.engineer"), t("ru.col.kind"),
         t("ru.col.kind_code"), t("ru.col.severity"), t("ru.col.evidence"), t("ru.col.status"),
         t("ru.col.reason"), t("ru.col.decided_by"), t("ru.col.decided_at")],
        [[f["ticket_no"], f.get("engineer_id", ""), f.get("engineer_name", ""),
          label(FLAG_KIND, f["kind"]), f["kind"], label(FLAG_SEVERITY, f["severity"]),
          evidence_sep.join(f.get("evidence", [])), label(FLAG_STATUS, f["status"]),
          f.get("reason", ""), f.get("decided_by", ""), f.get("decided_at", "")]
         for f in report.get("flags", [])],
    ))  # fmt: skip
    out.append((
        t("ru.rep.sheet.callbacks"),
        [t("ru.col.ticket_no"), t("ru.col.cb_reason"), t("ru.col.due_at"), t("ru.col.called_at"),
         t("ru.col.reached"), t("ru.col.cb_satisfied"), t("ru.col.signed"), t("ru.col.came"),
         t("ru.col.done_at"), t("ru.col.notes")],
        [[c["ticket_no"], label(CALLBACK_REASON, c["reason"]), c.get("due_at", ""),
          c.get("called_at", ""), _yn(c.get("reached")), _yn(c.get("satisfied")),
          _yn(c.get("customer_signed")), _yn(c.get("engineer_came")), c.get("done_at", ""),
          c.get("notes", "")] for c in report.get("callbacks", [])],
    ))  # fmt: skip
    if "value_add" in report:
        items = report["value_add"]
        keys = list(VALUE_ADD_KEYS)
        keys += sorted({k for item in items for k in item} - set(keys))
        out.append((t("ru.rep.sheet.valueadd"), [label(VALUE_ADD_COLUMN, k) for k in keys],
                    [[item.get(k, "") for k in keys] for item in items]))  # fmt: skip
    return out


def _xlsx(report: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for title, headers, rows in sections(report):
        ws = wb.create_sheet(title[:31])
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(row)
        ws.freeze_panes = "A2"
        for i, header in enumerate(headers, start=1):
            values = [header] + [r[i - 1] for r in rows]
            widest = max(
                (cell_len(line) for v in values for line in str(v if v is not None else "").split("\n")),
                default=8,
            )  # fmt: skip
            ws.column_dimensions[get_column_letter(i)].width = min(max(widest + 2, 8), 60)
        wrap = Alignment(wrap_text=True, vertical="top")
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and "\n" in cell.value:
                    cell.alignment = wrap
    wb.save(path)


def _csv(report: dict) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    sep = (
        "；" if get_lang() == "zh" else "; "
    )  # evidence lines in one cell, as the reader writes a list
    for n, (title, headers, rows) in enumerate(sections(report, evidence_sep=sep)):
        if n:
            w.writerow([])
        w.writerow([f"# {title}"])
        w.writerow(headers)
        w.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def _json(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ReportError(Exception):
    """The report cannot be written; the message is one sentence naming the file."""


def write_report(report: dict, path: Path) -> Path:
    """Write `report` to `path` in the format its suffix names; returns the path."""
    path = Path(path).expanduser()
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(t("ru.err.report_suffix", name=path.name))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".xlsx":
            _atomic(path, lambda p: _xlsx(report, p))
        else:
            data = _csv(report) if suffix == ".csv" else _json(report)
            _atomic(path, lambda p: p.write_bytes(data))
    except OSError as exc:
        raise ReportError(t("ru.err.report_write", path=path, reason=exc.strerror or exc)) from None
    return path
