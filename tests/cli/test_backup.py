"""`asnbot backup FILE`: a copy of the SQLite database while it is in use; a server
database is refused in one line naming its own tool."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.__main__ import main


@pytest.fixture
def live_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A WAL database as the bot leaves it: committed rows still in the -wal file, and
    a connection in the middle of a write transaction while the backup runs."""
    path = tmp_path / "asnbot.db"
    monkeypatch.chdir(tmp_path)  # no .env of this machine
    for name in [name for name in os.environ if name.startswith("ASNBOT_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("ASNBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASNBOT_DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    bot = sqlite3.connect(path, isolation_level=None)
    bot.execute("PRAGMA journal_mode=WAL")
    bot.execute("PRAGMA wal_autocheckpoint=0")  # the rows stay in the -wal file
    bot.execute("CREATE TABLE employees (nip TEXT PRIMARY KEY, name TEXT)")
    bot.executemany(
        "INSERT INTO employees VALUES (?, ?)",
        [(f"1990010120200110{i:02d}", f"Pegawai {i}") for i in range(50)],
    )
    bot.execute("BEGIN IMMEDIATE")
    bot.execute("INSERT INTO employees VALUES ('199001012020011099', 'not committed')")
    yield path
    bot.execute("ROLLBACK")
    bot.close()


def test_backup_copies_the_committed_rows_while_the_bot_writes(
    live_database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "backups" / "asnbot-2025-03-03.db"
    target.parent.mkdir()

    code = main(["backup", str(target)])
    out = capsys.readouterr().out
    with sqlite3.connect(target) as copy:
        names = [name for (name,) in copy.execute("SELECT name FROM employees ORDER BY nip")]
        (mode,) = copy.execute("PRAGMA journal_mode").fetchone()

    assert code == 0
    assert out.startswith(f"Backup of {live_database} written to {target} (")
    assert len(names) == 50 and names[0] == "Pegawai 0"
    assert "not committed" not in names
    assert mode == "delete"  # one file: nothing left behind in a -wal next to it
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds personal data
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_backup_replaces_an_older_backup_of_the_same_name(
    live_database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "asnbot-backup.db"
    target.write_bytes(b"yesterday")

    assert main(["backup", str(target)]) == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM employees").fetchone() == (50,)


@pytest.mark.parametrize(
    ("url", "tool"),
    [
        ("postgresql+asyncpg://bot:pw@db.example:5432/asnbot", "pg_dump"),
        ("mysql+aiomysql://bot:pw@db.example:3306/asnbot?charset=utf8mb4", "mariadb-dump"),
    ],
)
def test_a_server_database_is_refused_naming_its_tool(
    url: str,
    tool: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASNBOT_DATABASE_URL", url)

    code = main(["backup", str(tmp_path / "copy.db")])
    err = capsys.readouterr().err

    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith("asnbot: asnbot backup copies SQLite databases only")
    assert tool in err and "pw" not in err
    assert not (tmp_path / "copy.db").exists()


def test_a_missing_database_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASNBOT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'none.db'}")

    assert main(["backup", str(tmp_path / "copy.db")]) == 2
    assert capsys.readouterr().err == (
        f"asnbot: there is no database at {tmp_path / 'none.db'}: check ASNBOT_DATABASE_URL.\n"
    )
    assert not (tmp_path / "copy.db").exists()
