"""Small hand-built outlets for the validation-queue service tests (helper I3b)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

TODAY = date(2025, 3, 14)
NOW = datetime(2025, 3, 14, 10, 0)
GOOD = {
    "customer_name": "王芳",
    "phone": "13912345678",
    "address": "青岛市市南区香港中路10号3号楼2单元501室",
    "product_model": "",  # filled from the catalog
    "purchase_date": date(2024, 5, 1),
    "symptom": "不制冷，压缩机不启动",
    "requested_start": datetime(2025, 3, 15, 9, 0),
    "requested_end": datetime(2025, 3, 15, 12, 0),
}


@dataclass(frozen=True)
class Clerk:
    id: int
    username: str
    display_name: str = "李信息员"
    role: str = "clerk"
    outlet_id: int | None = None


def seed(db) -> tuple[int, Clerk, str]:
    """Reference data, one outlet and one clerk; returns (outlet id, clerk, a catalog model)."""
    from sqlalchemy import select

    from clerk_tui.db.models import Outlet, ProductModel, User
    from clerk_tui.services.reference import ensure_reference

    ensure_reference(db)
    with db.session() as s:
        outlet = Outlet(code="QD01", name="市南网点")
        s.add(outlet)
        s.flush()
        user = User(username="li", display_name="李信息员", password_hash="x", outlet_id=outlet.id)
        s.add(user)
        s.flush()
        model = (
            s.execute(
                select(ProductModel.model).where(
                    ProductModel.release_date.is_(None)
                    | (ProductModel.release_date < date(2024, 1, 1))
                )
            )
            .scalars()
            .first()
        )
        return outlet.id, Clerk(user.id, "li", outlet_id=outlet.id), model


def add_ticket(db, outlet_id: int, no: str, *, model: str, **over) -> int:
    """A ticket with complete, plausible information except what `over` changes."""
    from clerk_tui.db.models import Ticket

    values = {**GOOD, "product_model": model, **over}
    values.setdefault("status", "new")
    values.setdefault("source", "center")
    values.setdefault("created_at", datetime(2025, 3, 14, 8, 0))
    values.setdefault("business_date", values["created_at"].date())
    with db.session() as s:
        tk = Ticket(ticket_no=no, outlet_id=outlet_id, **values)
        s.add(tk)
        s.flush()
        return tk.id


def ticket(db, ticket_id: int):
    from clerk_tui.db.models import Ticket

    with db.read() as s:
        return s.get(Ticket, ticket_id)


def kinds(checked) -> set[tuple[str, str]]:
    return {(f.kind, f.field) for c in checked for f in c.findings}
