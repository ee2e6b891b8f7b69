"""Fixtures: a running emulator, a python-telegram-bot Bot pointed at it, a raw client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from telegram import Bot

from sandbox import Emulator

TOKEN = "123456:TEST-TOKEN"


class FakeClock:
    """Monotonic seconds moved by hand, for rate limit tests."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator(token=TOKEN, rate_limits=False)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def bot(emu: Emulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=emu.base_url, base_file_url=emu.base_file_url) as tg_bot:
        yield tg_bot


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


RawCall = Callable[..., Awaitable[tuple[int, dict[str, Any]]]]


@pytest.fixture
def raw(emu: Emulator, http: aiohttp.ClientSession) -> RawCall:
    """Call the Bot API with a JSON body, without python-telegram-bot in between."""

    async def call(method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        async with http.post(f"{emu.base_url}{emu.token}/{method}", json=params) as resp:
            return resp.status, await resp.json()

    return call


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()
