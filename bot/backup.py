"""``asnbot backup FILE``: a consistent copy of the SQLite database, safe while the bot runs.

SQLite's online backup (:meth:`sqlite3.Connection.backup`) copies the pages under a
read transaction: the bot keeps reading and writing meanwhile (the database is in WAL
mode), and the copy is the database as it was at one moment, committed rows only. The
copy goes to a temporary file next to ``FILE``, is checked, then renamed onto ``FILE``:
an interrupted backup never leaves a half-written one. It holds personal data, so it is
readable by the operator's account only (mode 0600).

PostgreSQL and MariaDB have their own tools (``pg_dump``, ``mariadb-dump``): the
command refuses those URLs and names the tool.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

FILE_MODE = 0o600
SERVER_TOOLS = {
    "postgresql": "pg_dump (see docs/deploy.md, Backups)",
    "mysql": "mariadb-dump or mysqldump (see docs/deploy.md, Backups)",
    "mariadb": "mariadb-dump or mysqldump (see docs/deploy.md, Backups)",
}


class BackupRefused(Exception):
    """No backup was made; the message is one line for the operator."""


@dataclass(frozen=True)
class Backup:
    source: Path
    target: Path
    size: int  # bytes


def sqlite_file(database_url: str) -> Path:
    """The SQLite file behind ``database_url``, or :class:`BackupRefused` saying why not."""
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend in SERVER_TOOLS:
        raise BackupRefused(
            f"asnbot backup copies SQLite databases only; ASNBOT_DATABASE_URL is {backend}: "
            f"back it up with {SERVER_TOOLS[backend]}."
        )
    if backend != "sqlite":
        raise BackupRefused(f"asnbot backup copies SQLite databases only, not {backend}.")
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        raise BackupRefused("asnbot backup needs an SQLite database in a file.")
    source = Path(url.database)
    if not source.is_file():
        raise BackupRefused(f"there is no database at {source}: check ASNBOT_DATABASE_URL.")
    return source


def backup_sqlite(database_url: str, target: Path) -> Backup:
    """Copy the database of ``database_url`` to ``target`` (replaced if it exists)."""
    source = sqlite_file(database_url)
    if target.resolve() == source.resolve():
        raise BackupRefused(f"{target} is the database itself: choose another file.")
    if not target.parent.is_dir():
        raise BackupRefused(f"the folder {target.parent} does not exist.")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    os.close(handle)
    staging = Path(name)
    try:
        os.chmod(staging, FILE_MODE)
        _copy(source, staging)
        os.replace(staging, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
    return Backup(source=source, target=target, size=target.stat().st_size)


def _copy(source: Path, staging: Path) -> None:
    with (
        contextlib.closing(sqlite3.connect(source, timeout=30)) as origin,
        contextlib.closing(sqlite3.connect(staging)) as copy,
    ):
        origin.backup(copy)
        # A copy in one file: no -wal next to it to lose when it is moved or copied.
        copy.execute("PRAGMA journal_mode=DELETE")
        (verdict,) = copy.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise BackupRefused(f"the copy failed its check ({verdict}): nothing written.")
