"""SQLAlchemy's aiosqlite dialect with one thread round trip per statement instead of four.

aiosqlite runs each SQLite call in its own thread and hands the result back to the
event loop. SQLAlchemy's adapter makes four such calls for every statement (open a
cursor, execute, fetch all rows, close); each costs a thread switch and a wake-up
of the loop, more than an indexed lookup itself. This dialect's cursor does the
four steps in one call on aiosqlite's thread, which halves the time of the bot's
reads (``bench/RESULTS.md``). Everything else (pooling, transactions,
``executemany``, streaming cursors) is SQLAlchemy's own.

It uses ``Connection._execute`` (aiosqlite's way of running a function on its
thread) and ``Connection._conn``, which SQLAlchemy's adapter uses too; where an
aiosqlite release lacks them, :func:`models.db.create_engine` keeps the stock dialect.
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
    AsyncAdapt_aiosqlite_ss_cursor,
    SQLiteDialect_aiosqlite,
)

DRIVER = "aiosqlite_onehop"

AVAILABLE = hasattr(aiosqlite.Connection, "_execute") and hasattr(aiosqlite.Connection, "_conn")


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


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        try:
            description, rows, lastrowid, rowcount = self.await_(
                self._connection._execute(
                    _execute,
                    self._connection._conn,
                    operation,
                    parameters,
                )
            )
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        self.description = description
        if description:
            self.lastrowid = self.rowcount = -1
            self._rows = deque(rows)
        else:
            self.lastrowid, self.rowcount = lastrowid, rowcount


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()

    def cursor(self, server_side: bool = False) -> AsyncAdapt_aiosqlite_cursor:
        if server_side:
            return AsyncAdapt_aiosqlite_ss_cursor(self)
        return OneHopCursor(self)


class OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> AsyncAdapt_aiosqlite_connection:
        stock = super().connect(*arg, **kw)
        return OneHopConnection(self, stock._connection)


class OneHopSQLiteDialect(SQLiteDialect_aiosqlite):
    driver = DRIVER
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> AsyncAdapt_aiosqlite_dbapi:
        return OneHopDBAPI(aiosqlite, sqlite3)


registry.register(f"sqlite.{DRIVER}", __name__, "OneHopSQLiteDialect")
