"""Sessions named as people name them: date, time and place, where an admin picks one
(the /umumkan audience buttons) and in the /jadwalulang choices."""

from __future__ import annotations

from datetime import timedelta

from tests.factories import add_assessment_session, add_program
from tests.journeys.conftest import ADMIN_ID, RunningBot

BKPSDM = "Gedung BKPSDM Kabupaten Gresik (Kompleks Kantor Bupati Gresik)"


async def test_audience_buttons_name_sessions_by_date_time_and_place(bot: RunningBot) -> None:
    now = bot.clock.now()  # Monday 3 March 2025
    async with bot.db.begin() as session:
        program = await add_program(session)
        for k, days in ((1, 14), (2, 15)):
            await add_assessment_session(
                session,
                program=program,
                code=f"PK2025-GRS-{k}",
                starts_at=now + timedelta(days=days),
                venue_name=BKPSDM,
            )
        await add_assessment_session(
            session,
            program=program,
            code="PK2025-BKD-1",
            starts_at=now + timedelta(days=21, hours=-1),
            venue_name="Badan Kepegawaian Daerah Provinsi Jawa Timur",
        )
    admin = bot.user(ADMIN_ID)

    await admin.send("/umumkan")
    await admin.next_message()
    await admin.send("Mohon hadir tepat waktu.")
    await admin.next_message()
    await admin.press("Tanpa lampiran")
    await admin.next_edit()
    await admin.press("Peserta sesi")
    listed = await admin.next_edit()

    sessions = listed.button_texts[:3]
    assert sessions == [
        "Sen 17 Mar 09.00 · Gedung BKPSDM Gresik",
        "Sel 18 Mar 09.00 · Gedung BKPSDM Gresik",
        "Sen 24 Mar 08.00 · BKD Jawa Timur",
    ]
    assert all(len(label) <= 40 and "PK2025" not in label for label in listed.button_texts)
