"""check-in at the venue: codes per session, the check-in time of a participation

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 05:00:00

``/presensi`` makes a random code bound to a session (the deep link of its QR code);
a participant who scans it is checked in: ``participations.checked_in_at``. The
admin's live count message is kept on the code's row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkin_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("board_message_id", sa.BigInteger(), nullable=True),
        sa.Column("board_text", sa.Text(), nullable=True),
        sa.Column("board_at", models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["assessment_sessions.id"],
            name=op.f("fk_checkin_codes_session_id_assessment_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_codes")),
        sa.UniqueConstraint("payload", name=op.f("uq_checkin_codes_payload")),
    )
    with op.batch_alter_table("checkin_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkin_codes_session_id"), ["session_id"])
        batch_op.create_index(batch_op.f("ix_checkin_codes_expires_at"), ["expires_at"])
    with op.batch_alter_table("participations") as batch:
        batch.add_column(sa.Column("checked_in_at", models.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participations") as batch:
        batch.drop_column("checked_in_at")
    # The table's indexes go with it (MariaDB refuses to drop the session_id index
    # on its own: the foreign key needs it).
    op.drop_table("checkin_codes")
