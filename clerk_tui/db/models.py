"""Every SQLModel table of the outlet's domain (DESIGN §4), in one place. Schema owned by Alembic.

Conventions: money is integer fen (分) — SQLite stores Numeric as REAL; times are
naive local outlet time; codes that other systems use (ticket_no, engineer code,
model, fee code) are unique strings beside integer primary keys.
"""

from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import CheckConstraint, Column, Index, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

# Stable constraint names so Alembic batch migrations on SQLite can address them.
SQLModel.metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Ticket states (DESIGN §4); transitions are checked in clerk_tui.domain.states.
TICKET_STATES = (
    "new",
    "needs_info",
    "ready",
    "scheduled",
    "in_service",
    "completed",
    "consult_only",
    "pulled_back",
    "transferred",
    "cancelled",
    "closed",
)


class Outlet(SQLModel, table=True):
    """A service outlet (服务网点)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=32)
    name: str = Field(default="", max_length=100)
    city: str = Field(default="", max_length=50)


class Engineer(SQLModel, table=True):
    """A service engineer (服务工程师); `code` is FORMATS' engineer_id."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=32)
    name: str = Field(max_length=50)
    phone: str = Field(default="", max_length=32)
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id", index=True)
    skills: str = Field(default="", max_length=200)  # product categories, '|'-separated
    work_start: str = Field(default="08:30", max_length=5)  # HH:MM
    work_end: str = Field(default="17:30", max_length=5)
    base_district: str = Field(default="", max_length=50)
    certificate_no: str = Field(default="", max_length=50)
    active: bool = True
    daily_capacity: int | None = None  # None: the policy's default


