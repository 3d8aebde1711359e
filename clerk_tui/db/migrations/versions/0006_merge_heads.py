"""merge the feature branches 0002, 0004 and 0005 into one history (no schema change)

Revision ID: 0006
Revises: 0002, 0004, 0005

Databases stamped at the three old heads and new databases both upgrade to this
one head. Later revisions revise this one.
"""

from collections.abc import Sequence

revision: str = "0006"
down_revision: str | Sequence[str] | None = ("0002", "0004", "0005")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
