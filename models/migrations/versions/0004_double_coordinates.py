"""double-precision coordinates (MariaDB's FLOAT is single precision, ~10 m off)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 06:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessment_sessions", schema=None) as batch_op:
        for column in ("latitude", "longitude"):
            batch_op.alter_column(
                column, type_=sa.Double(), existing_type=sa.Float(), existing_nullable=True
            )


def downgrade() -> None:
    with op.batch_alter_table("assessment_sessions", schema=None) as batch_op:
        for column in ("latitude", "longitude"):
            batch_op.alter_column(
                column, type_=sa.Float(), existing_type=sa.Double(), existing_nullable=True
            )
