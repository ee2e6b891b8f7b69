"""SQLAlchemy's aiosqlite dialect with one thread round trip per statement instead of four.

Used only on the versions :data:`models.sqlite_driver.WRITTEN_FOR` names (SQLAlchemy
2.1.9, aiosqlite 0.22.1): it subclasses private parts of SQLAlchemy's adapter.

aiosqlite runs each SQLite call in its own thread and hands the result back to the
event loop. SQLAlchemy's adapter makes four such calls for every statement (open a
cursor, execute, fetch all rows, close); each costs a thread switch and a wake-up of
the loop, more than an indexed lookup itself. This dialect's cursor does the four
steps in one call on aiosqlite's thread (``Connection._execute`` with the
``sqlite3.Connection`` in ``Connection._conn``). Everything else (pooling,
transactions, streaming cursors, the statement mutex) is SQLAlchemy's own.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from typing import Any

import aiosqlite
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)
from sqlalchemy.util import EMPTY_DICT

from models.sqlite_driver import ONE_HOP


def _execute(
    conn: sqlite3.Connection, operation: str, parameters: Any
) -> tuple[Any, list[Any] | None, int | None, int]:
    """On aiosqlite's thread: run the statement and take every row."""
    cursor = conn.execute(operation) if parameters is None else conn.execute(operation, parameters)
    try:
        description = cursor.description
        rows = cursor.fetchall() if description else None
        return description, rows, cursor.lastrowid, cursor.rowcount
    finally:
        cursor.close()


def _executemany(conn: sqlite3.Connection, operation: str, parameters: Any) -> int:
    cursor = conn.executemany(operation, parameters)
    try:
        return cursor.rowcount
    finally:
        cursor.close()


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    """A cursor without an aiosqlite cursor behind it: each statement is one call."""

    __slots__ = ("_arraysize", "_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: Any) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = deque()
        self._arraysize = 1
        self._description: Any = None
        self._lastrowid: int | None = None
        self._rowcount = -1

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> Any:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    async def _async_soft_close(self) -> None:
        """Nothing to close: the rows are already here."""

    def close(self) -> None:
        self._rows.clear()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        async with self._adapt_connection._execute_mutex:
            description, rows, lastrowid, rowcount = await self._connection._execute(
                _execute, self._connection._conn, operation, parameters
            )
        self._description = description
        if description:
            self._lastrowid, self._rowcount = -1, -1
            self._rows = deque(rows or ())
        else:
            self._lastrowid, self._rowcount = lastrowid, rowcount
        return None

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        async with self._adapt_connection._execute_mutex:
            self._rowcount = await self._connection._execute(
                _executemany, self._connection._conn, operation, seq_of_parameters
            )
        self._description = None
        return None


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneHopCursor


class OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> AsyncAdapt_aiosqlite_connection:
        stock = super().connect(*arg, **kw)
        return OneHopConnection(self, stock._connection)


class OneHopSQLiteDialect(SQLiteDialect_aiosqlite):
    driver = ONE_HOP
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> AsyncAdapt_aiosqlite_dbapi:
        return OneHopDBAPI(aiosqlite, sqlite3)


registry.register(f"sqlite.{ONE_HOP}", __name__, "OneHopSQLiteDialect")
