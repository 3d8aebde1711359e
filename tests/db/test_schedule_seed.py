"""A small outlet's day for the schedule tests (`seed_day`), and what loading it must show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

DAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 8, 0)


def at(hhmm: str, day: date = DAY) -> datetime:
    return datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time())


@dataclass(frozen=True)
class Seeded:
    outlet_id: int
    clerk_id: int
    owner_id: int
    tickets: dict[str, int]  # ticket_no -> id
    appointments: dict[str, int]  # ticket_no -> appointment id


def seed_day(db) -> Seeded:
    """Engineers E1, E2 (washing machines, 李沧区), E3 (inactive), E4 (on leave); tickets:
    T1 E1 09:00-10:30, T2 E1 10:00-11:30 (overlaps T1), T3 E2 13:00-14:30 (fine),
    T4 unassigned 15:00-16:30, T5 ready and waiting, T6 done E2 08:30 (history)."""
    from clerk_tui.db.models import (
        Appointment,
        Engineer,
        EngineerLeave,
        Outlet,
        ProductModel,
        Ticket,
        TravelTime,
        User,
    )

    with db.session() as s:
        outlet = Outlet(code="QD-T1", name="测试网点")
        s.add(outlet)
        s.flush()
        owner = User(
            username="owner", display_name="首问人", password_hash="x", outlet_id=outlet.id
        )
        clerk = User(
            username="xinxi", display_name="信息员", password_hash="x", outlet_id=outlet.id
        )
        s.add_all([owner, clerk])
        model = ProductModel(model="XQB-1", category="洗衣机")
        s.add(model)
        s.add(TravelTime(from_district="李沧区", to_district="李沧区", minutes=15))
        engineers = {}
        for code, name, active in (
            ("E1", "王师傅", True),
            ("E2", "李师傅", True),
            ("E3", "赵师傅", False),
            ("E4", "钱师傅", True),
        ):
            e = Engineer(
                code=code,
                name=name,
                outlet_id=outlet.id,
                skills="洗衣机|冰箱",
                base_district="李沧区",
                active=active,
            )
            s.add(e)
            engineers[code] = e
        s.flush()
        s.add(EngineerLeave(engineer_id=engineers["E4"].id, day=DAY, reason="病假"))
        plan = [  # ticket, engineer, start, end, ticket status, appointment status
            ("T1", "E1", "09:00", "10:30", "scheduled", "planned"),
            ("T2", "E1", "10:00", "11:30", "scheduled", "planned"),
            ("T3", "E2", "13:00", "14:30", "scheduled", "planned"),
            ("T4", None, "15:00", "16:30", "scheduled", "planned"),
            ("T5", None, None, None, "ready", None),
            ("T6", "E2", "08:30", "10:00", "completed", "done"),
        ]
        tickets, appts = {}, {}
        for no, eng, start, end, status, astatus in plan:
            tk = Ticket(
                ticket_no=no,
                outlet_id=outlet.id,
                customer_name=f"客户{no}",
                phone="13800000000",
                address="青岛市李沧区九水路1号",
                district="李沧区",
                product_model="XQB-1",
                model_id=model.id,
                status=status,
                owner_id=owner.id,
                engineer_id=engineers[eng].id if eng else None,
                requested_start=at("08:30"),
                requested_end=at("18:00"),
                created_at=NOW - timedelta(hours=1),
                business_date=DAY,
            )
            s.add(tk)
            s.flush()
            tickets[no] = tk.id
            if start:
                a = Appointment(
                    ticket_id=tk.id,
                    engineer_id=engineers[eng].id if eng else None,
                    start=at(start),
                    end=at(end),
                    status=astatus,
                )
                s.add(a)
                s.flush()
                appts[no] = a.id
        return Seeded(outlet.id, clerk.id, owner.id, tickets, appts)


def count(db, model, *where) -> int:
    with db.read() as s:
        return s.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def test_loading_the_day_reports_each_open_conflict_once(db):
    from clerk_tui.services.schedule.day import load_day

    seed_day(db)
    view = load_day(db, DAY)
    kinds = sorted((f.kind, f.ticket_no, f.engineer_id) for f in view.findings)
    assert kinds == [("overlap", "T2", "E1"), ("unassigned", "T4", "")]
    assert [w.ticket_no for w in view.waiting] == ["T5"]
    assert {e.code: (e.active, e.on_leave) for e in view.engineers} == {
        "E1": (True, False),
        "E2": (True, False),
        "E3": (False, False),
        "E4": (True, True),
    }
    assert view.plan.visit("T6") is not None  # a done visit still takes E2's time


def test_the_day_shows_only_its_own_outlet(db):
    from clerk_tui.services.schedule.day import load_day

    seeded = seed_day(db)
    view = load_day(db, DAY, outlet_id=seeded.outlet_id + 1)
    assert view.appointments == () and view.findings == ()
