"""Claims that cannot double: two instances on one database, Telegram answering
slowly, and dispatcher runs that outlast the claim lease.

Each send is preceded by a conditional renewal of its claim (same batch token,
younger than the lease, at the clock's time); a run renews the rest of its batch
as it goes. So an instance whose claims lapsed sends none of them, and one that
keeps renewing keeps them: every recipient gets exactly one message.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from jobs import DISPATCHER
from models import Notification
from tests.journeys.conftest import RunningBot, another_instance, due_announcements, run_job


def received(bot: RunningBot, users: list[int]) -> list[int]:
    """How many announcements each user got."""
    got = Counter(
        int(call.params["chat_id"])
        for call in bot.emulator.calls_to("sendMessage")
        if call.status == 200
    )
    return [got[user] for user in users]


async def statuses(bot: RunningBot) -> Counter[str]:
    async with bot.db() as session:
        return Counter(str(s) for s in (await session.scalars(select(Notification.status))).all())


async def until(condition: Callable[[], object]) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the condition never came true")


async def until_sent(bot: RunningBot, count: int) -> None:
    for _ in range(500):
        if (await statuses(bot))["sent"] >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never {count} sent: {await statuses(bot)}")


async def test_a_run_past_its_lease_sends_nothing_the_next_instance_took(
    bot: RunningBot,
) -> None:
    users = await due_announcements(
        bot,
        range(7300, 7305),
        broadcast_id=5,
        nip_stem="1987030320120110",
        text="Uji kompetensi dibuka",
    )
    bot.emulator.faults.delay(0.4, "sendMessage", times=5)  # Telegram answering slowly
    slow = bot.emulator.faults.rules[0]
    first = asyncio.create_task(run_job(bot.application, DISPATCHER))
    await until(lambda: slow.times == 4)  # the first message is on its way...
    bot.clock.advance(timedelta(minutes=3))  # ... and the run outlives its 2-minute lease
    await until_sent(bot, 1)

    async with another_instance(bot) as second:
        await run_job(second, DISPATCHER)  # takes the lapsed claims and sends them
        await first  # the first instance finds them gone and sends none of them
        # A row the first instance had locked at that moment (MariaDB's SKIP LOCKED
        # passes it by) is pending again: the next run, seconds later, sends it.
        await run_job(second, DISPATCHER)

    assert received(bot, users) == [1, 1, 1, 1, 1]
    assert await statuses(bot) == Counter({"sent": 5})


async def test_a_run_longer_than_the_lease_keeps_its_claims_by_renewing_them(
    bot: RunningBot,
) -> None:
    users = await due_announcements(
        bot,
        range(7300, 7305),
        broadcast_id=5,
        nip_stem="1987030320120110",
        text="Uji kompetensi dibuka",
    )
    bot.emulator.faults.delay(0.2, "sendMessage", times=5)
    first = asyncio.create_task(run_job(bot.application, DISPATCHER))
    for _ in range(3):  # each answer takes 50 s: after three the run is past the lease
        await bot.emulator.wait_for_call("sendMessage")
        bot.clock.advance(timedelta(seconds=50))

    async with another_instance(bot) as second:
        await run_job(second, DISPATCHER)  # nothing has lapsed: nothing to take
        await first

    assert received(bot, users) == [1, 1, 1, 1, 1]
    assert await statuses(bot) == Counter({"sent": 5})
    assert second.bot_data.metrics.notifications_sent._value.get() == 0
