"""``asnbot doctor``: check a deployment before it runs, one line per check.

Each check says OK or what to fix: the bot token (Telegram's ``getMe`` at
``ASNBOT_API_BASE_URL``), the database (reachable, migrated to this asnbot's newest
revision), the webhook settings (when the webhook is used), the admins, the time
zone and the free disk in the data folder. The rules live in
:mod:`bot.core.preflight`; nothing here prints a token, a secret or a password.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot.core.preflight import (
    MIN_FREE_BYTES,
    Schema,
    enough_free_space,
    known_timezone,
    webhook_faults,
)
from bot.settings import ConfigError, Settings
from bot.texts import t

# A database server or Telegram that does not answer within this long is a fault.
TIMEOUT_SECONDS = 20.0
MB = 1024 * 1024


@dataclass(frozen=True)
class Line:
    """One check's outcome: OK, or what to fix, in the reader's words."""

    ok: bool
    text: str


async def run_checks(
    settings: Settings,
    *,
    lang: str = "id",
    webhook: bool = False,
    min_free_bytes: int = MIN_FREE_BYTES,
) -> list[Line]:
    """Every check, in the order an operator fixes things; ``webhook``: check the webhook
    settings even when ``ASNBOT_WEBHOOK_URL`` is empty (as ``asnbot run --webhook`` needs)."""
    lines = [await _token(settings, lang)]
    schema_ok, database_line = await check_database(settings, lang)
    lines.append(database_line)
    lines.extend(_webhook(settings, lang, webhook=webhook))
    lines.append(await _admins(settings, lang, schema_ok=schema_ok))
    lines.append(_timezone(settings, lang))
    lines.append(_disk(settings.data_dir, lang, min_free_bytes))
    return lines


def report(lines: list[Line], lang: str, write: Callable[[str], None] = print) -> int:
    """Write the lines and a summary; the exit status: 0 when every check passed."""
    ok, fix = t("doctor.ok", lang), t("doctor.fix", lang)
    width = max(len(ok), len(fix))
    for line in lines:
        write(f"{(ok if line.ok else fix):<{width}}  {line.text}")
    failed = sum(not line.ok for line in lines)
    if failed:
        write(t("doctor.summary.failed", lang, count=failed))
        return 1
    write(t("doctor.summary.ok", lang))
    return 0


async def _token(settings: Settings, lang: str) -> Line:
    if not settings.has_token:
        return Line(False, t("doctor.token.missing", lang))
    try:
        token = settings.require_token()
    except ConfigError:
        return Line(False, t("doctor.token.malformed", lang))
    bot = Bot(token, base_url=settings.api_base_url, base_file_url=settings.effective_file_url)
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS), bot:
            username = bot.username
    except InvalidToken:
        return Line(False, t("doctor.token.rejected", lang))
    except (TelegramError, TimeoutError, OSError):
        return Line(False, t("doctor.token.unreachable", lang, address=settings.api_base_url))
    return Line(True, t("doctor.token.ok", lang, username=username))


async def check_database(settings: Settings, lang: str) -> tuple[bool, Line]:
    """Whether the schema is this asnbot's newest, and the line saying so (also
    ``asnbot run``'s check before it starts)."""
    from alembic.script import ScriptDirectory

    from models.db import alembic_config, create_engine, current_revision

    url = make_url(settings.effective_database_url)
    missing = _missing_sqlite_file(settings.effective_database_url)
    if missing is not None:
        return False, Line(False, t("doctor.database.missing", lang, path=missing))
    engine = create_engine(settings.effective_database_url)
    # Alembic says which dialect it found ("Context impl SQLiteImpl."): not a check.
    alembic_log = logging.getLogger("alembic.runtime.migration")
    level = alembic_log.level
    alembic_log.setLevel(logging.WARNING)
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            current = await current_revision(engine)
    except Exception:  # whatever the driver raises: the server, the name, the password
        backend = url.get_backend_name()
        return False, Line(False, t("doctor.database.unreachable", lang, backend=backend))
    finally:
        alembic_log.setLevel(level)
        await engine.dispose()
    script = ScriptDirectory.from_config(alembic_config())
    schema = Schema(
        current=current,
        heads=tuple(script.get_heads()),
        known={revision.revision for revision in script.walk_revisions()},
    )
    if schema.up_to_date:
        return True, Line(True, t("doctor.database.ok", lang, backend=url.get_backend_name()))
    if schema.current is None:
        return False, Line(False, t("doctor.database.not_migrated", lang))
    if schema.from_newer_asnbot:
        return False, Line(False, t("doctor.database.newer", lang))
    return False, Line(False, t("doctor.database.behind", lang))


def _missing_sqlite_file(database_url: str) -> Path | None:
    """A SQLite database's file when it does not exist (opening it would make it)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    path = Path(url.database or "")
    return None if path.is_file() else path


def _webhook(settings: Settings, lang: str, *, webhook: bool) -> list[Line]:
    if not webhook and not settings.webhook_url.strip():
        return [Line(True, t("doctor.webhook.unused", lang))]
    faults = webhook_faults(
        settings.webhook_url, settings.webhook_secret.get_secret_value(), settings.listen_port
    )
    if not faults.any:
        # Some put the token in the webhook's path: it is not shown here either.
        url = settings.webhook_url.strip()
        for secret in (settings.token, settings.webhook_secret):
            if value := secret.get_secret_value().strip():
                url = url.replace(value, "***")
        return [Line(True, t("doctor.webhook.ok", lang, url=url))]
    keys = [
        (faults.url_missing, "doctor.webhook.url_missing"),
        (faults.url_not_https, "doctor.webhook.url_not_https"),
        (faults.secret_missing, "doctor.webhook.secret_missing"),
        (faults.secret_malformed, "doctor.webhook.secret_malformed"),
        (faults.port_missing, "doctor.webhook.port_missing"),
    ]
    return [Line(False, t(key, lang)) for fault, key in keys if fault]


async def _admins(settings: Settings, lang: str, *, schema_ok: bool) -> Line:
    """ASNBOT_ADMIN_IDS and those granted with ``asnbot admin add`` (when the database
    can be read)."""
    granted: set[int] = set()
    if schema_ok:
        from models.db import create_engine, create_sessionmaker
        from models.queries.admins import granted_admin_ids

        engine = create_engine(settings.effective_database_url)
        try:
            async with create_sessionmaker(engine)() as session:
                granted = await granted_admin_ids(session)
        finally:
            await engine.dispose()
    count = len(set(settings.admin_ids) | granted)
    if count:
        return Line(True, t("doctor.admins.ok", lang, count=count))
    return Line(False, t("doctor.admins.none", lang))


def _timezone(settings: Settings, lang: str) -> Line:
    if known_timezone(settings.timezone):
        return Line(True, t("doctor.timezone.ok", lang, zone=settings.timezone))
    return Line(False, t("doctor.timezone.unknown", lang, zone=settings.timezone))


def _disk(folder: Path, lang: str, minimum: int) -> Line:
    """The free space where the data folder is (or would be: its nearest existing parent)."""
    folder = folder.resolve()
    existing = folder
    while not existing.exists():
        existing = existing.parent
    free = shutil.disk_usage(existing).free
    if enough_free_space(free, minimum):
        return Line(True, t("doctor.disk.ok", lang, folder=folder, free=free // MB))
    return Line(
        False, t("doctor.disk.low", lang, folder=folder, free=free // MB, need=-(-minimum // MB))
    )
