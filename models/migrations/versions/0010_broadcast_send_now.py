"""an announcement sent now, past quiet hours and days off

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 03:00:00

The admin who confirms an announcement during quiet hours (or on a day off) may send
it now anyway; the choice is on the ``broadcasts`` row so every instance honours it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("broadcasts") as batch:
        batch.add_column(
            sa.Column("send_now", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("broadcasts") as batch:
        batch.drop_column("send_now")
