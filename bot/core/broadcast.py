"""Rules for admin announcements (``/umumkan``).

- The text the admin types is Telegram HTML and is *validated*, not escaped: an
  announcement may use bold, links and the other tags Telegram accepts. A text
  Telegram would refuse (an unknown or unclosed tag, ``a < b``) is sent back to
  the admin with the reason, before anything is stored. ``&`` that starts no
  entity is left as it is (Telegram keeps it literally).
- Limits after entity parsing: 4096 characters for a text, 1024 for the caption
  of a document or photo.
- Progress numbers, whether the live progress message may be edited now (at most
  every :data:`EDIT_EVERY`, and only when its words change), and the read rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from bot.core.errors import DomainError
from bot.core.vocabulary import LinkStatus

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
EDIT_EVERY = timedelta(seconds=3)
# Callback data of the recipients' "Sudah dibaca" button: ``bcr:<broadcast id>``
# (0 in the admin's preview).
READ_AREA = "bcr"

# Audiences: everyone linked, an OPD, a position type, an assessment program or
# session, a course's enrollees, employees behind on JP, a file of NIPs.
ALL, OPD, POSITION, PROGRAM, SESSION, COURSE, JP_BEHIND, NIP_FILE = (
    "all",
    "opd",
    "pos",
    "prog",
    "ses",
    "crs",
    "jp",
    "nip",
)
AUDIENCES = (ALL, OPD, POSITION, PROGRAM, SESSION, COURSE, JP_BEHIND, NIP_FILE)
PICKED_FROM_LIST = (OPD, POSITION, PROGRAM, SESSION, COURSE)

_TAGS = {
    "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
    "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
}  # fmt: skip
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]+));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class InvalidAnnouncement(DomainError):
    """Announcement text Telegram would refuse; the admin is asked to fix it."""


def plain_text(source: str) -> str:
    """The text a reader sees: ``source`` (Telegram HTML) without its tags.

    Raises :class:`InvalidAnnouncement` when Telegram would not parse it.
    """
    out: list[str] = []
    stack: list[str] = []
    position = 0
    while position < len(source):
        char = source[position]
        if char == "&":
            match = _ENTITY.match(source, position)
            decoded = _decode(match) if match else None
            if match and decoded is not None:
                out.append(decoded)
                position = match.end()
                continue
            out.append(char)
            position += 1
            continue
        if char != "<":
            out.append(char)
            position += 1
            continue
        match = _TAG.match(source, position)
        if match is None:
            raise InvalidAnnouncement("broadcast.html.stray_lt", position=position + 1)
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in _TAGS:
            raise InvalidAnnouncement("broadcast.html.unknown_tag", tag=name)
        if closing:
            if not stack or stack[-1] != name:
                raise InvalidAnnouncement("broadcast.html.unbalanced", tag=name)
            stack.pop()
        else:
            _check_attributes(name, match.group(3))
            stack.append(name)
        position = match.end()
    if stack:
        raise InvalidAnnouncement("broadcast.html.unclosed", tag=stack[-1])
    return "".join(out)


def _decode(match: re.Match[str]) -> str | None:
    hex_code, dec_code, name = match.groups()
    if name is not None:
        return _NAMED.get(name)
    code = int(hex_code, 16) if hex_code else int(dec_code)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def _check_attributes(tag: str, attributes: str) -> None:
    text = attributes.strip()
    if tag == "a" and not re.fullmatch(r"""href\s*=\s*("[^"]*"|'[^']*')""", text):
        raise InvalidAnnouncement("broadcast.html.link", tag=tag)
    if tag == "span" and not re.fullmatch(r"""class\s*=\s*["']tg-spoiler["']""", text):
        raise InvalidAnnouncement("broadcast.html.unknown_tag", tag=tag)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts text in."""
    return len(text.encode("utf-16-le")) // 2


def check_text(source: str, *, with_attachment: bool) -> str:
    """``source`` if Telegram accepts it as the text (or caption) of an announcement."""
    shown = plain_text(source)
    if not shown.strip():
        raise InvalidAnnouncement("broadcast.html.empty")
    limit = CAPTION_LIMIT if with_attachment else TEXT_LIMIT
    length = utf16_len(shown)
    if length > limit:
        key = "broadcast.too_long_caption" if with_attachment else "broadcast.too_long"
        raise InvalidAnnouncement(key, length=length, limit=limit)
    return source


# ------------------------------------------------------------------ reach

# Why someone an audience names will not get the announcement.
NOT_LINKED, BLOCKED_BOT = "unlinked", "blocked"


def unreached_because(link_status: str | None) -> str | None:
    """None when the bot reaches this person (their chat is linked and active), else why not."""
    if link_status == LinkStatus.ACTIVE:
        return None
    return BLOCKED_BOT if link_status == LinkStatus.BLOCKED else NOT_LINKED


@dataclass(frozen=True)
class Reach:
    """Of the people an audience names: how many will get it, and who will not."""

    linked: int = 0
    unlinked: int = 0
    blocked: int = 0

    @property
    def total(self) -> int:
        return self.linked + self.unlinked + self.blocked

    @property
    def unreached(self) -> int:
        return self.unlinked + self.blocked


def reach(link_statuses: list[str | None]) -> Reach:
    """Count the people of an audience by whether the bot reaches them."""
    why = [unreached_because(s) for s in link_statuses]
    return Reach(why.count(None), why.count(NOT_LINKED), why.count(BLOCKED_BOT))


# ------------------------------------------------------------------ progress


@dataclass(frozen=True)
class Progress:
    """Where an announcement stands: its recipients by outcome, and reads."""

    total: int
    delivered: int = 0
    blocked: int = 0
    failed: int = 0
    read: int = 0
    waiting: int = 0  # notifications still pending or in flight

    @property
    def handled(self) -> int:
        return self.delivered + self.blocked + self.failed

    @property
    def finished(self) -> bool:
        return self.waiting == 0

    def read_percent(self) -> Decimal:
        return read_rate(self.read, self.delivered)


def read_rate(read: int, delivered: int) -> Decimal:
    """Read as a share of delivered, in percent, one decimal (0 with nothing delivered)."""
    if delivered <= 0:
        return Decimal(0)
    return (Decimal(read) * 100 / Decimal(delivered)).quantize(Decimal("0.1"))


def should_edit(
    *, shown: str | None, wanted: str, last_edit: datetime | None, now: datetime, final: bool
) -> bool:
    """Edit the live progress message now? Only when its words change, and at most
    every :data:`EDIT_EVERY` (Telegram limits edits too), except for the final state."""
    if shown == wanted:
        return False
    if final or last_edit is None:
        return True
    return now - last_edit >= EDIT_EVERY


def page(items: int, offset: int, size: int) -> tuple[int | None, int | None]:
    """Offsets of the previous and next pages of a list (None when there is none)."""
    previous = max(offset - size, 0) if offset > 0 else None
    following = offset + size if offset + size < items else None
    return previous, following
