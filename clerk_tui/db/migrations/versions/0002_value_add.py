"""value-add findings (信息增值) and validation problems confirmed as given

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "valueadd_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_valueadd_finding_ticket_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_valueadd_finding_user_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_valueadd_finding")),
    )
    op.create_index(
        op.f("ix_valueadd_finding_ticket_id"), "valueadd_finding", ["ticket_id"], unique=False
    )
    op.create_index(
        "ix_valueadd_finding_day", "valueadd_finding", ["business_date", "id"], unique=False
    )
    op.create_table(
        "finding_waiver",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_finding_waiver_ticket_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_finding_waiver_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_finding_waiver_user_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_waiver")),
    )
    op.create_index(
        op.f("ix_finding_waiver_ticket_id"), "finding_waiver", ["ticket_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_finding_waiver_ticket_id"), table_name="finding_waiver")
    op.drop_table("finding_waiver")
    op.drop_index("ix_valueadd_finding_day", table_name="valueadd_finding")
    op.drop_index(op.f("ix_valueadd_finding_ticket_id"), table_name="valueadd_finding")
    op.drop_table("valueadd_finding")
