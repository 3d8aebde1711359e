"""The columns of each import kind (FORMATS.md) and matching a file's header against them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from clerk_tui.i18n import t
from clerk_tui.io.imports.types import ImportRefused

COLUMNS: dict[str, tuple[str, ...]] = {
    "products": (
        "model",
        "category",
        "brand",
        "whole_warranty_months",
        "parts_warranty_months",
        "release_date",
    ),
    "fees": (
        "code",
        "category",
        "description",
        "amount",
        "in_warranty_chargeable",
        "effective_from",
    ),
    "engineers": (
        "engineer_id",
        "name",
        "phone",
        "outlet_code",
        "skills",
        "work_start",
        "work_end",
        "base_district",
        "certificate_no",
        "active",
    ),
    "tickets": (
        "ticket_no",
        "outlet_code",
        "source",
        "service_type",
        "customer_name",
        "phone",
        "address",
        "product_model",
        "serial_no",
        "purchase_date",
        "symptom",
        "requested_start",
        "requested_end",
        "engineer_id",
        "appointment_start",
        "appointment_end",
        "status",
        "created_at",
    ),
    "cards": (
        "ticket_no",
        "engineer_id",
        "returned_at",
        "arrived_at",
        "finished_at",
        "signer_name",
        "signer_relation",
        "signature_present",
        "satisfaction",
        "attitude_score",
        "quality_score",
        "signed_at",
        "fee_charged",
        "fee_items",
        "receipt_no",
        "repair_confident",
        "called_ahead",
        "notes",
    ),
    "slips": (
        "ticket_no",
        "engineer_id",
        "returned_at",
        "fault_cause",
        "repair_action",
        "parts",
        "fee_charged",
        "receipt_no",
    ),
    "callbacks": (
        "ticket_no",
        "called_at",
        "reached",
        "satisfied",
        "customer_signed",
        "engineer_came",
        "notes",
    ),
}

# Columns a kind may carry beyond FORMATS.md: taken when present, never reported missing, and
# hashed into the row key only when filled (so files without them keep their keys).
OPTIONAL: dict[str, tuple[str, ...]] = {
    "cards": ("certificate_fee",),  # 保修证标准 in yuan: what the warranty certificate allows
}

# Without these a row cannot be what it claims to be; a file lacking one is refused whole.
REQUIRED: dict[str, tuple[str, ...]] = {
    "products": ("model", "category"),
    "fees": ("code", "amount", "effective_from"),
    "engineers": ("engineer_id", "name"),
    "tickets": ("ticket_no",),
    "cards": ("ticket_no",),
    "slips": ("ticket_no",),
    "callbacks": ("ticket_no", "called_at", "reached"),
}

MISSPELT_CUTOFF = 0.8  # an unknown header this close to a missing column is taken as a misspelling


@dataclass
class Header:
    """Where each known column stands in the file, and what was left over."""

    index: dict[str, int]
    extra: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _closest(name: str, candidates: list[str], cutoff: float) -> str | None:
    lowered = {c.lower(): c for c in candidates}
    found = difflib.get_close_matches(name, list(lowered), n=1, cutoff=cutoff)
    return lowered[found[0]] if found else None


def match_header(path: Path, kind: str, header: list[str]) -> Header:
    """Map known columns to positions (case-insensitive); refuse missing, misspelt or repeated ones."""
    known = COLUMNS[kind] + OPTIONAL.get(kind, ())
    index: dict[str, int] = {}
    extra: list[str] = []
    for pos, name in enumerate(header):
        key = name.lower()
        if key in known:
            if key in index:
                raise ImportRefused(t("import.duplicate_column", path=path, column=key))
            index[key] = pos
        elif name:
            extra.append(name)
    for col in REQUIRED[kind]:
        if col not in index:
            found = _closest(col, extra, 0.6)
            if found:
                raise ImportRefused(
                    t("import.missing_column_hint", path=path, column=col, found=found)
                )
            raise ImportRefused(t("import.missing_column", path=path, column=col))
    missing = [c for c in COLUMNS[kind] if c not in index]
    for col in missing:
        found = _closest(col, extra, MISSPELT_CUTOFF)
        if found:
            raise ImportRefused(t("import.misspelt_column", path=path, column=col, found=found))
    return Header(index, extra, missing)
