"""The hash key: the setting, else a key file made once in the data folder."""

from __future__ import annotations

import logging
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.application import build_application
from bot.keys import KEY_FILE, hash_key, load_or_create_key
from bot.settings import ConfigError, Settings, load_settings

SETTING = "s" * 40


def settings(data_dir: Path, **extra: object) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir, **extra)  # type: ignore[call-arg, arg-type]


def test_the_key_file_is_made_once_private_and_reused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"  # not there yet: made on first start

    first = hash_key(settings(data_dir))
    second = hash_key(settings(data_dir))

    path = data_dir / KEY_FILE
    assert first == second == path.read_text().strip().encode()
    assert len(first) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [entry.name for entry in data_dir.iterdir()] == [KEY_FILE]  # no temporary left


def test_another_data_folder_gets_another_key(tmp_path: Path) -> None:
    assert hash_key(settings(tmp_path / "a")) != hash_key(settings(tmp_path / "b"))


def test_the_setting_wins_over_the_key_file(tmp_path: Path) -> None:
    hash_key(settings(tmp_path))  # a key file from an earlier start

    key = hash_key(settings(tmp_path, hash_key=SETTING))

    assert key == SETTING.encode()
    assert (tmp_path / KEY_FILE).read_text().strip() != SETTING


def test_the_application_hashes_with_the_setting(tmp_path: Path) -> None:
    hash_key(settings(tmp_path))  # a key file from an earlier start
    configured = settings(
        tmp_path,
        token="123456:TEST-TOKEN",
        database_url="sqlite+aiosqlite:///:memory:",
        hash_key=SETTING,
    )

    application = build_application(configured)

    assert application.bot_data.hash_key == SETTING.encode()


def test_with_the_setting_no_key_file_is_made(tmp_path: Path) -> None:
    hash_key(settings(tmp_path, hash_key=SETTING))
    assert not (tmp_path / KEY_FILE).exists()


def test_instances_starting_together_share_one_key(tmp_path: Path) -> None:
    path = tmp_path / KEY_FILE
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _: load_or_create_key(path), range(32)))

    assert len(keys) == 1
    assert [entry.name for entry in tmp_path.iterdir()] == [KEY_FILE]


def test_a_short_setting_is_a_one_line_error() -> None:
    with pytest.raises(ConfigError, match="ASNBOT_HASH_KEY: .*at least 32 characters"):
        load_settings(_env_file=None, hash_key="secret")


def test_an_empty_key_file_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_text("\n")
    with pytest.raises(ConfigError, match="does not hold a key"):
        hash_key(settings(tmp_path))


def test_a_server_database_with_a_key_from_the_file_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = settings(tmp_path, database_url="postgresql+asyncpg://u@127.0.0.1:1/x")
    with caplog.at_level(logging.WARNING, logger="bot.keys"):
        hash_key(server)
        hash_key(settings(tmp_path, database_url="postgresql+asyncpg://u@h/x", hash_key=SETTING))

    assert len(caplog.records) == 1
    assert "set ASNBOT_HASH_KEY on each" in caplog.records[0].getMessage()
