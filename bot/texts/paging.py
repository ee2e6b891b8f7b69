"""Splitting long HTML messages into pieces Telegram accepts (4096 characters)."""

from __future__ import annotations

from collections.abc import Iterable

from telegram.constants import MessageLimit

from bot.core.broadcast import InvalidAnnouncement, plain_text

LIMIT = MessageLimit.MAX_TEXT_LENGTH


def pack_blocks(blocks: Iterable[str], *, limit: int = LIMIT, separator: str = "\n\n") -> list[str]:
    """Join blocks into as few messages as fit; a block is never split.

    Blocks are whole HTML fragments (every tag closed inside the block), so each
    message stays valid HTML. Entities count once they are parsed, so measuring
    the source is conservative. A single block longer than ``limit`` is an error:
    the caller must make smaller blocks (a page, an item).
    """
    pages: list[str] = []
    current = ""
    for block in blocks:
        if len(block) > limit:
            raise ValueError(f"a block of {len(block)} characters cannot fit in one message")
        candidate = f"{current}{separator}{block}" if current else block
        if len(candidate) > limit:
            pages.append(current)
            current = block
        else:
            current = candidate
    if current:
        pages.append(current)
    return pages


def shorten(text: str, limit: int) -> str:
    """The text itself if it fits in ``limit`` characters, else cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def excerpt(announcement: str, limit: int = 60) -> str:
    """An announcement as its reader saw it (tags removed), on one line, shortened."""
    try:
        text = plain_text(announcement)
    except InvalidAnnouncement:
        text = announcement
    return shorten(" ".join(text.split()), limit)
