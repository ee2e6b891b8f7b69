"""What a person reads must never show markup: after Telegram has parsed the HTML,
no message, caption or button label of the bot may still hold a tag (``<b>``,
``</i>``) or an escaped one (``&lt;b&gt;``). A tag shown literally means a text was
escaped twice, or sent where no HTML is parsed (a button label, an alert)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sandbox import Emulator

# A tag as the bot would write one: <b>, </b>, <a href=...>, <code>; or escaped.
_TAG = re.compile(
    r"</?(b|i|u|s|a|code|pre|strong|em|ins|del|strike|tg-spoiler|blockquote|span)\b[^<>]*>"
    r"|&lt;/?[a-z-]+(?:\s[^&]*)?&gt;"
    r"|&(?:amp|lt|gt|quot);",
    re.IGNORECASE,
)

# Texts that name markup on purpose: the announcement prompt tells the admin which tags
# their own text may use, and a refused text how to write a plain "<".
SHOWN_ON_PURPOSE = ("(<b>, <i>, <a href=", "&lt; untuk", "&lt; for")


def _readable(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Where a message shows words: its text or caption, then its button labels."""
    for field in ("text", "caption"):
        if isinstance(data.get(field), str):
            yield field, data[field]
    for row in (data.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            yield "button", str(button.get("text", ""))


def literal_markup(emulator: Emulator) -> list[str]:
    """Every place a bot message, button or alert shows a tag as text, once each."""
    found: dict[str, None] = {}
    for chat in emulator.state.chats.values():
        for event in chat.events:
            texts: list[tuple[str, str]] = []
            if event.message is not None and event.message.from_bot:
                texts += _readable(event.message.data)
                keyboard = event.message.reply_keyboard or {}
                for row in keyboard.get("keyboard", []):
                    for button in row:
                        label = button if isinstance(button, str) else button.get("text", "")
                        texts.append(("reply button", str(label)))
            if event.answer and isinstance(event.answer.get("text"), str):
                texts.append(("alert", event.answer["text"]))
            for where, text in texts:
                for shown in SHOWN_ON_PURPOSE:
                    text = text.replace(shown, "")
                match = _TAG.search(text)
                if match:
                    found[f"chat {chat.chat_id}, {where}: {match.group(0)!r} in {text[:200]!r}"] = (
                        None
                    )
    return list(found)
