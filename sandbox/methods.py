"""Implementations of the supported Bot API methods on top of the emulator state.

Each handler takes the validated, coerced parameters and returns the `result` value,
or raises ApiError with the real server's status and description.
"""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from sandbox.errors import ApiError
from sandbox.html import auto_entities, parse_html, strip_text, utf16_len
from sandbox.spec import UploadedFile
from sandbox.state import Chat, StoredFile, StoredMessage

if TYPE_CHECKING:
    from sandbox.emulator import Emulator

Handler = Callable[[dict[str, Any]], Awaitable[Any]]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_BUTTONS = 100
MAX_ROW = 8
# Methods that send a new message count against the flood limits.
SENDING_METHODS = {"sendMessage", "sendDocument", "sendPhoto", "sendLocation", "sendVenue"}
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_CHAT_ACTIONS = {
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
_BUTTON_NON_ACTION = {"text", "icon_custom_emoji_id", "style"}


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


class BotMethods:
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

    # ----------------------------------------------------------------- helpers

    def _chat(self, params: dict[str, Any]) -> Chat:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int) or (
            chat_id not in self.emu.users and chat_id not in self.emu.groups
        ):
            raise bad("chat not found")
        return self.state.chat(chat_id)

    def _formatted(
        self, text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
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

    def _message_text(self, params: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        text, entities = self._formatted(
            params["text"], params.get("parse_mode"), params.get("entities")
        )
        if not text:
            raise bad("message text is empty")
        if utf16_len(text) > MAX_TEXT:
            raise bad("message is too long")
        return text, entities

    def _caption(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("caption"):
            return {}
        text, entities = self._formatted(
            params["caption"], params.get("parse_mode"), params.get("caption_entities")
        )
        if utf16_len(text) > MAX_CAPTION:
            raise bad("message caption is too long")
        result: dict[str, Any] = {"caption": text} if text else {}
        if text and entities:
            result["caption_entities"] = entities
        return result

    def _check_markup(self, markup: dict[str, Any] | None) -> None:
        if not markup:
            return
        rows = markup.get("inline_keyboard")
        if rows is not None:
            if sum(len(row) for row in rows) > MAX_BUTTONS or any(
                len(row) > MAX_ROW for row in rows
            ):
                raise bad("too many buttons")
            for row in rows:
                for button in row:
                    actions = [
                        k
                        for k, v in button.items()
                        if k not in _BUTTON_NON_ACTION and v is not None
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

    # ----------------------------------------------------------------- methods

    async def always_true(self, params: dict[str, Any]) -> Any:
        """close / logOut: nothing to do locally."""
        return True

    async def get_me(self, params: dict[str, Any]) -> Any:
        """The bot user with the getMe-only fields."""
        return {
            **self.emu.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def get_updates(self, params: dict[str, Any]) -> Any:
        """Long polling: waits up to `timeout` seconds for the first update."""
        if self.state.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if "allowed_updates" in params:
            self.state.allowed_updates = list(params["allowed_updates"])
            self.state.updates = [
                u
                for u in self.state.updates
                if self.state.update_allowed(next(k for k in u if k != "update_id"))
            ]
        if "offset" in params:
            self.state.confirm_updates(params["offset"])
        limit = min(max(params.get("limit", 100), 1), 100)
        timeout = min(max(params.get("timeout", 0), 0), self.emu.max_long_poll)
        if timeout > 0 and not self.state.updates:
            self.state.polls_waiting += 1
            self.state.calls_signal.notify()
            try:
                await self.state.updates_signal.wait_until(
                    lambda: self.emu.closing or bool(self.state.updates), timeout
                )
            finally:
                self.state.polls_waiting -= 1
        return self.state.updates[:limit]

    async def set_webhook(self, params: dict[str, Any]) -> Any:
        """Set (or with an empty url remove) the webhook."""
        url = params["url"]
        if params.get("drop_pending_updates"):
            self.state.updates.clear()
        if not url:
            self.state.webhook = None
            return True
        if not re.match(r"^https?://\S+$", url):
            raise bad("invalid webhook URL specified")
        secret = params.get("secret_token")
        if secret is not None and not re.match(r"^[A-Za-z0-9_-]{1,256}$", secret):
            raise bad("secret token contains unallowed characters")
        if "allowed_updates" in params:
            self.state.allowed_updates = list(params["allowed_updates"])
        self.state.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": params.get("max_connections", 40),
        }
        self.state.webhook_last_error = None
        self.state.updates_signal.notify()
        return True

    async def delete_webhook(self, params: dict[str, Any]) -> Any:
        """Remove the webhook so getUpdates works again."""
        self.state.webhook = None
        if params.get("drop_pending_updates"):
            self.state.updates.clear()
        self.state.updates_signal.notify()
        return True

    async def get_webhook_info(self, params: dict[str, Any]) -> Any:
        """WebhookInfo, including the last delivery error."""
        hook = self.state.webhook
        info: dict[str, Any] = {
            "url": hook["url"] if hook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
        if hook:
            info["max_connections"] = hook["max_connections"]
            if self.state.allowed_updates:
                info["allowed_updates"] = self.state.allowed_updates
        if self.state.webhook_last_error:
            info["last_error_date"], info["last_error_message"] = self.state.webhook_last_error
        return info

    async def send_message(self, params: dict[str, Any]) -> Any:
        """A text message to a user's private chat or a group."""
        chat = self._chat(params)
        text, entities = self._message_text(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
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
        text, entities = self._message_text(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
        old = stored.data
        if (
            old.get("text") == text
            and old.get("entities", []) == entities
            and old.get("reply_markup") == markup
        ):
            raise bad(_NOT_MODIFIED[len("Bad Request: ") :])
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
        self._check_markup(markup)
        old = stored.data
        if old.get("reply_markup") == (markup or None):
            raise bad(_NOT_MODIFIED[len("Bad Request: ") :])
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
        caption = self._caption(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
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
        caption = self._caption(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
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
        self._check_markup(markup)
        return self._store_bot_message(
            chat, {"location": location}, markup, params.get("reply_parameters")
        )

    async def send_venue(self, params: dict[str, Any]) -> Any:
        """A venue: location plus title and address."""
        chat = self._chat(params)
        location = self._location(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
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
        if params["action"] not in _CHAT_ACTIONS:
            raise bad("wrong parameter action in request")
        self._deliverable(chat)
        return True

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), params.get("language_code", "")

    async def set_my_commands(self, params: dict[str, Any]) -> Any:
        """Store the command list for one (scope, language_code)."""
        commands = params["commands"]
        if len(commands) > 100:
            raise bad("too many commands")
        for command in commands:
            if not _COMMAND_RE.match(command["command"]):
                raise bad("BOT_COMMAND_INVALID")
            description = command["description"].strip()
            if not description:
                raise bad("command description is empty")
            if len(description) > 256:
                raise bad("command description is too long")
        key = self._commands_key(params)
        if commands:
            self.state.commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self.state.commands.pop(key, None)
        return True

    async def get_my_commands(self, params: dict[str, Any]) -> Any:
        """The command list for exactly that (scope, language_code)."""
        return self.state.commands.get(self._commands_key(params), [])

    async def delete_my_commands(self, params: dict[str, Any]) -> Any:
        """Forget the command list for that (scope, language_code)."""
        self.state.commands.pop(self._commands_key(params), None)
        return True

    async def get_file(self, params: dict[str, Any]) -> Any:
        """File info with the file_path to download from /file/bot<token>/."""
        stored = self.state.files.get(params["file_id"])
        if stored is None:
            raise bad("invalid file_id")
        return stored.to_api()
