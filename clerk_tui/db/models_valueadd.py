"""Side tables of ticket validation: value-add findings (信息增值) and problems confirmed as given."""

from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from clerk_tui.db import models as _base  # noqa: F401

VALUE_ADD_TAGS = ("design", "quality", "parts")
"""What a finding matters to [M 信息增值]: product design, quality improvement, spare parts."""


class ValueAddFinding(SQLModel, table=True):
    """Something learnt on a ticket that matters to design, quality or spare parts, for reporting on."""

    __tablename__ = "valueadd_finding"
    __table_args__ = (Index("ix_valueadd_finding_day", "business_date", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    tag: str = Field(max_length=12)  # VALUE_ADD_TAGS
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: NaiveDatetime
    business_date: date  # the day it was recorded (the day's report carries it)


class FindingWaiver(SQLModel, table=True):
    """A validation problem checked with the dispatcher or the customer and found right as given.

    It holds for the value that was checked (`subject`): change the field and the
    problem is checked afresh.
    """

    __tablename__ = "finding_waiver"
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    kind: str = Field(max_length=40)
    field: str = Field(default="", max_length=40)
    subject: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    user_id: int | None = Field(default=None, foreign_key="user.id")
    at: NaiveDatetime
