"""SQLite through SQLAlchemy's own aiosqlite dialect (no private parts of SQLAlchemy or
aiosqlite): rows counted, ids returned, streams, rollbacks, the engine's pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.exc import IntegrityError

from models.db import create_engine


async def test_sqlite_urls_get_the_stock_dialect_and_it_reads_and_writes(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'one.db'}")
    try:
        assert type(engine.dialect) is SQLiteDialect_aiosqlite
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


async def test_foreign_keys_are_enforced_and_the_journal_is_a_write_ahead_log(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'three.db'}")
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
    finally:
        await engine.dispose()
