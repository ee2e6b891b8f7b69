"""Logging setup. Logs never carry the token, a NIP or a phone number."""

from __future__ import annotations

import logging


def configure_logging(level: str) -> None:
    """Plain logs; the HTTP client's request lines carry the token, so they stay quiet."""
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
