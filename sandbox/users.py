"""Simulated Telegram users: they type, share contacts and files, press buttons and
block the bot, in their private chat with it."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from sandbox.chats import ChatReader, document_content, post_message, text_content
from sandbox.state import StoredMessage
from sandbox.views import CallbackAnswer, MessageView

if TYPE_CHECKING:
    from sandbox.emulator import Emulator


_query_ids = itertools.count(1)


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
