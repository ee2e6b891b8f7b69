"""/statistik on a phone: a short summary (Babel numbers, no raw markup), the details
per OPD, course and announcement paged in place, and one chart per photo."""

from __future__ import annotations

import io
from datetime import timedelta

from matplotlib.image import imread
from sqlalchemy import func, select

from bot.core.vocabulary import BroadcastStatus, DeliveryStatus
from bot.demo import build_demo
from models.assessment import Result
from models.outbox import Broadcast, BroadcastDelivery
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.factories import (
    add_assessment_session,
    add_course,
    add_employee,
    add_enrollment,
    add_linked_user,
    add_participation,
    add_program,
    add_result,
    add_sub_unit,
    add_unit,
)
from tests.journeys.conftest import ADMIN_ID, RunningBot

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def gresik_in_small(bot: RunningBot) -> None:
    """BKPSDM: 3 active (2 assessed) and 1 inactive; Dinas Kesehatan: 2 active in a
    puskesmas (1 assessed); 2 linked; one upcoming session; one course."""
    now = bot.clock.now()
    async with bot.db.begin() as session:
        await add_unit(session, "OPD-DINKES", "Dinas Kesehatan")
        await add_sub_unit(
            session, code="PKM-MANYAR", name="Puskesmas Manyar", parent_code="OPD-DINKES"
        )
        p2024 = await add_program(session, code="PK-2024", name="Penilaian 2024")
        p2024.year = 2024
        p2025 = await add_program(session)
        people = []
        for number, unit in enumerate(["OPD-BKPSDM"] * 4 + ["PKM-MANYAR"] * 2):
            people.append(
                await add_employee(
                    session,
                    nip=f"1986092620150510{number:02d}",
                    name=f"Pegawai {number}",
                    unit_code=unit,
                )
            )
        people[3].active = False
        await add_result(session, employee=people[0], program=p2024)
        await add_result(session, employee=people[0], program=p2025)  # counted once
        await add_result(session, employee=people[1], program=p2025)
        await add_result(session, employee=people[3], program=p2024)  # inactive: not counted
        await add_result(session, employee=people[4], program=p2024)
        await add_linked_user(session, employee=people[0], telegram_user_id=2301, now=now)
        await add_linked_user(session, employee=people[4], telegram_user_id=2302, now=now)
        sitting = await add_assessment_session(
            session, program=p2025, code="S-0317", starts_at=now + timedelta(days=14)
        )
        for person, status in zip(
            people[:3], ["confirmed", "invited", "reschedule_requested"], strict=True
        ):
            await add_participation(
                session, employee=person, assessment_session=sitting, status=status
            )
        course = await add_course(session, title="Pelayanan Publik Prima", now=now, quota=10)
        await add_enrollment(
            session, course=course, employee=people[0], status="registered", at=now
        )
        await add_enrollment(
            session, course=course, employee=people[1], status="registered", at=now
        )
        await add_enrollment(
            session, course=course, employee=people[2], status="waitlisted", at=now
        )

    async with bot.db.begin() as session:
        news = Broadcast(
            created_by=ADMIN_ID,
            text="<b>Pemberitahuan</b>: rapat koordinasi &amp; evaluasi",
            audience={},
            status=BroadcastStatus.DONE,
            created_at=now,
        )
        session.add(news)
        await session.flush()
        for person, read in ((people[0], True), (people[4], False)):
            session.add(
                BroadcastDelivery(
                    broadcast_id=news.id,
                    employee_id=person.id,
                    status=DeliveryStatus.DELIVERED,
                    delivered_at=now,
                    read_at=now if read else None,
                )
            )


