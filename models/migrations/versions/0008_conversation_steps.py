"""conversation steps in the database; the announcement's progress message on its row

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00

What a user is in the middle of (the reason after "Tidak bisa hadir", the
/umumkan draft, the kind after /impor KIND, a deep-link code waiting for
consent, the language chosen before consent) lived in one process's memory:
another instance, or the same one after a restart, lost it. Each is now a row
of ``conversation_steps`` with an expiry.

The NIP typed while linking and the deep-link code were already stored, on
``chat_links`` (``pending_nip``, ``pending_code_hash``), but for ever; they move
into steps too, and their expiry starts at the upgrade. The downgrade moves
them back (for users who still have a link row) and drops the other steps.

Which message shows an announcement's progress to its admin was also in
memory (each instance sent its own); it is now on the ``broadcasts`` row.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in bot/core/steps.py when this was written (a migration does not follow later changes).
NIP, CODE = "link.nip", "link.code"
LASTS = {NIP: timedelta(hours=1), CODE: timedelta(hours=24)}

steps = sa.table(
    "conversation_steps",
    sa.column("telegram_user_id", sa.BigInteger()),
    sa.column("name", sa.String()),
    sa.column("payload", sa.JSON()),
    sa.column("expires_at", models.base.UTCDateTime()),
    sa.column("updated_at", models.base.UTCDateTime()),
)
links = sa.table(
    "chat_links",
    sa.column("telegram_user_id", sa.BigInteger()),
    sa.column("pending_nip", sa.String()),
    sa.column("pending_code_hash", sa.String()),
)


def upgrade() -> None:
    op.create_table(
        "conversation_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("expires_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_steps")),
        sa.UniqueConstraint(
            "telegram_user_id", "name", name=op.f("uq_conversation_steps_telegram_user_id_name")
        ),
    )
    with op.batch_alter_table("conversation_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_steps_expires_at"), ["expires_at"], unique=False
        )

    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("progress_message_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("progress_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("progress_at", models.base.UTCDateTime(), nullable=True))

    _move_pending_into_steps()
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.drop_column("pending_code_hash")
        batch_op.drop_column("pending_nip")


def downgrade() -> None:
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_nip", sa.String(length=18), nullable=True))
        batch_op.add_column(sa.Column("pending_code_hash", sa.String(length=128), nullable=True))
    _move_steps_into_pending()

    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.drop_column("progress_at")
        batch_op.drop_column("progress_text")
        batch_op.drop_column("progress_message_id")

    with op.batch_alter_table("conversation_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_steps_expires_at"))
    op.drop_table("conversation_steps")


def _move_pending_into_steps() -> None:
    connection = op.get_bind()
    now = datetime.now(UTC)
    rows = connection.execute(
        sa.select(links.c.telegram_user_id, links.c.pending_nip, links.c.pending_code_hash).where(
            links.c.pending_nip.is_not(None) | links.c.pending_code_hash.is_not(None)
        )
    ).all()
    new = []
    for user_id, nip, code_hash in rows:
        for name, payload in ((NIP, {"nip": nip}), (CODE, {"code_hash": code_hash})):
            if next(iter(payload.values())) is not None:
                new.append(
                    {
                        "telegram_user_id": user_id,
                        "name": name,
                        "payload": payload,
                        "expires_at": now + LASTS[name],
                        "updated_at": now,
                    }
                )
    if new:
        connection.execute(sa.insert(steps), new)


def _move_steps_into_pending() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(steps.c.telegram_user_id, steps.c.name, steps.c.payload).where(
            steps.c.name.in_([NIP, CODE])
        )
    ).all()
    for user_id, name, payload in rows:
        column, key = ("pending_nip", "nip") if name == NIP else ("pending_code_hash", "code_hash")
        connection.execute(
            sa.update(links)
            .where(links.c.telegram_user_id == user_id)
            .values({column: payload.get(key)})
        )
