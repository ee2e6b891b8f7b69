"""/jadwal: my sessions in Indonesian (or English), my answer, a calendar file,
and choosing a seat in a self-booking program, safely and before the deadline."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import (
    AssessmentProgram,
    AssessmentSession,
    Employee,
    Participation,
    ParticipationStatus,
    PositionType,
    SessionStatus,
)
from models.queries.schedule import book_seat, session_by_id
from sandbox import SimulatedUser
from tests.factories import (
    NIP_SITI,
    add_assessment_session,
    add_employee,
    add_linked_user,
    add_participation,
    add_program,
)
from tests.journeys.conftest import RunningBot, linked

BUDI = 3001
SITI = 3002
# Monday 5 May 2025, 08:00 WIB.
MAY_5 = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)


async def budi_invited(bot: RunningBot, *, language: str = "id", **fields: object) -> int:
    """Budi, linked, invited to a session on 5 May 2025; returns the participation id."""
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(
            session, employee=budi, telegram_user_id=BUDI, now=bot.clock.now(), language=language
        )
        program = await add_program(session)
        details: dict[str, Any] = {
            "report_by": MAY_5 - timedelta(minutes=30),
            "latitude": -7.1612,
            "longitude": 112.6286,
            "components": "wawancara, LGD, psikotes",
            "what_to_bring": "KTP, pensil 2B & penghapus",
            "dress_code": "PDH Korpri",
            "contact": "Ibu Rina (BKPSDM) 031-3981234",
        }
        sitting = await add_assessment_session(
            session, program=program, code="S-0505", starts_at=MAY_5, **{**details, **fields}
        )
        participation = await add_participation(session, employee=budi, assessment_session=sitting)
    return participation.id


async def participation(bot: RunningBot, participation_id: int) -> Participation | None:
    async with bot.db() as session:
        return await session.get(Participation, participation_id)


async def seats(bot: RunningBot, code: str) -> int:
    async with bot.db() as session:
        taken = await session.scalar(
            select(AssessmentSession.seats_taken).where(AssessmentSession.code == code)
        )
    assert taken is not None
    return taken


# ---------------------------------------------------------------- my sessions


async def budi_opens_schedule(bot: RunningBot) -> tuple[int, SimulatedUser]:
    """Budi, invited to the 5 May session, has opened /jadwal (its card and its pin)."""
    pid = await budi_invited(bot)
    user = bot.user(BUDI)
    await user.send("/jadwal")
    await user.next_message()
    await user.next_message()  # the venue pin
    return pid, user


async def test_upcoming_session_shows_indonesian_date_details_and_a_venue_pin(
    bot: RunningBot,
) -> None:
    await budi_invited(bot)
    user = bot.user(BUDI, language_code="id")

    await user.send("/jadwal")
    card = await user.next_message()
    pin = await user.next_message()

    text = card.text or ""
    assert "Penilaian Kompetensi ASN 2025" in text
    assert "Waktu: Senin, 5 Mei 2025 pukul 08.00 WIB (selesai 16.00 WIB)" in text
    assert "Lapor paling lambat: 07.30 WIB" in text
    assert "Tempat: UPT Penilaian Kompetensi BKPSDM Gresik, Jl. Dr. Wahidin" in text
    assert "Metode: Assessment Center" in text
    assert "Komponen: wawancara, LGD, psikotes" in text
    assert "Yang perlu dibawa: KTP, pensil 2B & penghapus" in text
    assert "Pakaian: PDH Korpri" in text
    assert "Narahubung: Ibu Rina" in text
    assert "Status Anda: diundang" in text
    assert card.button_texts == ["Hadir", "Tidak bisa hadir", "Tambah ke kalender"]
    assert pin.kind == "venue"
    assert pin.venue is not None
    assert pin.venue["title"] == "UPT Penilaian Kompetensi BKPSDM Gresik"
    assert pin.venue["location"]["latitude"] == -7.1612


async def test_the_main_menu_button_opens_the_schedule(bot: RunningBot) -> None:
    await budi_invited(bot, latitude=None, longitude=None, online_url="https://zoom.example/j/9")
    user = bot.user(BUDI)

    await user.send("/menu")
    menu = await user.next_message()
    await user.press("Lihat jadwal penilaian")
    card = await user.next_message()

    assert "Lihat jadwal penilaian" in menu.button_texts
    assert "Tautan daring: https://zoom.example/j/9" in (card.text or "")


async def test_cancelled_and_past_sessions_are_shown_with_their_status(bot: RunningBot) -> None:
    await budi_invited(bot, status=SessionStatus.CANCELLED)
    async with bot.db.begin() as session:
        budi = await session.scalar(select(Employee))
        assert budi is not None
        old = await add_program(session, code="PK-2024", name="Penilaian Kompetensi ASN 2024")
        earlier = await add_assessment_session(
            session, program=old, code="S-2024", starts_at=datetime(2024, 8, 5, 1, tzinfo=UTC)
        )
        await add_participation(
            session, employee=budi, assessment_session=earlier, status="attended"
        )
    user = bot.user(BUDI)

    await user.send("/jadwal")
    card = await user.next_message()
    past = await user.next_message()

    assert "DIBATALKAN" in (card.text or "")
    assert "Status Anda: sesi dibatalkan" in (card.text or "")
    assert "Hadir" not in card.button_texts
    assert "Penilaian sebelumnya" in (past.text or "")
    assert "5 Agu 2024: Penilaian Kompetensi ASN 2024: hadir, hasil sedang dinilai" in (
        past.text or ""
    )


async def test_unlinked_user_gets_the_not_linked_answer(bot: RunningBot) -> None:
    user = bot.user(3999)

    await user.send("/jadwal")
    reply = await user.next_message()

    assert "belum tertaut" in (reply.text or "")
    assert reply.button_texts == ["Tautkan akun"]


async def test_english_user_sees_english(bot: RunningBot) -> None:
    await budi_invited(bot, language="en")
    user = bot.user(BUDI, language_code="en")

    await user.send("/jadwal")
    card = await user.next_message()

    assert "When: Monday, 5 May 2025 at 08:00 WIB (ends 16:00 WIB)" in (card.text or "")
    assert "Your status: invited" in (card.text or "")
    assert card.button_texts == ["I will attend", "I cannot attend", "Add to calendar"]


# ---------------------------------------------------------------- answers


async def test_hadir_confirms_attendance_and_the_card_shows_it(bot: RunningBot) -> None:
    pid, user = await budi_opens_schedule(bot)

    await user.press("Hadir")
    edited = await user.next_edit()

    assert "Status Anda: hadir dikonfirmasi" in (edited.text or "")
    assert edited.button_texts == ["Tidak bisa hadir", "Tambah ke kalender"]
    row = await participation(bot, pid)
    assert row is not None
    assert row.status == ParticipationStatus.CONFIRMED
    assert row.responded_at == bot.clock.now()


async def test_tidak_bisa_hadir_asks_a_reason_and_stores_it(bot: RunningBot) -> None:
    pid, user = await budi_opens_schedule(bot)

    await user.press("Tidak bisa hadir")
    question = await user.next_message()
    typed_at = bot.clock.now()
    await user.send("Dinas luar ke Surabaya <3 hari>")
    answer = await user.next_message()
    await user.send("halo")
    after = await user.next_message()

    assert "alasan Anda tidak bisa hadir" in (question.text or "")
    assert "Senin, 5 Mei 2025 pukul 08.00 WIB" in (question.text or "")
    assert "BKPSDM akan meninjaunya" in (answer.text or "")
    # The reason was taken once; text is a question again ("halo": the menu).
    assert (after.text or "").startswith("Menu utama")
    row = await participation(bot, pid)
    assert row is not None
    assert row.status == ParticipationStatus.RESCHEDULE_REQUESTED
    assert row.reason == "Dinas luar ke Surabaya <3 hari>"
    # The clock moves while the bot paces its replies (bot/flood.py).
    assert row.responded_at is not None
    assert typed_at <= row.responded_at <= bot.clock.now()


async def test_calendar_file_parses_with_the_start_in_utc(bot: RunningBot) -> None:
    pid, user = await budi_opens_schedule(bot)

    await user.press("Tambah ke kalender")
    sent = await user.next_message()

    assert sent.kind == "document" and sent.document is not None
    assert sent.document.file_name == "penilaian-kompetensi-2025-05-05.ics"
    (event,) = Calendar.from_ical(sent.document.data).walk("VEVENT")
    assert event.decoded("DTSTART") == MAY_5
    assert event.decoded("DTEND") == MAY_5 + timedelta(hours=8)
    assert "Penilaian Kompetensi ASN 2025" in str(event["SUMMARY"])
    assert "Jl. Dr. Wahidin" in str(event["LOCATION"])
    assert "KTP, pensil 2B" in str(event["DESCRIPTION"])
    assert "Ibu Rina" in str(event["DESCRIPTION"])
    assert str(event["UID"]).startswith("assessment-session-")
    assert pid  # the participation is Budi's; the UID names the session


async def test_someone_elses_participation_is_refused_and_nothing_changes(
    bot: RunningBot,
) -> None:
    budi_pid = await budi_invited(bot)
    async with bot.db.begin() as session:
        siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah", phone=None)
        await add_linked_user(session, employee=siti, telegram_user_id=SITI, now=bot.clock.now())
    siti_user = bot.user(SITI)
    await siti_user.send("/jadwal")
    nothing = await siti_user.next_message()

    for action in ("yes", "no", "ics", "move", "cancel"):
        await siti_user.press_forged(f"sch:{action}:{budi_pid}", message=nothing)
        refused = await siti_user.next_message()
        assert "tidak ditemukan di data Anda" in (refused.text or ""), action

    row = await participation(bot, budi_pid)
    assert row is not None
    assert row.status == ParticipationStatus.INVITED
    assert row.responded_at is None
    assert await seats(bot, "S-0505") == 1


# ---------------------------------------------------------------- self-booking


async def self_booking_program(
    bot: RunningBot, *, deadline: datetime | None = None
) -> AssessmentProgram:
    """A self-booking program: A (2 seats), B (full), C (Pengawas only), D (1 seat)."""
    async with bot.db.begin() as session:
        program = await add_program(
            session,
            code="PK-PELAKSANA",
            name="Uji Kompetensi Pelaksana 2025",
            self_booking=True,
            booking_deadline=deadline,
        )
        await add_assessment_session(
            session, program=program, code="A", starts_at=MAY_5, capacity=2
        )
        await add_assessment_session(
            session,
            program=program,
            code="B",
            starts_at=MAY_5 + timedelta(days=1),
            capacity=1,
            seats_taken=1,
        )
        await add_assessment_session(
            session,
            program=program,
            code="C",
            starts_at=MAY_5 + timedelta(days=2),
            open_to="Pengawas",
        )
        await add_assessment_session(
            session,
            program=program,
            code="D",
            starts_at=MAY_5 + timedelta(days=3),
            capacity=1,
            open_to="Pengawas,Administrator",
        )
    return program


async def linked_budi(bot: RunningBot) -> Employee:
    _, budi = await linked(bot, BUDI, position_type=PositionType.ADMINISTRATOR)
    return budi


async def test_self_booking_takes_a_seat_and_full_sessions_are_not_offered(
    bot: RunningBot,
) -> None:
    await self_booking_program(bot, deadline=MAY_5 - timedelta(days=7))
    budi = await linked_budi(bot)
    user = bot.user(BUDI)

    await user.send("/jadwal")
    offer = await user.next_message()
    await user.press("Pilih sesi")
    choices = await user.next_message()
    await user.press(choices.button_texts[0])
    booked = await user.next_edit()

    assert "Anda belum memilih sesi" in (offer.text or "")
    assert "Batas memilih: 28 Apr 2025 pukul 08.00 WIB" in (offer.text or "")
    # A and D only: B is full, C is not open to an Administrator.
    assert choices.button_texts == [
        "5 Mei 2025 08.00 WIB (2 kursi)",
        "8 Mei 2025 08.00 WIB (1 kursi)",
    ]
    assert "Kursi Anda sudah dipesan" in (booked.text or "")
    assert "Status Anda: hadir dikonfirmasi" in (booked.text or "")
    assert "Pindah sesi" in booked.button_texts
    assert await seats(bot, "A") == 1
    async with bot.db() as session:
        mine = (
            await session.scalars(select(Participation).where(Participation.employee_id == budi.id))
        ).all()
    assert [p.status for p in mine] == [ParticipationStatus.CONFIRMED]

    await user.send("/jadwal")
    card = await user.next_message()
    assert "Anda belum memilih sesi" not in (card.text or "")


async def test_two_bookings_for_the_last_seat_only_one_wins(
    bot: RunningBot,
) -> None:
    await self_booking_program(bot)
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah")
        target = await session.scalar(
            select(AssessmentSession).where(AssessmentSession.code == "D")
        )
        assert target is not None
        target_id = target.id
    ready = asyncio.Barrier(2)

    async def take(db: async_sessionmaker[AsyncSession], employee_id: int) -> bool:
        async with db.begin() as session:
            sitting = await session_by_id(session, session_id=target_id)
            assert sitting is not None
            await ready.wait()  # both have read "1 seat free" before either writes
            return (
                await book_seat(
                    session, target=sitting, employee_id=employee_id, now=bot.clock.now()
                )
                is not None
            )

    outcomes = await asyncio.gather(take(bot.db, budi.id), take(bot.db, siti.id))

    assert sorted(outcomes) == [False, True]
    assert await seats(bot, "D") == 1
    async with bot.db() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(Participation)
            .where(Participation.session_id == target_id)
        )
    assert count == 1


async def test_a_seat_taken_meanwhile_is_refused_without_change(bot: RunningBot) -> None:
    await self_booking_program(bot)
    await linked_budi(bot)
    user = bot.user(BUDI)
    await user.send("/jadwal")
    await user.next_message()
    await user.press("Pilih sesi")
    await user.next_message()
    async with bot.db.begin() as session:
        siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah")
        last = await session.scalar(select(AssessmentSession).where(AssessmentSession.code == "D"))
        assert last is not None
        await add_participation(session, employee=siti, assessment_session=last)

    await user.press("8 Mei 2025 08.00 WIB (1 kursi)")
    refused = await user.next_message()

    assert "sudah penuh" in (refused.text or "")
    assert await seats(bot, "D") == 1


async def test_rebooking_moves_the_seat_and_cancelling_releases_it(bot: RunningBot) -> None:
    await self_booking_program(bot)
    budi = await linked_budi(bot)
    async with bot.db.begin() as session:
        first = await session.scalar(select(AssessmentSession).where(AssessmentSession.code == "A"))
        assert first is not None
        pid = (
            await add_participation(
                session, employee=budi, assessment_session=first, status="confirmed"
            )
        ).id
    user = bot.user(BUDI)
    await user.send("/jadwal")
    await user.next_message()

    await user.press("Pindah sesi")
    choices = await user.next_message()
    await user.press("8 Mei 2025 08.00 WIB (1 kursi)")
    moved = await user.next_edit()

    assert choices.button_texts == ["8 Mei 2025 08.00 WIB (1 kursi)"]
    assert "Sesi Anda sudah dipindah" in (moved.text or "")
    assert "Kamis, 8 Mei 2025 pukul 08.00 WIB" in (moved.text or "")
    assert (await seats(bot, "A"), await seats(bot, "D")) == (0, 1)

    await user.press("Batalkan pesanan", message=moved)
    cancelled = await user.next_edit()

    assert "dibatalkan" in (cancelled.text or "")
    assert await seats(bot, "D") == 0
    assert await participation(bot, pid) is None


async def test_after_the_booking_deadline_nothing_changes(bot: RunningBot) -> None:
    deadline = bot.clock.now() + timedelta(days=1)
    await self_booking_program(bot, deadline=deadline)
    budi = await linked_budi(bot)
    async with bot.db.begin() as session:
        first = await session.scalar(select(AssessmentSession).where(AssessmentSession.code == "A"))
        assert first is not None
        pid = (
            await add_participation(
                session, employee=budi, assessment_session=first, status="confirmed"
            )
        ).id
    user = bot.user(BUDI)
    await user.send("/jadwal")
    card = await user.next_message()
    assert "Batalkan pesanan" in card.button_texts

    bot.clock.advance(timedelta(days=2))
    await user.press("Batalkan pesanan")
    refused = await user.next_message()
    await user.press("Pindah sesi", message=card)
    refused_move = await user.next_message()

    assert "Batas waktu memilih, memindah, atau membatalkan sesi sudah lewat" in (
        refused.text or ""
    )
    assert "4 Mar 2025 pukul 09.00 WIB" in (refused.text or "")
    assert refused_move.text == refused.text
    assert await participation(bot, pid) is not None
    assert await seats(bot, "A") == 1

    await user.send("/jadwal")
    again = await user.next_message()
    assert "Batalkan pesanan" not in again.button_texts
