"""Simulated Telegram users and read-only views of the messages they see."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox.html import auto_entities, render_html
from sandbox.state import Chat, ChatEvent, StoredMessage

if TYPE_CHECKING:
    from sandbox.emulator import Emulator

_query_ids = itertools.count(1)


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


def text_content(text: str) -> dict[str, Any]:
    """A text message's content; links, @mentions and /commands get entities like real ones."""
    if not text:
        raise ValueError("text must not be empty")
    content: dict[str, Any] = {"text": text}
    entities = auto_entities(text)
    if entities:
        content["entities"] = entities
    return content


def document_content(
    emu: Emulator, file_name: str, data: bytes, mime_type: str | None, caption: str | None
) -> dict[str, Any]:
    """Store an uploaded document (the bot can getFile it) and return the message content."""
    stored = emu.state.add_file(data, "documents", file_name, mime_type)
    document: dict[str, Any] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": file_name,
        "file_size": len(data),
    }
    if mime_type:
        document["mime_type"] = mime_type
    content: dict[str, Any] = {"document": document}
    if caption:
        content["caption"] = caption
        entities = auto_entities(caption)
        if entities:
            content["caption_entities"] = entities
    return content


def post_message(
    emu: Emulator,
    chat: Chat,
    chat_object: dict[str, Any],
    sender: dict[str, Any] | None,
    content: dict[str, Any],
    kind: str = "message",
) -> dict[str, Any]:
    """Put a message from ``sender`` (None: a channel post) in ``chat`` and queue its update."""
    data: dict[str, Any] = {"message_id": chat.new_message_id()}
    if sender is not None:
        data["from"] = sender
    data.update(chat=chat_object, date=emu.now(), **content)
    stored = StoredMessage(data=data, from_bot=False)
    chat.messages[data["message_id"]] = stored
    emu.state.add_event(chat, "user_message", data["message_id"], stored)
    emu.state.enqueue_update(kind, data)
    return data


class ChatReader:
    """One chat as a test reads it: its messages, the next new ones, its buttons.

    A private chat (:class:`SimulatedUser`) or a group's (``sandbox.groups``).
    """

    def __init__(self, emu: Emulator, chat_id: int) -> None:
        self.emu = emu
        self.chat_id = chat_id
        # One cursor per event kind so reading messages never skips edits and vice versa.
        self._cursors: dict[str, int] = {}

    @property
    def chat(self) -> Chat:
        """The state of the chat."""
        return self.emu.state.chat(self.chat_id)

    @property
    def chat_messages(self) -> list[MessageView]:
        """Current state of the chat: edits applied, deleted messages left out."""
        return [MessageView(m, self.emu) for m in self.chat.messages.values() if not m.deleted]

    def _describe(self) -> str:
        views = self.chat_messages
        if not views:
            return "(no messages)"
        return "; ".join(
            f"#{v.message_id} {'bot' if v.from_bot else 'user'} {v.kind} {v.text!r}"
            + (f" buttons={v.button_texts}" if v.buttons else "")
            for v in views
        )

    def _find_button(
        self, label: str | None, callback_data: str | None, message: MessageView | None
    ) -> tuple[StoredMessage, Button]:
        candidates = (
            [self.chat.messages[message.message_id]]
            if message is not None
            else [m for m in reversed(list(self.chat.messages.values())) if m.from_bot]
        )
        for stored in candidates:
            if stored.deleted:
                continue
            for button in (b for row in MessageView(stored, self.emu).buttons for b in row):
                if (label is not None and button.text == label) or (
                    callback_data is not None and button.callback_data == callback_data
                ):
                    return stored, button
            if message is None and MessageView(stored, self.emu).buttons:
                # Only the newest message with a keyboard counts, like a user scrolling.
                break
        raise AssertionError(
            f"no inline button {label or callback_data!r}; the chat holds: {self._describe()}"
        )

    async def _next_event(self, kind: str, timeout: float) -> ChatEvent:  # noqa: ASYNC109
        chat = self.chat
        start = self._cursors.get(kind, 0)
        found: list[ChatEvent] = []

        def ready() -> bool:
            for index in range(self._cursors.get(kind, start), len(chat.events)):
                if chat.events[index].kind == kind:
                    self._cursors[kind] = index + 1
                    found.append(chat.events[index])
                    return True
            self._cursors[kind] = len(chat.events)
            return False

        if not await self.emu.state.chat_signal.wait_until(ready, timeout):
            raise AssertionError(
                f"no new {kind} in chat {self.chat_id} within {timeout}s; the chat holds: "
                f"{self._describe()}"
            )
        return found[0]

    async def next_message(self, timeout: float = 5.0) -> MessageView:  # noqa: ASYNC109
        """The next new message the bot sent to this chat."""
        event = await self._next_event("message", timeout)
        assert event.message is not None
        return MessageView(event.message, self.emu)

    async def next_edit(self, timeout: float = 5.0) -> MessageView:  # noqa: ASYNC109
        """The next edit of a message in this chat (its content after that edit)."""
        event = await self._next_event("edit", timeout)
        assert event.message is not None
        return MessageView(event.message, self.emu)

    async def next_deletion(self, timeout: float = 5.0) -> int:  # noqa: ASYNC109
        """The id of the next message the bot deleted."""
        event = await self._next_event("delete", timeout)
        assert event.message_id is not None
        return event.message_id


