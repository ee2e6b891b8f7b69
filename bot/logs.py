"""Logging setup. Logs never carry the token, a NIP or a phone number.

Every record passes two filters on the root handler: :class:`UpdateContext` adds
the id of the update being handled and the Telegram user id (set per update by
:func:`update_context`), and :class:`Redact` masks NIPs, phone numbers and the
bot token as a safety net, whatever the code or a library logs. Lines are plain
text, or one JSON object a line with ``ASNBOT_LOG_FORMAT=json``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TextIO

_update_id: ContextVar[int | None] = ContextVar("update_id", default=None)
_user_id: ContextVar[int | None] = ContextVar("telegram_user_id", default=None)

# 18 digits (a NIP), also written in its printed groups "19850101 200801 1 001".
NIP = re.compile(r"(?<!\d)(?:\d{18}|\d{8}[ .-]\d{6}[ .-]\d[ .-]\d{3})(?!\d)")
# Indonesian mobile numbers: 08..., 628..., +62 8...: 10-14 digits with optional
# separators. A 10-digit "628..." Telegram user id stays readable.
PHONE = re.compile(r"(?<![\d+])(?:\+62|62|0)[ -]?8(?:[ -]?\d){8,11}(?!\d)")
# Anything shaped like a bot token, configured or not.
TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
MASK = "[redacted]"


@contextmanager
def update_context(update_id: int | None, user_id: int | None) -> Iterator[None]:
    """Tag every log record made inside (and in tasks started inside) with these ids."""
    update_token = _update_id.set(update_id)
    user_token = _user_id.set(user_id)
    try:
        yield
    finally:
        _update_id.reset(update_token)
        _user_id.reset(user_token)


class UpdateContext(logging.Filter):
    """Adds ``update_id`` and ``telegram_user_id`` (or None) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        update_id, user_id = _update_id.get(), _user_id.get()
        ids = []
        if update_id is not None:
            ids.append(f"update={update_id}")
        if user_id is not None:
            ids.append(f"user={user_id}")
        record.__dict__.update(
            update_id=update_id,
            telegram_user_id=user_id,
            ids=f" [{' '.join(ids)}]" if ids else "",
        )
        return True


class Redact(logging.Filter):
    """Masks NIPs, phone numbers and the given secrets in the message and traceback."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        text = TOKEN.sub(MASK, text)
        text = NIP.sub(MASK, text)
        return PHONE.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class JsonLines(logging.Formatter):
    """One JSON object a line: time, level, logger, message, update and user ids."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "update_id": getattr(record, "update_id", None),
            "telegram_user_id": getattr(record, "telegram_user_id", None),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s%(ids)s: %(message)s"


def configure_logging(
    level: str,
    *,
    json_lines: bool = False,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
) -> None:
    """Log to ``stream`` (stderr) through the filters; calling it again replaces the setup.

    The HTTP client's request lines carry the token, so they stay quiet as well.
    """
    handler = logging.StreamHandler(stream)
    handler.addFilter(UpdateContext())
    handler.addFilter(Redact(secrets))
    handler.setFormatter(JsonLines() if json_lines else logging.Formatter(PLAIN_FORMAT))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    # One INFO line per job run (every few seconds) would drown everything else.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
