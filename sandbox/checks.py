"""What the real server checks in a message before it takes it: its text or caption
(HTML, length), its buttons, and the size of an image; each refusal with the real
server's description."""

from __future__ import annotations

import re
import struct
from typing import Any

from sandbox.entities import auto_entities
from sandbox.errors import ApiError
from sandbox.html import parse_html, strip_text, utf16_len

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_BUTTONS = 100
MAX_ROW = 8
# The methods that send a new message (they count against the flood limits).
SENDING_METHODS = {"sendMessage", "sendDocument", "sendPhoto", "sendLocation", "sendVenue"}
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
# InlineKeyboardButton fields that do not choose what the button does.
BUTTON_NON_ACTION = {"text", "icon_custom_emoji_id", "style"}


def bad(description: str) -> ApiError:
    """A 400 answer with the real server's 'Bad Request: ' prefix."""
    return ApiError(400, f"Bad Request: {description}")


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG, or a placeholder for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                break
            marker = data[i + 1]
            length = int.from_bytes(data[i + 2 : i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                height = int.from_bytes(data[i + 5 : i + 7], "big")
                width = int.from_bytes(data[i + 7 : i + 9], "big")
                return width, height
            i += 2 + length
    return 320, 320


def formatted(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    if parse_mode:
        mode = parse_mode.lower()
        if mode == "html":
            text, entities = parse_html(text)
        elif mode in ("markdown", "markdownv2"):
            raise bad(f'parse_mode "{parse_mode}" is not supported by this emulator')
        else:
            raise bad("unsupported parse_mode")
    entities = list(entities or [])
    for entity in entities:
        if entity["offset"] < 0 or entity["length"] <= 0:
            raise bad("can't parse entities: entity offset or length is invalid")
    text, entities = strip_text(text, entities)
    # Like the real server: links, e-mails, @mentions and /commands become entities.
    return text, auto_entities(text, entities)


def message_text(params: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    text, entities = formatted(params["text"], params.get("parse_mode"), params.get("entities"))
    if not text:
        raise bad("message text is empty")
    if utf16_len(text) > MAX_TEXT:
        raise bad("message is too long")
    return text, entities


def caption_content(params: dict[str, Any]) -> dict[str, Any]:
    if not params.get("caption"):
        return {}
    text, entities = formatted(
        params["caption"], params.get("parse_mode"), params.get("caption_entities")
    )
    if utf16_len(text) > MAX_CAPTION:
        raise bad("message caption is too long")
    result: dict[str, Any] = {"caption": text} if text else {}
    if text and entities:
        result["caption_entities"] = entities
    return result


def check_markup(markup: dict[str, Any] | None) -> None:
    if not markup:
        return
    rows = markup.get("inline_keyboard")
    if rows is not None:
        if sum(len(row) for row in rows) > MAX_BUTTONS or any(len(row) > MAX_ROW for row in rows):
            raise bad("too many buttons")
        for row in rows:
            for button in row:
                actions = [
                    k for k, v in button.items() if k not in BUTTON_NON_ACTION and v is not None
                ]
                if len(actions) != 1:
                    raise bad("BUTTON_TYPE_INVALID")
                if "callback_data" in button:
                    size = len(button["callback_data"].encode("utf-8"))
                    if not 1 <= size <= 64:
                        raise bad("BUTTON_DATA_INVALID")
                if "url" in button and not re.match(r"^(https?|tg)://\S+$", button["url"]):
                    raise bad("BUTTON_URL_INVALID")
    keyboard = markup.get("keyboard")
    if keyboard is not None:
        if sum(len(row) for row in keyboard) > 300:
            raise bad("too many buttons")
        for row in keyboard:
            for button in row:
                text = button if isinstance(button, str) else button.get("text")
                if not text:
                    raise bad("BUTTON_TEXT_INVALID")
