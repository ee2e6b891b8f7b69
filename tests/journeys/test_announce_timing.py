"""/umumkan at night: the confirm step says when the announcement goes out (after the
quiet hours, or on the next working day), the admin may send it now anyway, and the
live progress says it waits, and until when, instead of "0/3 terkirim"."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from jobs import BROADCAST_PROGRESS, DISPATCHER
from models.outbox import Broadcast
from tests.journeys.conftest import ADMIN_ID, RunningBot
from tests.journeys.test_admin_broadcast import BKPSDM, KOMINFO, PUSKESMAS, compose, sent_to
from tests.journeys.test_admin_broadcast import three_people as people

EVERYONE = (KOMINFO, PUSKESMAS, BKPSDM)
# Tuesday 1 December 2026, 02.47 WIB (UTC+7).
AT_0247 = datetime(2026, 11, 30, 19, 47, tzinfo=UTC)
AT_0600 = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
HELD = "Dikirim mulai Selasa, 1 Desember 2026 pukul 06.00 WIB, di luar jam tenang (21.00-06.00)"


def received(bot: RunningBot) -> list[int]:
    return [sent_to(bot, user) for user in EVERYONE]


async def progress_recorded(bot: RunningBot) -> None:
    """Wait for the bot to write down the progress message it sent (the write follows
    Telegram's answer, so the admin can see the message a moment before): the test's
    clock jumps hours ahead next, past the grace a first message is given."""
    for _ in range(500):
        async with bot.db() as session:
            if await session.scalar(select(Broadcast.progress_message_id)) is not None:
                return
        await asyncio.sleep(0.01)
    raise AssertionError("the progress message was never recorded")


async def test_confirmed_at_0247_it_says_when_it_goes_out_and_waits_until_0600(
    bot: RunningBot,
) -> None:
    await people(bot)
    bot.clock.set(AT_0247)
    admin = bot.user(ADMIN_ID)

    _, _, confirm = await compose(admin, "Apel pagi", "Semua yang tertaut")
    assert HELD in (confirm.text or "")
    assert "Kirim ke 3 orang mulai 06.00 WIB" in confirm.button_texts
    assert "Kirim sekarang juga" in confirm.button_texts

    await admin.press("Kirim ke 3 orang mulai 06.00 WIB")
    queued = await admin.next_edit()
    progress = await admin.next_message()
    assert "Pengumuman #1 masuk antrean untuk 3 penerima" in (queued.text or "")
    assert HELD in (queued.text or "")
    assert (progress.text or "").startswith(
        "⏳ Pengumuman #1: menunggu jam tenang berakhir, mulai 06.00 WIB"
    )
    assert "sedang dikirim" not in (progress.text or "")
    assert progress.button_texts == ["Kirim sekarang juga", "Jeda", "Batalkan"]
    await progress_recorded(bot)

    bot.clock.advance(timedelta(minutes=8))
    await bot.run_job(DISPATCHER)
    assert received(bot) == [0, 0, 0]

    bot.clock.set(AT_0600)
    await bot.run_job(BROADCAST_PROGRESS)
    going = await admin.next_edit()
    assert "Pengumuman #1</b>: sedang dikirim" in (going.html or "")
    assert "0/3 terkirim" in (going.text or "")
    await bot.run_job(DISPATCHER)
    assert received(bot) == [1, 1, 1]
    bot.clock.advance(timedelta(seconds=5))
    await bot.run_job(BROADCAST_PROGRESS)
    report = await admin.next_message()
    assert "Pengumuman #1 selesai dikirim" in (report.text or "")


async def test_send_now_anyway_goes_out_during_the_quiet_hours(bot: RunningBot) -> None:
    await people(bot)
    bot.clock.set(AT_0247)
    admin = bot.user(ADMIN_ID)
    await compose(admin, "Gangguan listrik: apel ditiadakan", "Semua yang tertaut")

    await admin.press("Kirim sekarang juga")
    queued = await admin.next_edit()
    progress = await admin.next_message()
    assert "Dikirim mulai" not in (queued.text or "")
    assert "sedang dikirim" in (progress.text or "")
    await bot.run_job(DISPATCHER)

    assert received(bot) == [1, 1, 1]
    async with bot.db() as session:
        assert await session.scalar(select(Broadcast.send_now)) is True


async def test_a_waiting_announcement_can_be_sent_now_from_its_progress(
    bot: RunningBot,
) -> None:
    await people(bot)
    bot.clock.set(AT_0247)
    admin = bot.user(ADMIN_ID)
    await compose(admin, "Apel pagi", "Semua yang tertaut")
    await admin.press("Kirim ke 3 orang mulai 06.00 WIB")
    await admin.next_edit()
    await admin.next_message()
    await progress_recorded(bot)

    answer = await admin.press("Kirim sekarang juga")
    shown = await admin.next_edit()
    await bot.run_job(DISPATCHER)

    assert answer.text == "Pengumuman dikirim sekarang, tanpa menunggu jam tenang."
    assert (
        "sedang dikirim" in (shown.text or "") and "Kirim sekarang juga" not in shown.button_texts
    )
    assert received(bot) == [1, 1, 1]


async def test_on_a_saturday_it_waits_for_monday_and_says_so(bot: RunningBot) -> None:
    await people(bot)
    bot.clock.set(datetime(2026, 12, 5, 3, 0, tzinfo=UTC))  # Saturday 10.00 WIB
    admin = bot.user(ADMIN_ID)

    _, _, confirm = await compose(admin, "Apel Senin", "Semua yang tertaut")
    assert "Dikirim mulai Senin, 7 Desember 2026 pukul 06.00 WIB, hari kerja berikutnya" in (
        confirm.text or ""
    )
    await admin.press("Kirim ke 3 orang mulai 7 Des 2026 06.00 WIB")
    await admin.next_edit()
    progress = await admin.next_message()
    assert "menunggu hari kerja, mulai Senin, 7 Desember 2026 pukul 06.00 WIB" in (
        progress.text or ""
    )
    await bot.run_job(DISPATCHER)
    assert received(bot) == [0, 0, 0]


async def test_in_the_day_it_goes_at_once_as_before(bot: RunningBot) -> None:
    await people(bot)
    admin = bot.user(ADMIN_ID)  # the test clock: Monday 09.00 WIB

    _, _, confirm = await compose(admin, "Rapat", "Semua yang tertaut")

    assert "Dikirim segera setelah Anda menekan Kirim." in (confirm.text or "")
    assert "Kirim sekarang juga" not in confirm.button_texts
    assert "Kirim ke 3 orang" in confirm.button_texts
