"""/impor in the chat: the same formats and checks as the CLI, all rows or none."""

from __future__ import annotations

import io

from openpyxl import Workbook
from sqlalchemy import func, select

from models import AuditEvent, Employee
from tests.factories import EMPLOYEE_HEADER
from tests.journeys.conftest import ADMIN_ID, RunningBot

GOOD = [
    "198609262015051001",
    "Budi Santoso",
    "PNS",
    "BKPSDM",
    "BKPSDM",
    "badan",
    "",
    "Kepala Bidang",
    "Administrator",
    "",
    "0812-3456-7890",
    "",
    "Ya",
]
OTHER = [
    "199001012015052002",
    "Siti Aminah",
    "PNS",
    "BKPSDM",
    "BKPSDM",
    "badan",
    "",
    "Analis",
    "Pelaksana",
    "",
    "",
    "",
    "Ya",
]


def xlsx(*rows: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(EMPLOYEE_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def employees(bot: RunningBot) -> int:
    async with bot.db() as session:
        return int(await session.scalar(select(func.count(Employee.id))) or 0)


async def test_a_bad_xlsx_is_rejected_with_row_numbers_and_nothing_written(
    bot: RunningBot,
) -> None:
    admin = bot.user(ADMIN_ID)
    bad_nip = [*OTHER]
    bad_nip[0] = "198613262015051001"  # month 13
    bad_status = [*GOOD]
    bad_status[0], bad_status[2] = "199203032016041001", "Honorer"

    await admin.send_document(
        "pegawai.xlsx", xlsx(GOOD, bad_nip, bad_status), caption="/impor employees"
    )
    reply = await admin.next_message()

    assert "File ditolak: 2 kesalahan" in (reply.text or "")
    assert "Baris 3, kolom NIP" in (reply.text or "")
    assert "Baris 4, kolom Status" in (reply.text or "")
    assert await employees(bot) == 0


async def test_a_good_file_sent_after_the_command_is_imported_and_audited(
    bot: RunningBot,
) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/impor employees")
    ask = await admin.next_message()
    await admin.send_document("pegawai.xlsx", xlsx(GOOD, OTHER))
    reply = await admin.next_message()

    assert "pegawai" in (ask.text or "")
    assert "2 baris dibaca, 2 baru" in (reply.text or "")
    assert await employees(bot) == 2
    async with bot.db() as session:
        event = await session.scalar(
            select(AuditEvent).where(AuditEvent.action == "import.employees")
        )
    assert event is not None
    assert event.actor_telegram_id == ADMIN_ID
    assert event.detail["created"] == 2


async def test_a_long_rejection_is_one_message_and_the_rest_in_a_file(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    rows = []
    for number in range(120):
        row = [*GOOD]
        row[0] = f"19860926201505{number:04d}"[:18]
        row[2] = "<Honorer>"
        rows.append(row)

    await admin.send_document("pegawai.xlsx", xlsx(*rows), caption="/impor employees")
    first = await admin.next_message()
    second = await admin.next_message()

    assert (first.text or "").startswith("File ditolak: 240 kesalahan")  # NIP and Status
    assert 'Baris 2, kolom Status: "<Honorer>" tidak dikenal' in (first.text or "")
    assert second.document is not None
    assert second.document.file_name == "pegawai-kesalahan.xlsx"
    assert await employees(bot) == 0


async def test_impor_alone_lists_the_kinds_and_sends_templates(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/impor")
    kinds = await admin.next_message()
    await admin.press("Templat pegawai")
    first = await admin.next_message()
    second = await admin.next_message()

    shown = kinds.text or ""
    for word in ("pegawai", "sesi", "peserta", "hasil", "pelatihan", "libur"):
        assert f"• /impor {word}: " in shown
    assert "employees" not in shown and "asesmen" not in shown and "kursus" not in shown
    assert "Templat pelatihan Gapura" in kinds.button_texts
    assert first.document is not None and first.document.file_name == "pegawai.xlsx"
    assert second.document is not None and second.document.file_name == "pegawai.csv"
    assert second.document.data.startswith(b"NIP,Nama")


async def test_a_kind_is_typed_in_indonesian_and_the_english_name_still_works(
    bot: RunningBot,
) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/impor pegawai")
    asked = await admin.next_message()
    await admin.send_document("data.xlsx", xlsx(GOOD))
    done = await admin.next_message()
    await admin.send_document("lagi.xlsx", xlsx(GOOD, OTHER), caption="/impor employees")
    again = await admin.next_message()

    assert asked.text == "Kirim file CSV atau XLSX berisi data pegawai sekarang."
    assert (done.text or "").startswith("Impor pegawai selesai: 1 baris dibaca, 1 baru")
    assert (again.text or "").startswith("Impor pegawai selesai: 2 baris dibaca, 1 baru")
    assert await employees(bot) == 2


async def test_an_unknown_kind_is_named(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/impor <gaji>")
    reply = await admin.next_message()

    assert 'Jenis impor "<gaji>" tidak dikenal' in (reply.text or "")
    assert "pegawai, sesi, peserta, hasil, pelatihan, libur" in (reply.text or "")
