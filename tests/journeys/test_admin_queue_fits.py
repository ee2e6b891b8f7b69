"""/jadwalulang offers only sessions the participant may attend: the self-booking rule
(same program, open to their position type, a free seat, in the future)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from models import AssessmentSession, Participation, ParticipationStatus
from tests.factories import (
    add_assessment_session,
    add_employee,
    add_linked_user,
    add_participation,
    add_program,
)
from tests.journeys.conftest import ADMIN_ID, RunningBot

EMPLOYEE_CHAT = 2301


async def an_administrators_request(bot: RunningBot) -> dict[str, int]:
    """An Administrator asked to leave GRS-1; the program also has a second Gresik
    session for Administrator/Pengawas, Kanreg BKN for pelaksana, BKD Provinsi for JPT,
    a full one and a past one. Returns the ids by name."""
    now = bot.clock.now()
    ids: dict[str, int] = {}
    async with bot.db.begin() as session:
        employee = await add_employee(session)  # an Administrator
        await add_linked_user(session, employee=employee, telegram_user_id=EMPLOYEE_CHAT, now=now)
        program = await add_program(session)
        for name, days, venue, open_to, taken in (
            ("grs1", 7, "Gedung BKPSDM Gresik", "Administrator,Pengawas", 1),
            ("kanreg", 8, "Kantor Regional II BKN Surabaya", "Pelaksana", 0),
            ("bkd", 9, "Badan Kepegawaian Daerah Provinsi Jawa Timur", "JPT", 0),
            ("full", 10, "Gedung Wahana Ekspresi Poesponegoro", "", 30),
            ("past", -1, "Gedung BKPSDM Gresik", "Administrator,Pengawas", 0),
            ("grs2", 11, "Gedung BKPSDM Gresik", "Administrator,Pengawas", 0),
        ):
            sitting = await add_assessment_session(
                session,
                program=program,
                code=f"PK-{name}",
                starts_at=now + timedelta(days=days),
                venue_name=venue,
                open_to=open_to,
                seats_taken=taken,
            )
            ids[name] = sitting.id
        first = await session.get_one(AssessmentSession, ids["grs1"])
        mine = await add_participation(session, employee=employee, assessment_session=first)
        mine.status = ParticipationStatus.RESCHEDULE_REQUESTED
        mine.reason = "Diklat PKA pada tanggal yang sama"
        mine.responded_at = now
        ids["request"] = mine.id
    return ids


async def test_an_administrator_is_offered_only_sessions_open_to_administrators(
    bot: RunningBot,
) -> None:
    await an_administrators_request(bot)
    admin = bot.user(ADMIN_ID)

    await admin.send("/jadwalulang")
    await admin.next_message()
    await admin.next_message()
    await admin.press("Setujui")
    choices = await admin.next_edit()

    assert choices.button_texts == ["Jum 14 Mar 09.00 · Gedung BKPSDM Gresik (sisa 30)", "Kembali"]


async def test_a_session_for_another_group_is_refused_even_when_pressed_directly(
    bot: RunningBot,
) -> None:
    ids = await an_administrators_request(bot)
    admin = bot.user(ADMIN_ID)
    await admin.send("/jadwalulang")
    await admin.next_message()
    card = await admin.next_message()

    answers = [
        await admin.press_forged(f"rq:to:{ids['request']}:{ids[target]}", message=card)
        for target in ("kanreg", "bkd")
    ]

    assert all(a.show_alert and "tidak tersedia" in (a.text or "") for a in answers)
    async with bot.db() as session:
        row = await session.scalar(select(Participation).where(Participation.id == ids["request"]))
    assert row is not None
    assert (row.session_id, row.status) == (
        ids["grs1"],
        ParticipationStatus.RESCHEDULE_REQUESTED,
    )
