"""messages the bot will delete (revealed results), kept in the database

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 09:00:00

Until now a revealed result's deletion was a job in memory: a restart before
it ran left the result in the chat for good.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scheduled_deletions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("due_at", models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_deletions")),
    )
    with op.batch_alter_table("scheduled_deletions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduled_deletions_due_at"), ["due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scheduled_deletions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduled_deletions_due_at"))
    op.drop_table("scheduled_deletions")
