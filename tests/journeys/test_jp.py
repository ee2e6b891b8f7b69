"""/jp: my JP this year against my target, and open courses that would close it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.factories import (
    add_course,
    add_enrollment,
    add_jp_entry,
    add_released_result,
)
from tests.journeys.conftest import RunningBot, linked


async def test_jp_shows_this_years_hours_against_the_target_and_what_remains(
    bot: RunningBot,
) -> None:
    user, budi = await linked(bot)
    async with bot.db.begin() as session:
        await add_jp_entry(session, employee=budi, jp="8", on=date(2025, 1, 20))
        await add_jp_entry(session, employee=budi, jp="4.5", on=date(2025, 2, 14))
        await add_jp_entry(session, employee=budi, jp="10", on=date(2024, 11, 3))  # last year

    await user.send("/jp")
    reply = await user.next_message()

    text = reply.text or ""
    assert "JP Anda tahun 2025" in text
    assert "Capaian: 12,5 dari 20 JP (62,5%)" in text
    assert "Kurang: 7,5 JP lagi" in text


async def test_jp_suggests_up_to_three_courses_preferring_my_gaps(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    now = bot.clock.now()
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=now)  # a gap at M.03
        await add_jp_entry(session, employee=budi, jp="12.5", on=date(2025, 2, 1))
        await add_course(
            session, title="Komunikasi Efektif", now=now, jp="4", competencies={"M.03": 3}
        )
        await add_course(
            session, title="Integritas 40 JP", now=now, jp="40", competencies={"M.01": 3}
        )
        await add_course(
            session, title="Integritas 10 JP", now=now, jp="10", competencies={"M.01": 3}
        )
        await add_course(
            session, title="Integritas 2 JP", now=now, jp="2", competencies={"M.01": 3}
        )
        registered = await add_course(session, title="Sudah terdaftar", now=now, jp="30")
        await add_enrollment(session, course=registered, employee=budi, status="registered", at=now)

    await user.send("/jp")
    reply = await user.next_message()
    await user.press("1. Komunikasi Efektif")
    details = await user.next_message()

    text = reply.text or ""
    assert "1. Komunikasi Efektif: 4 JP" in text
    assert "2. Integritas 40 JP: 40 JP" in text
    assert "3. Integritas 10 JP: 10 JP" in text
    assert "Integritas 2 JP" not in text
    # A registration counts only once completed, and is not suggested again.
    assert "Capaian: 12,5 dari 20 JP" in text
    assert "belum selesai: 30 JP" in text
    assert "Sudah terdaftar" not in text.split("menutup kekurangan")[1]
    assert reply.button_texts == [
        "1. Komunikasi Efektif",
        "2. Integritas 40 JP",
        "3. Integritas 10 JP",
    ]
    assert "Komunikasi Efektif" in (details.text or "") and details.button_texts == ["Daftar"]


async def test_a_met_target_is_said_and_nothing_is_pushed(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    async with bot.db.begin() as session:
        await add_jp_entry(session, employee=budi, jp="24", on=date(2025, 2, 1))
        await add_course(session, title="Komunikasi Efektif", now=bot.clock.now())

    await user.send("/jp")
    reply = await user.next_message()

    assert "Capaian: 24 dari 20 JP (100,0%)" in (reply.text or "")
    assert "sudah terpenuhi" in (reply.text or "")
    assert reply.button_texts == []


async def test_the_year_is_the_local_year(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    async with bot.db.begin() as session:
        await add_jp_entry(session, employee=budi, jp="6", on=date(2025, 12, 31))
        await add_jp_entry(session, employee=budi, jp="3", on=date(2026, 1, 1))
    # 31 Dec 2025, 17:30 UTC is already 1 Jan 2026, 00:30 WIB.
    bot.clock.set(datetime(2025, 12, 31, 17, 30, tzinfo=UTC))

    await user.send("/jp")
    reply = await user.next_message()

    assert "JP Anda tahun 2026" in (reply.text or "")
    assert "Capaian: 3 dari 20 JP" in (reply.text or "")


async def test_jp_from_the_menu_in_english(bot: RunningBot) -> None:
    user, budi = await linked(bot, language="en")
    async with bot.db.begin() as session:
        await add_jp_entry(session, employee=budi, jp="12.5", on=date(2025, 2, 1))
        await add_course(session, title="Public Communication", now=bot.clock.now(), jp="8")

    await user.send("/menu")
    await user.next_message()
    await user.press("See your training hours (JP)")
    reply = await user.next_message()

    text = reply.text or ""
    assert "Your JP in 2025" in text and "Earned: 12.5 of 20 JP (62.5%)" in text
    assert "Remaining: 7.5 JP" in text
    assert "1. Public Communication: 8 JP" in text