class SimulatedUser(ChatReader):
    """A Telegram user chatting privately with the bot (and posting in groups, see
    ``sandbox.groups``). Create with Emulator.user()."""

    def __init__(
        self,
        emu: Emulator,
        user_id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        phone_number: str | None = None,
    ) -> None:
        super().__init__(emu, user_id)
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.phone_number = phone_number

    def __repr__(self) -> str:
        return f"<SimulatedUser {self.id} {self.first_name!r}>"

    # ------------------------------------------------------------ API objects

    def user_object(self) -> dict[str, Any]:
        """The User object of this user."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                user[key] = getattr(self, key)
        return user

    def chat_object(self) -> dict[str, Any]:
        """The Chat object of the private chat with this user."""
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name is not None:
            chat["last_name"] = self.last_name
        if self.username is not None:
            chat["username"] = self.username
        return chat

    def to_json(self) -> dict[str, Any]:
        """The user as the JSON API shows it."""
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "username": self.username,
            "language_code": self.language_code,
            "phone_number": self.phone_number,
            "blocked": self.chat.blocked,
        }

    # ------------------------------------------------------------ acting

    def _post(self, content: dict[str, Any]) -> dict[str, Any]:
        """Put a user message in the private chat and queue its update."""
        if self.chat.blocked:
            raise AssertionError(f"user {self.id} has blocked the bot; unblock() first")
        return post_message(self.emu, self.chat, self.chat_object(), self.user_object(), content)

    async def send(self, text: str) -> dict[str, Any]:
        """Send a text message; links, @mentions and /commands get entities like real ones."""
        return self._post(text_content(text))

    async def share_contact(
        self,
        phone_number: str | None = None,
        user_id: int | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> dict[str, Any]:
        """Share a contact: without arguments the user's own (needs phone_number)."""
        return self._post(
            {"contact": self.contact_object(phone_number, user_id, first_name, last_name)}
        )

    def contact_object(
        self,
        phone_number: str | None = None,
        user_id: int | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> dict[str, Any]:
        """The Contact a share sends: without arguments the user's own (needs phone_number)."""
        if phone_number is None:
            if not self.phone_number:
                raise ValueError(f"user {self.id} has no phone_number to share")
            contact: dict[str, Any] = {
                "phone_number": self.phone_number,
                "first_name": self.first_name,
                "user_id": self.id,
            }
            if self.last_name:
                contact["last_name"] = self.last_name
        else:
            contact = {"phone_number": phone_number, "first_name": first_name or "Contact"}
            if last_name:
                contact["last_name"] = last_name
            if user_id is not None:
                contact["user_id"] = user_id
        return contact

    async def send_location(self, latitude: float, longitude: float) -> dict[str, Any]:
        """Share a location."""
        return self._post({"location": {"latitude": latitude, "longitude": longitude}})

    async def send_document(
        self,
        file_name: str,
        data: bytes,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """Upload a document; the bot can getFile and download it."""
        return self._post(document_content(self.emu, file_name, data, mime_type, caption))

    async def press(
        self,
        label: str | None = None,
        *,
        callback_data: str | None = None,
        message: MessageView | None = None,
        wait_answer: float | None = 5.0,
    ) -> CallbackAnswer:
        """Press an inline button (by label or callback_data) and wait for the answer.

        Uses the newest bot message with an inline keyboard unless `message` is given.
        With wait_answer=None returns at once (answered=False); otherwise raises
        AssertionError if answerCallbackQuery does not arrive in time.
        """
        stored, button = self._find_button(label, callback_data, message)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} has no callback_data ({button})")
        return await self.send_callback(stored, button.callback_data, button.text, wait_answer)

    async def press_forged(
        self,
        callback_data: str,
        *,
        message: MessageView | None = None,
        wait_answer: float | None = 5.0,
    ) -> CallbackAnswer:
        """Send a callback query with any data, as a modified client can: no button needed.

        Uses ``message`` or else the newest bot message; for tests that the bot checks
        what a callback refers to instead of trusting it.
        """
        if message is not None:
            stored = self.chat.messages[message.message_id]
        else:
            from_bot = [m for m in self.chat.messages.values() if m.from_bot]
            if not from_bot:
                raise AssertionError("no bot message to attach a forged callback query to")
            stored = from_bot[-1]
        return await self.send_callback(stored, callback_data, callback_data, wait_answer)

    async def send_callback(
        self, stored: StoredMessage, data: str, name: str, wait_answer: float | None
    ) -> CallbackAnswer:
        """Press a button with ``data`` on ``stored``, a bot message in any chat the user
        sees (the private one or a group's); waits for the answer like :meth:`press`."""
        query_id = f"{self.id}{next(_query_ids):010d}"
        message_id = stored.data["message_id"]
        chat_id = stored.data["chat"]["id"]
        record = self.emu.register_callback_query(query_id, self.id, message_id, data, chat_id)
        self.emu.state.enqueue_update(
            "callback_query",
            {
                "id": query_id,
                "from": self.user_object(),
                "message": stored.data,
                "chat_instance": str(chat_id * 7919 % 10**12),
                "data": data,
            },
        )
        answer = CallbackAnswer(query_id)
        if wait_answer is None:
            return answer
        ok = await self.emu.state.chat_signal.wait_until(
            lambda: record.answer is not None, wait_answer
        )
        if not ok or record.answer is None:
            raise AssertionError(
                f"the bot did not answer the callback query for {name!r} within {wait_answer}s"
            )
        answer.answered = True
        answer.text = record.answer.get("text")
        answer.show_alert = bool(record.answer.get("show_alert"))
        answer.url = record.answer.get("url")
        return answer

    def _keyboard_message(self) -> StoredMessage | None:
        """The bot message whose reply keyboard is shown now, if any."""
        for stored in reversed(list(self.chat.messages.values())):
            markup = stored.reply_keyboard
            if stored.from_bot and markup:
                if "keyboard" in markup:
                    if stored.data["message_id"] == self.chat.used_one_time_keyboard:
                        return None  # a one-time keyboard, hidden after a tap
                    return stored
                if markup.get("remove_keyboard"):
                    return None
        return None

    def current_reply_keyboard(self) -> dict[str, Any] | None:
        """The reply keyboard markup currently shown.

        None when never sent, removed with ReplyKeyboardRemove, or a one_time_keyboard
        the user already tapped (until the bot sends another keyboard).
        """
        stored = self._keyboard_message()
        return None if stored is None else stored.reply_keyboard

    async def tap(self, label: str) -> dict[str, Any]:
        """Tap a reply keyboard button: sends its text, or the contact for request_contact.

        Raises AssertionError when no such button is shown, ValueError when the button
        requests the contact and the user has no phone_number.
        """
        stored = self._keyboard_message()
        markup = None if stored is None else stored.reply_keyboard
        if stored is not None and markup is not None:
            for row in markup["keyboard"]:
                for button in row:
                    text = button if isinstance(button, str) else button["text"]
                    if text != label:
                        continue
                    if isinstance(button, dict) and button.get("request_contact"):
                        if not self.phone_number:
                            raise ValueError(
                                f"button {label!r} shares the user's contact, but user "
                                f"{self.id} has no phone_number; set one first"
                            )
                        data = await self.share_contact()
                    else:
                        data = await self.send(text)
                    if markup.get("one_time_keyboard"):
                        self.chat.used_one_time_keyboard = stored.data["message_id"]
                    return data
        raise AssertionError(
            f"no reply keyboard button {label!r}; keyboard: "
            f"{markup['keyboard'] if markup else None}"
        )

    async def block(self) -> None:
        """Block the bot: sends fail with 403 and the bot gets a my_chat_member update."""
        await self._set_blocked(True)

    async def unblock(self) -> None:
        """Unblock the bot (restart it)."""
        await self._set_blocked(False)

    async def _set_blocked(self, blocked: bool) -> None:
        if self.chat.blocked == blocked:
            return
        self.chat.blocked = blocked
        member = {"user": self.emu.bot_user, "status": "member"}
        kicked = {"user": self.emu.bot_user, "status": "kicked", "until_date": 0}
        self.emu.state.enqueue_update(
            "my_chat_member",
            {
                "chat": self.chat_object(),
                "from": self.user_object(),
                "date": self.emu.now(),
                "old_chat_member": member if blocked else kicked,
                "new_chat_member": kicked if blocked else member,
            },
        )
