"""Issue 16's details, as the employee sees them: the recommendations of /hasil by the
rule of /gapura, leaving a waitlist, one date for a one-day course, the card after a
reason, no "(+0)", one pronoun (Anda), one menu with every task, one calendar title,
states in words. (Every gap in "Area pengembangan": test_demo_journeys.py; paging in
words: test_courses.py; the chart: tests/test_charts.py.)"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from sqlalchemy import select

from bot.texts.catalogue import load
from models import Course, Enrollment, Participation, ParticipationStatus
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.factories import (
    NIP_SITI,
    add_assessment_session,
    add_course,
    add_employee,
    add_enrollment,
    add_linked_user,
    add_participation,
    add_program,
    add_released_result,
)
from tests.journeys.conftest import ADMIN_ID, EMPLOYEE_MENU, RunningBot, linked

BUDI = 3601


async def reveal(user: SimulatedUser) -> MessageView:
    """/hasil, then Tampilkan hasil: the summary (the chart is read and left)."""
    await user.send("/hasil")
    await user.next_message()
    await user.press("Tampilkan hasil")
    summary = await user.next_message()
    await user.next_message()  # the chart
    return summary


# ---------------------------------------------------------------- Rekomendasi Gapura


async def test_rekomendasi_from_hasil_follows_the_rule_of_untuk_anda(bot: RunningBot) -> None:
    """Not a course I hold a place on or wait for, not one whose registration closes
    this instant: /hasil and /gapura show the same list."""
    user, budi = await linked(bot, BUDI)
    now = bot.clock.now()
    async with bot.db.begin() as session:
        # Gaps of -1 at M.03, M.06 and SK.01 (domain.md's worked example).
        await add_released_result(session, employee=budi, now=now)
        held = await add_course(session, title="Sudah Terdaftar", now=now, competencies={"M.03": 3})
        waiting = await add_course(
            session, title="Sedang Menunggu", now=now, competencies={"M.06": 3}
        )
        await add_course(
            session,
            title="Tutup Sekarang",
            now=now,
            competencies={"SK.01": 3},
            registration_closes_at=now,
        )
        await add_course(session, title="Masih Terbuka", now=now, competencies={"M.03": 3})
        await add_enrollment(session, course=held, employee=budi, status="registered", at=now)
        await add_enrollment(session, course=waiting, employee=budi, status="waitlisted", at=now)

    await reveal(user)
    await user.press("Rekomendasi Gapura")
    from_results = await user.next_message()
    await user.send("/gapura")
    await user.next_message()
    await user.press("Rekomendasi untuk Anda")
    from_gapura = await user.next_message()

    text = from_results.text or ""
    assert "1. Masih Terbuka (8 JP)" in text
    for left_out in ("Sudah Terdaftar", "Sedang Menunggu", "Tutup Sekarang"):
        assert left_out not in text
    assert from_results.button_texts == ["1. Masih Terbuka"]
    assert (from_gapura.text, from_gapura.button_texts) == (text, from_results.button_texts)


# ---------------------------------------------------------------- the waitlist


async def test_a_waitlisted_course_offers_leaving_the_waitlist_not_batal_daftar(
    bot: RunningBot,
) -> None:
    user, budi = await linked(bot, BUDI)
    async with bot.db.begin() as session:
        course = await add_course(
            session, title="Komunikasi Publik", now=bot.clock.now(), quota=1, seats_taken=1
        )
    await user.send("/gapura")
    await user.next_message()
    await user.press("1. Komunikasi Publik")
    await user.next_message()
    await user.press("Gabung daftar tunggu")
    waiting = await user.next_edit()

    await user.press("Keluar dari daftar tunggu")
    left = await user.next_edit()

    assert waiting.button_texts == ["Keluar dari daftar tunggu"]
    assert "Batal daftar" not in waiting.button_texts
    assert "Anda sudah keluar dari daftar tunggu." in (left.text or "")
    assert "Status Anda: pendaftaran dibatalkan" in (left.text or "")
    assert left.button_texts == ["Gabung daftar tunggu"]
    async with bot.db() as session:
        row = await session.scalar(select(Enrollment).where(Enrollment.employee_id == budi.id))
        seats = await session.scalar(select(Course.seats_taken).where(Course.id == course.id))
    assert row is not None and row.status == "withdrawn"
    assert seats == 1  # a place in line held no seat: nothing to pass on


# ---------------------------------------------------------------- dates


async def test_a_one_day_course_reads_one_date(bot: RunningBot) -> None:
    user, _ = await linked(bot, BUDI)
    now = bot.clock.now()  # 3 Mar 2025
    day = datetime(2027, 1, 6, tzinfo=UTC).date()
    async with bot.db.begin() as session:
        await add_course(
            session,
            title="Sehari Saja",
            now=now,
            starts_in=timedelta(days=(day - now.date()).days),
            ends_on=day,
            registration_opens_at=now - timedelta(hours=1),
            registration_closes_at=now + timedelta(hours=7),
        )
    await user.send("/gapura")
    await user.next_message()
    await user.press("1. Sehari Saja")
    details = await user.next_message()

    text = details.text or ""
    assert "Tanggal: 6 Jan 2027\n" in text
    assert "6 Jan 2027 – 6 Jan 2027" not in text and "6 Jan 2027 - 6 Jan 2027" not in text
    assert "Pendaftaran: 3 Mar 2025 08.00 – 16.00 WIB" in text  # one day, one date


# ---------------------------------------------------------------- /jadwal


async def budi_invited(bot: RunningBot, program_name: str) -> int:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(session, employee=budi, telegram_user_id=BUDI, now=bot.clock.now())
        program = await add_program(session, name=program_name)
        sitting = await add_assessment_session(
            session,
            program=program,
            code="S-1",
            starts_at=bot.clock.now() + timedelta(days=20),
        )
        participation = await add_participation(session, employee=budi, assessment_session=sitting)
    return participation.id


async def test_after_the_reason_the_card_shows_the_new_state_in_words(bot: RunningBot) -> None:
    pid = await budi_invited(bot, "Penilaian Kompetensi ASN 2026")
    user = bot.user(BUDI)
    await user.send("/jadwal")
    card = await user.next_message()
    await user.press("Hadir", message=card)
    confirmed = await user.next_edit()

    await user.press("Tidak bisa hadir", message=card)
    await user.next_message()  # the question
    await user.send("Dinas luar ke Surabaya")
    await user.next_message()  # the reason is recorded
    after = await user.next_edit()

    assert "Status Anda: hadir dikonfirmasi" in (confirmed.text or "")
    assert after.message_id == card.message_id
    text = after.text or ""
    assert "hadir dikonfirmasi" not in text
    assert "Status Anda: tidak bisa hadir, menunggu jadwal baru dari BKPSDM" in text
    assert "Alasan Anda: Dinas luar ke Surabaya" in text
    assert after.button_texts == ["Hadir", "Tambah ke kalender"]
    async with bot.db() as session:
        row = await session.get(Participation, pid)
    assert row is not None and row.status == ParticipationStatus.RESCHEDULE_REQUESTED


async def test_the_calendar_title_says_the_program_once(bot: RunningBot) -> None:
    await budi_invited(bot, "Penilaian Kompetensi ASN 2026")
    user = bot.user(BUDI)
    await user.send("/jadwal")
    await user.next_message()

    await user.press("Tambah ke kalender")
    sent = await user.next_message()

    assert sent.document is not None
    event = next(iter(Calendar.from_ical(sent.document.data).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Penilaian Kompetensi ASN 2026"


# ---------------------------------------------------------------- /hasil: no "(+0)"


async def test_a_competency_at_its_standard_reads_sesuai_standar_not_plus_zero(
    bot: RunningBot,
) -> None:
    user, budi = await linked(bot, BUDI)
    now = bot.clock.now()
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=now, achieved=(3,) * 9)
        await add_course(session, title="Integritas ASN", now=now, competencies={"M.01": 4})

    summary = await reveal(user)
    await user.press("Rekomendasi Gapura")
    listing = await user.next_message()

    assert "(+0)" not in (summary.text or "") and "+0" not in (listing.text or "")
    assert "• Integritas: 3 → 3 (sesuai standar)" in (summary.text or "")
    assert "Memperkuat Integritas (sesuai standar)" in (listing.text or "")


# ---------------------------------------------------------------- Anda, throughout


def test_the_indonesian_catalogue_calls_the_user_anda_never_saya() -> None:
    """Only the bot speaks of itself as "saya" ("Yang bisa saya bantu"), and the
    examples of what to type quote the user's own words ("jadwal saya kapan?")."""
    bot_about_itself = {"help.heading", "questions.not_understood"}

    found = {
        key
        for key, text in load("id").every_form().items()
        if re.search(r"\bsaya\b", text, re.IGNORECASE) and key not in bot_about_itself
    }

    assert found == set()


