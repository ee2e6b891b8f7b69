"""Telegram's limits, kept by the bot itself (bot/flood.py): a person's course
openings come as one message, one chat gets about one message a second after a
short burst, an announcement never goes faster than the rate in any second, and a
429 holds every sender back.

The emulator enforces Telegram's limits at their defaults on the test's clock and
the bot paces itself on the same clock, so waiting moves the clock: nobody sleeps.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jobs import DISPATCHER, FORGET_PACES, PLANNER
from models import Notification, SendPace
from sandbox.limits import RateLimiter, busiest
from sandbox.state import CallRecord
from tests.factories import add_course, add_employee, add_linked_user, add_released_result
from tests.journeys.conftest import RunningBot, another_instance, due_announcements

BUDI = 6101
# Tuesday 6 May 2025, 10.00 WIB: a working morning, no JP nudges before October.
MAY_6 = datetime(2025, 5, 6, 3, 0, tzinfo=UTC)
COURSES = (
    "Komunikasi Efektif",
    "Negosiasi dan Mediasi",
    "Pelayanan Publik Prima",
    "Kepemimpinan Pancasila",
    "Menulis Naskah Dinas",
    "Public Speaking",
    "Integritas ASN",
    "Manajemen Konflik",
    "Kerja Sama Tim",
    "Orientasi pada Hasil",
)


def sends(bot: RunningBot) -> list[CallRecord]:
    """Every call that posted a new message, in the order the emulator answered them."""
    return [
        call
        for call in bot.emulator.calls
        if call.method in ("sendMessage", "sendPhoto", "sendDocument")
    ]


def busiest_second(calls: list[CallRecord]) -> int:
    """The most accepted messages within any one second, as the emulator received them."""
    return busiest(call.at for call in calls if call.status == 200)


async def statuses(bot: RunningBot) -> Counter[str]:
    async with bot.db() as session:
        return Counter(str(s) for s in (await session.scalars(select(Notification.status))).all())


async def test_ten_course_openings_for_one_person_come_as_one_message(bot: RunningBot) -> None:
    bot.clock.set(MAY_6)
    user = bot.user(BUDI)
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(session, employee=budi, telegram_user_id=BUDI, now=MAY_6)
        await add_released_result(session, employee=budi, now=MAY_6 - timedelta(days=60))
        gaps = ("M.03", "M.06", "SK.01")  # where Budi is below the standard
        courses = [
            await add_course(session, title=title, now=MAY_6, competencies={gaps[n % 3]: 3})
            for n, title in enumerate(COURSES)
        ]

    await bot.run_job(PLANNER)
    await bot.run_job(DISPATCHER)

    notice = await user.next_message()
    text = notice.text or ""
    assert text.startswith("🎓 Pendaftaran dibuka untuk 10 pelatihan")
    assert all(f"• {title}\nMenutup kesenjangan" in text for title in COURSES)
    assert [row[0].callback_data for row in notice.buttons] == [f"gap:c:{c.id}" for c in courses]
    assert [row[0].text for row in notice.buttons] == list(COURSES)
    assert len(sends(bot)) == 1  # one message, so no 429 either
    assert await statuses(bot) == Counter({"sent": 10})


async def test_one_chat_gets_a_short_burst_then_one_message_a_second(bot: RunningBot) -> None:
    user = bot.user(BUDI)
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(session, employee=budi, telegram_user_id=BUDI, now=bot.clock.now())
        for n in range(6):  # six announcements, due at once: never merged
            session.add(
                Notification(
                    key=f"broadcast:{n}:emp:{budi.id}",
                    employee_id=budi.id,
                    kind="broadcast",
                    due_at=bot.clock.now(),
                    payload={"text": f"Pengumuman {n + 1}"},
                )
            )
    started = bot.clock.now().timestamp()

    await bot.run_job(DISPATCHER)

    texts = [(await user.next_message()).text for _ in range(6)]
    assert texts == [f"Pengumuman {n}" for n in range(1, 7)]
    calls = sends(bot)
    assert [c.status for c in calls] == [200] * 6  # no 429
    offsets = [round(c.at - started, 2) for c in calls]
    assert offsets[:3] == [0.0, 0.03, 0.07]  # the burst, at the whole bot's pace
    assert offsets[3:] == [1.1, 2.2, 3.3]  # then one a second, with 0.1 s of room
    assert await statuses(bot) == Counter({"sent": 6})


async def test_an_announcement_never_goes_faster_than_the_rate_in_any_second(
    bot: RunningBot,
) -> None:
    recipients = await due_announcements(
        bot,
        range(8000, 8070),
        broadcast_id=1,
        nip_stem="1990010120150110",
        text="Pengumuman BKPSDM",
    )
    # A server error mid-way: the retry, and the next run, must not catch up in a burst.
    bot.emulator.faults.delay(0, "sendMessage", times=20)
    bot.emulator.faults.fail("sendMessage", status=502, description="Bad Gateway")

    await bot.run_job(DISPATCHER)
    await bot.run_job(DISPATCHER)  # right after: a new run does not start with a burst
    bot.clock.advance(timedelta(seconds=30))
    await bot.run_job(DISPATCHER)  # the retry

    calls = sends(bot)
    assert Counter(c.status for c in calls) == Counter({200: 70, 502: 1})
    assert Counter(int(c.params["chat_id"]) for c in calls if c.status == 200) == Counter(
        dict.fromkeys(recipients, 1)
    )
    assert busiest_second(calls) <= bot.settings.broadcast_rate


async def test_replies_to_users_take_their_turn_while_an_announcement_goes(
    bot: RunningBot,
) -> None:
    await due_announcements(
        bot,
        range(8100, 8150),
        broadcast_id=2,
        nip_stem="1990010120150120",
        text="Pengumuman BKPSDM",
    )
    talkers = [bot.user(8200 + n) for n in range(10)]

    async def talk() -> list[str]:
        for user in talkers:
            await user.send("/start")
        return [(await user.next_message()).text or "" for user in talkers]

    replies, _ = await asyncio.gather(talk(), bot.run_job(DISPATCHER))

    assert all("Selamat datang" in reply for reply in replies)
    calls = sends(bot)
    assert len(calls) == 60 and all(c.status == 200 for c in calls)
    assert busiest_second(calls) <= bot.settings.broadcast_rate


async def test_a_429_holds_every_instance_back_for_the_time_telegram_asked(
    bot: RunningBot,
) -> None:
    shared_paces_only(bot)
    async with bot.db.begin() as session:
        for n in range(4):
            person = await add_employee(session, nip=f"1990010120150130{n:02d}", name=f"P {n}")
            await add_linked_user(
                session, employee=person, telegram_user_id=8300 + n, now=bot.clock.now()
            )
            session.add(
                Notification(
                    key=f"broadcast:3:emp:{person.id}",
                    employee_id=person.id,
                    kind="broadcast",
                    due_at=bot.clock.now(),
                    payload={"text": "Pengumuman BKPSDM"},
                )
            )
            bot.user(8300 + n)
    bot.user(8400)
    # A Telegram stricter than the configured rate: 3 messages in any second.
    bot.emulator.limiter = RateLimiter(global_rate=3, monotonic=bot.clock.seconds)

    await bot.run_job(DISPATCHER)  # 3 go, the 4th is refused: retry after 1 s
    [refused] = [c for c in sends(bot) if c.status == 429]
    async with another_instance(bot) as other:  # knows of the 429 only through the database
        await other.bot.send_message(8400, "Balasan dari instans lain")

    answered = sends(bot)[-1]
    assert answered.status == 200 and answered.params["chat_id"] == 8400
    assert answered.at >= refused.at + 1
    assert await statuses(bot) == Counter({"sent": 3, "pending": 1})


async def test_the_paces_of_quiet_chats_are_forgotten_after_a_day(bot: RunningBot) -> None:
    shared_paces_only(bot)
    user = bot.user(BUDI)
    await user.send("/start")
    await user.next_message()
    async with bot.db() as session:
        assert await session.scalar(select(func.count()).select_from(SendPace)) == 2

    bot.clock.advance(timedelta(hours=23))
    await bot.run_job(FORGET_PACES)
    async with bot.db() as session:
        assert await session.scalar(select(func.count()).select_from(SendPace)) == 2
    bot.clock.advance(timedelta(hours=2))
    await bot.run_job(FORGET_PACES)
    async with bot.db() as session:
        assert await session.scalar(select(func.count()).select_from(SendPace)) == 0


async def test_on_sqlite_replies_do_not_wait_for_a_long_write_such_as_an_import(
    bot: RunningBot,
) -> None:
    if bot.settings.effective_database_url.startswith(("postgresql", "mysql")):
        pytest.skip("SQLite's one writer only")
    user = bot.user(BUDI)
    async with bot.db.begin() as session:  # holds SQLite's write lock, as an import does
        await add_employee(session)
        await session.flush()

        await user.send("/bantuan")
        reply = await user.next_message()

    assert "/jadwal" in (reply.text or "")


def shared_paces_only(bot: RunningBot) -> None:
    """Paces shared through the database: several instances need PostgreSQL or MariaDB;
    on SQLite (one process) they stay in the process (bot/flood.py)."""
    if not bot.settings.effective_database_url.startswith(("postgresql", "mysql")):
        pytest.skip("paces are shared through PostgreSQL or MariaDB only")
