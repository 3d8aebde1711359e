"""Setup shared by the intake and consultation tests: one outlet with its reference data and a clerk."""

from __future__ import annotations

from datetime import date

from clerk_tui.db.models import Outlet
from clerk_tui.services.auth.passwords import create_user
from clerk_tui.services.intake.save import load_reference
from clerk_tui.services.reference import ensure_reference


def clerk_at_outlet(db, *, today: date, display_name: str = ""):
    """Reference data, the outlet QD-LS01 (李沧) and its clerk xinxi1; returns (db, user, reference)."""
    ensure_reference(db)
    with db.session() as s:
        row = Outlet(code="QD-LS01", name="李沧")
        s.add(row)
        s.flush()
        outlet_id = row.id
    user = create_user(
        db,
        username="xinxi1",
        password="xinxi123",
        role="clerk",
        display_name=display_name,
        outlet_id=outlet_id,
    )
    return db, user, load_reference(db, today=today, outlet_id=outlet_id)
