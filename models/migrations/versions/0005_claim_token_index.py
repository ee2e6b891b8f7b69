"""index the claim token of notifications (the dispatcher reads its batch by it)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 06:30:04

Every other hot query already had its index (see bench/RESULTS.md, the plan
check); this one scanned the whole outbox once per dispatcher batch.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notifications_claimed_by"), ["claimed_by"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_claimed_by"))
