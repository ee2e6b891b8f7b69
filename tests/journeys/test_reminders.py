"""Reminders and notices through the emulator, with the clock in the test's hand:
the planner and the dispatcher run when the test says so, never on their timers."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from jobs import DISPATCHER, PLANNER
from models import AssessmentSession, ChatLink, Course, Employee, LinkStatus
from models.outbox import Notification
from sandbox.limits import RateLimiter
from tests.factories import (
    add_assessment_session,
    add_course,
    add_employee,
    add_enrollment,
    add_jp_entry,
    add_linked_user,
    add_participation,
    add_program,
    add_released_result,
)
from tests.journeys.conftest import RunningBot, another_instance, due_announcements, run_job

BUDI = 6001
# Monday 5 May 2025, 08:00 WIB.
MAY_5 = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)


def wib(day: int, hour: int, minute: int = 0, month: int = 5) -> datetime:
    """A moment in 2025 given in Gresik's local time (WIB = UTC+7)."""
    return datetime(2025, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


async def plan_and_send(bot: RunningBot, at: datetime | None = None) -> None:
    if at is not None:
        bot.clock.set(at)
    await run_job(bot.application, PLANNER)
    await run_job(bot.application, DISPATCHER)


def sent_to(bot: RunningBot, chat_id: int) -> int:
    """How many messages the emulator delivered to ``chat_id``."""
    return sum(
        1
        for call in bot.emulator.calls_to("sendMessage")
        if call.status == 200 and int(call.params["chat_id"]) == chat_id
    )


async def until(bot: RunningBot, expected: Counter[str]) -> None:
    """Wait (a few seconds at most) until the outbox holds ``expected``."""
    for _ in range(250):
        if await statuses(bot) == expected:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"outbox is {await statuses(bot)}, not {expected}")


async def statuses(bot: RunningBot) -> Counter[str]:
    async with bot.db() as session:
        rows = await session.scalars(select(Notification.status))
        return Counter(str(s) for s in rows.all())


async def budi_with_session(bot: RunningBot, *, status: str = "invited") -> int:
    """Budi, linked, invited to a session on Monday 5 May 08:00; returns the session id."""
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(session, employee=budi, telegram_user_id=BUDI, now=bot.clock.now())
        program = await add_program(session)
        sitting = await add_assessment_session(
            session, program=program, code="S-0505", starts_at=MAY_5
        )
        await add_participation(session, employee=budi, assessment_session=sitting, status=status)
        return sitting.id


