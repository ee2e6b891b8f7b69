"""The rules of ``asnbot doctor`` that need nothing but values (no network, no database).

:mod:`bot.doctor` gathers the values (the settings, Telegram's ``getMe``, the
database's revision, the free disk) and words the outcome; what counts as right
is decided here.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

# The data folder holds the SQLite database, its write-ahead log and the backups an
# operator makes next to it: below this much free space, a busy day can fill it.
MIN_FREE_BYTES = 500 * 1024 * 1024

# What Telegram accepts as a webhook's secret_token (setWebhook).
SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True)
class WebhookFaults:
    """What is wrong with the webhook settings (all False: nothing)."""

    url_missing: bool = False
    url_not_https: bool = False
    secret_missing: bool = False
    secret_malformed: bool = False
    port_missing: bool = False

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def webhook_faults(url: str, secret: str, listen_port: int) -> WebhookFaults:
    """Telegram sends updates only to a public HTTPS address, with the secret the bot
    checks; the bot's own server needs a port behind the reverse proxy."""
    url, secret = url.strip(), secret.strip()
    parts = urlsplit(url)
    return WebhookFaults(
        url_missing=not url,
        url_not_https=bool(url) and (parts.scheme.lower() != "https" or not parts.hostname),
        secret_missing=not secret,
        secret_malformed=bool(secret) and not SECRET_SHAPE.match(secret),
        port_missing=not listen_port,
    )


def known_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (KeyError, ValueError):
        return False
    return True


def enough_free_space(free_bytes: int, minimum: int = MIN_FREE_BYTES) -> bool:
    return free_bytes >= minimum


@dataclass(frozen=True)
class Schema:
    """Where the database's schema stands against this asnbot's migrations."""

    current: str | None  # the database's revision; None: never migrated
    heads: tuple[str, ...]  # this asnbot's newest revision(s)
    known: Collection[str]  # every revision this asnbot has

    @property
    def up_to_date(self) -> bool:
        return self.current is not None and self.current in self.heads

    @property
    def from_newer_asnbot(self) -> bool:
        """A revision this asnbot does not know: a newer release migrated the database."""
        return self.current is not None and self.current not in self.known
