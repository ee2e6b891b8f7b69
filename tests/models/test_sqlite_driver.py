"""SQLite both ways: the one-round-trip dialect on the versions it was written for, and
SQLAlchemy's own aiosqlite dialect everywhere else (the fallback), with the same
tests: rows counted, ids returned, streams, rollbacks, pragmas, migrations, queries.

``ASNBOT_TEST_SQLITE_DIALECT=stock`` runs the whole suite on the fallback
(tests/conftest.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name
from sqlalchemy import text
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.exc import IntegrityError

from models import sqlite_driver
from models.db import create_engine, create_sessionmaker, upgrade
from models.queries.links import employee_by_nip
from tests.factories import add_employee
from tests.test_dependencies import pinned

WRITTEN_FOR = dict(sqlite_driver.WRITTEN_FOR)  # before tests/conftest.py may change it


@pytest.fixture(params=["one_hop", "stock"])
def dialect(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The one-hop dialect (the locked versions), or the stock one (any other versions)."""
    sqlite_driver.driver.cache_clear()
    stock = {"sqlalchemy": "2.1.0"}
    monkeypatch.setattr(
        sqlite_driver, "WRITTEN_FOR", stock if request.param == "stock" else WRITTEN_FOR
    )
    yield sqlite_driver.ONE_HOP if request.param == "one_hop" else sqlite_driver.STOCK
    monkeypatch.undo()
    sqlite_driver.driver.cache_clear()


def test_the_lock_pins_the_versions_the_one_hop_dialect_was_written_for() -> None:
    """A new SQLAlchemy or aiosqlite in the lock would silently fall back to the stock
    dialect: check models/sqlite_onehop.py (and the bench) against it, then update
    WRITTEN_FOR, or delete the one-hop dialect."""
    pins = pinned()
    assert {name: str(pins[canonicalize_name(name)]) for name in WRITTEN_FOR} == WRITTEN_FOR
    assert {name: metadata.version(name) for name in WRITTEN_FOR} == WRITTEN_FOR


async def test_sqlite_urls_get_the_dialect_and_it_reads_and_writes(
    tmp_path: Path, dialect: str
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'one.db'}")
    try:
        assert engine.dialect.driver == dialect
        assert isinstance(engine.dialect, SQLiteDialect_aiosqlite)
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
            inserted = await conn.execute(text("INSERT INTO t (name) VALUES ('a'), ('b')"))
            assert inserted.rowcount == 2
            again = await conn.execute(text("INSERT INTO t (name) VALUES ('c')"))
            assert again.lastrowid == 3
            many = await conn.execute(
                text("INSERT INTO t (name) VALUES (:name)"), [{"name": "d"}, {"name": "e"}]
            )
            assert many.rowcount == 2
            changed = await conn.execute(text("UPDATE t SET name = name || '!' WHERE id < 3"))
            assert changed.rowcount == 2
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT id, name FROM t ORDER BY id"))).all()
            assert [tuple(r) for r in rows] == [(1, "a!"), (2, "b!"), (3, "c"), (4, "d"), (5, "e")]
            first = (await conn.execute(text("SELECT name FROM t ORDER BY id"))).first()
            assert first is not None and first.name == "a!"
            streamed = await conn.stream(text("SELECT name FROM t ORDER BY id"))
            assert [r.name async for r in streamed] == ["a!", "b!", "c", "d", "e"]
    finally:
        await engine.dispose()


async def test_a_failing_statement_raises_as_usual_and_rolls_back(
    tmp_path: Path, dialect: str
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'two.db'}")
    try:
        assert engine.dialect.driver == dialect
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
    tmp_path: Path, dialect: str
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'three.db'}")
    try:
        assert engine.dialect.driver == dialect
        async with engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
    finally:
        await engine.dispose()


async def test_the_migrations_and_the_queries_run_on_it(tmp_path: Path, dialect: str) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'four.db'}")
    try:
        assert engine.dialect.driver == dialect
        await upgrade(engine)
        db = create_sessionmaker(engine)
        async with db.begin() as session:
            await add_employee(session, nip="199001012015031001", name="Budi Santoso")
        async with db() as session:
            found = await employee_by_nip(session, nip="199001012015031001")
        assert found is not None and found.name == "Budi Santoso"
    finally:
        await engine.dispose()


async def test_the_run_uses_the_dialect_it_was_asked_for(sqlite_dialect: str) -> None:
    """The whole suite's SQLite: one-hop, or stock with ASNBOT_TEST_SQLITE_DIALECT=stock."""
    stock = os.environ.get("ASNBOT_TEST_SQLITE_DIALECT") == "stock"
    assert sqlite_dialect == (sqlite_driver.STOCK if stock else sqlite_driver.ONE_HOP)
    engine = create_engine("sqlite+aiosqlite:///:memory:")
    assert engine.dialect.driver == sqlite_dialect
    await engine.dispose()
