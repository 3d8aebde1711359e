"""Warranty status of a product on a day: whole unit, main parts only, out, or unknown."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

WarrantyStatus = Literal["in", "parts_only", "out", "unknown"]


class HasWarranty(Protocol):
    """What the status needs from a catalog model (ModelInfo has it)."""

    @property
    def whole_warranty_months(self) -> int: ...
    @property
    def parts_warranty_months(self) -> int: ...


def add_months(start: date, months: int) -> date:
    """`start` plus `months` calendar months; a missing day becomes the month's last day.

    2025-01-31 + 1 month = 2025-02-28; 2024-01-31 + 1 month = 2024-02-29.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last_day))


def warranty_end(purchase_date: date, months: int) -> date:
    """The last day covered by a warranty of `months` bought on `purchase_date`.

    A period counted in months starts the day after the purchase and ends on the
    corresponding day of the last month, or that month's last day when it has no such
    day (民法典 第二百零一、二百零二条): bought 2025-01-15 with 12 months → covered up to
    and including 2026-01-15; bought 2025-01-31 with 1 month → up to 2025-02-28.
    """
    return add_months(purchase_date, months)


@dataclass(frozen=True, slots=True)
class WarrantyTerms:
    """The two last covered days of a product: whole unit (整机) and main parts (主要部件)."""

    whole_until: date
    parts_until: date


def warranty_terms(
    whole_warranty_months: int, parts_warranty_months: int, purchase_date: date
) -> WarrantyTerms:
    """Both last covered days; main parts are never covered for less than the whole unit."""
    whole = warranty_end(purchase_date, max(0, whole_warranty_months))
    parts = warranty_end(purchase_date, max(0, parts_warranty_months))
    return WarrantyTerms(whole, max(whole, parts))


def warranty_status(
    model: HasWarranty | None, purchase_date: date | None, on: date
) -> WarrantyStatus:
    """'in' (whole unit covered), 'parts_only' (main parts still covered), 'out', or 'unknown'.

    `model` is a catalog model (ModelInfo); 'unknown' when the model or the purchase date is not known, or the
    purchase date lies after `on` (a date that cannot be right). Out of warranty the
    engineer brings a receipt and charges by the fee standard [H 一.3(2)].
    """
    if model is None or purchase_date is None or purchase_date > on:
        return "unknown"
    terms = warranty_terms(model.whole_warranty_months, model.parts_warranty_months, purchase_date)
    if on <= terms.whole_until:
        return "in"
    if on <= terms.parts_until:
        return "parts_only"
    return "out"
