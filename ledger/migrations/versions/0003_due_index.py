"""The due report's index: open claims by deadline, covering the columns its counts read.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DUE_COLUMNS = ["outcome", "window_end", "id", "window_start", "withdrawn_at"]


def upgrade() -> None:
    op.drop_index("ix_claim_outcome_window_end", table_name="claim")
    op.create_index("ix_claim_due", "claim", DUE_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_claim_due", table_name="claim")
    op.create_index("ix_claim_outcome_window_end", "claim", ["outcome", "window_end"])
