"""The templates (package data, bot/imports/templates/) import cleanly; `asnbot import`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bot.imports import KINDS, format_summary
from bot.imports.kinds import NAMES
from bot.imports.template_files import template

ROOT = Path(__file__).resolve().parents[2]
ASNBOT = ROOT / ".venv" / "bin" / "asnbot"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
async def test_every_template_imports_cleanly_in_dependency_order(run, suffix):
    for kind in KINDS:  # by their Indonesian names: pegawai, sesi, peserta, hasil, ...
        summary = await run(NAMES[kind], Path(str(template(kind, suffix))))

        assert (summary.rows, summary.created, summary.warnings) == (2, 2, []), kind
        assert "2 baru" in format_summary(summary, "id")


async def test_templates_reimport_without_changes(run):
    for kind in KINDS:  # the English names stay accepted
        await run(kind, Path(str(template(kind, "csv"))))
    for kind in KINDS:
        summary = await run(kind, Path(str(template(kind, "xlsx"))))

        assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2), kind


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "ASNBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "ASNBOT_DATA_DIR": str(tmp_path),
        "ASNBOT_LOG_LEVEL": "WARNING",
    }
    upgrade = subprocess.run(
        [str(ASNBOT), "db", "upgrade"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert upgrade.returncode == 0, upgrade.stderr
    return env


def rows(tmp_path: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        return connection.execute(query).fetchall()


def test_cli_imports_a_good_file_and_audits_it(cli_env, tmp_path, employees_csv):
    done = subprocess.run(
        [str(ASNBOT), "import", "pegawai", str(employees_csv)],
        env=cli_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "Impor pegawai selesai: 3 baris dibaca, 3 baru" in done.stdout
    assert rows(tmp_path, "select count(*) from employees") == [(3,)]
    ((action, actor, detail),) = rows(
        tmp_path, "select action, actor_kind, detail from audit_events"
    )
    assert (action, actor) == ("import.employees", "cli")
    assert '"file": "pegawai.csv"' in detail and "1986" not in detail


def test_cli_rejects_a_bad_file_naming_the_row(cli_env, tmp_path, write_csv, samples):
    bad = list(samples.siti)
    bad[0] = "1990010120232120X1"
    path = write_csv("bad.csv", samples.header, [samples.budi, bad])

    done = subprocess.run(
        [str(ASNBOT), "--lang", "en", "import", "employees", str(path)],
        env=cli_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert "Row 3, column NIP:" in done.stderr
    assert rows(tmp_path, "select count(*) from employees") == [(0,)]
    assert rows(tmp_path, "select count(*) from audit_events") == [(0,)]


def test_cli_prints_every_error_each_on_one_short_line(cli_env, tmp_path, write_csv, samples):
    bad = []
    for number in range(60):
        row = list(samples.budi)
        row[2] = f"{number} " + "x" * 5000
        bad.append(row)
    path = write_csv("bad.csv", samples.header, bad)

    done = subprocess.run(
        [str(ASNBOT), "import", "employees", str(path)],
        env=cli_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    lines = done.stderr.splitlines()
    assert done.returncode == 1
    assert lines[0].startswith("File ditolak: 60 kesalahan")
    assert len([line for line in lines if line.startswith("Baris ")]) == 60
    assert max(len(line) for line in lines) < 200
    assert 'Baris 61, kolom Status: "59 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"' in done.stderr
    assert rows(tmp_path, "select count(*) from employees") == [(0,)]


def test_cli_unreadable_file_exits_2(cli_env, tmp_path):
    path = tmp_path / "pegawai.txt"
    path.write_text("NIP\n")

    done = subprocess.run(
        [str(ASNBOT), "import", "employees", str(path)],
        env=cli_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 2
    assert ".csv" in done.stderr
