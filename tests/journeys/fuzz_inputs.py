"""What the fuzz tests send: texts, button data, taps on real buttons.

Texts mix anything Unicode with what the bot reads specially (HTML-looking text,
NIP-like digits, activation-code-like strings, every command with odd arguments);
button data mixes anything up to Telegram's 64 bytes with data each handler's
pattern accepts, its numbers swapped for other users' ids, zero, negatives, numbers
too large for the database and non-ASCII digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers import HANDLERS

# The NIP the users in "awaiting_factor" typed: a real employee's, so codes and
# contacts are checked against a record.
CLAIMED_NIP = "198001012005011001"


@dataclass(frozen=True)
class Text:
    """A message the user types."""

    text: str


@dataclass(frozen=True)
class Forged:
    """A callback query with any data, on the newest bot message (a modified client)."""

    data: str


@dataclass(frozen=True)
class Press:
    """A tap on a real button of the newest inline keyboard (the n-th, modulo their count)."""

    n: int


Action = Text | Forged | Press

COMMANDS = sorted(
    {
        name
        for group in HANDLERS.values()
        for handler in group
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
)
CALLBACK_PATTERNS = [
    h.pattern.pattern  # type: ignore[union-attr]
    for group in HANDLERS.values()
    for h in group
    if isinstance(h, CallbackQueryHandler) and h.pattern is not None
]
# Numbers a forged button may carry instead of an id: other users' items (small ids),
# zero and negatives, too large for the database, and digits Python reads but ASCII lacks.
ODD_NUMBERS = ["0", "-1", "007", "2147483648", "9223372036854775808", "1" * 40, "²", "٣"]
TRICKY = [
    "<b>",
    "</b>",
    "<b>tebal</b>",
    "<script>alert(1)</script>",
    "&",
    "&amp;",
    "&lt;",
    "&#0;",
    "a < b > c",
    "\"quoted\" 'single'",
    "{name}",
    "{0}",
    "%s",
    "\u200b",
    "\u200d👨‍👩‍👧",
    "\u202eRTL\u202c",
    "مرحبا",
    "😀" * 3,
    "GRSK-ADMN",
    "grsk-admn",
    "GRSK-0000",
    "grsk admn0",
    "GRSK-",
    "setuju",
    "Ya pak",
    "tidak",
    "no",
    CLAIMED_NIP,
    "1980 0101 2005 01 1 001",
    "19800101.200501.1.001",
    "000000000000000000",
    "999999999999999999",
    "1" * 30,
    "/",
    "/start",
    "@asn_test_bot",
    "https://t.me/asn_test_bot?start=x",
    "\n\n\tx",
]
_text_chars = st.characters(exclude_categories=["Cs"])


def _fits(text: str, limit: int = 4096) -> bool:
    return 0 < len(text.encode("utf-16-le")) // 2 <= limit and bool(text.strip())


_pieces = st.one_of(
    st.text(_text_chars, min_size=1, max_size=30),
    st.sampled_from(TRICKY),
    st.from_regex(r"[0-9 .\-]{15,22}", fullmatch=True),
    st.from_regex(r"[A-Za-z]{4}-[A-Za-z0-9]{4}", fullmatch=True),
    st.sampled_from(ODD_NUMBERS),
)
commands = st.builds(
    lambda name, at, rest: f"/{name}{at}{rest}",
    st.sampled_from(COMMANDS),
    st.sampled_from(["", "@asn_test_bot", "@other_bot"]),
    st.one_of(st.just(""), st.lists(_pieces, max_size=3).map(lambda p: " " + " ".join(p))),
)
texts = st.one_of(
    _pieces,
    commands,
    commands,
    st.lists(_pieces, min_size=2, max_size=6).map("".join),
    st.text(_text_chars, min_size=3000, max_size=4096),
).filter(_fits)


def _fits_button(data: str) -> bool:
    return 1 <= len(data.encode("utf-8")) <= 64


def _with_numbers(data: str, numbers: list[str]) -> str:
    """``data`` with its runs of digits replaced, in order, by ``numbers``."""
    it = iter(numbers)
    return re.sub(r"\d+", lambda m: next(it, m.group(0)), data)


def _matching(pattern: str) -> st.SearchStrategy[str]:
    """Data a handler accepts; a prefix pattern ("^sch:yes:") also with the ids it expects."""
    shapes = [pattern] if pattern.endswith("$") else [pattern, pattern + r"\d{1,3}(:\d{1,3})?$"]
    return st.sampled_from(shapes).flatmap(lambda shape: st.from_regex(shape, fullmatch=True))


_real_looking = st.sampled_from(CALLBACK_PATTERNS).flatmap(_matching)
_numbers = st.one_of(
    st.integers(1, 12).map(str),
    st.sampled_from(ODD_NUMBERS),
    st.integers(min_value=2**31).map(str),
    st.integers().map(str),
)
_with_odd_ids = st.builds(_with_numbers, _real_looking, st.lists(_numbers, max_size=3))
callback_data = st.one_of(
    _with_odd_ids, _with_odd_ids, _real_looking, st.text(_text_chars, min_size=1, max_size=64)
).filter(_fits_button)

presses = st.integers(min_value=0, max_value=99).map(Press)
# Taps on real buttons between the inputs reach the states behind them (a question
# waiting for an answer, an announcement being written...).
typing: st.SearchStrategy[list[Action]] = st.lists(
    st.one_of(texts.map(Text), texts.map(Text), presses), min_size=1, max_size=3
)
tapping: st.SearchStrategy[list[Action]] = st.lists(
    st.one_of(callback_data.map(Forged), callback_data.map(Forged), presses),
    min_size=1,
    max_size=3,
)
# What the user sent last before the fuzzed inputs: each command's reply and buttons.
OPENINGS = [f"/{name}" for name in COMMANDS]
LANGUAGE_CODES = [None, "id", "en", "en-GB", "fr", "ms", "zh-hans"]