async def test_course_details_say_status_anda(bot: RunningBot) -> None:
    user, _ = await linked(bot, BUDI)
    async with bot.db.begin() as session:
        await add_course(session, title="Komunikasi Publik", now=bot.clock.now())

    await user.send("/gapura")
    listing = await user.next_message()
    await user.press("1. Komunikasi Publik")
    details = await user.next_message()

    assert "Rekomendasi untuk Anda" in listing.button_texts
    assert "Status Anda: belum mendaftar" in (details.text or "")
    assert "saya" not in (details.text or "") + " ".join(listing.button_texts)


# ---------------------------------------------------------------- one menu


async def test_the_menu_holds_every_task_and_each_button_does_what_it_says(
    bot: RunningBot,
) -> None:
    user, _ = await linked(bot, BUDI)

    await user.send("/menu")
    menu = await user.next_message()
    await user.press("Atur pengingat", message=menu)
    reminders = await user.next_message()
    await user.press("Bantuan dan daftar perintah", message=menu)
    help_reply = await user.next_message()

    assert menu.button_texts == EMPLOYEE_MENU
    assert all(len(row) == 1 for row in menu.buttons)  # whole phrases, one a row
    assert (reminders.text or "").startswith("Pengingat")
    assert "✅ Aktif: Pengingat sesi penilaian" in reminders.button_texts
    assert (help_reply.text or "").startswith("Yang bisa saya bantu")
    assert "/pengingat" in (help_reply.text or "")


async def test_a_linked_admin_sees_the_same_menu(bot: RunningBot) -> None:
    admin, _ = await linked(bot, ADMIN_ID)
    user, _ = await linked(bot, BUDI, nip=NIP_SITI, name="Siti Aminah", phone=None)

    await admin.send("/menu")
    home = await admin.next_message()
    await user.send("/menu")
    menu = await user.next_message()

    assert home.button_texts[-len(EMPLOYEE_MENU) :] == menu.button_texts == EMPLOYEE_MENU


async def test_an_english_menu_and_reminders_say_their_state_in_words(bot: RunningBot) -> None:
    user, _ = await linked(bot, BUDI, language="en")

    await user.send("/menu")
    menu = await user.next_message()
    await user.press("Set your reminders")
    reminders = await user.next_message()
    await user.press("✅ On: Assessment session reminders")
    switched = await user.next_edit()

    assert "Set your reminders" in menu.button_texts
    assert "Help and the list of commands" in menu.button_texts
    assert all(label.startswith(("✅ On: ", "🔕 Off: ")) for label in reminders.button_texts), (
        reminders.button_texts
    )
    assert "🔕 Off: Assessment session reminders" in switched.button_texts
