"""Implementations of the supported Bot API methods on top of the emulator state.

Each handler takes the validated, coerced parameters and returns the `result` value,
or raises ApiError with the real server's status and description. The checks a
message passes are in :mod:`sandbox.checks`; the methods that send no message in
:mod:`sandbox.methods_setup`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from sandbox.checks import (
    CHAT_ACTIONS,
    NOT_MODIFIED,
    bad,
    caption_content,
    check_markup,
    image_size,
    message_text,
)
from sandbox.errors import ApiError
from sandbox.methods_setup import SetupMethods
from sandbox.spec import UploadedFile
from sandbox.state import Chat, StoredFile, StoredMessage

if TYPE_CHECKING:
    from sandbox.emulator import Emulator

Handler = Callable[[dict[str, Any]], Awaitable[Any]]


class BotMethods(SetupMethods):
    """The handlers, looked up by canonical method name."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.state = emu.state
        self.handlers: dict[str, Handler] = {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendDocument": self.send_document,
            "sendPhoto": self.send_photo,
            "sendLocation": self.send_location,
            "sendVenue": self.send_venue,
            "sendChatAction": self.send_chat_action,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "getFile": self.get_file,
            "close": self.always_true,
            "logOut": self.always_true,
        }

    def _chat(self, params: dict[str, Any]) -> Chat:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int) or (
            chat_id not in self.emu.users and chat_id not in self.emu.groups
        ):
            raise bad("chat not found")
        return self.state.chat(chat_id)

    def _deliverable(self, chat: Chat) -> None:
        if not chat.blocked:
            return
        group = self.emu.groups.get(chat.chat_id)
        if group is not None:
            raise ApiError(403, f"Forbidden: bot is not a member of the {group.type} chat")
        raise ApiError(403, "Forbidden: bot was blocked by the user")

    def _replied(self, chat: Chat, reply: dict[str, Any] | None) -> dict[str, Any] | None:
        """The message ``reply_parameters`` names, as ``reply_to_message`` shows it."""
        if not reply:
            return None
        if reply.get("chat_id") not in (None, chat.chat_id):
            raise bad("replies to another chat are not supported by this emulator")
        target = chat.messages.get(reply.get("message_id", 0))
        if target is None or target.deleted:
            if reply.get("allow_sending_without_reply"):
                return None
            raise bad("message to be replied not found")
        # Like the real server: the replied message comes without its own reply.
        return {k: v for k, v in target.data.items() if k != "reply_to_message"}

    def _rate_limit(self, chat: Chat) -> None:
        retry_after = self.emu.limiter.check(chat.chat_id)
        if retry_after is not None:
            raise ApiError(
                429,
                f"Too Many Requests: retry after {retry_after}",
                {"retry_after": retry_after},
            )

    def _store_bot_message(
        self,
        chat: Chat,
        content: dict[str, Any],
        markup: dict[str, Any] | None,
        reply: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        self._deliverable(chat)
        replied = self._replied(chat, reply)
        self._rate_limit(chat)
        data: dict[str, Any] = {
            "message_id": chat.new_message_id(),
            "from": self.emu.bot_user,
            "chat": self.emu.chat_object(chat.chat_id),
            "date": self.emu.now(),
            **content,
        }
        if replied is not None:
            data["reply_to_message"] = replied
        stored = StoredMessage(data=data, from_bot=True)
        if markup and "inline_keyboard" in markup:
            data["reply_markup"] = markup
        elif markup:
            stored.reply_keyboard = markup
        chat.messages[data["message_id"]] = stored
        self.state.add_event(chat, "message", data["message_id"], stored)
        return data

    def _input_file(
        self, value: UploadedFile | str, folder: str, default_name: str | None
    ) -> StoredFile:
        if isinstance(value, UploadedFile):
            name = value.filename or default_name
            return self.state.add_file(value.data, folder, name, value.content_type or None)
        existing = self.state.files.get(value)
        if existing is not None:
            return existing
        if value.startswith(("http://", "https://")):
            raise bad("failed to get HTTP URL content")
        raise bad("wrong file identifier/HTTP URL specified")

    def _target(self, params: dict[str, Any], missing: str) -> tuple[Chat, StoredMessage]:
        if "inline_message_id" in params:
            raise bad("inline messages are not supported by this emulator")
        if "message_id" not in params:
            raise bad('parameter "message_id" is required')
        chat = self._chat(params)
        stored = chat.messages.get(params["message_id"])
        if stored is None or stored.deleted:
            raise bad(missing)
        return chat, stored

    async def send_message(self, params: dict[str, Any]) -> Any:
        """A text message to a user's private chat or a group."""
        chat = self._chat(params)
        text, entities = message_text(params)
        markup = params.get("reply_markup")
        check_markup(markup)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        if "link_preview_options" in params:
            content["link_preview_options"] = params["link_preview_options"]
        return self._store_bot_message(chat, content, markup, params.get("reply_parameters"))

    async def edit_message_text(self, params: dict[str, Any]) -> Any:
        """Replace the text (and inline keyboard) of one of the bot's messages."""
        if "text" not in params:
            raise bad('parameter "text" is required')
        chat, stored = self._target(params, "message to edit not found")
        if not stored.from_bot:
            raise bad("message can't be edited")
        if "text" not in stored.data:
            raise bad("there is no text in the message to edit")
        text, entities = message_text(params)
        markup = params.get("reply_markup")
        check_markup(markup)
        old = stored.data
        if (
            old.get("text") == text
            and old.get("entities", []) == entities
            and old.get("reply_markup") == markup
        ):
            raise bad(NOT_MODIFIED[len("Bad Request: ") :])
        self._deliverable(chat)
        old["text"] = text
        old.pop("entities", None)
        if entities:
            old["entities"] = entities
        # Like the real server: an edit without reply_markup removes the inline keyboard.
        old.pop("reply_markup", None)
        if markup:
            old["reply_markup"] = markup
        old["edit_date"] = self.emu.now()
        self.state.add_event(chat, "edit", old["message_id"], stored)
        return old

    async def edit_message_reply_markup(self, params: dict[str, Any]) -> Any:
        """Replace or remove the inline keyboard of one of the bot's messages."""
        chat, stored = self._target(params, "message to edit not found")
        if not stored.from_bot:
            raise bad("message can't be edited")
        markup = params.get("reply_markup")
        check_markup(markup)
        old = stored.data
        if old.get("reply_markup") == (markup or None):
            raise bad(NOT_MODIFIED[len("Bad Request: ") :])
        self._deliverable(chat)
        old.pop("reply_markup", None)
        if markup:
            old["reply_markup"] = markup
        old["edit_date"] = self.emu.now()
        self.state.add_event(chat, "edit", old["message_id"], stored)
        return old

    async def delete_message(self, params: dict[str, Any]) -> Any:
        """Delete a message (the bot's or the user's) in a private chat or a group."""
        chat, stored = self._target(params, "message to delete not found")
        stored.deleted = True
        self.state.add_event(chat, "delete", stored.data["message_id"])
        return True

    async def answer_callback_query(self, params: dict[str, Any]) -> Any:
        """Record the answer for the simulated user waiting on press()."""
        query = self.state.callback_queries.get(params["callback_query_id"])
        if query is None or query.answer is not None:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        if len(params.get("text", "")) > 200:
            raise bad("MESSAGE_TOO_LONG")
        query.answer = {
            "callback_query_id": query.query_id,
            "text": params.get("text"),
            "show_alert": params.get("show_alert", False),
            "url": params.get("url"),
        }
        self.state.add_event(
            self.state.chat(query.chat_id),
            "callback_answer",
            query.message_id,
            answer=query.answer,
        )
        return True

    async def send_document(self, params: dict[str, Any]) -> Any:
        """A document (uploaded or by file_id) with an optional caption."""
        chat = self._chat(params)
        caption = caption_content(params)
        markup = params.get("reply_markup")
        check_markup(markup)
        self._deliverable(chat)
        stored = self._input_file(params["document"], "documents", "document")
        document: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        return self._store_bot_message(
            chat, {"document": document, **caption}, markup, params.get("reply_parameters")
        )

    async def send_photo(self, params: dict[str, Any]) -> Any:
        """A photo (uploaded or by file_id), answered as a one-size PhotoSize list."""
        chat = self._chat(params)
        caption = caption_content(params)
        markup = params.get("reply_markup")
        check_markup(markup)
        self._deliverable(chat)
        stored = self._input_file(params["photo"], "photos", None)
        width, height = image_size(stored.data)
        photo = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.data),
                "width": width,
                "height": height,
            }
        ]
        return self._store_bot_message(
            chat, {"photo": photo, **caption}, markup, params.get("reply_parameters")
        )

    def _location(self, params: dict[str, Any]) -> dict[str, Any]:
        if not -90 <= params["latitude"] <= 90 or not -180 <= params["longitude"] <= 180:
            raise bad("wrong coordinates")
        return {"latitude": params["latitude"], "longitude": params["longitude"]}

    async def send_location(self, params: dict[str, Any]) -> Any:
        """A point on the map."""
        chat = self._chat(params)
        location = self._location(params)
        markup = params.get("reply_markup")
        check_markup(markup)
        return self._store_bot_message(
            chat, {"location": location}, markup, params.get("reply_parameters")
        )

    async def send_venue(self, params: dict[str, Any]) -> Any:
        """A venue: location plus title and address."""
        chat = self._chat(params)
        location = self._location(params)
        markup = params.get("reply_markup")
        check_markup(markup)
        venue: dict[str, Any] = {
            "location": location,
            "title": params["title"],
            "address": params["address"],
        }
        for key in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
            if key in params:
                venue[key] = params[key]
        return self._store_bot_message(
            chat, {"venue": venue, "location": location}, markup, params.get("reply_parameters")
        )

    async def send_chat_action(self, params: dict[str, Any]) -> Any:
        """Typing indicators: checked, then forgotten."""
        chat = self._chat(params)
        if params["action"] not in CHAT_ACTIONS:
            raise bad("wrong parameter action in request")
        self._deliverable(chat)
        return True
