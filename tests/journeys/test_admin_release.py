"""/rilis: results stay hidden until an admin releases the program, after confirming."""

from __future__ import annotations

from sqlalchemy import select

from models import AssessmentProgram, AuditEvent, Result
from tests.factories import NIP_SITI, add_employee, add_program, add_result
from tests.journeys.conftest import ADMIN_ID, RunningBot


async def two_hidden_results(bot: RunningBot) -> int:
    async with bot.db.begin() as session:
        program = await add_program(session)
        for nip, name in (("198609262015051001", "Budi"), (NIP_SITI, "Siti")):
            employee = await add_employee(session, nip=nip, name=name)
            await add_result(session, employee=employee, program=program)
    return program.id


async def test_admin_releases_a_program_after_confirming(bot: RunningBot) -> None:
    program_id = await two_hidden_results(bot)
    admin = bot.user(ADMIN_ID)

    await admin.send("/rilis")
    listing = await admin.next_message()
    await admin.press("Rilis Penilaian Kompetensi ASN 2025")
    ask = await admin.next_edit()
    await admin.press("Ya, rilis")
    done = await admin.next_edit()

    assert "Penilaian Kompetensi ASN 2025 (2025): 2 hasil" in (listing.text or "")
    assert "Rilis 2 hasil" in (ask.text or "")
    assert "2 hasil Penilaian Kompetensi ASN 2025 sudah dirilis" in (done.text or "")
    now = bot.clock.now()
    async with bot.db() as session:
        released = (await session.scalars(select(Result.released_at))).all()
        program = await session.get(AssessmentProgram, program_id)
        event = await session.scalar(select(AuditEvent))
    assert released == [now, now]
    assert program is not None and program.results_released_at == now
    assert event is not None and event.action == "results.released"
    assert event.detail["results"] == 2


async def test_cancelling_releases_nothing(bot: RunningBot) -> None:
    await two_hidden_results(bot)
    admin = bot.user(ADMIN_ID)

    await admin.send("/rilis")
    await admin.next_message()
    await admin.press("Rilis Penilaian Kompetensi ASN 2025")
    await admin.next_edit()
    await admin.press("Batal")
    done = await admin.next_edit()

    assert "tidak ada yang berubah" in (done.text or "")
    async with bot.db() as session:
        assert (await session.scalars(select(Result.released_at))).all() == [None, None]


async def test_nothing_to_release_says_so(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/rilis")
    reply = await admin.next_message()

    assert reply.text == "Tidak ada hasil penilaian yang menunggu dirilis."
