"""Callback data: short, opaque, and never over Telegram's 64 bytes.

A button's data is ``area:action[:id...]`` with database ids, never a NIP or a
name: ``data("sched", "rsvp", 42)`` -> ``"sched:rsvp:42"``.
"""

from __future__ import annotations

from telegram.constants import InlineKeyboardButtonLimit

MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
# Ids and offsets in callback data index 32-bit INTEGER columns on every database; a
# larger number (only a forged button carries one) would make the query itself fail.
MAX_NUMBER = 2**31 - 1


def data(*parts: str | int) -> str:
    """Join the parts; raises ValueError if the result would not fit in a button."""
    text = ":".join(str(part) for part in parts)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {text!r}")
    return text


def parts(callback_data: str | None) -> list[str]:
    return (callback_data or "").split(":")


def int_part(callback_data: str | None, index: int) -> int | None:
    """The ``index``-th part as an int, or None when it is missing, not plain ASCII
    digits (``str.isdigit`` also takes "²", which ``int`` refuses) or over MAX_NUMBER."""
    items = parts(callback_data)
    if index < len(items) and items[index].isascii() and items[index].isdigit():
        number = int(items[index])
        return number if number <= MAX_NUMBER else None
    return None
