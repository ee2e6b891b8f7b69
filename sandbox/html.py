"""Telegram's HTML parse mode: HTML → plain text + MessageEntity list (and back, in
:mod:`sandbox.entities`).

Follows the algorithm of tdlib's parse_html (td/telegram/MessageEntity.cpp) so the error
texts and byte offsets match the real server. Entity offsets and lengths are in UTF-16
code units, as in the Bot API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sandbox.errors import ApiError

SUPPORTED_TAGS = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "s",
    "strike",
    "del",
    "u",
    "ins",
    "tg-spoiler",
    "tg-emoji",
    "span",
    "pre",
    "code",
    "blockquote",
}
_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "pre": "pre",
    "code": "code",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]+));")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts text in."""
    return len(text.encode("utf-16-le")) // 2


def _parse_error(message: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {message}")


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_offset: int
    byte_offset: int
    children: list[dict[str, Any]] = field(default_factory=list)


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode the HTML entity at text[i] ('&'); returns (char, next index) or None."""
    match = _ENTITY_RE.match(text, i)
    if not match:
        return None
    hex_code, dec_code, name = match.groups()
    if name is not None:
        char = _NAMED.get(name)
        if char is None:
            return None
        return char, match.end()
    code = int(hex_code, 16) if hex_code else int(dec_code)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML; raise ApiError with Telegram's texts on malformed input."""
    byte_at = [0]
    for char in source:
        byte_at.append(byte_at[-1] + len(char.encode("utf-8")))
    out: list[str] = []
    utf16 = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    n = len(source)
    i = 0

    def at(k: int) -> str:
        return source[k] if k < n else ""

    while i < n:
        char = source[i]
        if char == "&":
            decoded = _decode_entity(source, i)
            if decoded is not None:
                out.append(decoded[0])
                utf16 += utf16_len(decoded[0])
                i = decoded[1]
                continue
        if char != "<":
            out.append(char)
            utf16 += utf16_len(char)
            i += 1
            continue
        begin = i
        i += 1
        if at(i) != "/":
            while at(i) and not at(i).isspace() and at(i) != ">":
                i += 1
            if not at(i):
                raise _parse_error(f"Unclosed start tag at byte offset {byte_at[begin]}")
            tag = source[begin + 1 : i].lower()
            if tag not in SUPPORTED_TAGS:
                raise _parse_error(f'Unsupported start tag "{tag}" at byte offset {byte_at[begin]}')
            argument = ""
            while at(i) != ">":
                while at(i) and at(i).isspace():
                    i += 1
                if at(i) == ">":
                    break
                attr_begin = i
                while at(i) and not at(i).isspace() and at(i) not in "=>":
                    i += 1
                attr_name = source[attr_begin:i].lower()
                if not attr_name:
                    raise _parse_error(
                        f'Empty attribute name in the tag "{tag}" at byte offset {byte_at[begin]}'
                    )
                while at(i) and at(i).isspace():
                    i += 1
                if at(i) != "=":
                    if tag == "blockquote" and attr_name == "expandable" and at(i):
                        argument = "1"
                        continue
                    if not at(i):
                        raise _parse_error(f"Unclosed start tag at byte offset {byte_at[begin]}")
                    raise _parse_error(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {byte_at[begin]}'
                    )
                i += 1
                while at(i) and at(i).isspace():
                    i += 1
                if not at(i):
                    raise _parse_error(
                        f'Unclosed start tag "{tag}" at byte offset {byte_at[begin]}'
                    )
                value_chars: list[str] = []
                if at(i) not in "'\"":
                    token_begin = i
                    while at(i) and (at(i).isalnum() or at(i) in ".-"):
                        i += 1
                    value = source[token_begin:i].lower()
                    if at(i) and not at(i).isspace() and at(i) != ">":
                        raise _parse_error(
                            f"Unexpected end of name token at byte offset {byte_at[token_begin]}"
                        )
                    if not at(i):
                        raise _parse_error(f"Unclosed start tag at byte offset {byte_at[begin]}")
                else:
                    quote = at(i)
                    i += 1
                    while at(i) and at(i) != quote:
                        if at(i) == "&":
                            decoded = _decode_entity(source, i)
                            if decoded is not None:
                                value_chars.append(decoded[0])
                                i = decoded[1]
                                continue
                        value_chars.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                    if not at(i):
                        raise _parse_error(f"Unclosed start tag at byte offset {byte_at[begin]}")
                    value = "".join(value_chars)
                if tag == "a" and attr_name == "href":
                    argument = value
                elif tag == "code" and attr_name == "class" and value.startswith("language-"):
                    argument = value.removeprefix("language-")
                elif tag == "span" and attr_name == "class" and value.startswith("tg-"):
                    argument = value.removeprefix("tg-")
                elif tag == "tg-emoji" and attr_name == "emoji-id":
                    argument = value
                elif tag == "blockquote" and attr_name == "expandable":
                    argument = "1"
            if tag == "span" and argument != "spoiler":
                raise _parse_error(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {byte_at[begin]}'
                )
            stack.append(_Open(tag, argument, utf16, byte_at[begin]))
            i += 1  # skip '>'
            continue
        # An end tag.
        if not stack:
            raise _parse_error(f"Unexpected end tag at byte offset {byte_at[begin]}")
        i += 1
        name_begin = i
        while at(i) and not at(i).isspace() and at(i) != ">":
            i += 1
        end_name = source[name_begin:i].lower()
        while at(i) and at(i).isspace():
            i += 1
        if at(i) != ">":
            raise _parse_error(f"Unclosed end tag at byte offset {byte_at[begin]}")
        i += 1
        opened = stack.pop()
        if end_name and end_name != opened.tag:
            raise _parse_error(
                f"Unmatched end tag at byte offset {byte_at[begin]}, expected "
                f'"</{opened.tag}>", found "</{end_name}>"'
            )
        length = utf16 - opened.utf16_offset
        if length <= 0:
            continue
        entity = _make_entity(opened, length)
        # A <code class="language-x"> directly inside <pre> gives the pre its language.
        if (
            opened.tag == "code"
            and stack
            and stack[-1].tag == "pre"
            and stack[-1].utf16_offset == opened.utf16_offset
        ):
            if opened.argument:
                stack[-1].argument = opened.argument
            continue
        if entity is not None:
            entities.append(entity)
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _make_entity(opened: _Open, length: int) -> dict[str, Any] | None:
    kind = _TAG_ENTITY[opened.tag]
    entity: dict[str, Any] = {"type": kind, "offset": opened.utf16_offset, "length": length}
    if kind == "text_link":
        if not opened.argument:
            return None
        entity["url"] = opened.argument
    elif kind == "pre" and opened.argument:
        entity["language"] = opened.argument
    elif kind == "blockquote" and opened.argument:
        entity["type"] = "expandable_blockquote"
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = opened.argument
    return entity


def strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace like Telegram does, keeping entities in range."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    result: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result
