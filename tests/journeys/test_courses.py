"""/gapura: open courses page by page and by filter, details, enrolling,
cancelling, the waitlist with its offers, and a last seat taken only once."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from models import Course, CourseStatus, Employee, Enrollment, EnrollmentStatus
from models.queries import courses as q
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.factories import (
    NIP_SITI,
    add_course,
    add_employee,
    add_enrollment,
    add_released_result,
    add_sub_unit,
    add_unit,
)
from tests.journeys.conftest import RunningBot, linked

BUDI = 3101
SITI = 3102
NIP_ANDI = "199203152019031003"


async def siti(bot: RunningBot) -> tuple[SimulatedUser, Employee]:
    return await linked(bot, SITI, nip=NIP_SITI, name="Siti Aminah", phone=None)


async def one_course(bot: RunningBot, **fields: Any) -> Course:
    async with bot.db.begin() as session:
        return await add_course(session, now=bot.clock.now(), **fields)


async def open_details(user: SimulatedUser, title: str) -> MessageView:
    await user.send("/gapura")
    await user.next_message()
    await user.press(f"1. {title}")
    return await user.next_message()


async def places(bot: RunningBot, course: Course) -> list[tuple[int, str]]:
    async with bot.db() as session:
        rows = await session.execute(
            select(Enrollment.employee_id, Enrollment.status)
            .where(Enrollment.course_id == course.id)
            .order_by(Enrollment.id)
        )
    return [(employee_id, status.value) for employee_id, status in rows.all()]


async def seats_taken(bot: RunningBot, course: Course) -> int:
    async with bot.db() as session:
        taken = await session.scalar(select(Course.seats_taken).where(Course.id == course.id))
    assert taken is not None
    return taken


# ---------------------------------------------------------------- the list


async def test_twelve_courses_make_three_pages_and_next_edits_the_message(
    bot: RunningBot,
) -> None:
    user, _ = await linked(bot)
    async with bot.db.begin() as session:
        for n in range(1, 13):
            await add_course(
                session,
                title=f"Pelatihan {n:02d}",
                now=bot.clock.now(),
                starts_in=timedelta(days=10 + n),
            )

    await user.send("/gapura")
    first = await user.next_message()
    await user.press("Berikutnya ▶")
    second = await user.next_edit()
    await user.press("Berikutnya ▶")
    third = await user.next_edit()

    assert "Halaman 1 dari 3" in (first.text or "")
    assert "Pelatihan 01" in (first.text or "") and "Pelatihan 05" in (first.text or "")
    assert "Pelatihan 06" not in (first.text or "")
    assert first.button_texts[:5] == [f"{n}. Pelatihan {n:02d}" for n in range(1, 6)]
    assert "Berikutnya ▶" in first.button_texts and "◀ Sebelumnya" not in first.button_texts
    assert "Rekomendasi untuk Anda" in first.button_texts
    assert second.message_id == first.message_id
    assert "Halaman 2 dari 3" in (second.text or "")
    assert "6. Pelatihan 06" in (second.text or "") and "Pelatihan 11" not in (second.text or "")
    assert "Halaman 3 dari 3" in (third.text or "")
    assert "11. Pelatihan 11" in (third.text or "") and "12. Pelatihan 12" in (third.text or "")
    assert "◀ Sebelumnya" in third.button_texts and "Berikutnya ▶" not in third.button_texts


async def test_only_open_courses_for_my_audience_are_listed(bot: RunningBot) -> None:
    user, _ = await linked(bot)  # an Administrator, PNS
    now = bot.clock.now()
    await one_course(bot, title="Untuk semua")
    await one_course(bot, title="Untuk administrator", audience_position_types="Administrator,JPT")
    await one_course(bot, title="Untuk pelaksana", audience_position_types="Pelaksana")
    await one_course(bot, title="Khusus PPPK", audience_statuses="PPPK")
    await one_course(bot, title="Masih draf", status=CourseStatus.DRAFT)
    await one_course(bot, title="Sudah ditutup", registration_closes_at=now - timedelta(hours=1))
    await one_course(bot, title="Belum dibuka", registration_opens_at=now + timedelta(days=1))

    await user.send("/gapura")
    listed = (await user.next_message()).text or ""

    assert "Untuk semua" in listed and "Untuk administrator" in listed
    for hidden in ("pelaksana", "PPPK", "draf", "ditutup", "Belum dibuka"):
        assert hidden not in listed


async def test_a_course_for_an_opd_reaches_the_units_under_it(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_sub_unit(
            session, code="PKM-DUDUK", name="Puskesmas Duduksampeyan", parent_code="OPD-DINKES"
        )
        dinkes = await add_unit(session, "OPD-DINKES")
        other = await add_unit(session, "OPD-DISDIK", "Dinas Pendidikan")
    user, _ = await linked(bot, unit_code="PKM-DUDUK")
    await one_course(bot, title="Untuk Dinas Kesehatan", audience_unit_id=dinkes.id)
    await one_course(bot, title="Untuk Dinas Pendidikan", audience_unit_id=other.id)

    await user.send("/gapura")
    listed = (await user.next_message()).text or ""

    assert "Untuk Dinas Kesehatan" in listed
    assert "Untuk Dinas Pendidikan" not in listed


async def test_filter_by_competency_and_by_mode(bot: RunningBot) -> None:
    user, _ = await linked(bot)
    await one_course(bot, title="Komunikasi Publik", competencies={"M.03": 3})
    await one_course(bot, title="Pelayanan Prima", competencies={"M.05": 3}, mode="daring")
    await one_course(bot, title="Komunikasi Daring", competencies={"M.03": None}, mode="daring")

    await user.send("/gapura")
    await user.next_message()
    await user.press("Filter kompetensi")
    choose = await user.next_edit()
    await user.press("M.03 Komunikasi")
    by_competency = await user.next_edit()
    await user.press("Filter mode")
    await user.next_edit()
    await user.press("daring")
    both = await user.next_edit()

    assert len(choose.button_texts) == 10 and "Semua" in choose.button_texts
    text = by_competency.text or ""
    assert "Filter: Komunikasi" in text
    assert "Komunikasi Publik" in text and "Komunikasi Daring" in text
    assert "Pelayanan Prima" not in text
    assert "Filter: Komunikasi · daring" in (both.text or "")
    assert "Komunikasi Daring" in (both.text or "") and "Komunikasi Publik" not in (both.text or "")


# ---------------------------------------------------------------- details and places


async def test_details_show_everything_and_enrolling_takes_a_seat(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    course = await one_course(
        bot,
        title="Komunikasi Publik",
        quota=30,
        seats_taken=25,
        jp="12.5",
        competencies={"M.03": 3, "M.05": None},
        prerequisites="Membawa laptop",
    )

    details = await open_details(user, "Komunikasi Publik")
    await user.press("Daftar")
    enrolled = await user.next_edit()

    text = details.text or ""
    assert "Komunikasi (sampai level 3), Pelayanan Publik" in text
    assert "JP: 12,5" in text and "Mode: luring" in text and "Tempat: Aula BKPSDM Gresik" in text
    assert "Penyelenggara: BKPSDM Gresik" in text and "Sisa kursi: 5 dari 30" in text
    assert "Pendaftaran: 28 Feb 2025 09.00 WIB – 13 Mar 2025 09.00 WIB" in text
    assert "Prasyarat: Membawa laptop" in text and "Kontak: Seksi Pengembangan" in text
    assert "Status Anda: belum mendaftar" in text
    assert details.button_texts == ["Daftar"]
    assert enrolled.message_id == details.message_id
    assert "Anda terdaftar di pelatihan ini" in (enrolled.text or "")
    assert "Sisa kursi: 4 dari 30" in (enrolled.text or "")
    assert enrolled.button_texts == ["Batal daftar"]
    assert await places(bot, course) == [(budi.id, "registered")]
    assert await seats_taken(bot, course) == 26


async def test_cancelling_gives_the_seat_back(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    course = await one_course(bot, title="Komunikasi Publik", quota=10)
    await open_details(user, "Komunikasi Publik")
    await user.press("Daftar")
    await user.next_edit()

    await user.press("Batal daftar")
    cancelled = await user.next_edit()

    assert "Pendaftaran Anda dibatalkan" in (cancelled.text or "")
    assert "Sisa kursi: 10 dari 10" in (cancelled.text or "")
    assert cancelled.button_texts == ["Daftar"]
    assert await places(bot, course) == [(budi.id, "withdrawn")]
    assert await seats_taken(bot, course) == 0


async def test_a_full_course_offers_the_waitlist(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    course = await one_course(bot, title="Komunikasi Publik", quota=1, seats_taken=1)

    details = await open_details(user, "Komunikasi Publik")
    await user.press("Gabung daftar tunggu")
    waiting = await user.next_edit()

    assert "Sisa kursi: 0 dari 1" in (details.text or "")
    assert details.button_texts == ["Gabung daftar tunggu"]
    assert "Anda masuk daftar tunggu" in (waiting.text or "")
    assert "daftar tunggu, urutan ke-1" in (waiting.text or "")
    assert waiting.button_texts == ["Keluar dari daftar tunggu"]
    assert await places(bot, course) == [(budi.id, "waitlisted")]
    assert await seats_taken(bot, course) == 1


async def test_cancelling_offers_the_seat_to_the_next_who_accepts(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    other, siti_row = await siti(bot)
    course = await one_course(bot, title="Komunikasi Publik", quota=1)
    await open_details(user, "Komunikasi Publik")
    await user.press("Daftar")
    await user.next_edit()
    async with bot.db.begin() as session:
        andi = await add_employee(session, nip=NIP_ANDI, name="Andi Wijaya", phone=None)
        row = await session.get(Course, course.id)
        assert row is not None
        now = bot.clock.now()
        await add_enrollment(session, course=row, employee=andi, status="waitlisted", at=now)
        await add_enrollment(
            session,
            course=row,
            employee=siti_row,
            status="waitlisted",
            at=now - timedelta(minutes=5),
        )

    await user.press("Batal daftar")
    await user.next_edit()
    await other.send("/gapura")
    banner = await other.next_message()
    await other.press("🎟 Tawaran: Komunikasi Publik")
    offered = await other.next_message()
    await other.press("Terima tawaran")
    accepted = await other.next_edit()

    assert "Tawaran kursi untuk Anda" in (banner.text or "")
    assert "4 Mar 2025 09.00 WIB" in (banner.text or "")  # 24 hours from now
    assert offered.button_texts == ["Terima tawaran", "Tolak tawaran"]
    assert "terima sebelum 4 Mar 2025 09.00 WIB" in (offered.text or "")
    assert "Tawaran diterima" in (accepted.text or "")
    assert "Status Anda: ✅ terdaftar" in (accepted.text or "")
    assert await places(bot, course) == [
        (budi.id, "withdrawn"),
        (andi.id, "waitlisted"),
        (siti_row.id, "registered"),
    ]
    assert await seats_taken(bot, course) == 1


async def one_seat_offered(
    bot: RunningBot, budi: Employee, *, offered_to_budi: bool, hours: int
) -> tuple[Course, Employee]:
    """ "Komunikasi Publik", one seat, offered for ``hours`` to Budi or to Siti (the
    other one waiting); returns the course and Siti."""
    async with bot.db.begin() as session:
        course = await add_course(session, title="Komunikasi Publik", now=bot.clock.now(), quota=1)
        siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah", phone=None)
        now = bot.clock.now()
        offered, waiting = (budi, siti) if offered_to_budi else (siti, budi)
        await add_enrollment(
            session,
            course=course,
            employee=offered,
            status="offered",
            at=now - timedelta(days=1),
            offered_until=now + timedelta(hours=hours),
        )
        await add_enrollment(session, course=course, employee=waiting, status="waitlisted", at=now)
    return course, siti


async def test_a_lapsed_offer_passes_on_and_then_the_seat_frees(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    course, sitimah = await one_seat_offered(bot, budi, offered_to_budi=False, hours=24)

    bot.clock.advance(timedelta(hours=23))
    await bot.run_job("expire_offers")
    still = await places(bot, course)
    bot.clock.advance(timedelta(hours=1))
    await bot.run_job("expire_offers")
    passed = await places(bot, course)
    details = await open_details(user, "Komunikasi Publik")
    bot.clock.advance(timedelta(hours=24))
    await bot.run_job("expire_offers")
    await user.press("Terima tawaran")
    too_late = await user.next_edit()

    assert still == [(sitimah.id, "offered"), (budi.id, "waitlisted")]
    assert passed == [(sitimah.id, "withdrawn"), (budi.id, "offered")]
    # Offered at 5 Mar 09.00 WIB (the clock moved 24 hours), held for 24 hours.
    assert "terima sebelum 5 Mar 2025 09.00 WIB" in (details.text or "")
    assert "sudah tidak berlaku" in (too_late.text or "")
    assert await places(bot, course) == [(sitimah.id, "withdrawn"), (budi.id, "withdrawn")]
    assert await seats_taken(bot, course) == 0


async def test_declining_an_offer_passes_it_on(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    course, sitimah = await one_seat_offered(bot, budi, offered_to_budi=True, hours=5)

    await open_details(user, "Komunikasi Publik")
    await user.press("Tolak tawaran")
    declined = await user.next_edit()

    assert "Tawaran ditolak" in (declined.text or "")
    assert await places(bot, course) == [(budi.id, "withdrawn"), (sitimah.id, "offered")]
    assert await seats_taken(bot, course) == 1


async def test_two_enrollments_for_the_last_seat_at_once_register_exactly_one(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        sitimah = await add_employee(session, nip=NIP_SITI, name="Siti Aminah", phone=None)
        course = await add_course(
            session, title="Kursi terakhir", now=bot.clock.now(), quota=5, seats_taken=4
        )

    async def enroll(employee: Employee, *, wait: bool) -> str:
        async with bot.db.begin() as session:
            return await q.enroll(
                session,
                course_id=course.id,
                employee_id=employee.id,
                now=bot.clock.now(),
                waitlist_when_full=wait,
            )

    outcomes = await asyncio.gather(enroll(budi, wait=False), enroll(sitimah, wait=False))
    async with bot.db.begin() as session:
        await session.execute(update(Enrollment).values(status=EnrollmentStatus.WITHDRAWN))
        await session.execute(update(Course).values(seats_taken=4))
    waiting = await asyncio.gather(enroll(budi, wait=True), enroll(sitimah, wait=True))

    assert sorted(outcomes) == [q.FULL, "registered"]
    assert sorted(waiting) == ["registered", "waitlisted"]
    assert await seats_taken(bot, course) == 5
    assert sorted(status for _, status in await places(bot, course)) == [
        "registered",
        "waitlisted",
    ]


async def test_the_slower_of_two_for_the_last_seat_is_offered_the_waitlist(
    bot: RunningBot,
) -> None:
    user, budi = await linked(bot)
    other, _ = await siti(bot)
    course = await one_course(bot, title="Kursi terakhir", quota=1)
    await open_details(user, "Kursi terakhir")
    await open_details(other, "Kursi terakhir")

    await user.press("Daftar")
    await other.press("Daftar")
    won = await user.next_edit()
    lost = await other.next_edit()

    assert "Anda terdaftar" in (won.text or "")
    assert "kursi baru saja habis" in (lost.text or "")
    assert lost.button_texts == ["Gabung daftar tunggu"]
    assert await places(bot, course) == [(budi.id, "registered")]
    assert await seats_taken(bot, course) == 1


async def test_a_course_no_longer_open_or_not_for_me_is_refused(bot: RunningBot) -> None:
    user, _ = await linked(bot)
    closing = await one_course(bot, title="Segera ditutup")
    other = await one_course(bot, title="Untuk pelaksana", audience_position_types="Pelaksana")
    await user.send("/gapura")
    listing = await user.next_message()
    async with bot.db.begin() as session:
        await session.execute(
            update(Course).where(Course.id == closing.id).values(status=CourseStatus.CLOSED)
        )

    closed = await user.press("1. Segera ditutup")
    forged = await user.press_forged(f"gap:c:{other.id}", message=listing)
    enroll = await user.press_forged(f"gap:e:{other.id}", message=listing)

    assert closed.show_alert and "tidak tersedia" in (closed.text or "")
    assert forged.show_alert and "tidak tersedia" in (forged.text or "")
    assert enroll.show_alert
    assert len([m for m in user.chat_messages if m.from_bot]) == 1
    assert await places(bot, other) == []


async def test_an_unlinked_user_is_told_to_link(bot: RunningBot) -> None:
    user = bot.user(3199)

    await user.send("/gapura")
    reply = await user.next_message()

    assert "belum tertaut" in (reply.text or "")


# ---------------------------------------------------------------- for me


async def test_for_me_ranks_courses_by_my_gaps_with_a_reason(bot: RunningBot) -> None:
    user, budi = await linked(bot)
    async with bot.db.begin() as session:
        # Gaps of -1 at M.03, M.06 and SK.01 (the worked example of docs/demo.md).
        await add_released_result(session, employee=budi, now=bot.clock.now())
    await one_course(bot, title="Integritas ASN", competencies={"M.01": 4})
    await one_course(bot, title="Komunikasi Efektif", competencies={"M.03": 3})
    await one_course(bot, title="Coaching dan Mentoring", competencies={"M.03": 3, "M.06": 3})

    await user.send("/gapura")
    await user.next_message()
    await user.press("Rekomendasi untuk Anda")
    ranked = await user.next_message()

    text = ranked.text or ""
    assert "Rekomendasi Gapura" in text
    assert text.index("Coaching dan Mentoring") < text.index("Komunikasi Efektif")
    assert "Menutup 2 kesenjangan Anda, terbesar: Komunikasi (-1)" in text
    assert "Integritas ASN" not in text
    assert ranked.button_texts == ["1. Coaching dan Mentoring", "2. Komunikasi Efektif"]


async def test_for_me_without_a_released_result_says_so_and_lists_my_position_type(
    bot: RunningBot,
) -> None:
    user, _ = await linked(bot)
    await one_course(bot, title="Untuk semua", starts_in=timedelta(days=5))
    await one_course(
        bot, title="Kepemimpinan Administrator", audience_position_types="Administrator"
    )

    await user.send("/gapura")
    await user.next_message()
    await user.press("Rekomendasi untuk Anda")
    shown = await user.next_message()

    text = shown.text or ""
    assert "belum dirilis" in text and "jabatan Administrator" in text
    assert text.index("Kepemimpinan Administrator") < text.index("Untuk semua")


async def test_an_english_user_reads_english(bot: RunningBot) -> None:
    user, _ = await linked(bot, language="en")
    await one_course(bot, title="Public Communication", quota=3, mode="daring")

    await user.send("/gapura")
    listed = await user.next_message()
    await user.press("1. Public Communication")
    details = await user.next_message()

    assert "Gapura: open courses" in (listed.text or "") and "Page 1 of 1" in (listed.text or "")
    assert "online" in (listed.text or "") and "3 seats left" in (listed.text or "")
    assert "Recommended for you" in listed.button_texts
    assert "Seats left: 3 of 3" in (details.text or "")
    assert "Link: https://elearning.example.org/gapura" in (details.text or "")
    assert "Your status: not registered" in (details.text or "")
    assert details.button_texts == ["Register"]
