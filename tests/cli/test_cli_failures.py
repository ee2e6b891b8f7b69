"""What an operator meets at the command line: help for every option, and a wrong
start told in one line (no traceback) that names what to change."""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.__main__ import build_parser, main
from sandbox.emulator import Emulator
from tests.cli.clean_env import clean_env

TOKEN = "123456:TEST-TOKEN"


def asnbot(tmp_path: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=clean_env(tmp_path, **settings),
        capture_output=True,
        text=True,
        timeout=60,
    )


def every_parser(
    parser: argparse.ArgumentParser, name: str = "asnbot"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from every_parser(sub, f"{name} {sub_name}")


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port something else listens on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def test_every_command_and_option_has_help_text() -> None:
    missing = []
    for name, parser in every_parser(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                missing += [f"{name} {a.dest}" for a in action._choices_actions if not a.help]
            elif not isinstance(action, argparse._HelpAction) and not action.help:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")

    assert missing == []
    assert {name for name, _ in every_parser(build_parser())} >= {
        "asnbot run",
        "asnbot import",
        "asnbot demo",
        "asnbot db upgrade",
        "asnbot codes issue",
        "asnbot admin add",
        "asnbot backup",
    }


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        ([], ["run", "sandbox", "import", "demo", "backup"]),
        (["demo"], ["fill the database with the Gresik demo data", "how many employees"]),
        (["import"], ["KIND", "pegawai, sesi", "FILE", "the .csv or .xlsx file"]),
        (["backup"], ["copy the SQLite database", "where to write the copy"]),
    ],
)
def test_help_is_plain_text_describing_each_option(
    argv: list[str], shown: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    out = capsys.readouterr().out

    assert exit_.value.code == 0
    assert "``" not in out and ":class:" not in out
    for words in shown:
        assert words in out


def test_run_webhook_without_a_token_refuses_in_one_line(tmp_path: Path) -> None:
    done = asnbot(tmp_path, "run", "--webhook")

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "asnbot: ASNBOT_TOKEN is not set: put the token from @BotFather in .env "
        "(see config.example.env), or run `asnbot sandbox` to try the bot without one."
    ]
    assert not (tmp_path / "data" / "sandbox").exists()  # no sandbox started


def test_run_on_a_database_not_set_up_says_to_run_db_upgrade(tmp_path: Path) -> None:
    # No Telegram needed: the database is checked before anything starts.
    settings = {"ASNBOT_TOKEN": TOKEN, "ASNBOT_API_BASE_URL": "http://127.0.0.1:9/bot"}
    missing = asnbot(tmp_path, "run", **settings)
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "asnbot.db").touch()  # there, but never migrated
    empty = asnbot(tmp_path, "run", **settings)

    assert missing.returncode == empty.returncode == 2
    assert "Traceback" not in missing.stderr + empty.stderr
    assert len(missing.stderr.splitlines()) == 1
    assert missing.stderr.startswith("asnbot: Basis data ")
    assert "belum ada: jalankan `asnbot db upgrade`" in missing.stderr
    assert empty.stderr.splitlines() == [
        "asnbot: Basis data belum disiapkan: jalankan `asnbot db upgrade`."
    ]


def test_sandbox_on_a_busy_port_says_which_setting_to_change(
    tmp_path: Path, busy_port: int
) -> None:
    done = asnbot(tmp_path, "sandbox", ASNBOT_SANDBOX_PORT=str(busy_port))

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"asnbot: 127.0.0.1:{busy_port} is already in use: "
        "set ASNBOT_SANDBOX_PORT (or --port) to a free port."
    ]
    # It stopped before building the demo database.
    assert not (tmp_path / "data" / "sandbox" / "sandbox.db").exists()


async def test_webhook_server_on_a_busy_port_says_which_setting_to_change(
    tmp_path: Path, busy_port: int
) -> None:
    assert asnbot(tmp_path, "db", "upgrade").returncode == 0
    async with Emulator(token=TOKEN) as emulator:  # the bot's getMe is answered
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--webhook",
            cwd=tmp_path,
            env=clean_env(
                tmp_path,
                ASNBOT_TOKEN=TOKEN,
                ASNBOT_API_BASE_URL=emulator.base_url,
                ASNBOT_WEBHOOK_URL="https://bot.example.test/telegram",
                ASNBOT_WEBHOOK_SECRET="s3cret",
                ASNBOT_LISTEN_PORT=str(busy_port),
                ASNBOT_LOG_LEVEL="WARNING",
            ),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)

    assert process.returncode == 2, stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert stderr.decode().splitlines()[-1:] == [
        f"asnbot: 127.0.0.1:{busy_port} is already in use: set ASNBOT_LISTEN_PORT to a free port."
    ]
    assert emulator.state.webhook is None  # setWebhook was never called