async def many(bot: RunningBot, *, opds: int = 0, courses: int = 0, broadcasts: int = 0) -> None:
    """``opds`` OPDs of one employee each, ``courses`` courses, ``broadcasts`` announcements."""
    now = bot.clock.now()
    async with bot.db.begin() as session:
        for n in range(opds):
            await add_unit(session, f"OPD-{n:02d}", f"Dinas Nomor {n:02d} Kabupaten Gresik")
            await add_employee(
                session, nip=f"1986092620150520{n:02d}", name=f"P {n}", unit_code=f"OPD-{n:02d}"
            )
        for n in range(courses):
            await add_course(session, title=f"Pelatihan {n:02d}", now=now, quota=20)
        for n in range(broadcasts):
            session.add(
                Broadcast(
                    created_by=ADMIN_ID,
                    text=f"<i>Info</i> nomor {n:02d}",
                    audience={},
                    status=BroadcastStatus.DONE,
                    created_at=now,
                )
            )


async def summary_and_photos(
    admin: SimulatedUser, count: int
) -> tuple[MessageView, list[MessageView]]:
    await admin.send("/statistik")
    summary = await admin.next_message()
    photos = [await admin.next_message() for _ in range(count)]
    return summary, photos


async def test_the_summary_is_short_and_plain_with_buttons_and_one_chart_per_photo(
    bot: RunningBot,
) -> None:
    await gresik_in_small(bot)
    admin = bot.user(ADMIN_ID)

    summary, photos = await summary_and_photos(admin, 4)

    text = summary.text or ""
    assert "Sudah dinilai: 3 dari 5 ASN (60,0%)" in text
    assert "sekitar 2 ASN per tahun" in text and "pada 2026" in text
    assert "sesuai jalur" in text
    assert (
        "Putaran ini (Penilaian Kompetensi ASN 2025): 3 diundang; 1 konfirmasi hadir, "
        "1 belum menjawab, 1 minta jadwal ulang." in text
    )
    assert "Pengumuman: 1 dari 2 pesan terkirim sudah dibaca (50,0%)." in text
    assert "Pegawai tertaut: 2 dari 5 pegawai aktif (40,0%)" in text
    assert "<" not in text and "S-0317" not in text and "Dinas Kesehatan" not in text
    assert len(text.splitlines()) <= 12
    assert summary.button_texts == [
        "Per OPD",
        "Per pelatihan",
        "Per pengumuman",
        "Survei kepuasan (IKM)",
        "Evaluasi pelatihan Gapura",
    ]
    assert all(len((b.callback_data or "").encode()) <= 64 for r in summary.buttons for b in r)
    assert [p.kind for p in photos] == ["photo"] * 4
    assert [p.text for p in photos] == [
        "Cakupan penilaian dan proyeksinya.",
        "Cakupan penilaian 2 OPD terendah dari 2 OPD; daftar lengkap di tombol Per OPD.",
        "Jawaban atas 3 undangan putaran ini.",
        "Tingkat baca 1 pengumuman terakhir; semuanya di tombol Per pengumuman.",
    ]
    for photo in photos:
        assert photo.photo is not None and photo.photo.data.startswith(PNG_SIGNATURE)
        assert imread(io.BytesIO(photo.photo.data), format="png").shape[1] == 1080


async def test_per_opd_pages_ten_lines_in_place_and_goes_back_to_the_summary(
    bot: RunningBot,
) -> None:
    await many(bot, opds=23)
    admin = bot.user(ADMIN_ID)
    summary, _ = await summary_and_photos(admin, 2)

    await admin.press("Per OPD", message=summary)
    first = await admin.next_edit()
    await admin.press("Berikutnya ›", message=first)
    second = await admin.next_edit()
    await admin.press("Berikutnya ›", message=second)
    third = await admin.next_edit()
    await admin.press("‹ Sebelumnya", message=third)
    again = await admin.next_edit()
    await admin.press("Kembali ke ringkasan", message=again)
    back = await admin.next_edit()

    assert {m.message_id for m in (first, second, third, again, back)} == {summary.message_id}
    lines = (first.text or "").splitlines()
    assert lines[0] == "Cakupan penilaian per OPD (terendah dulu), halaman 1 dari 3"
    assert lines[1] == "• Dinas Nomor 00 Kabupaten Gresik: 0 dari 1 (0,0%)"
    assert len(lines) == 11
    assert first.button_texts == ["Berikutnya ›", "Kembali ke ringkasan"]
    assert "halaman 2 dari 3" in (second.text or "")
    assert second.button_texts == ["‹ Sebelumnya", "Berikutnya ›", "Kembali ke ringkasan"]
    assert "halaman 3 dari 3" in (third.text or "") and len((third.text or "").splitlines()) == 4
    assert third.button_texts == ["‹ Sebelumnya", "Kembali ke ringkasan"]
    assert "halaman 2 dari 3" in (again.text or "")
    assert back.text == summary.text and back.button_texts == summary.button_texts


