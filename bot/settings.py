"""One typed settings class, read once from the environment and ``.env``.

Every variable carries the ``ASNBOT_`` prefix; the names are an interface that
deployments depend on, so rename nothing. ``config.example.env`` lists them all.
"""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.core.survey import DEFAULT_MIN_RESPONDENTS
from bot.core.vocabulary import EmployeeStatus

TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
PLACEHOLDER_TOKENS = {"changeme", "123456:replace-me", "your-token-here", "token"}
TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
MIN_HASH_KEY_LENGTH = 32  # characters; `openssl rand -hex 32` gives 64


class ConfigError(Exception):
    """A setting is missing or wrong; the message is one line for the operator."""


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Everything an operator can configure."""

    model_config = SettingsConfigDict(
        env_prefix="ASNBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    token: SecretStr = SecretStr("")
    api_base_url: str = TELEGRAM_API_BASE_URL
    api_base_file_url: str = ""
    data_dir: Path = Path("data")
    database_url: str = ""
    timezone: str = "Asia/Jakarta"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    admin_chat_id: int | None = None
    minutes_per_jp: int = Field(default=45, gt=0)
    jp_target_pns: int = Field(default=20, ge=0)
    jp_target_pppk: int = Field(default=20, ge=0)
    reminder_offsets: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["7d", "1d@07:00", "0d@06:00"]
    )
    quiet_hours_start: time = time(21, 0)
    quiet_hours_end: time = time(6, 0)
    activation_code_days: int = Field(default=30, gt=0)
    # The satisfaction survey (IKM): a period or session with fewer complete answers
    # is not shown with its own figures (bot/core/survey.py).
    survey_min_respondents: int = Field(default=DEFAULT_MIN_RESPONDENTS, ge=1)
    # Key of the keyed hashes (NIPs counted for the attempt limit); empty = a key made
    # on first start and kept in the data folder (see bot/keys.py).
    hash_key: SecretStr = SecretStr("")
    results_autodelete_minutes: int = Field(default=0, ge=0)
    # New messages a second from the whole bot, all instances together (bot/flood.py).
    broadcast_rate: float = Field(default=29.0, gt=0)
    waitlist_offer_hours: int = Field(default=24, gt=0)
    # The check-in window around a session's start (/presensi's QR code).
    checkin_opens_minutes_before: int = Field(default=60, ge=0)
    checkin_closes_minutes_after: int = Field(default=120, gt=0)
    dispatch_batch_size: int = Field(default=50, gt=0)
    dispatch_interval_seconds: float = Field(default=5.0, gt=0)
    plan_interval_seconds: float = Field(default=300.0, gt=0)
    outbox_retry_limit: int = Field(default=5, gt=0)
    concurrent_updates: int = Field(default=16, gt=0)
    import_max_file_mb: float = Field(default=10.0, gt=0)
    import_max_rows: int = Field(default=100_000, gt=0)
    import_max_unpacked_mb: float = Field(default=200.0, gt=0)
    import_timeout_seconds: float = Field(default=300.0, gt=0)
    log_level: str = "INFO"
    sandbox_host: str = "127.0.0.1"
    sandbox_port: int = Field(default=8080, ge=0, le=65535)
    log_format: Literal["plain", "json"] = "plain"
    webhook_url: str = ""
    webhook_secret: SecretStr = SecretStr("")
    webhook_path: str = "/telegram"
    listen_host: str = "127.0.0.1"
    listen_port: int = Field(default=0, ge=0, le=65535)

    @field_validator("admin_ids", "reminder_offsets", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("admin_chat_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        # config.example.env leaves optional numbers empty ("ASNBOT_ADMIN_CHAT_ID=").
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (KeyError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("hash_key")
    @classmethod
    def _long_enough(cls, value: SecretStr) -> SecretStr:
        length = len(value.get_secret_value().strip())
        if 0 < length < MIN_HASH_KEY_LENGTH:
            raise ValueError(
                f"must be at least {MIN_HASH_KEY_LENGTH} characters (e.g. `openssl rand -hex 32`)"
            )
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'asnbot.db'}"

    @property
    def effective_file_url(self) -> str:
        if self.api_base_file_url:
            return self.api_base_file_url
        return self.api_base_url.replace("/bot", "/file/bot", 1)

    @property
    def has_token(self) -> bool:
        """Whether a token was configured at all (right or wrong)."""
        return bool(self.token.get_secret_value().strip())

    def require_token(self) -> str:
        """The bot token, or a one-line :class:`ConfigError` saying what is wrong."""
        token = self.token.get_secret_value().strip()
        if not token:
            raise ConfigError(
                "ASNBOT_TOKEN is not set: put the token from @BotFather in .env "
                "(see config.example.env), or run `asnbot sandbox` to try the bot without one."
            )
        if token.lower() in PLACEHOLDER_TOKENS or not TOKEN_SHAPE.match(token):
            raise ConfigError(
                "ASNBOT_TOKEN does not look like a bot token (digits, a colon, then letters): "
                "copy it from @BotFather."
            )
        return token

    def jp_target(self, employee_status: str) -> int:
        return self.jp_target_pppk if employee_status == EmployeeStatus.PPPK else self.jp_target_pns


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a bad value becomes a one-line :class:`ConfigError`."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "ASNBOT_" + str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise ConfigError(f"{name}: {first['msg']}") from None
