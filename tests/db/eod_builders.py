"""A small outlet day for the end-of-day service tests: known flags, a supervisor, a clerk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

DAY = date(2025, 6, 10)
NOW = datetime(2025, 6, 10, 21, 0)


@dataclass(frozen=True)
class Sup:
    """Stands for the logged-in user (services take anything with id, username, role)."""

    id: int | None
    username: str
    role: str = "supervisor"


def at(hhmm: str, day: date = DAY) -> datetime:
    h, m = hhmm.split(":")
    return datetime(day.year, day.month, day.day, int(h), int(m))


def build_outlet(db, *, code: str = "BJ01", prefix: str = "T", engineers=("E01", "E02")) -> dict:
    """Three completed visits of the day: a card signed by the engineer himself (forgery), a
    good card, and a card that never came back. Returns ids the tests need."""
    from clerk_tui.db.models import (
        Appointment,
        Customer,
        Engineer,
        Outlet,
        SupervisionCard,
        Ticket,
        User,
        WarrantySlip,
    )

    with db.session() as s:
        outlet = Outlet(code=code, name=f"{code} 网点")
        s.add(outlet)
        s.flush()
        names = {"E01": "赵师傅", "E02": "钱师傅"}
        engs = {}
        for c in engineers:
            e = Engineer(code=f"{prefix}{c}", name=names.get(c, c), outlet_id=outlet.id)
            s.add(e)
            s.flush()
            engs[c] = e
        sup = s.execute(select(User).where(User.username == "zhang")).scalars().first()
        if sup is None:
            sup = User(username="zhang", display_name="张主管", role="supervisor",
                       password_hash="x", outlet_id=outlet.id)  # fmt: skip
            s.add(sup)
            s.add(User(username="li", display_name="李信息员", role="clerk", password_hash="x"))
            s.flush()
        tickets = {}
        for n, (eng, cust) in enumerate((("E01", "王芳"), ("E02", "李娜"), ("E02", "张伟")), 1):
            c = Customer(name=cust, phone=f"1390000{n:04d}")
            s.add(c)
            s.flush()
            no = f"{prefix}{DAY:%Y%m%d}{n:03d}"
            tk = Ticket(ticket_no=no, outlet_id=outlet.id, customer_id=c.id, customer_name=cust,
                        status="completed", created_at=at("08:00"), business_date=DAY,
                        engineer_id=engs[eng].id, warranty_status="in")  # fmt: skip
            s.add(tk)
            s.flush()
            start = at(f"{8 + 2 * n:02d}:00")
            s.add(Appointment(ticket_id=tk.id, engineer_id=engs[eng].id, start=start,
                              end=start + timedelta(minutes=90), status="done"))  # fmt: skip
            s.add(WarrantySlip(ticket_no=no, ticket_id=tk.id, engineer_code=engs[eng].code,
                               returned_at=at("18:00")))  # fmt: skip
            tickets[n] = (tk.id, no, start)
        # 1: signed by the engineer himself (代签)
        tid, no, start = tickets[1]
        s.add(SupervisionCard(
            ticket_no=no, ticket_id=tid, engineer_code=engs["E01"].code, returned_at=at("18:00"),
            arrived_at=start, finished_at=start + timedelta(minutes=60), signer_name="赵师傅",
            signature_present=True, satisfaction="满意", signed_at=start + timedelta(minutes=62),
            business_date=DAY,
        ))  # fmt: skip
        # 2: a good card
        tid, no, start = tickets[2]
        s.add(SupervisionCard(
            ticket_no=no, ticket_id=tid, engineer_code=engs["E02"].code, returned_at=at("18:00"),
            arrived_at=start, finished_at=start + timedelta(minutes=60), signer_name="李娜",
            signature_present=True, satisfaction="满意", signed_at=start + timedelta(minutes=62),
            business_date=DAY,
        ))  # fmt: skip
        # 3: no card back
        return {
            "outlet_id": outlet.id,
            "code": code,
            "supervisor": Sup(sup.id, sup.username),
            "forged": tickets[1][1],
            "missing": tickets[3][1],
            "missing_id": tickets[3][0],
            "engineer": engs["E02"].code,
        }
