"""/ekspor: XLSX files that open with openpyxl and hold the right rows; each export
is audited. /audit lists recent events a page at a time."""

from __future__ import annotations

import io
from datetime import date, timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from models import AuditEvent, EmployeeStatus
from tests.factories import (
    add_assessment_session,
    add_course,
    add_employee,
    add_enrollment,
    add_jp_entry,
    add_participation,
    add_program,
    add_unit,
)
from tests.journeys.conftest import ADMIN_ID, RunningBot


def sheet_rows(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


async def test_the_attendance_sheet_lists_the_session_participants(bot: RunningBot) -> None:
    now = bot.clock.now()
    async with bot.db.begin() as session:
        program = await add_program(session)
        sitting = await add_assessment_session(
            session, program=program, code="S-0317", starts_at=now + timedelta(days=14)
        )
        other = await add_assessment_session(
            session, program=program, code="S-0318", starts_at=now + timedelta(days=15)
        )
        budi = await add_employee(session)
        siti = await add_employee(session, nip="199001012015052002", name="Siti Aminah")
        dewi = await add_employee(session, nip="199507202022211002", name="Dewi Lestari")
        await add_participation(
            session, employee=budi, assessment_session=sitting, status="confirmed"
        )
        await add_participation(session, employee=siti, assessment_session=sitting)
        await add_participation(session, employee=dewi, assessment_session=other)
    admin = bot.user(ADMIN_ID)

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Peserta sesi (daftar hadir)")
    picker = await admin.next_edit()
    await admin.press(next(b for b in picker.button_texts if b.startswith("Sen 17 Mar")))
    sent = await admin.next_message()

    assert not any("S-03" in b for b in picker.button_texts)
    assert picker.button_texts[:2] == [
        "Sen 17 Mar 09.00 · UPT Penilaian Kompet…",
        "Sel 18 Mar 09.00 · UPT Penilaian Kompet…",
    ]
    assert sent.document is not None
    assert sent.document.file_name == "daftar-hadir-2025-03-17-upt-penilaian.xlsx"
    assert sent.text == (
        "📋 Daftar hadir Senin, 17 Maret 2025 pukul 09.00 WIB · UPT Penilaian Kompetensi "
        "BKPSDM Gresik · S-0317\nPenilaian Kompetensi ASN 2025: 2 peserta."
    )
    book = load_workbook(io.BytesIO(sent.document.data))
    assert book.sheetnames == ["17 Mar 2025 UPT Penilaian Komp…"]
    assert book.active is not None and str(book.active["A1"].value).startswith(
        "Daftar hadir Penilaian Kompetensi ASN 2025: Senin, 17 Maret 2025 pukul 09.00 WIB"
    )
    rows = sheet_rows(sent.document.data)
    assert rows[0] == (
        "No", "NIP", "Nama", "Unit kerja", "Status", "Waktu presensi", "Tanda tangan"
    )  # fmt: skip
    assert rows[1:] == [
        (1, "198609262015051001", "Budi Santoso", "BKPSDM", "hadir dikonfirmasi", None, None),
        (2, "199001012015052002", "Siti Aminah", "BKPSDM", "diundang", None, None),
    ]
    async with bot.db() as session:
        event = await session.scalar(select(AuditEvent))
    assert event is not None and event.action == "export.session"
    assert (event.actor_telegram_id, event.detail["rows"]) == (ADMIN_ID, 2)


async def test_course_enrollments_export_in_registration_order(bot: RunningBot) -> None:
    now = bot.clock.now()
    async with bot.db.begin() as session:
        course = await add_course(session, title="Pelayanan Publik Prima", now=now)
        budi = await add_employee(session)
        siti = await add_employee(session, nip="199001012015052002", name="Siti Aminah")
        await add_enrollment(
            session, course=course, employee=siti, status="registered", at=now - timedelta(hours=2)
        )
        await add_enrollment(session, course=course, employee=budi, status="waitlisted", at=now)
    admin = bot.user(ADMIN_ID)

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Peserta pelatihan")
    await admin.next_edit()
    await admin.press("Pelayanan Publik Prima")
    sent = await admin.next_message()

    assert sent.document is not None
    assert sent.document.file_name == "peserta-pelatihan-pelayanan-publik-prima.xlsx"
    title = load_workbook(io.BytesIO(sent.document.data)).active
    assert title is not None and title["A1"].value == "Peserta pelatihan: Pelayanan Publik Prima"
    rows = sheet_rows(sent.document.data)
    assert [(r[2], r[4]) for r in rows[1:]] == [
        ("Siti Aminah", "terdaftar"),
        ("Budi Santoso", "daftar tunggu"),
    ]
    assert str(rows[1][5]) == "2025-03-03 07:00:00"  # local time, WIB


async def test_jp_per_opd_counts_who_met_the_target(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_unit(session, "OPD-DINKES", "Dinas Kesehatan")
        budi = await add_employee(session)
        siti = await add_employee(session, nip="199001012015052002", name="Siti Aminah")
        dewi = await add_employee(
            session, nip="199507202022211002", name="Dewi Lestari", unit_code="OPD-DINKES"
        )
        dewi.status = EmployeeStatus.PPPK
        await add_jp_entry(session, employee=budi, jp="12", on=date(2025, 2, 1))
        await add_jp_entry(session, employee=budi, jp="8", on=date(2025, 2, 20))
        await add_jp_entry(session, employee=siti, jp="30", on=date(2024, 6, 1))  # last year
        await add_jp_entry(session, employee=dewi, jp="4", on=date(2025, 1, 10))
    admin = bot.user(ADMIN_ID)

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Capaian JP per OPD")
    sent = await admin.next_message()

    assert sent.document is not None
    rows = sheet_rows(sent.document.data)
    assert rows[0] == ("OPD", "Pegawai", "Rata-rata JP", "Memenuhi target", "% memenuhi target")
    assert rows[1:] == [("BKPSDM", 2, 10.0, 1, 50.0), ("Dinas Kesehatan", 1, 4.0, 0, 0.0)]


async def test_an_announcement_report_without_announcements_says_so(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/ekspor")
    await admin.next_message()
    answer = await admin.press("Laporan pengumuman")

    assert answer.show_alert and "Belum ada data" in (answer.text or "")


async def test_audit_lists_recent_events_a_page_at_a_time(bot: RunningBot) -> None:
    now = bot.clock.now()
    async with bot.db.begin() as session:
        for number in range(20):
            session.add(
                AuditEvent(
                    at=now,
                    actor_kind="admin",
                    actor_telegram_id=ADMIN_ID,
                    action="export.jp" if number % 2 else f"export.test{number}",
                    detail={"rows": number},
                )
            )
    admin = bot.user(ADMIN_ID)

    await admin.send("/audit")
    first = await admin.next_message()
    await admin.press("Lebih lama »")
    second = await admin.next_edit()

    assert "Catatan audit 1-15 dari 20" in (first.text or "")
    lines = (first.text or "").splitlines()
    assert lines[1] == "3 Mar 2025 09.00 WIB, Admin: mengekspor rekap JP (19 baris)"
    assert lines[2] == "3 Mar 2025 09.00 WIB, Admin: kegiatan lain (18 baris)"
    assert "export." not in (first.text or "") and "900001" not in (first.text or "")
    assert "Catatan audit 16-20 dari 20" in (second.text or "")
    assert second.button_texts == ["« Lebih baru"]
