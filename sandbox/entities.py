"""Message entities: a message's text and entities back to HTML (what a test or the
sandbox page shows), and the entities the real server adds by itself (links,
e-mails, @mentions, /commands). Offsets and lengths in UTF-16 code units."""

from __future__ import annotations

import html as std_html
import re
from typing import Any

from sandbox.html import utf16_len

_OPEN_TAG = {
    "bold": "<b>",
    "italic": "<i>",
    "underline": "<u>",
    "strikethrough": "<s>",
    "spoiler": "<tg-spoiler>",
    "code": "<code>",
    "blockquote": "<blockquote>",
    "expandable_blockquote": "<blockquote expandable>",
}
_CLOSE_TAG = {
    "bold": "</b>",
    "italic": "</i>",
    "underline": "</u>",
    "strikethrough": "</s>",
    "spoiler": "</tg-spoiler>",
    "code": "</code>",
    "blockquote": "</blockquote>",
    "expandable_blockquote": "</blockquote>",
    "text_link": "</a>",
    "pre": "</pre>",
    "custom_emoji": "</tg-emoji>",
}


def _open_tag(entity: dict[str, Any]) -> str:
    kind = entity["type"]
    if kind == "text_link":
        return f'<a href="{std_html.escape(entity.get("url", ""), quote=True)}">'
    if kind == "pre":
        lang = entity.get("language")
        return f'<pre><code class="language-{lang}">' if lang else "<pre>"
    if kind == "custom_emoji":
        return f'<tg-emoji emoji-id="{entity.get("custom_emoji_id", "")}">'
    return _OPEN_TAG.get(kind, "")


def _close_tag(entity: dict[str, Any]) -> str:
    if entity["type"] == "pre" and entity.get("language"):
        return "</code></pre>"
    if entity["type"] in _OPEN_TAG or entity["type"] in _CLOSE_TAG:
        return _CLOSE_TAG.get(entity["type"], "")
    return ""


def render_html(text: str, entities: list[dict[str, Any]] | None) -> str:
    """Render text + entities back to Telegram HTML (formatting entities only)."""
    units = text.encode("utf-16-le")
    ordered = sorted(entities or [], key=lambda e: (e["offset"], -e["length"]))
    parts: list[str] = []
    open_stack: list[dict[str, Any]] = []
    pos = 0

    def emit_text(end: int) -> None:
        nonlocal pos
        if end > pos:
            chunk = units[pos * 2 : end * 2].decode("utf-16-le")
            parts.append(std_html.escape(chunk, quote=False))
            pos = end

    def close_until(limit: int) -> None:
        while open_stack and open_stack[-1]["offset"] + open_stack[-1]["length"] <= limit:
            top = open_stack.pop()
            emit_text(top["offset"] + top["length"])
            parts.append(_close_tag(top))

    for entity in ordered:
        close_until(entity["offset"])
        emit_text(entity["offset"])
        parts.append(_open_tag(entity))
        open_stack.append(entity)
    close_until(len(units) // 2 + 1)
    emit_text(len(units) // 2)
    return "".join(parts)


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entity for a message starting with /command, as clients send it."""
    match = re.match(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]+)?", text)
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]


# Automatic entities, a simplified version of tdlib's find_entities (MessageEntity.cpp):
# http(s)/ftp/tg URLs and www. hosts, e-mail addresses, @mentions and /commands.
_URL_RE = re.compile(
    r"(?<![\w@/])(?:(?:https?|ftp)://[\w~.-]+\.[\w~-]+|(?:https?|ftp)://localhost"
    r"|tg://[\w-]+|www\.[\w~-]+(?:\.[\w~-]+)+)(?::\d{1,5})?"
    r"(?:[/?#][^\s<>\"«»]*)?",
    re.IGNORECASE,
)
_URL_BAD_END = ".:;,('?!`"
_EMAIL_RE = re.compile(r"(?<![^\s(\[{<>\"'`,;:])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_MENTION_RE = re.compile(r"(?<!\w)@[A-Za-z0-9_]{2,32}(?!\w)")
_COMMAND_RE = re.compile(r"(?<![\w/<>\\])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>\\])")
# Entities that may contain detected links and commands; any other kind blocks them.
_CONTAINERS = {
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "blockquote",
    "expandable_blockquote",
}


def _detect(text: str) -> list[tuple[int, int, str]]:
    """(start, end, type) in str indexes, longest first at one start, no overlaps."""
    found: list[tuple[int, int, str]] = []
    for match in _URL_RE.finditer(text):
        start, end = match.span()
        # Sentence punctuation and an unbalanced ")" after a link are not part of it.
        while end > start and (
            text[end - 1] in _URL_BAD_END
            or (text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end))
        ):
            end -= 1
        found.append((start, end, "url"))
    found += [(m.start(), m.end(), "email") for m in _EMAIL_RE.finditer(text)]
    found += [(m.start(), m.end(), "mention") for m in _MENTION_RE.finditer(text)]
    found += [(m.start(), m.end(), "bot_command") for m in _COMMAND_RE.finditer(text)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    result: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if end > start and (not result or start >= result[-1][1]):
            result.append((start, end, kind))
    return result


def auto_entities(text: str, entities: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """`entities` plus the url, email, mention and bot_command entities the server adds.

    Detected entities overlapping an explicit non-formatting entity (a link, code, ...)
    are left out, like the real server does. Offsets are UTF-16; the result is sorted.
    """
    explicit = list(entities or [])
    found = _detect(text)
    if not found:
        return explicit
    # UTF-16 offset of every str index.
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    blocking = [
        (e["offset"], e["offset"] + e["length"])
        for e in explicit
        if e.get("type") not in _CONTAINERS
    ]
    added = []
    for start, end, kind in found:
        begin, finish = units[start], units[end]
        if any(begin < b_end and b_start < finish for b_start, b_end in blocking):
            continue
        added.append({"type": kind, "offset": begin, "length": finish - begin})
    if not added:
        return explicit
    return sorted(explicit + added, key=lambda e: (e["offset"], -e["length"]))
