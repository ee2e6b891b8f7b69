"""Simulated group chats: groups, supergroups and channels the bot is a member of.

Several simulated users post into one group; each message arrives as Telegram
delivers it: ``from`` is the user, ``chat`` the group (a negative id and a title),
a command keeps its ``@botusername`` inside one ``bot_command`` entity. What the bot
sends to the group's chat id is stored in the group's chat and read with
:attr:`SimulatedGroup.messages` and :meth:`~sandbox.chats.ChatReader.next_message`.

Every message is delivered, as Telegram does for a bot that is an admin of the group
or has privacy mode off; privacy mode's filter (only commands and replies to the
bot) is not emulated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.chats import ChatReader, document_content, post_message, text_content
from sandbox.users import SimulatedUser
from sandbox.views import CallbackAnswer, MessageView

if TYPE_CHECKING:
    from sandbox.emulator import Emulator

CHAT_TYPES = ("group", "supergroup", "channel")


class SimulatedGroup(ChatReader):
    """A group, supergroup or channel with the bot in it. Create with Emulator.group()."""

    def __init__(
        self,
        emu: Emulator,
        chat_id: int,
        title: str,
        chat_type: str = "supergroup",
        username: str | None = None,
    ) -> None:
        if chat_id >= 0:
            raise ValueError(f"a group's chat id is negative (user ids are positive): {chat_id}")
        if chat_type not in CHAT_TYPES:
            raise ValueError(f"chat_type must be one of {CHAT_TYPES}, got {chat_type!r}")
        if not title:
            raise ValueError("a group needs a title")
        super().__init__(emu, chat_id)
        self.id = chat_id
        self.title = title
        self.type = chat_type
        self.username = username

    def __repr__(self) -> str:
        return f"<SimulatedGroup {self.id} {self.type} {self.title!r}>"

    def chat_object(self) -> dict[str, Any]:
        """The Chat object of this group."""
        chat: dict[str, Any] = {"id": self.id, "type": self.type, "title": self.title}
        if self.username is not None:
            chat["username"] = self.username
        return chat

    @property
    def messages(self) -> list[MessageView]:
        """Everything in the group now, the users' and the bot's, edits applied,
        deleted messages left out."""
        return self.chat_messages

    @property
    def bot_messages(self) -> list[MessageView]:
        """What the bot has posted in the group (and not deleted)."""
        return [view for view in self.chat_messages if view.from_bot]

    # ------------------------------------------------------------ acting

    def _post(self, user: SimulatedUser, content: dict[str, Any]) -> dict[str, Any]:
        if self.type == "channel":
            raise ValueError("users do not post in a channel; use post() for a channel post")
        if self.chat.blocked:
            raise AssertionError(f"the bot is not in {self.title!r}; add_bot() first")
        return post_message(self.emu, self.chat, self.chat_object(), user.user_object(), content)

    async def send(self, user: SimulatedUser, text: str) -> dict[str, Any]:
        """``user`` posts a text (``/hasil@bot`` gets one bot_command entity, as in Telegram)."""
        return self._post(user, text_content(text))

    async def share_contact(
        self,
        user: SimulatedUser,
        phone_number: str | None = None,
        contact_user_id: int | None = None,
        first_name: str | None = None,
    ) -> dict[str, Any]:
        """``user`` shares a contact in the group: without arguments their own."""
        contact = user.contact_object(phone_number, contact_user_id, first_name)
        return self._post(user, {"contact": contact})

    async def send_document(
        self,
        user: SimulatedUser,
        file_name: str,
        data: bytes,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """``user`` uploads a document to the group."""
        return self._post(user, document_content(self.emu, file_name, data, mime_type, caption))

    async def press(
        self,
        user: SimulatedUser,
        label: str | None = None,
        *,
        callback_data: str | None = None,
        message: MessageView | None = None,
        wait_answer: float | None = 5.0,
    ) -> CallbackAnswer:
        """``user`` presses an inline button of a bot message in the group (the newest with
        a keyboard unless ``message`` is given); waits for the answer like
        :meth:`SimulatedUser.press`."""
        stored, button = self._find_button(label, callback_data, message)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} has no callback_data ({button})")
        return await user.send_callback(stored, button.callback_data, button.text, wait_answer)

    async def post(self, text: str) -> dict[str, Any]:
        """A channel post (type ``channel`` only): no ``from``, a ``channel_post`` update."""
        if self.type != "channel":
            raise ValueError("post() is for channels; users send() in groups")
        content = {**text_content(text), "sender_chat": self.chat_object()}
        return post_message(self.emu, self.chat, self.chat_object(), None, content, "channel_post")

    async def add_bot(self, by: SimulatedUser) -> None:
        """``by`` adds the bot: a ``my_chat_member`` update and the service message."""
        self.chat.blocked = False
        self._member_change(by, "left", "member")
        if self.type != "channel":
            post_message(
                self.emu,
                self.chat,
                self.chat_object(),
                by.user_object(),
                {"new_chat_members": [self.emu.bot_user]},
            )

    async def remove_bot(self, by: SimulatedUser) -> None:
        """``by`` removes the bot: a ``my_chat_member`` update; sending here fails with 403."""
        self.chat.blocked = True
        self._member_change(by, "member", "left")

    def _member_change(self, by: SimulatedUser, old: str, new: str) -> None:
        self.emu.state.enqueue_update(
            "my_chat_member",
            {
                "chat": self.chat_object(),
                "from": by.user_object(),
                "date": self.emu.now(),
                "old_chat_member": {"user": self.emu.bot_user, "status": old},
                "new_chat_member": {"user": self.emu.bot_user, "status": new},
            },
        )
