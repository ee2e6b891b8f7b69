"""The Bot API methods around the messages: who the bot is, how it gets its updates
(getUpdates, webhooks), its command menus and its files."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from sandbox.checks import COMMAND_RE, bad
from sandbox.errors import ApiError

if TYPE_CHECKING:
    from sandbox.emulator import Emulator
    from sandbox.state import State


class SetupMethods:
    """getMe, getUpdates, the webhook, the command menus and getFile."""

    emu: Emulator
    state: State

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
            if not COMMAND_RE.match(command["command"]):
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
