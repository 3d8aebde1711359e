"""End-of-day side table: violations (违规记录) recorded when a supervisor confirms a forgery."""

from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from clerk_tui.db import models as _base  # noqa: F401


class Violation(SQLModel, table=True):
    """A confirmed falsification (弄虚作假) on an engineer's record, one per confirmed flag [H 七.2]."""

    id: int | None = Field(default=None, primary_key=True)
    flag_id: int = Field(foreign_key="flag.id", unique=True)
    engineer_id: int | None = Field(default=None, foreign_key="engineer.id", index=True)
    engineer_code: str = Field(default="", max_length=32)
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id")
    business_date: date
    ticket_no: str = Field(default="", max_length=40)
    kind: str = Field(max_length=40)
    decided_by: int | None = Field(default=None, foreign_key="user.id")
    decided_at: NaiveDatetime
    reason: str = Field(default="", max_length=500)
