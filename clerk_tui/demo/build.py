"""`clerk-tui demo`: fill a database with a realistic outlet, its month of history and a busy today.

The same seed and date give the same data (Faker and random.Random seeded, all
times derived from `today`). A demo database (Setting 'demo') is rebuilt from
scratch; a database with real work in it is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import delete, func, insert, select
from sqlmodel import col

from clerk_tui.db.models import (
    Appointment,
    AuditEntry,
    BusinessDay,
    Callback,
    CertificateFee,
    Contact,
    Customer,
    Engineer,
    EngineerLeave,
    FeeItem,
    FindingWaiver,
    Flag,
    Outlet,
    ProductModel,
    Setting,
    SupervisionCard,
    Ticket,
    User,
    ValueAddFinding,
    Violation,
    WarrantySlip,
)
from clerk_tui.demo import catalog as cat
from clerk_tui.demo.history import build_history
from clerk_tui.demo.rows import Product
from clerk_tui.demo.today import build_today
from clerk_tui.demo.visits import Schedule
from clerk_tui.demo.world import World, at
from clerk_tui.domain.policy import Policy
from clerk_tui.i18n import t
from clerk_tui.i18n.labels import DEMO_ROLE, label
from clerk_tui.services.audit import HEAD_KEY
from clerk_tui.services.auth.passwords import create_user
from clerk_tui.services.database import Database
from clerk_tui.services.reference import ensure_reference, load_policy, travel_minutes

DEMO_KEY = "demo"
DEMO_USERS_KEY = "demo_users"
# Operational tables, children first: everything a demo database holds beside reference data.
DEMO_TABLES = (
    Violation,
    ValueAddFinding,
    FindingWaiver,
    Flag,
    Callback,
    SupervisionCard,
    WarrantySlip,
    Contact,
    Appointment,
    AuditEntry,
    BusinessDay,
    CertificateFee,
    Ticket,
    EngineerLeave,
    Engineer,
    Customer,
    User,
    Outlet,
)


class DemoRefused(RuntimeError):
    """The database holds real (non-demo) work; the message is one sentence for the user."""


@dataclass
class DemoSummary:
    """What the demo made, for the command line to print."""

    outlet: str
    engineers: int
    customers: int
    history_tickets: int
    today_tickets: int
    today: date
    accounts: list[dict] = field(default_factory=list)

    def describe(self) -> str:
        lines = [
            t(
                "demo.summary",
                outlet=self.outlet,
                engineers=self.engineers,
                customers=self.customers,
                history=self.history_tickets,
                today_count=self.today_tickets,
                today=self.today.isoformat(),
            ),
            t("demo.accounts"),
        ]
        for a in self.accounts:
            lines.append(
                t(
                    "demo.account",
                    role=label(DEMO_ROLE, a["role"]),
                    username=a["username"],
                    password=a["password"],
                    name=a["display_name"],
                )
            )
        return "\n".join(lines)


def _prepare(db: Database) -> None:
    """Empty a demo database, or refuse one that holds real work."""
    with db.session() as s:
        is_demo = s.get(Setting, DEMO_KEY) is not None
        if not is_demo:
            counts = [
                s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Ticket, Engineer, Customer, User)
            ]
            if any(counts):
                raise DemoRefused(t("demo.refused", path=db.display))
        for model in DEMO_TABLES:
            s.execute(delete(model))
        # The audit chain's head goes with its entries, so `audit verify` starts afresh.
        s.execute(delete(Setting).where(col(Setting.key).in_([DEMO_KEY, DEMO_USERS_KEY, HEAD_KEY])))
        s.add(Setting(key=DEMO_KEY, value="building"))


def _world(db: Database, seed: int, today: date, policy: Policy) -> World:
    with db.read() as s:
        products = [
            Product(
                m.model,
                m.category,
                m.whole_warranty_months,
                m.parts_warranty_months,
                m.release_date,
            )
            for m in s.execute(select(ProductModel).order_by(ProductModel.model)).scalars()
        ]
        fees: dict[str, list] = {}
        for f in s.execute(
            select(FeeItem).order_by(col(FeeItem.code), col(FeeItem.effective_from))
        ).scalars():
            fees.setdefault(f.code, []).append(
                (f.effective_from, f.amount_fen, f.in_warranty_chargeable)
            )
    return World(seed=seed, today=today, products=products, fees=fees, policy=policy)


def build_demo(db: Database, *, seed: int, today: date) -> DemoSummary:
    """Fill `db` with the demo outlet as of `today`; raises DemoRefused on a database with real work."""
    _prepare(db)
    ensure_reference(db)
    policy = load_policy(db)
    w = _world(db, seed, today, policy)
    sched = Schedule(w, travel_minutes(db), policy.travel_buffer_minutes, policy.daily_capacity)
    days = build_history(w, sched)
    history_count = len(w.tickets)
    build_today(w, sched)

    with db.session() as s:
        outlet_id = s.execute(
            insert(Outlet).returning(col(Outlet.id)),
            [{"code": cat.OUTLET_CODE, "name": cat.OUTLET_NAME, "city": cat.CITY}],
        ).scalar_one()
    users = {}
    for username, password, role, display in cat.ACCOUNTS:
        users[username] = create_user(
            db,
            username=username,
            password=password,
            role=role,
            display_name=display,
            outlet_id=outlet_id,
        ).id
    with db.session() as s:
        _insert(s, w, outlet_id, users, days)
        accounts = [
            {"username": u, "password": p, "role": r, "display_name": d}
            for u, p, r, d in cat.ACCOUNTS
        ]
        s.add(Setting(key=DEMO_USERS_KEY, value=json.dumps(accounts, ensure_ascii=False)))
        marker = s.get(Setting, DEMO_KEY)  # written as "building" when the tables were cleared
        assert marker is not None
        marker.value = json.dumps({"seed": seed, "today": today.isoformat()})
    return DemoSummary(
        outlet=f"{cat.OUTLET_NAME}（{cat.OUTLET_CODE}）",
        engineers=len(w.engineers),
        customers=len(w.customers),
        history_tickets=history_count,
        today_tickets=len(w.tickets) - history_count,
        today=today,
        accounts=accounts,
    )


def _ids(s, model, rows: list[dict], key: str) -> dict:
    """Insert `rows` in one statement; map each row's `key` value to its new id."""
    if not rows:
        return {}
    stmt = insert(model).returning(model.id, getattr(model, key), sort_by_parameter_order=True)
    return {k: i for i, k in s.execute(stmt, rows).all()}


