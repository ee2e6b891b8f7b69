"""Read-only views of the messages a simulated user sees: text, HTML, buttons,
files, keyboards; and the answer to a pressed button."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox.entities import render_html
from sandbox.state import StoredMessage

if TYPE_CHECKING:
    from sandbox.emulator import Emulator


@dataclass(frozen=True)
class Button:
    """One inline keyboard button."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class DocumentView:
    """A document in a message, with its bytes."""

    file_id: str
    file_name: str | None
    mime_type: str | None
    data: bytes


@dataclass(frozen=True)
class PhotoView:
    """The largest size of a photo, with its bytes."""

    file_id: str
    width: int
    height: int
    data: bytes


class MessageView:
    """What a user sees of one message (a snapshot taken when the event happened)."""

    def __init__(self, stored: StoredMessage, emu: Emulator) -> None:
        self.stored = stored
        self.raw: dict[str, Any] = stored.data
        self._emu = emu

    def __repr__(self) -> str:
        return f"<MessageView #{self.message_id} {self.kind} {self.text!r} {self.button_texts}>"

    @property
    def message_id(self) -> int:
        """The message id in its chat."""
        return int(self.raw["message_id"])

    @property
    def sender_id(self) -> int | None:
        """The Telegram id of who sent it (a user or the bot); None for a channel post."""
        sender = self.raw.get("from")
        return None if sender is None else int(sender["id"])

    @property
    def reply_to_message_id(self) -> int | None:
        """The id of the message this one replies to, if any."""
        replied = self.raw.get("reply_to_message")
        return None if replied is None else int(replied["message_id"])

    @property
    def from_bot(self) -> bool:
        """True for the bot's messages, False for the user's own."""
        return self.stored.from_bot

    @property
    def text(self) -> str | None:
        """Plain text, or the caption of a media message."""
        value = self.raw.get("text", self.raw.get("caption"))
        return None if value is None else str(value)

    @property
    def entities(self) -> list[dict[str, Any]]:
        """Entities of the text or caption (UTF-16 offsets)."""
        result: list[dict[str, Any]] = self.raw.get(
            "entities", self.raw.get("caption_entities", [])
        )
        return result

    @property
    def html(self) -> str | None:
        """The text rendered back as Telegram HTML."""
        return None if self.text is None else render_html(self.text, self.entities)

    @property
    def kind(self) -> str:
        """text | document | photo | venue | location | contact."""
        for kind in ("document", "photo", "venue", "location", "contact"):
            if kind in self.raw:
                return kind
        return "text"

    @property
    def buttons(self) -> list[list[Button]]:
        """The inline keyboard, row by row (empty without one)."""
        rows = self.raw.get("reply_markup", {}).get("inline_keyboard", [])
        return [
            [Button(b["text"], b.get("callback_data"), b.get("url")) for b in row] for row in rows
        ]

    @property
    def button_texts(self) -> list[str]:
        """Labels of all inline buttons, flattened."""
        return [button.text for row in self.buttons for button in row]

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        """Labels of the reply keyboard sent with this message, or None."""
        markup = self.stored.reply_keyboard or {}
        if "keyboard" not in markup:
            return None
        return [[b if isinstance(b, str) else b["text"] for b in row] for row in markup["keyboard"]]

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        """The markup sent with this message as the JSON API shows it (see keyboard_json)."""
        if "reply_markup" in self.raw:
            return {"inline_keyboard": self.raw["reply_markup"].get("inline_keyboard", [])}
        return keyboard_json(self.stored.reply_keyboard)

    @property
    def document(self) -> DocumentView | None:
        """The document with its bytes, or None."""
        doc = self.raw.get("document")
        if doc is None:
            return None
        data = self._emu.state.files[doc["file_id"]].data
        return DocumentView(doc["file_id"], doc.get("file_name"), doc.get("mime_type"), data)

    @property
    def photo(self) -> PhotoView | None:
        """The largest photo size with its bytes, or None."""
        sizes = self.raw.get("photo")
        if not sizes:
            return None
        size = sizes[-1]
        data = self._emu.state.files[size["file_id"]].data
        return PhotoView(size["file_id"], size["width"], size["height"], data)

    @property
    def location(self) -> dict[str, Any] | None:
        """{"latitude", "longitude"} or None."""
        value: dict[str, Any] | None = self.raw.get("location")
        return value

    @property
    def venue(self) -> dict[str, Any] | None:
        """{"location", "title", "address", ...} or None."""
        value: dict[str, Any] | None = self.raw.get("venue")
        return value

    @property
    def contact(self) -> dict[str, Any] | None:
        """A shared contact or None."""
        value: dict[str, Any] | None = self.raw.get("contact")
        return value


def keyboard_button_json(button: str | dict[str, Any]) -> dict[str, Any]:
    """A reply keyboard button as {text, request_contact}."""
    if isinstance(button, str):
        return {"text": button, "request_contact": False}
    return {"text": button["text"], "request_contact": bool(button.get("request_contact"))}


def keyboard_json(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """A non-inline reply markup for the JSON API.

    ReplyKeyboardMarkup → {keyboard: rows of {text, request_contact}, one_time_keyboard,
    resize_keyboard, input_field_placeholder}; ReplyKeyboardRemove → {remove_keyboard:
    true}; ForceReply → {force_reply: true, input_field_placeholder}; nothing → None.
    """
    if not markup:
        return None
    if "keyboard" in markup:
        return {
            "keyboard": [[keyboard_button_json(b) for b in row] for row in markup["keyboard"]],
            "one_time_keyboard": bool(markup.get("one_time_keyboard")),
            "resize_keyboard": bool(markup.get("resize_keyboard")),
            "input_field_placeholder": markup.get("input_field_placeholder"),
        }
    if markup.get("remove_keyboard"):
        return {"remove_keyboard": True}
    if markup.get("force_reply"):
        return {
            "force_reply": True,
            "input_field_placeholder": markup.get("input_field_placeholder"),
        }
    return None


@dataclass
class CallbackAnswer:
    """The outcome of press(): the query id and, once the bot answered, its answer."""

    query_id: str
    answered: bool = False
    text: str | None = None
    show_alert: bool = False
    url: str | None = None
