"""监督卡 已交/应交: the dashboard tile and the card entry line count expected tickets with a card.

"Returned" is how many of the tickets expected to have a card today have at least one card of
today, each once: duplicates, cards for tickets not expected and cards of another day do not
make up for a missing one (the reconciliation flags those), so 5 / 5 means every card is in.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import select

from clerk_tui.db.models import Appointment, Engineer, Outlet, SupervisionCard, Ticket
from clerk_tui.services.cards.progress import day_progress
from clerk_tui.services.dashboard.counts import card_counts, today_counts

DAY = date(2025, 3, 14)
YESTERDAY = DAY - timedelta(days=1)
NOW = datetime(2025, 3, 14, 19, 0)

# ticket -> (ticket status, today's appointments as (hour, status), the days of its cards)
PLAN = {
    "A": ("completed", [(9, "done")], [DAY]),  # card back
    "B": ("completed", [(10, "done")], [DAY, DAY]),  # card back twice: a duplicate
    "C": ("in_service", [(11, "planned")], []),  # visited, no card yet: missing
    "D": ("scheduled", [(14, "planned")], [DAY]),  # not visited yet, a card anyway: unexpected
    "E": ("completed", [(15, "done")], [YESTERDAY]),  # only yesterday's visit's card: missing
    "F": ("completed", [(8, "done"), (16, "done")], [DAY]),  # two visits today, one card back
    "G": ("completed", [(12, "cancelled")], [DAY]),  # appointment cancelled: not expected
    "H": ("completed", [], [YESTERDAY]),  # yesterday's work: not today's count at all
}
ORPHAN_CARDS = 1  # a card whose ticket number matches no ticket


def _seed_day(db) -> None:
    with db.session() as s:
        outlet = Outlet(code="QD01", name="市南网点")
        s.add(outlet)
        s.flush()
        eng = Engineer(code="E01", name="赵建国", outlet_id=outlet.id)
        s.add(eng)
        s.flush()
        for no, (status, visits, card_days) in PLAN.items():
            tk = Ticket(
                ticket_no=f"T{no}",
                outlet_id=outlet.id,
                status=status,
                engineer_id=eng.id,
                created_at=datetime.combine(YESTERDAY, datetime.min.time()),
                business_date=DAY,
            )
            s.add(tk)
            s.flush()
            for hour, appt_status in visits:
                start = datetime.combine(DAY, datetime.min.time()) + timedelta(hours=hour)
                s.add(
                    Appointment(
                        ticket_id=tk.id,
                        engineer_id=eng.id,
                        start=start,
                        end=start + timedelta(hours=1),
                        status=appt_status,
                    )
                )
            for day in card_days:
                s.add(
                    SupervisionCard(
                        ticket_no=tk.ticket_no,
                        ticket_id=tk.id,
                        engineer_id=eng.id,
                        business_date=day,
                    )
                )
        for n in range(ORPHAN_CARDS):
            s.add(SupervisionCard(ticket_no=f"NOPE{n}", business_date=DAY))


def _add_card(db, ticket_no: str) -> None:
    with db.session() as s:
        tid = s.exec(select(Ticket.id).where(Ticket.ticket_no == ticket_no)).one()
        s.add(SupervisionCard(ticket_no=ticket_no, ticket_id=tid, business_date=DAY))


def _both_counts(db) -> tuple[int, int]:
    """(returned, expected) as the dashboard tile and the card entry line show them; they agree."""
    dash = today_counts(db, today=DAY, now=NOW)
    progress = day_progress(db, day=DAY)
    assert (dash.cards_returned, dash.cards_expected) == (progress.returned, progress.expected)
    return progress.returned, progress.expected


def test_returned_counts_each_expected_ticket_with_a_card_once(db):
    _seed_day(db)
    # 7 card rows of today (A, B twice, D, F, G, an orphan) against 5 expected tickets
    # (A, B, C, E, F): only A, B and F of those have their card; C and E are missing.
    with db.read() as s:
        assert card_counts(s, DAY) == (5, 3)
    assert _both_counts(db) == (3, 5)

    _add_card(db, "TB")  # another duplicate changes nothing
    assert _both_counts(db) == (3, 5)

    _add_card(db, "TC")
    assert _both_counts(db) == (4, 5)  # E still has no card: not all in

    _add_card(db, "TE")
    assert _both_counts(db) == (5, 5)  # now every expected ticket has its card


def test_a_day_without_visits_or_cards_counts_zero(db):
    with db.read() as s:
        assert card_counts(s, DAY) == (0, 0)
    assert _both_counts(db) == (0, 0)
