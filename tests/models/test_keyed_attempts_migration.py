"""Migration 0007: failed link attempts hashed without a key are deleted."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from models import LinkAttempt
from models.db import alembic_config, create_engine, current_revision, upgrade
from tests.factories import NIP_BUDI


def _downgrade_to_0006(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, "0006")


async def test_the_upgrade_deletes_the_unkeyed_nip_hashes(database_url: str) -> None:
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(_downgrade_to_0006)
        await connection.execute(
            insert(LinkAttempt).values(
                at=datetime(2025, 3, 3, 2, 0, tzinfo=UTC),
                telegram_user_id=2301,
                nip_hash=hashlib.sha256(NIP_BUDI.encode()).hexdigest(),
                method="code",
            )
        )

    await upgrade(engine)

    async with engine.connect() as connection:
        left = await connection.scalar(select(func.count()).select_from(LinkAttempt))
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert left == 0
    assert await current_revision(engine) == head
    await engine.dispose()
