"""The wheel works outside the checkout: built from the package folders alone (as the
Dockerfile copies them), installed into a fresh virtualenv with the lock's versions,
and run from another folder: the CLI, the migrations, the /impor templates, an import.

This is the Dockerfile's recipe; it needs the package index (or uv's cache) for the
dependencies, as scripts/venv does.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from bot.imports.kinds import KINDS, NAMES
from models.db import alembic_config

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.wheel

# Run in the installed virtualenv: what the bot reads at run time, through the same
# functions the bot uses, and where it was read from.
PROBE = """
import json, bot, sandbox.server
from bot.imports.kinds import KINDS
from bot.imports.template_files import template_files
from bot.texts import t
from models.db import alembic_config
from alembic.script import ScriptDirectory
print(json.dumps({
    "bot": bot.__file__,
    "templates": {kind: [[n, len(c)] for n, c in template_files(kind)] for kind in KINDS},
    "text": t("admin.import.send_file", "id", kind="pegawai"),
    "page": sandbox.server.WEB_DIR.joinpath("index.html").read_text()[:200],
    "head": ScriptDirectory.from_config(alembic_config()).get_current_head(),
}))
"""


def run(command: Sequence[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def package_folders() -> list[str]:
    """The top-level packages pyproject.toml ships (``bot*`` -> ``bot``)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [
        name.rstrip("*") for name in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    ]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv outside the checkout with the wheel and its locked dependencies."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"  # what the Dockerfile copies, nothing else
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    for folder in package_folders():
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    pip_wheel: list[str | Path] = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    run([*pip_wheel, "--no-build-isolation", "--wheel-dir", base / "dist", source], cwd=base)
    (wheel,) = (base / "dist").glob("asnbot-*.whl")
    uv = Path(sys.executable).with_name("uv")
    venv = base / "venv"
    run([uv, "venv", "--quiet", "--python", sys.executable, venv], cwd=base)
    # The wheel's dependencies only, at the lock's versions and hashes (the Dockerfile's step).
    install: list[str | Path] = [
        uv,
        "pip",
        "install",
        "--quiet",
        "--python",
        venv / "bin" / "python",
    ]
    run([*install, "--constraint", ROOT / "requirements.lock", wheel], cwd=base)
    return venv


@pytest.fixture
def outside(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder outside the checkout, and an environment without asnbot's settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASNBOT_", "PYTHON"))}
    env.update(
        ASNBOT_DATA_DIR=str(tmp_path / "data"),
        ASNBOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        ASNBOT_LOG_LEVEL="WARNING",
    )
    return tmp_path, env


def test_the_wheel_holds_what_the_bot_reads_at_run_time(installed: Path) -> None:
    (wheel,) = (installed.parent / "dist").glob("asnbot-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    for kind in KINDS:
        for suffix in ("csv", "xlsx"):
            assert f"bot/imports/templates/{NAMES[kind]}.{suffix}" in names
    for lang in ("id", "en"):
        assert f"bot/texts/locale/{lang}/LC_MESSAGES/messages.po" in names
    for name in ("index.html", "chat.js", "chat.css"):
        assert f"sandbox/web/{name}" in names
    assert {"sandbox/botapi/api.json", "sandbox/botapi/LICENSE"} <= names
    assert "models/migrations/env.py" in names
    assert "models/migrations/script.py.mako" in names
    migrations = {p.name for p in (ROOT / "models" / "migrations" / "versions").glob("*.py")}
    assert {n.rsplit("/", 1)[-1] for n in names if "/migrations/versions/" in n} >= migrations
    assert not [n for n in names if n.startswith(("templates/", "tests/", "docs/"))]


def test_the_installed_bot_runs_from_outside_the_checkout(
    installed: Path, outside: tuple[Path, dict[str, str]]
) -> None:
    cwd, env = outside
    asnbot = installed / "bin" / "asnbot"

    help_text = run([asnbot, "--help"], cwd, env)
    upgraded = run([asnbot, "db", "upgrade"], cwd, env)
    probe = json.loads(run([installed / "bin" / "python", "-c", PROBE], cwd, env))
    with sqlite3.connect(cwd / "bot.db") as db:
        (version,) = db.execute("select version_num from alembic_version").fetchone()

    assert Path(probe["bot"]).is_relative_to(installed)  # not the checkout's bot/
    assert "backup" in help_text and "``" not in help_text
    assert upgraded.strip() == "Database is up to date."
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert version == probe["head"] == head
    for kind in KINDS:
        assert probe["templates"][kind] == [
            [
                f"{NAMES[kind]}.{suffix}",
                (ROOT / "bot/imports/templates" / f"{NAMES[kind]}.{suffix}").stat().st_size,
            ]
            for suffix in ("xlsx", "csv")
        ]
    assert probe["text"] == "Kirim file CSV atau XLSX berisi data pegawai sekarang."
    assert "<html" in probe["page"].lower()


def test_the_installed_bot_imports_its_own_template(
    installed: Path, outside: tuple[Path, dict[str, str]]
) -> None:
    """An import (its parsing runs in a child process) with the template the wheel holds."""
    cwd, env = outside
    asnbot = installed / "bin" / "asnbot"
    extract = (
        "import sys; from bot.imports.template_files import template_files; "
        "sys.stdout.buffer.write(dict(template_files('employees'))['pegawai.xlsx'])"
    )
    done = subprocess.run(
        [installed / "bin" / "python", "-c", extract], cwd=cwd, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    (cwd / "pegawai.xlsx").write_bytes(done.stdout)

    run([asnbot, "db", "upgrade"], cwd, env)
    summary = run([asnbot, "import", "pegawai", "pegawai.xlsx"], cwd, env)
    with sqlite3.connect(cwd / "bot.db") as db:
        (employees,) = db.execute("select count(*) from employees").fetchone()

    assert "2 baru" in summary
    assert employees == 2