class EngineerLeave(SQLModel, table=True):
    """A day an engineer does not work (请假)."""

    __table_args__ = (UniqueConstraint("engineer_id", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    engineer_id: int = Field(foreign_key="engineer.id", index=True)
    day: date
    reason: str = Field(default="", max_length=200)


class Customer(SQLModel, table=True):
    """A customer (用户), found again by phone."""

    id: int | None = Field(default=None, primary_key=True)
    # exact two-character names (张伟) are searched here
    name: str = Field(max_length=100, index=True)
    phone: str = Field(default="", max_length=32, index=True)  # normalised where possible
    address: str = Field(default="", max_length=300)
    district: str = Field(default="", max_length=50)
    household: str = Field(default="", max_length=300)  # recorded members "name:relation|..."


class ProductModel(SQLModel, table=True):
    """A product model of the catalog (产品型号)."""

    id: int | None = Field(default=None, primary_key=True)
    model: str = Field(unique=True, max_length=64)
    category: str = Field(max_length=20)  # 洗衣机/冰箱/空调/热水器/电视/...
    brand: str = Field(default="", max_length=50)
    whole_warranty_months: int = 12
    parts_warranty_months: int = 36
    release_date: date | None = None


class FeeItem(SQLModel, table=True):
    """An item of the fee standard (收费标准), versioned by effective date."""

    __table_args__ = (UniqueConstraint("code", "effective_from"),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, index=True)
    category: str = Field(default="", max_length=20)
    description: str = Field(default="", max_length=200)
    amount_fen: int
    in_warranty_chargeable: bool = False
    effective_from: date


class Ticket(SQLModel, table=True):
    """A service ticket (服务工单) with the information as taken in and as corrected."""

    __table_args__ = (
        Index("ix_ticket_status_id", "status", "id"),
        Index("ix_ticket_created_at", "created_at"),
        Index("ix_ticket_engineer_status", "engineer_id", "status"),
        Index("ix_ticket_phone", "phone"),
        Index("ix_ticket_business_date", "business_date", "outlet_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    ticket_no: str = Field(unique=True, max_length=40)
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id")
    source: str = Field(default="center", max_length=10)  # center/phone/walkin
    service_type: str = Field(default="repair", max_length=12)  # repair/install/maintenance/consult
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    customer_name: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=300)
    district: str = Field(default="", max_length=50)
    product_model: str = Field(default="", max_length=64)
    model_id: int | None = Field(default=None, foreign_key="productmodel.id")
    serial_no: str = Field(default="", max_length=64)
    purchase_date: date | None = None
    symptom: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    requested_start: NaiveDatetime | None = None
    requested_end: NaiveDatetime | None = None
    status: str = Field(default="new", max_length=16)
    owner_id: int | None = Field(default=None, foreign_key="user.id")  # 首问负责: first taker
    engineer_id: int | None = Field(default=None, foreign_key="engineer.id")
    warranty_status: str = Field(default="", max_length=16)  # in/parts_only/out/unknown
    pull_back: bool = False  # 拉修
    loaner: bool = False  # 周转机
    part_needed: str = Field(default="", max_length=200)
    part_in_stock: bool | None = None
    value_add: str = Field(default="", max_length=500)  # tagged findings: "design:...|quality:..."
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: NaiveDatetime
    updated_at: NaiveDatetime | None = None
    business_date: date  # the day the ticket belongs to (for reconciliation and lock)
    version: int = 1  # optimistic concurrency


class Appointment(SQLModel, table=True):
    """A booked visit of an engineer (预约)."""

    __table_args__ = (Index("ix_appointment_engineer_start", "engineer_id", "start"),)
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    engineer_id: int | None = Field(default=None, foreign_key="engineer.id")
    start: NaiveDatetime = Field(index=True)
    end: NaiveDatetime
    status: str = Field(default="planned", max_length=12)  # planned/done/moved/cancelled
    late_minutes: int | None = None
    outcome: str = Field(default="", max_length=40)
    version: int = 1


class Contact(SQLModel, table=True):
    """One call or contact about a ticket (联系记录)."""

    __table_args__ = (Index("ix_contact_ticket_at", "ticket_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id")
    at: NaiveDatetime
    user_id: int | None = Field(default=None, foreign_key="user.id")
    party: str = Field(default="customer", max_length=16)  # dispatcher/customer/engineer/center
    outcome: str = Field(default="", max_length=40)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Callback(SQLModel, table=True):
    """A callback to the customer (回访), due at a time, with its answers."""

    __table_args__ = (Index("ix_callback_due", "done_at", "due_at"),)
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    ticket_no: str = Field(default="", max_length=40)
    reason: str = Field(default="verification", max_length=20)
    due_at: NaiveDatetime | None = None
    called_at: NaiveDatetime | None = None
    done_at: NaiveDatetime | None = None
    reached: bool | None = None
    satisfied: bool | None = None
    customer_signed: bool | None = None
    engineer_came: bool | None = None
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    row_hash: str | None = Field(default=None, unique=True, max_length=64)  # import idempotency


class SupervisionCard(SQLModel, table=True):
    """服务任务监督卡: the paper card the engineer hands back each evening."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_no: str = Field(max_length=40, index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    engineer_code: str = Field(default="", max_length=32)
    engineer_id: int | None = Field(default=None, foreign_key="engineer.id", index=True)
    returned_at: NaiveDatetime | None = None
    arrived_at: NaiveDatetime | None = None
    finished_at: NaiveDatetime | None = None
    signer_name: str = Field(default="", max_length=100)
    signer_relation: str = Field(default="", max_length=20)  # empty = the customer themself
    signature_present: bool = False
    satisfaction: str = Field(default="", max_length=8)  # 满意/基本满意/不满意/''
    attitude_score: int | None = None
    quality_score: int | None = None
    signed_at: NaiveDatetime | None = None
    fee_charged_fen: int = 0
    fee_items: str = Field(default="", max_length=200)  # fee codes, '|'-separated
    receipt_no: str = Field(default="", max_length=40)
    repair_confident: bool = True
    called_ahead: bool | None = None
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    business_date: date | None = Field(default=None, index=True)
    row_hash: str | None = Field(default=None, unique=True, max_length=64)


class WarrantySlip(SQLModel, table=True):
    """保修记录单: the warranty record slip filled at completion."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_no: str = Field(max_length=40, index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    engineer_code: str = Field(default="", max_length=32)
    engineer_id: int | None = Field(default=None, foreign_key="engineer.id")
    returned_at: NaiveDatetime | None = None
    fault_cause: str = Field(default="", max_length=500)
    repair_action: str = Field(default="", max_length=500)
    parts: str = Field(default="", max_length=300)
    fee_charged_fen: int = 0
    receipt_no: str = Field(default="", max_length=40)
    row_hash: str | None = Field(default=None, unique=True, max_length=64)


class Flag(SQLModel, table=True):
    """A finding of the reconciliation, with evidence and the supervisor's decision."""

    __table_args__ = (Index("ix_flag_day_status", "business_date", "status"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)  # day|outlet|kind|ticket|...: rerun-stable
    business_date: date
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id")
    ticket_no: str = Field(default="", max_length=40)
    engineer_id: int | None = Field(default=None, foreign_key="engineer.id")
    kind: str = Field(max_length=40)
    severity: str = Field(default="medium", max_length=8)
    # a JSON list
    evidence: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    status: str = Field(default="open", max_length=12)  # open/confirmed/dismissed
    decided_by: int | None = Field(default=None, foreign_key="user.id")
    decided_at: NaiveDatetime | None = None
    reason: str = Field(default="", max_length=500)


class BusinessDay(SQLModel, table=True):
    """An outlet's working day: open → reconciled → signed_off → reported."""

    __table_args__ = (UniqueConstraint("outlet_id", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    outlet_id: int = Field(foreign_key="outlet.id")
    day: date
    state: str = Field(default="open", max_length=12)
    signed_off_by: int | None = Field(default=None, foreign_key="user.id")
    signed_off_at: NaiveDatetime | None = None
    reopen_reason: str = Field(default="", max_length=500)


class User(SQLModel, table=True):
    """A person who logs in: clerk, supervisor or center."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=50)
    display_name: str = Field(default="", max_length=50)
    role: str = Field(default="clerk", max_length=12)
    password_hash: str = Field(max_length=200)
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id")
    active: bool = True
    created_at: NaiveDatetime | None = None


class AuditEntry(SQLModel, table=True):
    """Append-only, hash-chained record of every change."""

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime
    user: str = Field(default="", max_length=50)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(default="", max_length=64)
    before: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    after: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(max_length=64)


class Setting(SQLModel, table=True):
    """Key/value store for policy (key 'policy') and app facts (e.g. 'demo_users')."""

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class ForbiddenPhrase(SQLModel, table=True):
    """服务禁语: a phrase never said to a customer, with a suggested wording."""

    id: int | None = Field(default=None, primary_key=True)
    phrase: str = Field(unique=True, max_length=100)
    suggestion: str = Field(default="", max_length=300)
    source: str = Field(default="", max_length=50)


class TravelTime(SQLModel, table=True):
    """Driving minutes between two districts of the outlet's city."""

    __table_args__ = (UniqueConstraint("from_district", "to_district"),)
    id: int | None = Field(default=None, primary_key=True)
    from_district: str = Field(max_length=50)
    to_district: str = Field(max_length=50)
    minutes: int


# --- Ticket validation: value-add findings (信息增值) and problems confirmed as given ---

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


# --- End of day: violations (违规记录) recorded when a supervisor confirms a forgery ---


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


# --- Fees: the warranty certificate's (保修证) allowance for a ticket [H 五.3] ---


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
