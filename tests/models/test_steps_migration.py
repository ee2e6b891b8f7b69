"""Migration 0008: the NIP typed and the deep-link code move from ``chat_links`` into
conversation steps, with an expiry; the downgrade moves them back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import command
from sqlalchemy import select
from sqlalchemy.engine import Connection

from models import ConversationStep
from models.base import UTCDateTime
from models.db import alembic_config, create_engine, upgrade
from tests.factories import NIP_BUDI

OLD_LINKS = sa.table(
    "chat_links",
    sa.column("telegram_user_id", sa.BigInteger()),
    sa.column("status", sa.String()),
    sa.column("language", sa.String()),
    sa.column("notification_prefs", sa.JSON()),
    sa.column("created_at", UTCDateTime()),
    sa.column("pending_nip", sa.String()),
    sa.column("pending_code_hash", sa.String()),
)


def _downgrade_to_0007(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, "0007")


async def test_pending_nip_and_code_become_steps_and_come_back_on_downgrade(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(_downgrade_to_0007)
        await connection.execute(
            sa.insert(OLD_LINKS),
            [
                {
                    "telegram_user_id": user_id,
                    "status": "pending",
                    "language": "id",
                    "notification_prefs": {},
                    "created_at": datetime(2025, 3, 3, 2, 0, tzinfo=UTC),
                    "pending_nip": nip,
                    "pending_code_hash": code_hash,
                }
                for user_id, nip, code_hash in (
                    (4201, NIP_BUDI, "c0de"),
                    (4202, NIP_BUDI, None),
                    (4203, None, None),
                )
            ],
        )

    await upgrade(engine)
    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                select(
                    ConversationStep.telegram_user_id,
                    ConversationStep.name,
                    ConversationStep.payload,
                    ConversationStep.expires_at,
                    ConversationStep.updated_at,
                ).order_by(ConversationStep.telegram_user_id, ConversationStep.name)
            )
        ).all()
    async with engine.begin() as connection:
        await connection.run_sync(_downgrade_to_0007)
        back = (
            await connection.execute(
                select(
                    OLD_LINKS.c.telegram_user_id,
                    OLD_LINKS.c.pending_nip,
                    OLD_LINKS.c.pending_code_hash,
                ).order_by(OLD_LINKS.c.telegram_user_id)
            )
        ).all()
    await upgrade(engine)
    await engine.dispose()

    assert [(user, name, payload, ends - at) for user, name, payload, ends, at in rows] == [
        (4201, "link.code", {"code_hash": "c0de"}, timedelta(hours=24)),
        (4201, "link.nip", {"nip": NIP_BUDI}, timedelta(hours=1)),
        (4202, "link.nip", {"nip": NIP_BUDI}, timedelta(hours=1)),
    ]
    assert [tuple(row) for row in back] == [
        (4201, NIP_BUDI, "c0de"),
        (4202, NIP_BUDI, None),
        (4203, None, None),
    ]