async def test_session_reminders_and_the_nudge_arrive_at_their_local_times(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    await budi_with_session(bot)

    await plan_and_send(bot, wib(28, 7, 59, month=4))
    assert sent_to(bot, BUDI) == 0

    await plan_and_send(bot, wib(28, 8, 0, month=4))
    week = await user.next_message()
    assert "penilaian kompetensi 7 hari lagi" in (week.text or "")
    assert "Senin, 5 Mei 2025 pukul 08.00 WIB" in (week.text or "")
    assert week.button_texts == ["Lihat jadwal"]

    await plan_and_send(bot, wib(2, 9, 0))  # Friday, three days before
    nudge = await user.next_message()
    assert "belum menjawab undangan" in (nudge.text or "")

    await plan_and_send(bot, wib(4, 7, 0))  # Sunday, the day before: not deferred
    assert "penilaian kompetensi besok" in ((await user.next_message()).text or "")

    await plan_and_send(bot, wib(5, 6, 0))
    assert "penilaian kompetensi hari ini" in ((await user.next_message()).text or "")

    await plan_and_send(bot, wib(5, 9, 0))
    assert sent_to(bot, BUDI) == 4
    assert (await statuses(bot))["sent"] == 4


async def test_a_moved_session_sends_a_change_notice_and_none_of_the_old_reminders(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    session_id = await budi_with_session(bot, status="confirmed")
    await plan_and_send(bot, wib(28, 8, 0, month=4))
    await user.next_message()  # the 7-day reminder

    async with bot.db.begin() as session:
        await session.execute(
            update(AssessmentSession)
            .where(AssessmentSession.id == session_id)
            .values(starts_at=MAY_5 + timedelta(days=2), venue_name="Aula Kantor Bupati")
        )
    await plan_and_send(bot, wib(29, 10, 0, month=4))
    notice = await user.next_message()
    text = notice.text or ""
    assert "Jadwal penilaian kompetensi Anda berubah" in text
    assert "Senin, 5 Mei 2025 pukul 08.00 WIB, UPT Penilaian Kompetensi" in text
    assert "Rabu, 7 Mei 2025 pukul 08.00 WIB" in text and "Aula Kantor Bupati" in text
    assert notice.button_texts == ["Sudah dibaca"]

    await user.press("Sudah dibaca")
    assert (await user.next_edit()).button_texts == []
    async with bot.db() as session:
        change = await session.scalar(
            select(Notification).where(Notification.kind == "session_change")
        )
        assert change is not None and "read_at" in change.payload

    await plan_and_send(bot, wib(30, 8, 0, month=4))  # a week before the new date
    assert "Rabu, 7 Mei 2025" in ((await user.next_message()).text or "")
    for moment in (wib(4, 7, 0), wib(5, 6, 0)):  # the old day before, the old morning
        await plan_and_send(bot, moment)
    assert sent_to(bot, BUDI) == 3

    await plan_and_send(bot, wib(6, 7, 0))
    new_day_before = await user.next_message()
    assert "besok" in (new_day_before.text or "") and "Aula Kantor Bupati" in (
        new_day_before.text or ""
    )


async def test_quiet_hours_defer_a_notice_to_the_morning(bot: RunningBot) -> None:
    user = bot.user(BUDI)
    bot.clock.set(wib(6, 22, 0))  # Tuesday 22:00
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(session, employee=budi, telegram_user_id=BUDI, now=bot.clock.now())
        await add_released_result(session, employee=budi, now=bot.clock.now())
        session.add(
            Notification(
                key="broadcast:1:emp:x",
                employee_id=budi.id,
                kind="broadcast",
                due_at=bot.clock.now(),
                payload={"text": "Pengumuman <b>penting</b>"},
            )
        )

    await plan_and_send(bot)
    await plan_and_send(bot, wib(7, 5, 59))
    assert sent_to(bot, BUDI) == 0
    async with bot.db() as session:
        deferred = await session.scalar(
            select(Notification).where(Notification.kind == "broadcast")
        )
        assert deferred is not None and deferred.due_at == wib(7, 6, 0)

    await plan_and_send(bot, wib(7, 6, 0))
    texts = {(await user.next_message()).text, (await user.next_message()).text}
    assert "Pengumuman penting" in texts
    assert "📊 Hasil Penilaian Kompetensi ASN 2024 Anda sudah dapat dilihat." in texts


async def test_an_opted_out_kind_is_not_sent(bot: RunningBot) -> None:
    user = bot.user(BUDI)
    await budi_with_session(bot, status="confirmed")
    await user.send("/pengingat")
    menu = await user.next_message()
    assert "✅ Aktif: Pengingat sesi penilaian" in menu.button_texts

    await user.press("✅ Aktif: Pengingat sesi penilaian")
    edited = await user.next_edit()
    assert "🔕 Nonaktif: Pengingat sesi penilaian" in edited.button_texts

    await plan_and_send(bot, wib(28, 8, 0, month=4))
    assert sent_to(bot, BUDI) == 1  # only the /pengingat menu
    async with bot.db() as session:
        row = await session.scalar(select(Notification).where(Notification.status == "skipped"))
        assert row is not None and row.last_error == "opted out"


async def offered_a_seat(session: AsyncSession, budi: Employee, now: datetime) -> Course:
    """A seat on Public Speaking offered to Budi until 24 hours from ``now``."""
    offered = await add_course(session, title="Public Speaking", now=now)
    await add_enrollment(
        session,
        course=offered,
        employee=budi,
        status="offered",
        at=now,
        offered_until=now + timedelta(hours=24),
    )
    return offered


async def test_gapura_and_jp_notices(bot: RunningBot) -> None:
    user = bot.user(BUDI)
    bot.clock.set(wib(6, 10, 0, month=10))  # Monday 6 October
    now = bot.clock.now()
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(session, employee=budi, telegram_user_id=BUDI, now=now)
        await add_released_result(session, employee=budi, now=now - timedelta(days=60))
        await add_jp_entry(session, employee=budi, jp="4", on=now.date())
        gap = await add_course(
            session, title="Komunikasi Efektif", now=now, competencies={"M.03": 3}
        )
        soon = await add_course(session, title="Excel", now=now, starts_in=timedelta(days=2))
        await add_enrollment(session, course=soon, employee=budi, status="registered", at=now)
        offered = await offered_a_seat(session, budi, now)

    await plan_and_send(bot)
    texts = [(await user.next_message()).text or "" for _ in range(3)]
    assert any("Pendaftaran dibuka: Komunikasi Efektif" in t for t in texts)
    assert any("Ada kursi untuk Anda di Public Speaking" in t for t in texts)
    assert any("JP Anda tahun 2025 baru 4 dari target 20 JP" in t for t in texts)
    offer = next(m for m in user.chat_messages if "Ada kursi" in (m.text or ""))
    assert offer.buttons[0][0].callback_data == f"gap:c:{offered.id}"
    opened = next(m for m in user.chat_messages if "Pendaftaran dibuka" in (m.text or ""))
    assert opened.buttons[0][0].callback_data == f"gap:c:{gap.id}"

    await plan_and_send(bot, wib(7, 7, 0, month=10))  # the day before Excel starts
    assert "Pelatihan Excel Anda dimulai besok" in ((await user.next_message()).text or "")

    await plan_and_send(bot, wib(7, 10, 30, month=10))  # the offer lapsed
    await run_job(bot.application, "expire_offers")
    await plan_and_send(bot)
    assert "Tawaran kursi di Public Speaking berakhir" in ((await user.next_message()).text or "")
    await plan_and_send(bot, wib(7, 11, 0, month=10))
    assert sent_to(bot, BUDI) == 5


async def test_a_declined_offer_is_not_reported_as_lapsed(bot: RunningBot) -> None:
    user = bot.user(BUDI)
    bot.clock.set(wib(6, 10, 0))  # Tuesday 6 May: no JP nudges before October
    now = bot.clock.now()
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(session, employee=budi, telegram_user_id=BUDI, now=now)
        await offered_a_seat(session, budi, now)
    await plan_and_send(bot)
    assert "Ada kursi untuk Anda di Public Speaking" in ((await user.next_message()).text or "")

    await user.press("Lihat dan terima")
    await user.next_message()
    await user.press("Tolak tawaran")
    assert "Tawaran ditolak" in ((await user.next_edit()).text or "")

    await plan_and_send(bot, wib(7, 10, 30))  # past the offer's deadline
    await run_job(bot.application, "expire_offers")
    await plan_and_send(bot)
    assert sent_to(bot, BUDI) == 2  # the offer, then the course's details
    async with bot.db() as session:
        kinds = (await session.scalars(select(Notification.kind))).all()
    assert kinds == ["waitlist_offer"]


async def test_notices_late_after_downtime_say_so_and_stale_ones_are_reported(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    admins = bot.user(7777)
    bot.application.bot_data.settings = bot.settings.model_copy(update={"admin_chat_id": 7777})
    await budi_with_session(bot, status="confirmed")
    await run_job(bot.application, PLANNER)

    # Down from before the 7-day reminder until Monday 07:30: the session is still ahead,
    # so every reminder still goes out, each marked late.
    await plan_and_send(bot, wib(5, 7, 30))
    texts = [(await user.next_message()).text or "" for _ in range(3)]
    assert all(t.startswith("⌛ Terlambat") for t in texts)
    # Down until after the session: nothing left would be relevant.
    await plan_and_send(bot, wib(5, 9, 0))
    assert sent_to(bot, BUDI) == 3
    assert (await statuses(bot))["sent"] == 3
    assert sent_to(bot, admins.id) == 0  # nothing was stale


async def test_stale_notices_are_skipped_and_counted_for_the_admins(bot: RunningBot) -> None:
    bot.user(BUDI)
    admins = bot.user(7777)
    bot.application.bot_data.settings = bot.settings.model_copy(update={"admin_chat_id": 7777})
    await budi_with_session(bot, status="confirmed")
    await run_job(bot.application, PLANNER)

    bot.clock.set(wib(5, 9, 0))  # the bot was down until after the session
    await run_job(bot.application, DISPATCHER)
    report = await admins.next_message()
    assert "3 notifikasi tidak dikirim" in (report.text or "")
    assert sent_to(bot, BUDI) == 0
    assert (await statuses(bot))["skipped"] == 3


async def many_due(bot: RunningBot, count: int) -> list[int]:
    """``count`` linked employees with one due announcement each; their user ids."""
    return await due_announcements(
        bot,
        range(7100, 7100 + count),
        broadcast_id=9,
        nip_stem="1986092620150510",
        text="Pengumuman",
        numbered=True,
    )


async def test_a_restart_mid_batch_loses_nothing_and_sends_nothing_twice(
    bot: RunningBot,
) -> None:
    users = await many_due(bot, 6)
    # The first three go through; the fourth hangs in flight when the process dies.
    bot.emulator.faults.delay(0, "sendMessage", times=3)
    bot.emulator.faults.delay(600, "sendMessage", times=1)  # never answered within the test
    dying = asyncio.create_task(run_job(bot.application, DISPATCHER))
    await until(bot, Counter({"sent": 3, "claimed": 3}))  # three outcomes are written
    for _ in range(250):  # and the fourth message is in flight (it took the delay)
        if not bot.emulator.faults.rules:
            break
        await asyncio.sleep(0.02)
    dying.cancel()
    with pytest.raises(asyncio.CancelledError):
        await dying
    assert (await statuses(bot)) == Counter({"sent": 3, "claimed": 3})

    bot.clock.advance(timedelta(minutes=3))  # past the claim lease
    async with another_instance(bot) as restarted:
        await run_job(restarted, DISPATCHER)
    assert (await statuses(bot)) == Counter({"sent": 6})
    assert [sent_to(bot, u) for u in users] == [1] * 6


async def test_a_server_error_mid_batch_is_retried_with_backoff(bot: RunningBot) -> None:
    users = await many_due(bot, 4)
    bot.emulator.faults.delay(0, "sendMessage", times=2)
    bot.emulator.faults.fail("sendMessage", status=502, description="Bad Gateway")
    await run_job(bot.application, DISPATCHER)
    assert (await statuses(bot)) == Counter({"sent": 3, "pending": 1})
    async with bot.db() as session:
        retry = await session.scalar(select(Notification).where(Notification.status == "pending"))
        assert retry is not None and retry.attempts == 1
        # 30 s after the failed attempt (the clock moves while a run paces its sends).
        failed = next(c for c in bot.emulator.calls_to("sendMessage") if c.status == 502)
        assert retry.due_at.timestamp() == pytest.approx(failed.at + 30, abs=0.001)
        assert "Bad Gateway" in (retry.last_error or "")

    await run_job(bot.application, DISPATCHER)  # not yet due again
    bot.clock.advance(timedelta(seconds=30))
    await run_job(bot.application, DISPATCHER)
    assert [sent_to(bot, u) for u in users] == [1] * 4


async def test_a_blocked_user_gets_403_and_their_link_is_marked_blocked(bot: RunningBot) -> None:
    users = await many_due(bot, 2)
    blocked = bot.user(users[0])
    blocked.chat.blocked = True  # blocked without the bot having heard of it yet
    await run_job(bot.application, DISPATCHER)

    assert sent_to(bot, users[0]) == 0 and sent_to(bot, users[1]) == 1
    async with bot.db() as session:
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == users[0]))
        assert link is not None and link.status == LinkStatus.BLOCKED
        refused = next(c for c in bot.emulator.calls_to("sendMessage") if c.status == 403)
        assert link.blocked_at is not None
        assert link.blocked_at.timestamp() == pytest.approx(refused.at, abs=0.001)
        assert (await statuses(bot)) == Counter({"sent": 1, "skipped": 1})


async def test_blocking_and_unblocking_the_bot_follow_my_chat_member(bot: RunningBot) -> None:
    users = await many_due(bot, 1)
    user = bot.user(users[0])

    async def link_status() -> LinkStatus:
        async with bot.db() as session:
            link = await session.scalar(
                select(ChatLink).where(ChatLink.telegram_user_id == users[0])
            )
            assert link is not None
            return link.status

    async def becomes(status: LinkStatus) -> None:
        for _ in range(100):
            if await link_status() == status:
                return
            await asyncio.sleep(0.02)
        raise AssertionError(f"link never became {status}")

    await user.block()
    await becomes(LinkStatus.BLOCKED)
    await run_job(bot.application, DISPATCHER)
    assert bot.emulator.calls_to("sendMessage") == []  # nothing is even tried
    assert (await statuses(bot)) == Counter({"skipped": 1})

    await user.unblock()
    await becomes(LinkStatus.ACTIVE)


async def test_flood_control_429_is_honoured_without_loss(bot: RunningBot) -> None:
    users = await many_due(bot, 6)
    ticks = [0.0]
    # A Telegram stricter than the bot's pace: 3 messages a second, on its own clock.
    bot.emulator.limiter = RateLimiter(global_rate=3, monotonic=lambda: ticks[0])
    await run_job(bot.application, DISPATCHER)
    assert (await statuses(bot)) == Counter({"sent": 3, "pending": 3})
    async with bot.db() as session:
        refused = await session.scalar(
            select(Notification).where(Notification.last_error.is_not(None))
        )
        assert refused is not None and refused.status == "pending"
        assert refused.attempts == 0 and "RetryAfter" in (refused.last_error or "")
        assert refused.due_at == bot.clock.now() + timedelta(seconds=1)

    ticks[0] += 5
    bot.clock.advance(timedelta(seconds=5))
    await run_job(bot.application, DISPATCHER)
    assert [sent_to(bot, u) for u in users] == [1] * 6
    assert (await statuses(bot)) == Counter({"sent": 6})


async def test_two_processes_on_one_database_deliver_every_notice_exactly_once(
    bot: RunningBot,
) -> None:
    batch = 5
    dialect = bot.settings.effective_database_url.split(":")[0]
    if not dialect.startswith(("postgresql", "mysql")):
        pytest.skip("needs a database server that two processes share")
    users = await many_due(bot, 40)
    bot.emulator.limiter = RateLimiter(enabled=False)
    bot.application.bot_data.settings = bot.settings.model_copy(
        update={"dispatch_batch_size": batch}
    )
    async with another_instance(bot, dispatch_batch_size=batch) as other:
        for _ in range(5):
            await asyncio.gather(run_job(bot.application, DISPATCHER), run_job(other, DISPATCHER))
            if (await statuses(bot)) == Counter({"sent": 40}):
                break
    assert (await statuses(bot)) == Counter({"sent": 40})
    assert [sent_to(bot, u) for u in users] == [1] * 40
