"""/statistik: the numbers match the rows, and the coverage chart is a PNG."""

from __future__ import annotations

import io
from datetime import timedelta

from matplotlib.image import imread

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


async def test_statistics_match_the_rows_and_the_chart_is_a_png(bot: RunningBot) -> None:
    await gresik_in_small(bot)
    admin = bot.user(ADMIN_ID)

    await admin.send("/statistik")
    text = (await admin.next_message()).text or ""
    chart = await admin.next_message()

    assert "Pegawai tertaut: 2 dari 5 pegawai aktif (40,0%)" in text
    assert "Sudah dinilai: 3 dari 5 ASN (60,0%)" in text
    assert "sekitar 2 ASN per tahun" in text and "pada 2026" in text
    assert "sesuai jalur" in text
    assert "• Dinas Kesehatan: 1/2 (50,0%)\n• BKPSDM: 2/3 (66,7%)" in text  # lowest first
    assert "Puskesmas Manyar" not in text  # rolled up into its OPD
    assert "S-0317 Penilaian Kompetensi ASN 2025: 1 / 1 / 1 (kapasitas 30)" in text
    assert "Pelayanan Publik Prima: 2/10 (20,0%), daftar tunggu 1" in text
    assert "(dibaca / terkirim)\nbelum ada" in text
    assert chart.photo is not None
    assert chart.photo.data.startswith(PNG_SIGNATURE)
    assert imread(io.BytesIO(chart.photo.data), format="png").shape[0] > 100


async def test_statistics_without_data_say_there_is_no_projection(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/statistik")
    text = (await admin.next_message()).text or ""
    chart = await admin.next_message()

    assert "Pegawai tertaut: 0 dari 0" in text
    assert "proyeksi belum bisa dihitung" in text
    assert chart.photo is not None and chart.photo.data.startswith(PNG_SIGNATURE)
