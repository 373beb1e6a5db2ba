"""Indexes the claims lists read big ledgers through: by deadline (none last) and by said date.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTED = sa.text("withdrawn_at IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_claim_listed_by_deadline",
        "claim",
        [sa.text("(window_end IS NULL)"), "window_end", "id"],
        sqlite_where=LISTED,
        postgresql_where=LISTED,
    )
    op.create_index(
        "ix_claim_listed_by_said",
        "claim",
        ["said_on", "id"],
        sqlite_where=LISTED,
        postgresql_where=LISTED,
    )


def downgrade() -> None:
    op.drop_index("ix_claim_listed_by_said", table_name="claim")
    op.drop_index("ix_claim_listed_by_deadline", table_name="claim")
