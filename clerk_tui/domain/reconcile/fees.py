"""Fee checks against the fee standard (收费标准) as effective on the visit day [H 五]."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clerk_tui.domain.findings import Evidence, Finding
from clerk_tui.domain.reconcile.inputs import CardInfo, DayData, FeeStandard, VisitInfo, yuan

IN_WARRANTY = "in"


@dataclass(frozen=True)
class FeeCheck:
    """What a card may charge: the standard for its items, the certificate, the lower of them."""

    standard_fen: int  # sum of the chargeable items at the standard in force that day
    certificate_fen: int | None  # what the customer's warranty certificate allows, if recorded
    allowed_fen: int  # the lower of the two [H 五.3]
    in_warranty: bool
    unknown: tuple[str, ...]  # codes not in the standard on that day
    not_chargeable: tuple[str, ...]  # codes that may not be charged inside the warranty


def fee_check(card: CardInfo, visit: VisitInfo | None, fees: FeeStandard, day: date) -> FeeCheck:
    """The amount a card may charge on `day`.

    [H 五.3] charge strictly by the standard; where it and the customer's warranty certificate
    differ, the lower applies. Inside the warranty only items marked in_warranty_chargeable
    (e.g. an upgrade the customer asked for [H 五.1]) may be charged.
    """
    in_warranty = visit is not None and visit.warranty_status == IN_WARRANTY
    standard = 0
    unknown: list[str] = []
    not_chargeable: list[str] = []
    for code in card.fee_items:
        version = fees.effective(code, day)
        if version is None:
            unknown.append(code)
        elif in_warranty and not version.in_warranty_chargeable:
            not_chargeable.append(code)
        else:
            standard += version.amount_fen
    certificate = visit.certificate_fee_fen if visit is not None else None
    allowed = standard if certificate is None else min(standard, certificate)
    return FeeCheck(
        standard, certificate, allowed, in_warranty, tuple(unknown), tuple(not_chargeable)
    )


def _fee_day(data: DayData, card: CardInfo, visit: VisitInfo | None) -> date:
    if visit is not None and visit.visit_day is not None:
        return visit.visit_day
    return card.arrived_at.date() if card.arrived_at else data.day


def find_overcharge(data: DayData) -> list[Finding]:
    """Charged more than the fee standard allows for the listed items that day [H 五.3].

    High when money was taken inside the warranty for items that are not chargeable there
    (or with no items listed at all); medium for any other excess (above the standard, above
    the certificate, items unknown to the standard, or money with no items out of warranty).
    """
    ix = data.index
    out: list[Finding] = []
    for c in data.cards:
        if c.fee_charged_fen <= 0:
            continue
        v = ix.visit.get(c.ticket_no)
        chk = fee_check(c, v, data.fees, _fee_day(data, c, v))
        if c.fee_charged_fen <= chk.allowed_fen:
            continue
        items: str | Evidence = "|".join(c.fee_items) or Evidence("rec.ev.none")
        charged = yuan(c.fee_charged_fen)
        evidence = [Evidence("rec.ev.fee_charged", {"charged": charged, "items": items})]
        if not c.fee_items:
            evidence.append(Evidence("rec.ev.fee_no_items"))
        if chk.in_warranty:
            evidence.append(Evidence("rec.ev.fee_in_warranty"))
        if chk.not_chargeable:
            not_chargeable = "|".join(chk.not_chargeable)
            evidence.append(Evidence("rec.ev.fee_not_chargeable", {"items": not_chargeable}))
        if chk.unknown:
            evidence.append(Evidence("rec.ev.fee_unknown", {"items": "|".join(chk.unknown)}))
        evidence.append(Evidence("rec.ev.fee_standard", {"amount": yuan(chk.standard_fen)}))
        if chk.certificate_fen is not None and chk.certificate_fen != chk.standard_fen:
            evidence.append(
                Evidence(
                    "rec.ev.fee_certificate",
                    {"certificate": yuan(chk.certificate_fen), "allowed": yuan(chk.allowed_fen)},
                )
            )
        excess = yuan(c.fee_charged_fen - chk.allowed_fen)
        evidence.append(Evidence("rec.ev.fee_excess", {"excess": excess}))
        severe = chk.in_warranty and (bool(chk.not_chargeable) or not c.fee_items)
        out.append(
            Finding(
                "overcharge",
                "high" if severe else "medium",
                tuple(evidence),
                ticket_no=c.ticket_no,
                engineer_id=c.engineer_code,
            )
        )
    return out


def find_fee_without_receipt(data: DayData) -> list[Finding]:
    """Money taken with no receipt number on the card [H 五.3: 并开具收据]. Medium."""
    out: list[Finding] = []
    for c in data.cards:
        if c.fee_charged_fen > 0 and not c.receipt_no.strip():
            out.append(
                Finding(
                    "fee_without_receipt",
                    "medium",
                    (Evidence("rec.ev.fee_no_receipt", {"charged": yuan(c.fee_charged_fen)}),),
                    ticket_no=c.ticket_no,
                    engineer_id=c.engineer_code,
                )
            )
    return out
