"""Several users at once, each user's updates in order (bot/updates.py)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from pydantic import SecretStr
from telegram import Chat, Message, Update, User

from bot.application import build_application
from bot.settings import Settings
from bot.updates import PerUserUpdateProcessor


def text_from(user_id: int, update_id: int) -> Update:
    user = User(id=user_id, first_name="Pegawai", is_bot=False)
    chat = Chat(id=user_id, type=Chat.PRIVATE)
    message = Message(update_id, datetime(2025, 3, 3, tzinfo=UTC), chat, from_user=user, text="x")
    return Update(update_id, message=message)


async def test_another_user_is_answered_while_one_waits_and_each_keeps_order() -> None:
    processor = PerUserUpdateProcessor(8)
    seen: list[str] = []
    slow = asyncio.Event()

    async def handle(name: str, until: asyncio.Event | None = None) -> None:
        seen.append(f"start {name}")
        if until is not None:
            await until.wait()
        seen.append(f"end {name}")

    first = asyncio.create_task(processor.process_update(text_from(1, 1), handle("a1", slow)))
    second = asyncio.create_task(processor.process_update(text_from(1, 2), handle("a2")))
    other = asyncio.create_task(processor.process_update(text_from(2, 3), handle("b1")))
    await other
    assert seen == ["start a1", "start b1", "end b1"]
    assert processor.users_in_flight == 1

    slow.set()
    await asyncio.gather(first, second)
    assert seen[3:] == ["end a1", "start a2", "end a2"]
    assert processor.users_in_flight == 0


async def test_one_users_burst_does_not_hold_back_the_others() -> None:
    processor = PerUserUpdateProcessor(2)
    seen: list[str] = []
    slow, first_running = asyncio.Event(), asyncio.Event()

    async def handle(name: str, until: asyncio.Event | None = None) -> None:
        seen.append(name)
        if until is not None:
            first_running.set()
            await until.wait()

    burst = [
        asyncio.create_task(
            processor.process_update(text_from(1, n), handle(f"a{n}", slow if n == 1 else None))
        )
        for n in range(1, 6)
    ]
    await first_running.wait()
    await processor.process_update(text_from(2, 9), handle("b"))
    assert seen == ["a1", "b"]

    slow.set()
    await asyncio.gather(*burst)
    assert seen[2:] == ["a2", "a3", "a4", "a5"]


async def test_no_more_than_the_limit_run_at_once() -> None:
    processor = PerUserUpdateProcessor(2)
    started: list[int] = []
    release, two_running = asyncio.Event(), asyncio.Event()

    async def handle(user_id: int) -> None:
        started.append(user_id)
        if len(started) == 2:
            two_running.set()
        await release.wait()

    tasks = [
        asyncio.create_task(processor.process_update(text_from(u, u), handle(u))) for u in (1, 2, 3)
    ]
    await two_running.wait()
    for _ in range(10):
        await asyncio.sleep(0)  # give the third every chance to start, were it allowed
    assert started == [1, 2]

    release.set()
    await asyncio.gather(*tasks)
    assert started == [1, 2, 3]


async def test_a_failing_update_lets_the_same_users_next_one_run() -> None:
    processor = PerUserUpdateProcessor(2)
    seen: list[str] = []

    async def fail() -> None:
        raise RuntimeError("handler bug")

    async def handle() -> None:
        seen.append("next")

    failing = asyncio.create_task(processor.process_update(text_from(1, 1), fail()))
    after = asyncio.create_task(processor.process_update(text_from(1, 2), handle()))
    results = await asyncio.gather(failing, after, return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    assert seen == ["next"]
    assert processor.users_in_flight == 0


async def test_updates_without_a_user_or_chat_are_not_held_back_by_each_other() -> None:
    processor = PerUserUpdateProcessor(4)
    started, never = asyncio.Event(), asyncio.Event()
    seen: list[str] = []

    async def stuck() -> None:
        started.set()
        await never.wait()

    async def handle() -> None:
        seen.append("done")

    held = asyncio.create_task(processor.process_update(Update(1), stuck()))
    await started.wait()
    await processor.process_update(Update(2), handle())
    assert seen == ["done"]
    assert processor.users_in_flight == 0
    held.cancel()


def test_the_bot_takes_as_many_updates_at_once_as_the_setting_says() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        token=SecretStr("123456:TEST-TOKEN"),
        database_url="sqlite+aiosqlite:///:memory:",
        concurrent_updates=3,
    )
    application = build_application(settings)
    assert isinstance(application.update_processor, PerUserUpdateProcessor)
    assert application.update_processor.limit == 3
