"""Callback data: short, opaque, and never over Telegram's 64 bytes.

A button's data is ``area:action[:id...]`` with database ids, never a NIP or a
name: ``data("sched", "rsvp", 42)`` -> ``"sched:rsvp:42"``.
"""

from __future__ import annotations

from telegram.constants import InlineKeyboardButtonLimit

MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA


def data(*parts: str | int) -> str:
    """Join the parts; raises ValueError if the result would not fit in a button."""
    text = ":".join(str(part) for part in parts)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {text!r}")
    return text


def parts(callback_data: str | None) -> list[str]:
    return (callback_data or "").split(":")


def int_part(callback_data: str | None, index: int) -> int | None:
    """The ``index``-th part as an int, or None when it is missing or not a number."""
    items = parts(callback_data)
    if index < len(items) and items[index].isdigit():
        return int(items[index])
    return None
