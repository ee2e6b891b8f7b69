"""revealed results kept for deletion when the person leaves, not only on a timer

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 05:00:00

/putus, /lepas and /hapus delete the revealed results still in the chat, so every
revealed result is noted, with or without ASNBOT_RESULTS_AUTODELETE_MINUTES: ``due_at``
may be empty (no timer), ``sent_at`` says when Telegram stops allowing the deletion,
and the rows of one chat are found by ``chat_id``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("scheduled_deletions") as batch:
        batch.add_column(sa.Column("sent_at", models.base.UTCDateTime(), nullable=True))
    # The rows already there all have a timer; the moment they were sent is not known,
    # and is never needed for a row with a timer.
    op.execute("UPDATE scheduled_deletions SET sent_at = due_at")
    with op.batch_alter_table("scheduled_deletions") as batch:
        batch.alter_column("sent_at", existing_type=models.base.UTCDateTime(), nullable=False)
        batch.alter_column("due_at", existing_type=models.base.UTCDateTime(), nullable=True)
        batch.create_index(batch.f("ix_scheduled_deletions_chat_id"), ["chat_id"], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM scheduled_deletions WHERE due_at IS NULL")
    with op.batch_alter_table("scheduled_deletions") as batch:
        batch.drop_index(batch.f("ix_scheduled_deletions_chat_id"))
        batch.alter_column("due_at", existing_type=models.base.UTCDateTime(), nullable=False)
        batch.drop_column("sent_at")
