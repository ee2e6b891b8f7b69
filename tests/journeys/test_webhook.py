"""Webhook mode, end to end: the emulator POSTs updates with the secret token to
the bot's own HTTP server; a call without the right secret is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
from pydantic import SecretStr

from bot.application import BotApplication, build_application, running
from bot.clock import FakeClock
from bot.web import SECRET_HEADER, WebServer
from models.db import create_engine
from sandbox import Emulator
from tests.journeys import conftest as harness
from tests.narrow import present
from tests.ports import free_port

SECRET = "rahasia_Webhook-42"


@dataclass
class WebhookBot:
    application: BotApplication
    server: WebServer
    emulator: Emulator

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}/telegram"


@pytest.fixture
async def webhook_bot(
    emulator: Emulator, database_url: str, clock: FakeClock
) -> AsyncIterator[WebhookBot]:
    """The real application in webhook mode, as `asnbot run --webhook` starts it."""
    port = free_port()
    settings = harness.test_settings(emulator, database_url).model_copy(
        update={
            "webhook_url": f"http://127.0.0.1:{port}/telegram",
            "webhook_secret": SecretStr(SECRET),
            "listen_port": port,
        }
    )
    engine = create_engine(database_url)
    application = build_application(settings, engine=engine, clock=clock)
    async with running(application, settings, webhook=True) as server:
        assert server is not None
        yield WebhookBot(application, server, emulator)
    await engine.dispose()


def forged_start(user_id: int) -> dict[str, object]:
    person = {"id": user_id, "is_bot": False, "first_name": "Penyusup"}
    return {
        "update_id": 999999,
        "message": {
            "message_id": 1,
            "date": 1740967200,
            "chat": {"id": user_id, "type": "private", "first_name": "Penyusup"},
            "from": person,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_the_bot_sets_its_webhook_with_the_secret(webhook_bot: WebhookBot) -> None:
    hook = webhook_bot.emulator.state.webhook

    assert hook is not None
    assert hook["url"] == webhook_bot.webhook_url
    assert hook["secret_token"] == SECRET


async def test_a_user_is_answered_through_the_webhook(webhook_bot: WebhookBot) -> None:
    user = webhook_bot.emulator.user(1001, first_name="Budi", language_code="id")

    await user.send("/start")
    reply = await user.next_message()

    assert "Selamat datang" in present(reply.text)
    assert reply.button_texts == ["Setuju", "Tidak setuju"]


@pytest.mark.parametrize("headers", [{SECRET_HEADER: "salah"}, {}])
async def test_a_wrong_or_missing_secret_gets_403_and_no_reply(
    webhook_bot: WebhookBot, headers: dict[str, str]
) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(webhook_bot.webhook_url, json=forged_start(5555), headers=headers) as resp,
    ):
        status = resp.status
    # A genuine update after the forged one: once it is answered, the forged one
    # would have been too.
    user = webhook_bot.emulator.user(1001, first_name="Budi", language_code="id")
    await user.send("/start")
    await user.next_message()

    assert status == 403
    replies = webhook_bot.emulator.calls_to("sendMessage")
    assert [call.params["chat_id"] for call in replies] == [1001]


async def test_healthz_answers_in_webhook_mode(webhook_bot: WebhookBot) -> None:
    url = f"http://127.0.0.1:{webhook_bot.server.port}/healthz"
    async with aiohttp.ClientSession() as http, http.get(url) as resp:
        body = await resp.json()

    assert resp.status == 200
    assert body["database"] is True
