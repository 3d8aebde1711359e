"""The one shape of a supervision card (服务任务监督卡) and its warranty slip (保修记录单), and how it is stored.

Every reader of cards — the CSV/XLSX import, the card-entry form, the card service, the
reconciliation's loader — builds these values; nothing else describes a card's fields.
Pure: stdlib only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

SATISFIED = "满意"
FAIRLY_SATISFIED = "基本满意"
UNSATISFIED = "不满意"
SATISFACTION_LEVELS = (SATISFIED, FAIRLY_SATISFIED, UNSATISFIED)
"""The words a customer may tick on the card [H 六]; an empty satisfaction is unknown."""

SATISFACTION_WORDS: dict[str, str] = {
    "满意": SATISFIED, "基本满意": FAIRLY_SATISFIED, "不满意": UNSATISFIED,
    "satisfied": SATISFIED, "basically satisfied": FAIRLY_SATISFIED,
    "fairly satisfied": FAIRLY_SATISFIED,
    "unsatisfied": UNSATISFIED, "dissatisfied": UNSATISFIED, "not satisfied": UNSATISFIED,
}  # fmt: skip
"""Spellings accepted for a satisfaction (lower-cased English, or the card's own words)."""

SCORE_RANGE = (1, 5)
"""Attitude and quality are rated 1–5 by the customer [H 六]."""

MAX_FEN = 2_000_000_000
"""The largest amount of money a card may carry, in fen (fits a 32-bit column)."""

LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class SupervisionCard:  # 服务任务监督卡
    """One service task supervision card as written on paper (FORMATS `cards`, one per visit).

    Field names are the stored ones: `engineer_code` is FORMATS' `engineer_id`, money is in
    integer fen (FORMATS gives yuan). `certificate_fee_fen` is the amount on the customer's
    warranty certificate as written with the card [H 五.3]; it is stored with the ticket, so a
    card read back from the database has None there.
    """

    ticket_no: str
    engineer_code: str
    returned_at: datetime | None = None
    arrived_at: datetime | None = None
    finished_at: datetime | None = None
    signer_name: str = ""
    signer_relation: str = ""  # empty = the customer themself
    signature_present: bool = False
    satisfaction: str = ""  # 满意/基本满意/不满意/''
    attitude_score: int | None = None
    quality_score: int | None = None
    signed_at: datetime | None = None
    fee_charged_fen: int = 0
    fee_items: tuple[str, ...] = ()
    receipt_no: str = ""
    repair_confident: bool = True
    called_ahead: bool | None = None
    notes: str = ""
    certificate_fee_fen: int | None = None


@dataclass(frozen=True)
class WarrantySlip:  # 保修记录单
    """One warranty record slip handed back with the card (FORMATS `slips`) [H 六]."""

    ticket_no: str
    engineer_code: str = ""
    returned_at: datetime | None = None
    fault_cause: str = ""
    repair_action: str = ""
    parts: tuple[str, ...] = ()
    fee_charged_fen: int = 0
    receipt_no: str = ""


# Column → FORMATS column, for the fields whose stored name differs from the file's.
CARD_COLUMNS: dict[str, str] = {
    "ticket_no": "ticket_no",
    "engineer_code": "engineer_id",
    "returned_at": "returned_at",
    "arrived_at": "arrived_at",
    "finished_at": "finished_at",
    "signer_name": "signer_name",
    "signer_relation": "signer_relation",
    "signature_present": "signature_present",
    "satisfaction": "satisfaction",
    "attitude_score": "attitude_score",
    "quality_score": "quality_score",
    "signed_at": "signed_at",
    "fee_charged_fen": "fee_charged",
    "fee_items": "fee_items",
    "receipt_no": "receipt_no",
    "repair_confident": "repair_confident",
    "called_ahead": "called_ahead",
    "notes": "notes",
}
"""The stored card columns (table `supervisioncard`), in FORMATS order, and their file names."""

SLIP_COLUMNS: dict[str, str] = {
    "ticket_no": "ticket_no",
    "engineer_code": "engineer_id",
    "returned_at": "returned_at",
    "fault_cause": "fault_cause",
    "repair_action": "repair_action",
    "parts": "parts",
    "fee_charged_fen": "fee_charged",
    "receipt_no": "receipt_no",
}
"""The stored slip columns (table `warrantyslip`), in FORMATS order, and their file names."""

TEXT_LIMIT = 32767  # Excel's own cell limit: the cap for unbounded (TEXT) columns
LIMITS: dict[str, int] = {
    "ticket_no": 40,
    "engineer_id": 32,
    "signer_name": 100,
    "signer_relation": 20,
    "fee_items": 200,
    "receipt_no": 40,
    "fault_cause": 500,
    "repair_action": 500,
    "parts": 300,
}
"""Longest text each FORMATS column may hold (the stored column's size); others: TEXT_LIMIT."""


def join_list(items: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(items)


def split_list(text: str | None) -> tuple[str, ...]:
    """A '|'-separated list (full-width ｜ too), items trimmed, empty ones dropped."""
    if not text:
        return ()
    return tuple(p for p in (i.strip() for i in text.replace("｜", "|").split("|")) if p)


def stored_card(card: SupervisionCard) -> dict[str, Any]:
    """The card's stored columns (CARD_COLUMNS): lists joined with '|'."""
    values: dict[str, Any] = {name: getattr(card, name) for name in CARD_COLUMNS}
    values["fee_items"] = join_list(card.fee_items)
    return values


def stored_slip(slip: WarrantySlip) -> dict[str, Any]:
    """The slip's stored columns (SLIP_COLUMNS): lists joined with '|'."""
    values: dict[str, Any] = {name: getattr(slip, name) for name in SLIP_COLUMNS}
    values["parts"] = join_list(slip.parts)
    return values


def _stored_list(text: str | None) -> tuple[str, ...]:
    """A stored '|'-joined list back to its items."""
    if not text:
        return ()
    return tuple(p.strip() for p in text.split(LIST_SEPARATOR) if p.strip())


def card_from_stored(row: Sequence[Any]) -> SupervisionCard:
    """A card from its stored columns in CARD_COLUMNS order (NULLs read as the defaults)."""
    (no, eng, returned, arrived, finished, signer, relation, signature, satisfaction,
     attitude, quality, signed, fee, items, receipt, confident, called, notes) = row  # fmt: skip
    return SupervisionCard(
        no, eng or "", returned, arrived, finished, signer or "", relation or "",
        bool(signature), satisfaction or "", attitude, quality, signed, fee or 0,
        _stored_list(items), receipt or "", True if confident is None else bool(confident),
        called, notes or "",
    )  # fmt: skip


def slip_from_stored(row: Sequence[Any]) -> WarrantySlip:
    """A slip from its stored columns in SLIP_COLUMNS order (NULLs read as the defaults)."""
    no, eng, returned, cause, action, parts, fee, receipt = row
    return WarrantySlip(
        no, eng or "", returned, cause or "", action or "", _stored_list(parts), fee or 0,
        receipt or "",
    )  # fmt: skip
