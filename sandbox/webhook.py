"""Webhook delivery: POST pending updates, one at a time and in order, retrying failures."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import aiohttp

if TYPE_CHECKING:
    from sandbox.emulator import Emulator


async def deliver_webhooks(emu: Emulator) -> None:
    """Run until emu.closing; delivers state.updates to state.webhook."""
    state = emu.state
    attempt = 0
    timeout = aiohttp.ClientTimeout(total=emu.webhook_timeout)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        while not emu.closing:
            await state.updates_signal.wait_until(
                lambda: emu.closing or (state.webhook is not None and bool(state.updates)),
                3600,
            )
            hook = state.webhook
            if emu.closing or hook is None or not state.updates:
                continue
            update = state.updates[0]
            headers = {}
            if hook.get("secret_token"):
                headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
            error: str | None = None
            try:
                async with session.post(hook["url"], json=update, headers=headers) as resp:
                    if not 200 <= resp.status < 300:
                        error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                error = f"Connection failed: {exc.__class__.__name__}"
            if error is None:
                attempt = 0
                if state.updates and state.updates[0]["update_id"] == update["update_id"]:
                    state.updates.pop(0)
                continue
            state.webhook_last_error = (emu.now(), error)
            attempt += 1
            # Back off, but wake at once on stop or when the webhook changes.
            delay = min(emu.webhook_retry_delay * 2 ** (attempt - 1), 5.0)

            def moved_on(current: dict[str, Any] = hook) -> bool:
                return emu.closing or state.webhook is not current

            await state.updates_signal.wait_until(moved_on, delay)
            await asyncio.sleep(0)
