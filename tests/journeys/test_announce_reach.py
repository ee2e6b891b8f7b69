"""/umumkan's preview says whom the announcement reaches and whom not (not linked,
blocked the bot), with a file of the people not reached for a letter or a WhatsApp;
/pengingat and /bantuan tell the real rules of when messages go out."""

from __future__ import annotations

import io
from datetime import time

from openpyxl import load_workbook
from sqlalchemy import select, update

from bot.clock import FakeClock
from models import AuditEvent, ChatLink, LinkStatus
from sandbox import Emulator
from tests.factories import add_employee
from tests.journeys.conftest import ADMIN_ID, RunningBot, running_bot
from tests.journeys.test_admin_broadcast import BKPSDM, KOMINFO, PUSKESMAS, compose, sent_to
from tests.journeys.test_admin_broadcast import three_people as people


def sheet_rows(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


async def kominfo_with_unreached(bot: RunningBot) -> None:
    """Dinas Kominfo: two linked, one who blocked the bot, two never linked (one with a
    name a spreadsheet would take for a formula)."""
    await people(bot)
    async with bot.db.begin() as session:
        for nip, name in (
            ("199203042019031004", "Dewi Lestari"),
            ("199405062020122005", '=HYPERLINK("http://x","klik")'),
        ):
            await add_employee(session, nip=nip, name=name, unit_code="OPD-KOMINFO")
        await session.execute(
            update(ChatLink)
            .where(ChatLink.telegram_user_id == PUSKESMAS)
            .values(status=LinkStatus.BLOCKED)
        )


async def test_the_preview_counts_linked_unlinked_and_blocked(bot: RunningBot) -> None:
    await kominfo_with_unreached(bot)
    admin = bot.user(ADMIN_ID)

    heading, _, confirm = await compose(admin, "Rapat SPBE", "OPD", "Dinas Kominfo")

    assert "Pratinjau untuk 1 penerima" in (heading.text or "")
    assert (
        "Penerima: 1 dari 4 orang (OPD: Dinas Kominfo): 1 tertaut, 2 belum tertaut, "
        "1 memblokir bot." in (confirm.text or "")
    )
    assert "Daftar 3 orang yang tidak terjangkau (XLSX)" in confirm.button_texts
    await admin.press("Kirim ke 1 orang")
    await admin.next_edit()
    assert [sent_to(bot, u) for u in (KOMINFO, PUSKESMAS, BKPSDM)] == [0, 0, 0]


async def test_the_file_lists_the_people_not_reached_and_is_audited(bot: RunningBot) -> None:
    await kominfo_with_unreached(bot)
    admin = bot.user(ADMIN_ID)
    await compose(admin, "Rapat SPBE", "OPD", "Dinas Kominfo")

    await admin.press("Daftar 3 orang yang tidak terjangkau (XLSX)")
    sent = await admin.next_message()

    assert sent.document is not None and sent.document.file_name == "tidak-terjangkau-bot.xlsx"
    assert "3 orang tidak akan menerima pengumuman ini lewat bot" in (sent.text or "")
    rows = sheet_rows(sent.document.data)
    assert rows[0][0] == "Tidak terjangkau bot: OPD: Dinas Kominfo"
    assert rows[1] == ("No", "NIP", "Nama", "Unit kerja", "Keterangan")
    assert sorted(tuple(r[1:]) for r in rows[2:]) == [
        ("199001012015052002", "P5102", "Bidang TIK", "Memblokir bot"),
        ("199203042019031004", "Dewi Lestari", "Dinas Kominfo", "Belum menautkan Telegram"),
        (
            "199405062020122005", '=HYPERLINK("http://x","klik")', "Dinas Kominfo",
            "Belum menautkan Telegram",
        ),
    ]  # fmt: skip
    sheet = load_workbook(io.BytesIO(sent.document.data)).active
    assert sheet is not None
    formula_like = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    async with bot.db() as session:
        actions = (await session.scalars(select(AuditEvent.action))).all()
    assert "export.unreached" in actions


async def test_the_unreached_file_is_refused_to_a_non_admin(bot: RunningBot) -> None:
    await kominfo_with_unreached(bot)
    stranger = bot.user(4242)
    await stranger.send("/start")
    await stranger.next_message()

    answer = await stranger.press_forged("bc:nr")

    assert "Perintah tidak dikenal" in (answer.text or "")
    assert sent_to(bot, 4242, "sendDocument") == 0


async def test_pengingat_and_bantuan_tell_the_quiet_hours_of_the_settings(
    emulator: Emulator, database_url: str, clock: FakeClock
) -> None:
    quiet = {"quiet_hours_start": time(22, 0), "quiet_hours_end": time(5, 30)}
    async with running_bot(emulator, database_url, clock, **quiet) as bot:
        await people(bot)
        user = bot.user(KOMINFO)
        await user.send("/pengingat")
        menu = await user.next_message()
        await user.send("/bantuan")
        help_text = await user.next_message()

    for shown in (menu.text or "", help_text.text or ""):
        assert "Jam tenang pukul 22.00-05.30" in shown
        assert "Perubahan atau pembatalan jadwal, pelatihan yang dimulai besok" in shown
        assert "Pengumuman BKPSDM mengikuti aturan ini, kecuali admin memilih" in shown
        assert "Jawaban atas permintaan Anda sendiri" in shown
        assert "Tidak ada pesan pada pukul" not in shown
