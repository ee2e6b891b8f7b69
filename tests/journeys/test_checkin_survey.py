"""Assessment day end to end: those who check in with /presensi's code get the
satisfaction survey after the session; those who did not come get the reschedule
offer instead, never the survey."""

from __future__ import annotations

from jobs import DISPATCHER, PLANNER
from tests.journeys.conftest import RunningBot
from tests.journeys.test_checkin import BUDI, DEWI, SITI, a_session, presensi, scan, wib


async def test_a_check_in_brings_the_survey_and_a_missed_session_the_reschedule_offer(
    bot: RunningBot,
) -> None:
    # Monday 3 March 2025, 13.00-21.00 WIB; the survey (half an hour after the end)
    # and the follow-up (an hour after) both fall in the quiet hours: 06.00 Tuesday.
    await a_session(bot, wib(3, 13, 0))
    code = await presensi(bot)
    bot.clock.set(wib(3, 13, 5))
    checked_in = await scan(bot, BUDI, code.payload)
    users = {user_id: bot.user(user_id) for user_id in (BUDI, SITI, DEWI)}  # their chats

    for moment in (wib(3, 21, 30), wib(3, 22, 5), wib(4, 6, 0)):
        bot.clock.set(moment)
        await bot.run_job(PLANNER)
        await bot.run_job(DISPATCHER)
    budi, siti, dewi = (
        [m.text or "" for m in users[user_id].chat_messages if m.from_bot]
        for user_id in (BUDI, SITI, DEWI)
    )

    assert "Anda tercatat hadir" in checked_in
    survey = [text for text in budi if "Pertanyaan 1 dari 9" in text]
    assert len(survey) == 1
    assert "Senin, 3 Maret 2025 pukul 13.00 WIB" in survey[0]
    assert not [text for text in budi if "tidak tercatat hadir" in text]
    for absent in (siti, dewi):
        assert len([text for text in absent if "tidak tercatat hadir" in text]) == 1
        assert not [text for text in absent if "Pertanyaan 1 dari 9" in text]
