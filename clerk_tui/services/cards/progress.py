"""The day's cards on the card entry screen: returned against expected (as the dashboard counts), newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, func, select

from clerk_tui.db.models import Engineer, SupervisionCard
from clerk_tui.services.dashboard.counts import card_counts
from clerk_tui.services.database import Database


@dataclass(frozen=True)
class RecentCard:
    id: int
    ticket_no: str
    engineer_code: str
    engineer_name: str
    signer_name: str
    satisfaction: str
    returned_at: datetime | None
    orphan: bool
    duplicate: bool


@dataclass(frozen=True)
class DayProgress:
    """Cards returned for `day` against the visits that expect one (as the dashboard counts).

    `returned` counts the expected tickets that have a card (each once), so it never exceeds
    `expected`; duplicates and cards for other tickets show in `recent`, not in the count.
    """

    day: date
    expected: int
    returned: int
    recent: tuple[RecentCard, ...]


def day_progress(db: Database, *, day: date, limit: int = 40) -> DayProgress:
    """The day's cards (newest first, at most `limit`) and how many expected ones are back."""
    with db.read() as s:
        expected, returned = card_counts(s, day)
        rows = s.exec(
            select(SupervisionCard, Engineer.name)
            .join(Engineer, col(Engineer.id) == col(SupervisionCard.engineer_id), isouter=True)
            .where(SupervisionCard.business_date == day)
            .order_by(col(SupervisionCard.id).desc())
            .limit(limit)
        ).all()
        nos = sorted({c.ticket_no for c, _ in rows})
        counts = (
            dict(
                s.exec(
                    select(SupervisionCard.ticket_no, func.count())
                    .where(col(SupervisionCard.ticket_no).in_(nos))
                    .group_by(SupervisionCard.ticket_no)
                ).all()
            )
            if nos
            else {}
        )
    recent = tuple(
        RecentCard(
            id=c.id or 0,
            ticket_no=c.ticket_no,
            engineer_code=c.engineer_code,
            engineer_name=name or "",
            signer_name=c.signer_name,
            satisfaction=c.satisfaction,
            returned_at=c.returned_at,
            orphan=c.ticket_id is None,
            duplicate=int(counts.get(c.ticket_no, 0)) > 1,
        )
        for c, name in rows
    )
    return DayProgress(day, expected, returned, recent)
