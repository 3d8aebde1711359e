"""Side table: the fee a customer's warranty certificate (保修证) allows for a ticket [H 五.3]."""

from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from clerk_tui.db import models as _base  # noqa: F401


class CertificateFee(SQLModel, table=True):
    """The amount the warranty certificate allows; the lower of it and the standard applies."""

    __tablename__ = "certificate_fee"
    __table_args__ = (CheckConstraint("amount_fen >= 0", name="amount_fen_nonneg"),)

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", unique=True)
    amount_fen: int = Field(ge=0)
    note: str = Field(default="", max_length=200)
    recorded_at: NaiveDatetime
    user: str = Field(default="", max_length=50)
