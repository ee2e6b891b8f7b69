"""Settings: names, defaults, one-line errors, and the example file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.settings import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_example_env_lists_every_setting() -> None:
    names = {"ASNBOT_" + name.upper() for name in Settings.model_fields}
    lines = (ROOT / "config.example.env").read_text().splitlines()
    listed = {line.split("=")[0] for line in lines if line.startswith("ASNBOT_")}
    assert listed == names
    for index, line in enumerate(lines):
        if line.startswith("ASNBOT_"):
            assert lines[index - 1].startswith("#"), f"{line} has no comment above it"


def test_settings_come_from_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASNBOT_TOKEN", "123:abc")
    monkeypatch.setenv("ASNBOT_API_BASE_URL", "http://127.0.0.1:9/bot")
    monkeypatch.setenv("ASNBOT_ADMIN_IDS", "11, 22")
    monkeypatch.setenv("ASNBOT_TIMEZONE", "Asia/Makassar")

    settings = load_settings(_env_file=None)

    assert settings.require_token() == "123:abc"
    assert settings.effective_file_url == "http://127.0.0.1:9/file/bot"
    assert settings.admin_ids == [11, 22]
    assert settings.tz.key == "Asia/Makassar"


def test_defaults_are_gresik_defaults() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.timezone == "Asia/Jakarta"
    assert settings.minutes_per_jp == 45
    assert settings.jp_target("PNS") == 20
    assert settings.effective_database_url.startswith("sqlite+aiosqlite:///")


@pytest.mark.parametrize("token", ["changeme", "not a token", "123456:replace-me"])
def test_placeholder_token_is_a_one_line_error(token: str) -> None:
    settings = Settings(_env_file=None, token=SecretStr(token))  # type: ignore[call-arg]
    with pytest.raises(ConfigError, match="does not look like a bot token"):
        settings.require_token()


def test_unknown_timezone_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASNBOT_TIMEZONE", "Asia/Gresik")
    with pytest.raises(ConfigError, match="ASNBOT_TIMEZONE: .*unknown time zone"):
        load_settings(_env_file=None)


def test_cli_run_with_placeholder_token_prints_one_line_and_exits(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASNBOT_")}
    env["ASNBOT_TOKEN"] = "changeme"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "ASNBOT_TOKEN does not look like a bot token" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_example_file_copied_to_env_loads(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text((ROOT / "config.example.env").read_text())

    settings = Settings(_env_file=env_file)  # type: ignore[call-arg]

    assert settings.admin_chat_id is None
    assert settings.timezone == "Asia/Jakarta"
