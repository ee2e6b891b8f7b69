"""Shared fixtures: databases (SQLite always; PostgreSQL and MariaDB when their
URLs are given) and a clock the tests control.

``ASNBOT_TEST_POSTGRES_URL`` and ``ASNBOT_TEST_MARIADB_URL`` name the extra
databases; ``ASNBOT_TEST_SQLITE_DIALECT=stock`` runs SQLite on SQLAlchemy's own
aiosqlite dialect, the fallback of models/sqlite_driver.py, instead of the one-hop
one. Each backend is migrated once per run; every test then starts from empty tables
(only the reference competencies stay).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from models import Base, sqlite_driver
from models.db import create_engine, create_sessionmaker, upgrade

STANDARD_CODES = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")


def _backends() -> list[str]:
    names = ["sqlite"]
    if os.environ.get("ASNBOT_TEST_POSTGRES_URL"):
        names.append("postgresql")
    if os.environ.get("ASNBOT_TEST_MARIADB_URL"):
        names.append("mariadb")
    return names


def _server_url(backend: str) -> str:
    return os.environ[f"ASNBOT_TEST_{'POSTGRES' if backend == 'postgresql' else 'MARIADB'}_URL"]


async def _drop_everything(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
        else:
            await connection.execute(text("SET FOREIGN_KEY_CHECKS = 0"))
            rows = await connection.execute(text("SHOW TABLES"))
            for (table,) in rows.all():
                await connection.execute(text(f"DROP TABLE `{table}`"))
            await connection.execute(text("SET FOREIGN_KEY_CHECKS = 1"))
    await engine.dispose()


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def sqlite_dialect() -> Iterator[str]:
    """The SQLite dialect of the run (before any engine is made)."""
    sqlite_driver.driver.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        if os.environ.get("ASNBOT_TEST_SQLITE_DIALECT") == "stock":
            patch.setattr(sqlite_driver, "WRITTEN_FOR", {"sqlalchemy": "2.1.0"})
        yield sqlite_driver.driver()
    sqlite_driver.driver.cache_clear()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def migrated_servers() -> dict[str, str]:
    """PostgreSQL and MariaDB, emptied and migrated once per run."""
    urls = {}
    for backend in _backends():
        if backend == "sqlite":
            continue
        url = _server_url(backend)
        asyncio.run(_drop_everything(url))
        asyncio.run(_migrate(url))
        urls[backend] = url
    return urls


@pytest.fixture(scope="session", autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """What the bot keeps in its data folder (the hash key it makes on first start)
    goes to a temporary folder, never into the checkout."""
    path = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASNBOT_DATA_DIR", str(path))
        yield path


@pytest.fixture(params=_backends())
def database_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    migrated_sqlite: Path,
    migrated_servers: dict[str, str],
) -> str:
    """A migrated, empty database of each configured backend."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(migrated_sqlite, path)
        return f"sqlite+aiosqlite:///{path}"
    url = migrated_servers[request.param]
    asyncio.run(_empty_tables(url))
    return url


async def _empty_tables(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        # MariaDB checks the units.parent_id self-reference row by row: cut the tree first.
        await connection.execute(Base.metadata.tables["units"].update().values(parent_id=None))
        for table in reversed(Base.metadata.sorted_tables):
            if table.name == "competencies":
                continue
            await connection.execute(table.delete())
        competencies = Base.metadata.tables["competencies"]
        await connection.execute(
            competencies.delete().where(competencies.c.code.not_in(STANDARD_CODES))
        )
        # An announcement's number is what its admin reads ("Pengumuman #1"): start it
        # again at 1, as on SQLite's fresh copy, whatever an earlier test made.
        if connection.dialect.name == "postgresql":
            await connection.execute(
                text("SELECT setval(pg_get_serial_sequence('broadcasts', 'id'), 1, false)")
            )
        else:
            await connection.execute(text("ALTER TABLE broadcasts AUTO_INCREMENT = 1"))
    await engine.dispose()


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory on an empty migrated database."""
    engine = create_engine(database_url)
    yield create_sessionmaker(engine)
    await engine.dispose()


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    """A clock standing at Monday 3 March 2025, 09:00 WIB, until a test moves it."""
    yield FakeClock(datetime(2025, 3, 3, 2, 0, tzinfo=UTC))
