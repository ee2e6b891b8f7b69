"""What users put in a chat (a text, a document: their content and the update the
bot receives) and :class:`ChatReader`, which waits for what the bot does in a chat."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.entities import auto_entities
from sandbox.state import Chat, ChatEvent, StoredMessage
from sandbox.views import Button, MessageView

if TYPE_CHECKING:
    from sandbox.emulator import Emulator


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
