"""Helpers for UI tests: the frozen day, a small outlet with known counts, waiting for workers, typing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pilot_wait import settle as settle_pilot

FROZEN_TODAY = date(2025, 3, 14)
FROZEN_NOW = datetime(2025, 3, 14, 15, 0)
DEMO_ACCOUNTS = [
    {"username": "zhang", "password": "demo1234", "role": "supervisor", "display_name": "张主管"},
    {"username": "li", "password": "demo1234", "role": "clerk", "display_name": "李信息员"},
]


async def settle(app, pilot) -> None:
    """Let workers finish and the messages they post land (a few rounds: workers start workers)."""
    await settle_pilot(pilot)


async def type_into(pilot, selector: str, text: str) -> None:
    """Click the field and type `text` into it, key by key."""
    await pilot.click(selector)
    await pilot.press(*text)


@dataclass(frozen=True)
class OutletFacts:
    """What `outlet_db` holds, as the dashboard should count it."""

    open_by_state: dict[str, int]
    today_by_state: dict[str, int]
    appointments_today: int
    cards_expected: int
    cards_returned: int
    callbacks_due: int
    callbacks_overdue: int
    open_flags: int


def seed_outlet(
    db, *, today: date = FROZEN_TODAY, names: tuple[str, ...] = ("王芳", "李娜", "张伟")
) -> OutletFacts:
    """A small outlet on `today`: tickets in several states, visits, cards, callbacks, flags, users."""
    from clerk_tui.db.models import (
        Appointment,
        Callback,
        Engineer,
        Flag,
        Outlet,
        Setting,
        SupervisionCard,
        Ticket,
        User,
    )
    from clerk_tui.services.auth.passwords import hash_password

    now = datetime.combine(today, FROZEN_NOW.time())
    yesterday = today - timedelta(days=1)
    plan = [  # (status, business_date, appointment today?)
        ("new", today, False),
        ("new", today, False),
        ("needs_info", today, False),
        ("needs_info", yesterday, False),
        ("needs_info", yesterday, False),
        ("ready", today, False),
        ("scheduled", today, True),
        ("scheduled", yesterday, True),
        ("in_service", today, True),
        ("completed", today, True),
        ("completed", yesterday, True),
        ("closed", yesterday, False),
        ("cancelled", today, False),
    ]
    with db.session() as s:
        outlet = Outlet(code="BJ01", name="朝阳网点")
        s.add(outlet)
        s.flush()
        eng = Engineer(code="E01", name="赵师傅", outlet_id=outlet.id)
        s.add(eng)
        hashed = hash_password("demo1234")
        s.add(
            User(username="zhang", display_name="张主管", role="supervisor", password_hash=hashed)
        )
        s.add(User(username="li", display_name="李信息员", role="clerk", password_hash=hashed))
        s.add(Setting(key="demo_users", value=json.dumps(DEMO_ACCOUNTS, ensure_ascii=False)))
        tickets = []
        for n, (status, day, _visit) in enumerate(plan, start=1):
            tk = Ticket(
                ticket_no=f"T{today:%Y%m%d}{n:03d}",
                outlet_id=outlet.id,
                customer_name=names[n % len(names)],
                phone=f"1390000{n:04d}",
                address=f"北京市朝阳区建国路{n}号",
                status=status,
                created_at=datetime.combine(day, FROZEN_NOW.time()) - timedelta(hours=5),
                business_date=day,
                engineer_id=eng.id,
            )
            s.add(tk)
            tickets.append(tk)
        s.flush()
        for n, (tk, (_status, _day, visit)) in enumerate(zip(tickets, plan, strict=True)):
            if visit:
                start = datetime.combine(today, datetime.min.time()) + timedelta(hours=9 + n)
                s.add(
                    Appointment(
                        ticket_id=tk.id,
                        engineer_id=eng.id,
                        start=start,
                        end=start + timedelta(hours=1),
                    )
                )
        # a moved appointment today does not count
        start = datetime.combine(today, datetime.min.time()) + timedelta(hours=8)
        s.add(Appointment(ticket_id=tickets[0].id, start=start, end=start, status="moved"))
        # one card back for today's completed ticket; the in_service one is still out
        s.add(
            SupervisionCard(
                ticket_no=tickets[9].ticket_no, ticket_id=tickets[9].id, business_date=today
            )
        )
        s.add(
            SupervisionCard(
                ticket_no=tickets[10].ticket_no, ticket_id=tickets[10].id, business_date=yesterday
            )
        )
        s.add(Callback(ticket_id=tickets[9].id, due_at=now - timedelta(hours=2)))  # overdue
        s.add(Callback(ticket_id=tickets[9].id, due_at=now + timedelta(hours=2)))  # due later today
        s.add(Callback(ticket_id=tickets[9].id, due_at=now + timedelta(days=2)))  # not today
        s.add(
            Callback(ticket_id=tickets[9].id, due_at=now - timedelta(hours=3), done_at=now)
        )  # done
        s.add(Flag(key="f1", business_date=yesterday, kind="missing_card", status="open"))
        s.add(Flag(key="f2", business_date=yesterday, kind="overcharge", status="dismissed"))
    return OutletFacts(
        open_by_state={
            "new": 2,
            "needs_info": 3,
            "ready": 1,
            "scheduled": 2,
            "in_service": 1,
            "pulled_back": 0,
        },
        today_by_state={
            "new": 2,
            "needs_info": 1,
            "ready": 1,
            "scheduled": 1,
            "in_service": 1,
            "completed": 1,
            "cancelled": 1,
        },
        appointments_today=5,
        cards_expected=3,
        cards_returned=1,
        callbacks_due=2,
        callbacks_overdue=1,
        open_flags=1,
    )