def _clean(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _insert(s, w: World, outlet_id: int, users: dict[str, int], days: list[date]) -> None:
    engineers = [
        {
            "code": e.code,
            "name": e.name,
            "phone": w.mobile(),
            "outlet_id": outlet_id,
            "skills": "|".join(sorted(e.skills)),
            "work_start": e.start,
            "work_end": e.end,
            "base_district": e.district,
            "certificate_no": f"HRFW-QD-{2015 + i % 9}-{1000 + i * 37:05d}",
            "active": e.active,
            "daily_capacity": e.capacity,
        }
        for i, e in enumerate(w.engineers.values(), start=1)
    ]
    eng = _ids(s, Engineer, engineers, "code")
    s.execute(
        insert(EngineerLeave),
        [
            {"engineer_id": eng[lv["_eng"]], "day": lv["day"], "reason": lv["reason"]}
            for lv in w.leaves
        ],
    )
    stmt = insert(Customer).returning(col(Customer.id), sort_by_parameter_order=True)
    cust = list(s.execute(stmt, w.customers).scalars())
    with_model = dict(s.execute(select(col(ProductModel.model), col(ProductModel.id))).all())
    trows = []
    for tk in w.tickets:
        row = _clean(tk)
        row.update(
            outlet_id=outlet_id,
            customer_id=cust[tk["_cust"]],
            owner_id=users[tk["_owner"]],
            engineer_id=eng.get(tk["_eng"]),
            model_id=with_model.get(tk["product_model"]),
        )
        trows.append(row)
    tid = _ids(s, Ticket, trows, "ticket_no")

    def linked(rows, user=False):
        out = []
        for r in rows:
            row = _clean(r)
            row["ticket_id"] = tid.get(r["_ticket"])
            if "_eng" in r:
                row["engineer_id"] = eng.get(r["_eng"])
            if user:
                row["user_id"] = users.get(r["_user"])
            out.append(row)
        return out

    for model, rows, user in (
        (Appointment, w.appointments, False),
        (Contact, w.contacts, True),
        (Callback, w.callbacks, False),
        (SupervisionCard, w.cards, False),
        (WarrantySlip, w.slips, False),
    ):
        if rows:
            s.execute(insert(model), linked(rows, user))
    boss = users[cat.ACCOUNTS[0][0]]
    s.execute(
        insert(BusinessDay),
        [
            {
                "outlet_id": outlet_id,
                "day": d,
                "state": "signed_off",
                "signed_off_by": boss,
                "signed_off_at": at(d, "20:30") + timedelta(minutes=(d.toordinal() * 7) % 50),
                "reopen_reason": "",
            }
            for d in days
        ]
        + [
            {
                "outlet_id": outlet_id,
                "day": w.today,
                "state": "open",
                "signed_off_by": None,
                "signed_off_at": None,
                "reopen_reason": "",
            }
        ],
    )


def demo_users(db: Database) -> list[dict]:
    """The demo accounts the login screen may show ([] outside a demo database)."""
    with db.read() as s:
        value = s.execute(
            select(col(Setting.value)).where(col(Setting.key) == DEMO_USERS_KEY)
        ).scalar_one_or_none()
    return json.loads(value) if value else []


def is_demo(db: Database) -> bool:
    with db.read() as s:
        return (
            s.execute(select(col(Setting.key)).where(col(Setting.key) == DEMO_KEY)).first()
            is not None
        )


__all__ = ["DemoRefused", "DemoSummary", "build_demo", "demo_users", "is_demo"]
