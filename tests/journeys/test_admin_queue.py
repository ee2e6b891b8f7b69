"""/jadwalulang: admins approve a "Tidak bisa hadir" request by moving the seat,
or reject it; the employee is told either way."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from models import AssessmentSession, AuditEvent, Participation, ParticipationStatus
from tests.factories import (
    add_assessment_session,
    add_employee,
    add_linked_user,
    add_participation,
    add_program,
)
from tests.journeys.conftest import ADMIN_ID, RunningBot

EMPLOYEE_CHAT = 2201


async def a_request(bot: RunningBot, *, free_seats: int = 5) -> tuple[int, int, int]:
    """Budi asked to reschedule session A; session B has ``free_seats``. Returns ids."""
    now = bot.clock.now()
    async with bot.db.begin() as session:
        employee = await add_employee(session)
        await add_linked_user(session, employee=employee, telegram_user_id=EMPLOYEE_CHAT, now=now)
        program = await add_program(session)
        first = await add_assessment_session(
            session, program=program, code="S-A", starts_at=now + timedelta(days=7)
        )
        second = await add_assessment_session(
            session,
            program=program,
            code="S-B",
            starts_at=now + timedelta(days=14),
            capacity=10,
            seats_taken=10 - free_seats,
            venue_name="Kantor BKN Surabaya",
        )
        participation = await add_participation(
            session, employee=employee, assessment_session=first
        )
        participation.status = ParticipationStatus.RESCHEDULE_REQUESTED
        participation.reason = "Dinas luar <kota>"
        participation.responded_at = now
    return participation.id, first.id, second.id


async def test_admin_moves_a_request_to_a_free_session_and_the_employee_is_told(
    bot: RunningBot,
) -> None:
    participation_id, first_id, second_id = await a_request(bot)
    admin, employee = bot.user(ADMIN_ID), bot.user(EMPLOYEE_CHAT)

    await admin.send("/jadwalulang")
    heading = await admin.next_message()
    card = await admin.next_message()
    await admin.press("Setujui")
    choices = await admin.next_edit()
    await admin.press(choices.button_texts[0])
    done = await admin.next_edit()
    told = await employee.next_message()

    assert "1 menunggu" in (heading.text or "")
    assert "Budi Santoso (BKPSDM)" in (card.text or "")
    assert "Dinas luar <kota>" in (card.text or "")
    assert card.button_texts == ["Setujui", "Tolak"]
    assert "Kantor BKN Surabaya" in choices.button_texts[0]
    assert "Disetujui" in (done.text or "")
    assert "disetujui" in (told.text or "") and "Kantor BKN Surabaya" in (told.text or "")
    async with bot.db() as session:
        row = await session.get(Participation, participation_id)
        counted = await session.execute(select(AssessmentSession.id, AssessmentSession.seats_taken))
        seats: dict[int, int] = {r[0]: r[1] for r in counted.all()}
        actions = (await session.scalars(select(AuditEvent.action))).all()
    assert row is not None
    assert (row.session_id, row.status) == (second_id, ParticipationStatus.INVITED)
    assert seats == {first_id: 0, second_id: 6}
    assert actions == ["reschedule.approved"]


async def test_admin_rejects_a_request_and_the_reason_is_kept(bot: RunningBot) -> None:
    participation_id, first_id, _ = await a_request(bot)
    admin, employee = bot.user(ADMIN_ID), bot.user(EMPLOYEE_CHAT)

    await admin.send("/jadwalulang")
    await admin.next_message()
    await admin.next_message()
    await admin.press("Tolak")
    done = await admin.next_edit()
    told = await employee.next_message()

    assert "Ditolak" in (done.text or "")
    assert "belum dapat disetujui" in (told.text or "")
    async with bot.db() as session:
        row = await session.get(Participation, participation_id)
    assert row is not None
    assert (row.session_id, row.status, row.reason) == (
        first_id,
        ParticipationStatus.INVITED,
        "Dinas luar <kota>",
    )


async def test_a_request_handled_twice_changes_nothing_the_second_time(bot: RunningBot) -> None:
    await a_request(bot)
    admin = bot.user(ADMIN_ID)
    cards = []
    for _ in range(2):  # two views of the same request, as two admins would have
        await admin.send("/jadwalulang")
        await admin.next_message()
        cards.append(await admin.next_message())
    await admin.press("Tolak", message=cards[0])
    await admin.next_edit()

    again = await admin.press("Setujui", message=cards[1])

    assert again.show_alert and "sudah ditangani" in (again.text or "")


async def test_without_a_free_session_the_admin_is_told(bot: RunningBot) -> None:
    await a_request(bot, free_seats=0)
    admin = bot.user(ADMIN_ID)
    await admin.send("/jadwalulang")
    await admin.next_message()
    await admin.next_message()

    answer = await admin.press("Setujui")

    assert answer.show_alert and "Tidak ada sesi lain" in (answer.text or "")


async def test_an_employee_who_blocked_the_bot_does_not_stop_the_approval(
    bot: RunningBot,
) -> None:
    participation_id, _, second_id = await a_request(bot)
    await bot.user(EMPLOYEE_CHAT).block()
    admin = bot.user(ADMIN_ID)

    await admin.send("/jadwalulang")
    await admin.next_message()
    await admin.next_message()
    await admin.press("Setujui")
    choices = await admin.next_edit()
    await admin.press(choices.button_texts[0])
    done = await admin.next_edit()

    assert "Disetujui" in (done.text or "")
    async with bot.db() as session:
        row = await session.get(Participation, participation_id)
    assert row is not None and row.session_id == second_id


async def test_an_empty_queue_says_so(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/jadwalulang")
    reply = await admin.next_message()

    assert reply.text == "Tidak ada permintaan jadwal ulang yang menunggu."
