"""End-of-day card and slip presence rules (对帐 [H 六, 七.2]): missing, late, orphan and duplicate cards, slips."""

from __future__ import annotations

from datetime import date, datetime

from clerk_tui.domain.findings import Evidence, EvidenceValue, Finding, code_label
from clerk_tui.domain.reconcile.inputs import (
    STATUS_LABEL,
    UNSERVED_STATES,
    CardInfo,
    DayData,
    assigned_elsewhere,
    hm,
)


def _status(status: str) -> EvidenceValue:
    """The status's label (a status the table does not know shows as its code)."""
    return code_label(STATUS_LABEL, status)


def find_missing_card(data: DayData, now: datetime) -> list[Finding]:
    """A visit that happened that day has no supervision card by the cut-off.

    [H 七.2] the engineer hands the card to the outlet clerk the same day. A card is only
    missing once the cut-off hour of the visit's day has passed.
    """
    ix = data.index
    out: list[Finding] = []
    for v in data.visits:
        if not ix.visited_today(v) or v.ticket_no in ix.cards:
            continue
        due = ix.cutoff_for(v.ticket_no)
        if now < due:
            continue
        evidence = (
            Evidence(
                "rec.ev.visit",
                {
                    "start": hm(v.appointment_start, data.day),
                    "engineer": ix.engineer_label(v.engineer_code),
                    "status": _status(v.status),
                },
            ),
            Evidence("rec.ev.no_card_by", {"due": hm(due, data.day)}),
        )
        out.append(
            Finding(
                "missing_card",
                "medium",
                evidence,
                ticket_no=v.ticket_no,
                engineer_id=v.engineer_code,
            )
        )
    return out


def find_late_card(data: DayData) -> list[Finding]:
    """A card handed back after the cut-off hour of its visit's day [H 七.2: the same day].

    Low when still that day, medium when it came on a later day.
    """
    ix = data.index
    out: list[Finding] = []
    for c in data.cards:
        due = ix.cutoff_for(c.ticket_no)
        if c.returned_at is None or c.returned_at <= due:
            continue
        later_day = c.returned_at.date() > due.date()
        out.append(
            Finding(
                "late_card",
                "medium" if later_day else "low",
                (
                    Evidence(
                        "rec.ev.card_returned_late",
                        {"at": hm(c.returned_at, data.day), "due": hm(due, data.day)},
                    ),
                ),
                ticket_no=c.ticket_no,
                engineer_id=c.engineer_code,
            )
        )
    return out


def find_orphan_card(data: DayData) -> list[Finding]:
    """A card for an unknown ticket (high) or for a ticket with no appointment that day (medium).

    [H 七.2] cards are reconciled against the day's visits; a card with no visit behind it
    cannot be reported to the center. Cancelled or reassigned tickets are
    `card_for_unserved_ticket` instead.
    """
    ix = data.index
    out: list[Finding] = []
    for c in data.cards:
        v = ix.visit.get(c.ticket_no)
        if v is None:
            out.append(
                Finding(
                    "orphan_card",
                    "high",
                    (Evidence("rec.ev.unknown_ticket", {"ticket": c.ticket_no}),),
                    ticket_no=c.ticket_no,
                    engineer_id=c.engineer_code,
                )
            )
            continue
        if v.status in UNSERVED_STATES or assigned_elsewhere(v, c):
            continue
        if v.visit_day != data.day:
            when = hm(v.appointment_start) if v.appointment_start else Evidence("rec.ev.none")
            that_day = {"day": data.day.isoformat(), "appointment": when}
            out.append(
                Finding(
                    "orphan_card",
                    "medium",
                    (Evidence("rec.ev.no_visit_that_day", that_day),),
                    ticket_no=c.ticket_no,
                    engineer_id=c.engineer_code,
                )
            )
    return out


def _card_line(c: CardInfo, day: date) -> Evidence:
    return Evidence(
        "rec.ev.card_line",
        {
            "engineer": c.engineer_code,
            "signer": c.signer_name or "-",
            "signed": hm(c.signed_at, day),
            "satisfaction": c.satisfaction or "-",
        },
    )


def find_duplicate_card(data: DayData) -> list[Finding]:
    """Two or more cards for one ticket (DESIGN §3: one card per visit).

    High when the cards disagree (engineer, signer, satisfaction, times), medium when they
    are copies of each other.
    """
    out: list[Finding] = []
    for ticket_no, cards in data.index.cards.items():
        if len(cards) < 2:
            continue
        shapes = {
            (
                c.engineer_code,
                c.signer_name.replace(" ", ""),
                c.satisfaction,
                c.signed_at,
                c.arrived_at,
                c.fee_charged_fen,
            )
            for c in cards
        }
        count = Evidence("rec.ev.card_count", {"n": len(cards)})
        evidence = (count, *(_card_line(c, data.day) for c in cards))
        out.append(
            Finding(
                "duplicate_card",
                "high" if len(shapes) > 1 else "medium",
                evidence,
                ticket_no=ticket_no,
                engineer_id=cards[0].engineer_code,
            )
        )
    return out


def find_missing_slip(data: DayData, now: datetime) -> list[Finding]:
    """A completed repair whose warranty record slip (保修记录单) is missing or came back late.

    [H 六.1] the engineer fills the slip on completion; [H 七.2] a slip not handed back in
    time is reconciled daily. Missing after the cut-off: medium; returned after it: low.
    """
    ix = data.index
    out: list[Finding] = []
    for v in data.visits:
        if v.status != "completed" or v.service_type != "repair" or v.visit_day != data.day:
            continue
        due = ix.cutoff_for(v.ticket_no)
        slips = ix.slips.get(v.ticket_no)
        if not slips:
            if now >= due:
                out.append(
                    Finding(
                        "missing_slip",
                        "medium",
                        (Evidence("rec.ev.no_slip_by", {"due": hm(due, data.day)}),),
                        ticket_no=v.ticket_no,
                        engineer_id=v.engineer_code,
                    )
                )
            continue
        returned = [s.returned_at for s in slips if s.returned_at is not None]
        if returned and min(returned) > due:
            out.append(
                Finding(
                    "missing_slip",
                    "low",
                    (
                        Evidence(
                            "rec.ev.slip_returned_late",
                            {"at": hm(min(returned), data.day), "due": hm(due, data.day)},
                        ),
                    ),
                    ticket_no=v.ticket_no,
                    engineer_id=v.engineer_code,
                )
            )
    return out
