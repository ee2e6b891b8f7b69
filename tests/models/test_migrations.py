"""The Alembic migrations and the SQLAlchemy models describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import Base, Competency


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrated_schema_matches_the_models(
    db: async_sessionmaker[AsyncSession],
) -> None:
    async with db() as session:
        connection = await session.connection()
        differences = await connection.run_sync(_differences)
    assert differences == []


async def test_migrations_load_the_nine_standard_competencies(
    db: async_sessionmaker[AsyncSession],
) -> None:
    async with db() as session:
        rows = (await session.execute(select(Competency.code, Competency.name_id))).all()
        names = {code: name for code, name in rows}
    assert names["M.01"] == "Integritas"
    assert names["SK.01"] == "Perekat Bangsa"
    assert len(names) == 9
