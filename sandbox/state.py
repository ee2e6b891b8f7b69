"""In-memory state of the emulated server: chats, messages, files, updates, call records."""

from __future__ import annotations

import asyncio
import copy
import itertools
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Signal:
    """Wakes every waiter when something changed; waiters re-check their condition.

    A fresh asyncio.Event per generation avoids lost wake-ups without locks: a waiter
    takes the current event before checking, and notify() sets it.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake all current waiters."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:  # noqa: ASYNC109
        """Wait until predicate() is true or timeout (seconds) passes; returns predicate()."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._event
            if predicate():
                return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return predicate()


@dataclass
class StoredFile:
    """A file the users uploaded or the bot sent."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None

    def to_api(self) -> dict[str, Any]:
        """The File object getFile answers."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class StoredMessage:
    """A message in a chat; `data` has the Bot API Message shape."""

    data: dict[str, Any]
    from_bot: bool
    # Reply keyboards, ReplyKeyboardRemove and ForceReply are not part of the Message
    # object the API returns, but a simulated user sees them, so keep them here.
    reply_keyboard: dict[str, Any] | None = None
    deleted: bool = False


@dataclass
class ChatEvent:
    """One entry of a chat's event log (what the user would see happen)."""

    seq: int
    kind: str  # "message" | "user_message" | "edit" | "delete" | "callback_answer"
    message_id: int | None
    message: StoredMessage | None = None  # a snapshot for message/user_message/edit
    answer: dict[str, Any] | None = None  # for callback_answer


@dataclass
class Chat:
    """A private chat with one simulated user (chat id = user id), or a group's chat."""

    chat_id: int
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    events: list[ChatEvent] = field(default_factory=list)
    next_message_id: int = 1
    blocked: bool = False
    # The bot message whose one_time_keyboard the user tapped: hidden until a new keyboard.
    used_one_time_keyboard: int | None = None

    def new_message_id(self) -> int:
        """A chat numbers user and bot messages in one sequence."""
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class CallRecord:
    """One Bot API call as the emulator saw it."""

    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any] | None
    timestamp: float
    # When it was answered on the clock the flood limits use (``Emulator(monotonic=)``):
    # what a test measures the bot's pace by.
    at: float = 0.0


@dataclass
class CallbackQueryRecord:
    """A callback query a user sent and, once answered, the bot's answer."""

    query_id: str
    user_id: int
    message_id: int
    data: str
    chat_id: int  # the chat of the message with the button: the user's own or a group
    answer: dict[str, Any] | None = None


class State:
    """All mutable emulator state plus the signals that wake waiters on changes."""

    def __init__(self) -> None:
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.updates: list[dict[str, Any]] = []
        self.next_update_id = 1
        self.allowed_updates: list[str] = []
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.calls: list[CallRecord] = []
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.webhook: dict[str, Any] | None = None
        self.webhook_last_error: tuple[int, str] | None = None
        # getUpdates requests currently waiting, so tests can wait for a poll to be parked.
        self.polls_waiting = 0
        self.seq = itertools.count(1)
        self.updates_signal = Signal()
        self.chat_signal = Signal()
        self.calls_signal = Signal()
        self._file_counter = itertools.count(1)

    def chat(self, chat_id: int) -> Chat:
        """The chat with that id, created on first use."""
        if chat_id not in self.chats:
            self.chats[chat_id] = Chat(chat_id)
        return self.chats[chat_id]

    def add_event(
        self,
        chat: Chat,
        kind: str,
        message_id: int | None,
        message: StoredMessage | None = None,
        answer: dict[str, Any] | None = None,
    ) -> ChatEvent:
        """Append to the chat's log (with a snapshot of the message) and wake waiters."""
        snapshot = copy.deepcopy(message) if message is not None else None
        event = ChatEvent(next(self.seq), kind, message_id, snapshot, answer)
        chat.events.append(event)
        self.chat_signal.notify()
        return event

    def add_file(
        self, data: bytes, folder: str, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        """Store bytes under a fresh file_id and file_path."""
        number = next(self._file_counter)
        ext = ""
        if file_name and "." in file_name:
            ext = "." + file_name.rsplit(".", 1)[1]
        elif folder == "photos":
            ext = ".jpg"
        stored = StoredFile(
            file_id=f"{folder[:2].upper()}AC{number:04d}{secrets.token_hex(12)}",
            file_unique_id=f"AQAD{number:04d}{secrets.token_hex(4)}",
            data=data,
            file_path=f"{folder}/file_{number}{ext}",
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    def enqueue_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update unless allowed_updates filters its kind out."""
        if not self.update_allowed(kind):
            return None
        update = {"update_id": self.next_update_id, kind: payload}
        self.next_update_id += 1
        self.updates.append(update)
        self.updates_signal.notify()
        return update

    def update_allowed(self, kind: str) -> bool:
        """Telegram's default (empty list) excludes chat_member and reactions."""
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in ("chat_member", "message_reaction", "message_reaction_count")

    def confirm_updates(self, offset: int) -> None:
        """getUpdates offset: forget every update with a smaller id."""
        if offset < 0:
            keep = -offset
            self.updates = self.updates[-keep:] if keep else []
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def record_call(
        self,
        method: str,
        params: dict[str, Any],
        status: int,
        response: dict[str, Any] | None,
        at: float = 0.0,
    ) -> CallRecord:
        """Remember a call and wake wait_for_call waiters."""
        record = CallRecord(method, params, status, response, time.time(), at)
        self.calls.append(record)
        self.calls_signal.notify()
        return record