async def test_per_course_and_per_announcement_page_with_plain_text(bot: RunningBot) -> None:
    await gresik_in_small(bot)
    await many(bot, courses=11, broadcasts=10)
    admin = bot.user(ADMIN_ID)
    summary, _ = await summary_and_photos(admin, 4)

    await admin.press("Per pelatihan", message=summary)
    courses = await admin.next_edit()
    await admin.press("Berikutnya ›", message=courses)
    courses_end = await admin.next_edit()
    await admin.press("Kembali ke ringkasan", message=courses_end)
    await admin.next_edit()
    await admin.press("Per pengumuman", message=summary)
    news = await admin.next_edit()
    await admin.press("Berikutnya ›", message=news)
    news_end = await admin.next_edit()

    lines = (courses.text or "").splitlines()
    assert lines[0] == "Pelatihan Gapura (kursi terisi dari kuota), halaman 1 dari 2"
    assert "• Pelayanan Publik Prima: 2 dari 10 (20,0%), daftar tunggu 1" in lines
    assert len(lines) == 11
    assert (courses_end.text or "").splitlines()[0].endswith("halaman 2 dari 2")
    assert len((courses_end.text or "").splitlines()) == 3
    lines = (news.text or "").splitlines()
    assert lines[0] == "Pengumuman (dibaca dari terkirim), halaman 1 dari 2"
    assert lines[1] == "• 3 Mar 2025, Info nomor 09: 0 dari 0 (0,0%)"  # newest first
    end = news_end.text or ""
    assert "• 3 Mar 2025, Pemberitahuan: rapat koordinasi & evaluasi: 1 dari 2 (50,0%)" in end
    assert "<" not in end and "&amp;" not in end


async def test_a_detail_button_from_someone_else_changes_nothing(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    summary, _ = await summary_and_photos(admin, 1)
    stranger = bot.user(4242)
    await stranger.send("halo")
    await stranger.next_message()

    answer = await stranger.press_forged("st:o:1")

    assert answer.show_alert
    assert summary.text is not None


async def test_statistics_without_data_say_there_is_no_projection(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    summary, photos = await summary_and_photos(admin, 1)

    text = summary.text or ""
    assert "Sudah dinilai: 0 dari 0 ASN" in text
    assert "proyeksi belum bisa dihitung" in text
    assert "Putaran ini: belum ada sesi penilaian mendatang." in text
    assert "Pengumuman: belum ada yang terkirim." in text
    assert photos[0].photo is not None and photos[0].photo.data.startswith(PNG_SIGNATURE)


async def test_on_the_demo_the_summary_groups_thousands(bot: RunningBot) -> None:
    demo = await build_demo(bot.db, employees=1200, now=bot.clock.now())
    admin = bot.user(ADMIN_ID)

    summary, photos = await summary_and_photos(admin, 3)

    text = summary.text or ""
    async with bot.db() as session:  # everyone with a result: 2024's and the waiting ones
        with_result = await session.scalar(select(func.count(func.distinct(Result.employee_id))))
    assert with_result is not None and with_result >= demo.assessed_2024_total
    assessed = f"{with_result:,}".replace(",", ".")
    assert f"Sudah dinilai: {assessed} dari 1.200 ASN (" in text
    assert "Putaran ini (Penilaian Kompetensi ASN 2025): " in text and " diundang; " in text
    assert len(photos) == 3  # no announcement yet: no read-rate chart
