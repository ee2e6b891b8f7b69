"""The one-round-trip SQLite dialect behaves as SQLAlchemy's aiosqlite one does."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from models import sqlite_driver
from models.db import create_engine


async def test_sqlite_urls_get_the_one_round_trip_dialect_and_it_reads_and_writes(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'one.db'}")
    try:
        assert engine.dialect.driver == sqlite_driver.DRIVER
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
            inserted = await conn.execute(text("INSERT INTO t (name) VALUES ('a'), ('b')"))
            assert inserted.rowcount == 2
            again = await conn.execute(text("INSERT INTO t (name) VALUES ('c')"))
            assert again.lastrowid == 3
            changed = await conn.execute(text("UPDATE t SET name = name || '!' WHERE id < 3"))
            assert changed.rowcount == 2
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT id, name FROM t ORDER BY id"))).all()
            assert [tuple(r) for r in rows] == [(1, "a!"), (2, "b!"), (3, "c")]
            streamed = await conn.stream(text("SELECT name FROM t ORDER BY id"))
            assert [r.name async for r in streamed] == ["a!", "b!", "c"]
    finally:
        await engine.dispose()


async def test_a_failing_statement_raises_as_usual_and_rolls_back(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'two.db'}")
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (name TEXT UNIQUE)"))
            await conn.execute(text("INSERT INTO t VALUES ('a')"))
        with pytest.raises(IntegrityError):
            async with engine.begin() as conn:
                await conn.execute(text("INSERT INTO t VALUES ('b')"))
                await conn.execute(text("INSERT INTO t VALUES ('a')"))
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar() == 1
    finally:
        await engine.dispose()
