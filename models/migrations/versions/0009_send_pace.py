"""the sending pace shared by every instance (the whole bot, and each chat)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 22:00:00

Until now each process paced its own sends in memory, so N instances sent N
times the configured rate. One row per pace now holds when its next message is
due (``bot/flood.py``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "send_pace",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("next_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_send_pace")),
    )


def downgrade() -> None:
    op.drop_table("send_pace")
