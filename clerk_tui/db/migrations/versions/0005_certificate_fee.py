"""warranty certificate fee (保修证标准) per ticket

Revision ID: 0005
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0005"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "certificate_fee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("user", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.CheckConstraint("amount_fen >= 0", name=op.f("ck_certificate_fee_amount_fen_nonneg")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_certificate_fee_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_fee")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_certificate_fee_ticket_id")),
    )


def downgrade() -> None:
    op.drop_table("certificate_fee")
