"""/impor with hostile or careless files (issue 12, problems 5 and 6): parsed in a
worker within limits while other users are answered; every bad cell a row error;
at most one message of errors plus a file of them all; nothing written on refusal."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from models import AuditEvent, Employee, Position, Unit
from sandbox.users import SimulatedUser
from sandbox.views import MessageView
from tests.factories import EMPLOYEE_HEADER
from tests.hostile_files import as_number, with_blank_rows, xlsx, zip_bomb
from tests.journeys.conftest import ADMIN_ID, RunningBot
from tests.journeys.test_admin_data import GOOD

if TYPE_CHECKING:
    from bot.imports.parsing import Frame, ParseJob
    from bot.imports.worker import ImportWorker

CAPTION = "/impor employees"


@pytest.fixture(scope="module")
def blank_rows_file() -> bytes:
    """The file of the report: one employee, then 300,000 formatted blank rows (1.5 MB)."""
    return with_blank_rows(xlsx(EMPLOYEE_HEADER, [GOOD]), 3, 300_000)


def csv_file(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EMPLOYEE_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def limit(bot: RunningBot, **settings: Any) -> None:
    bot.application.bot_data.settings = bot.settings.model_copy(update=settings)


async def nothing_written(bot: RunningBot) -> bool:
    async with bot.db() as session:
        counts = [
            await session.scalar(select(func.count()).select_from(model))
            for model in (Employee, Unit, Position, AuditEvent)
        ]
    return counts == [0, 0, 0, 0]


async def bot_messages_until_done(admin: SimulatedUser) -> list[MessageView]:
    """Every message the bot sent the admin for the import: the admin's next command
    is answered only after it (one user's updates are handled in order)."""
    await admin.send("/bantuan")
    while "Yang bisa saya bantu" not in ((await admin.next_message()).text or ""):
        pass
    messages = [m for m in admin.chat_messages if m.from_bot]
    return messages[:-1]


async def test_a_5000_digit_nip_is_a_row_error_and_nothing_written(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    row = [*GOOD]
    row[0] = "NIP-DI-SINI"
    crafted = as_number(xlsx(EMPLOYEE_HEADER, [row]), "NIP-DI-SINI", "9" * 5000)

    await admin.send_document("pegawai.xlsx", crafted, caption=CAPTION)
    reply = await admin.next_message()

    assert reply.text == (
        "File ditolak: 1 kesalahan, tidak ada data yang disimpan. "
        "Perbaiki baris berikut lalu impor ulang:\n"
        "Baris 2, kolom NIP: NIP harus 18 angka; yang Anda ketik 5000 angka."
    )
    assert await nothing_written(bot)


@pytest.mark.literal_markup  # the value is "<b>xxx...": shown as typed, on purpose
async def test_a_5000_character_value_is_clipped_in_its_error_line(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    row = [*GOOD]
    row[2] = "<b>" + "x" * 5000

    await admin.send_document("pegawai.xlsx", xlsx(EMPLOYEE_HEADER, [row]), caption=CAPTION)
    reply = await admin.next_message()

    clipped = "<b>" + "x" * 37 + "…"
    assert f'Baris 2, kolom Status: "{clipped}" tidak dikenal; pilih salah satu: PNS, PPPK.' in (
        reply.text or ""
    )
    assert len(reply.text or "") < 400
    assert await nothing_written(bot)


async def test_3000_bad_rows_are_one_message_and_a_file_of_them_all(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    rows = []
    for number in range(3000):
        row = [*GOOD]
        row[2] = f"Honorer {number}"
        rows.append(row)

    await admin.send_document("pegawai.csv", csv_file(rows), caption=CAPTION)
    messages = await bot_messages_until_done(admin)

    assert len(messages) == 2
    text, attached = messages
    lines = (text.text or "").splitlines()
    assert lines[0].startswith("File ditolak: 3.000 kesalahan, tidak ada data yang disimpan.")
    listed = [line for line in lines if line.startswith("Baris ")]
    assert 30 <= len(listed) <= 50
    assert listed[0] == (
        'Baris 2, kolom Status: "Honorer 0" tidak dikenal; pilih salah satu: PNS, PPPK.'
    )
    assert lines[-2:] == [
        f"... dan {3000 - len(listed):,} lainnya.".replace(",", "."),
        "Daftar lengkapnya ada di file terlampir.",
    ]
    assert len(text.text or "") <= 4096
    assert attached.document is not None
    assert attached.document.file_name == "pegawai-kesalahan.xlsx"
    sheet = load_workbook(io.BytesIO(attached.document.data), read_only=True).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0] == ("Baris", "Kolom", "Keterangan")
    assert len(table) == 3001
    assert table[-1] == (
        3001,
        "Status",
        '"Honorer 2999" tidak dikenal; pilih salah satu: PNS, PPPK.',
    )
    assert await nothing_written(bot)


async def test_a_zip_bomb_is_refused_before_it_is_opened(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    bomb = zip_bomb(xlsx(EMPLOYEE_HEADER, [GOOD]), 50)
    assert len(bomb) < 200_000

    await admin.send_document("pegawai.xlsx", bomb, caption=CAPTION)
    reply = await admin.next_message()

    assert (reply.text or "").startswith("File pegawai.xlsx ditolak: isinya dipadatkan ")
    assert "kali, padahal file Excel biasa paling banyak 100 kali." in (reply.text or "")
    assert await nothing_written(bot)


async def test_a_file_over_the_size_limit_is_refused_before_it_is_downloaded(
    bot: RunningBot, blank_rows_file: bytes
) -> None:
    limit(bot, import_max_file_mb=1)
    admin = bot.user(ADMIN_ID)

    await admin.send_document("pegawai.xlsx", blank_rows_file, caption=CAPTION)
    reply = await admin.next_message()

    assert (reply.text or "").startswith("File pegawai.xlsx terlalu besar (1,")
    assert (reply.text or "").endswith(
        " MB); batasnya 1 MB. Bagi menjadi beberapa file lalu kirim satu per satu."
    )
    assert bot.emulator.calls_to("getFile") == []
    assert await nothing_written(bot)


async def test_a_file_with_too_many_rows_is_refused(bot: RunningBot) -> None:
    limit(bot, import_max_rows=1000)
    admin = bot.user(ADMIN_ID)

    await admin.send_document("pegawai.csv", csv_file([GOOD] * 1001), caption=CAPTION)
    reply = await admin.next_message()

    assert reply.text == (
        "File pegawai.csv berisi lebih dari 1.000 baris data; batasnya 1.000 baris sekali "
        "impor. Bagi menjadi beberapa file. Tidak ada data yang disimpan."
    )
    assert await nothing_written(bot)


async def test_an_import_over_the_time_limit_is_stopped_and_nothing_written(
    bot: RunningBot,
) -> None:
    # The worker process alone takes longer than this to start.
    limit(bot, import_timeout_seconds=0.01)
    admin = bot.user(ADMIN_ID)

    await admin.send_document("pegawai.xlsx", xlsx(EMPLOYEE_HEADER, [GOOD]), caption=CAPTION)
    reply = await admin.next_message()

    assert reply.text == (
        "Impor dihentikan karena lebih lama dari batas 0,01 detik. Tidak ada data yang "
        "disimpan. Bagi file menjadi beberapa bagian lalu impor satu per satu."
    )
    assert await nothing_written(bot)


async def test_300000_blank_rows_neither_count_nor_are_read(
    bot: RunningBot, blank_rows_file: bytes
) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send_document("pegawai.xlsx", blank_rows_file, caption=CAPTION)
    reply = await admin.next_message()

    assert reply.text == (
        "Impor pegawai selesai: 1 baris dibaca, 1 baru, 0 diperbarui, 0 tidak berubah.\n"
        "Jabatan baru: 1.\n"
        "Unit kerja baru: 1.\n"
        "Pembacaan berhenti di baris 1002 karena 1.000 baris kosong berturut-turut. "
        "Jika di bawahnya masih ada data, hapus baris kosong itu lalu impor ulang."
    )
    async with bot.db() as session:
        assert await session.scalar(select(func.count(Employee.id))) == 1


class HeldWorker:
    """The application's worker, with each import held once its child process has
    started: the test decides when the parsed rows may reach the event loop."""

    def __init__(self, inner: ImportWorker) -> None:
        self.inner = inner
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    @asynccontextmanager
    async def frames(self, job: ParseJob) -> AsyncIterator[AsyncIterator[Frame]]:
        async with self.inner.frames(job) as frames:
            self.started.set()
            await self.release.wait()
            yield frames


async def test_other_users_are_answered_while_a_big_import_is_parsed(
    bot: RunningBot, blank_rows_file: bytes
) -> None:
    held = HeldWorker(bot.application.bot_data.import_worker)
    bot.application.bot_data.import_worker = held
    admin, other = bot.user(ADMIN_ID), bot.user(4242)

    await admin.send_document("pegawai.xlsx", blank_rows_file, caption=CAPTION)
    await asyncio.wait_for(held.started.wait(), timeout=10)
    await other.send("/bantuan")
    help_reply = await other.next_message()
    answered_before_the_import = [m for m in admin.chat_messages if m.from_bot] == []
    held.release.set()
    result = await admin.next_message()

    assert "Yang bisa saya bantu" in (help_reply.text or "")
    assert answered_before_the_import
    assert "1 baris dibaca, 1 baru" in (result.text or "")
