"""/umumkan: an admin composes an announcement, previews it exactly as recipients
will see it, and sends it through the outbox (the dispatcher and the progress job
run when the test says so)."""

from __future__ import annotations

import asyncio
import io
from collections import Counter
from datetime import timedelta

import pytest
from openpyxl import Workbook
from sqlalchemy import func, insert, select

from bot.application import build_application
from bot.core.vocabulary import EmployeeStatus
from jobs import BROADCAST_PROGRESS, DISPATCHER
from models import AuditEvent, ChatLink, Employee, LinkStatus, Notification, VerificationMethod
from models.db import create_engine
from models.outbox import Broadcast, BroadcastDelivery
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.factories import add_employee, add_linked_user, add_sub_unit, add_unit
from tests.journeys.conftest import ADMIN_ID, RunningBot, run_job
from tests.narrow import present

KOMINFO, PUSKESMAS, BKPSDM = 5101, 5102, 5103


def sent_to(bot: RunningBot, chat_id: int, method: str = "sendMessage") -> int:
    return sum(
        1
        for call in bot.emulator.calls_to(method)
        if call.status == 200 and int(call.params["chat_id"]) == chat_id
    )


async def three_people(bot: RunningBot) -> dict[int, SimulatedUser]:
    """Two people of Dinas Kominfo (one in a sub-unit) and one of BKPSDM, all linked."""
    now = bot.clock.now()
    async with bot.db.begin() as session:
        await add_unit(session, "OPD-KOMINFO", "Dinas Kominfo")
        await add_sub_unit(
            session, code="KOMINFO-TIK", name="Bidang TIK", parent_code="OPD-KOMINFO"
        )
        await add_unit(session, "OPD-BKPSDM", "BKPSDM")
        for user_id, nip, unit in (
            (KOMINFO, "198609262015051001", "OPD-KOMINFO"),
            (PUSKESMAS, "199001012015052002", "KOMINFO-TIK"),
            (BKPSDM, "198805052012011003", "OPD-BKPSDM"),
        ):
            employee = await add_employee(session, nip=nip, name=f"P{user_id}", unit_code=unit)
            await add_linked_user(session, employee=employee, telegram_user_id=user_id, now=now)
    return {i: bot.user(i) for i in (KOMINFO, PUSKESMAS, BKPSDM)}


async def compose(
    admin: SimulatedUser, text: str, *choices: str
) -> tuple[MessageView, MessageView, MessageView]:
    """/umumkan, the text, no attachment, the audience buttons: (heading, preview, confirm)."""
    await admin.send("/umumkan")
    await admin.next_message()
    await admin.send(text)
    await admin.next_message()
    await admin.press("Tanpa lampiran")
    await admin.next_edit()
    for label in choices:
        await admin.press(label)
        if label not in ("Semua yang tertaut", "Tertinggal JP") and label != choices[-1]:
            await admin.next_edit()
    return await admin.next_message(), await admin.next_message(), await admin.next_message()


async def send_and_finish(bot: RunningBot, admin: SimulatedUser, count: int) -> MessageView:
    """Kirim, the dispatcher, then the progress job: the final report."""
    await admin.press(f"Kirim ke {count} orang")
    await admin.next_edit()
    await admin.next_message()  # the live progress message
    await bot.run_job(DISPATCHER)
    bot.clock.advance(timedelta(seconds=5))
    await bot.run_job(BROADCAST_PROGRESS)
    return await admin.next_message()


async def test_umumkan_is_refused_to_a_non_admin_like_an_unknown_command(
    bot: RunningBot,
) -> None:
    user = bot.user(4242)
    await user.send("/umumkan")
    reply = await user.next_message()
    assert reply.text == "Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah."
    await user.send("Halo")  # no draft was started: ordinary text goes on as usual
    assert "umumkan" not in ((await user.next_message()).text or "").lower()


async def test_an_announcement_to_one_opd_reaches_exactly_that_opd_as_previewed(
    bot: RunningBot,
) -> None:
    users = await three_people(bot)
    admin = bot.user(ADMIN_ID)

    heading, preview, confirm = await compose(
        admin, "Rapat <b>koordinasi</b> SPBE & evaluasi", "OPD", "Dinas Kominfo"
    )
    assert "Pratinjau untuk 2 penerima" in (heading.text or "")
    assert preview.text == "Rapat koordinasi SPBE & evaluasi"
    assert "OPD: Dinas Kominfo" in (confirm.text or "")
    report = await send_and_finish(bot, admin, 2)

    for user_id in (KOMINFO, PUSKESMAS):
        got = await users[user_id].next_message()
        assert (got.text, got.html, got.buttons) == (preview.text, preview.html, preview.buttons)
    assert sent_to(bot, BKPSDM) == 0
    assert "Pengumuman #1 selesai dikirim" in (report.text or "")
    assert "2 terkirim" in (report.text or "") and "0 diblokir" in (report.text or "")
    async with bot.db() as session:
        broadcast = await session.get(Broadcast, 1)
        deliveries = (await session.scalars(select(BroadcastDelivery))).all()
        actions = (await session.scalars(select(AuditEvent.action))).all()
    assert broadcast is not None and broadcast.status == "done"
    assert broadcast.audience["kind"] == "opd" and broadcast.finished_at == bot.clock.now()
    assert sorted(d.status for d in deliveries) == ["delivered", "delivered"]
    assert "broadcast.created" in actions and "broadcast.sent" in actions


async def test_html_telegram_would_refuse_is_sent_back_to_the_admin(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    await admin.send("/umumkan")
    await admin.next_message()
    await admin.send("Nilai a < b")
    refused = await admin.next_message()
    assert "tanda < pada karakter ke-9" in (refused.text or "")
    await admin.send("Nilai a &lt; b")
    assert "Tanpa lampiran" in (await admin.next_message()).button_texts


async def test_a_document_goes_with_the_text_as_its_caption(bot: RunningBot) -> None:
    users = await three_people(bot)
    admin = bot.user(ADMIN_ID)
    await admin.send("/umumkan")
    await admin.next_message()
    await admin.send_document("jadwal.pdf", b"%PDF-1.4 jadwal", caption="Jadwal <i>baru</i>")
    await admin.next_message()
    await admin.press("Semua yang tertaut")
    _, preview, _ = (
        await admin.next_message(),
        await admin.next_message(),
        await admin.next_message(),
    )
    assert preview.kind == "document" and preview.text == "Jadwal baru"

    await send_and_finish(bot, admin, 3)
    got = await users[BKPSDM].next_message()
    assert got.kind == "document" and got.text == "Jadwal baru"
    assert got.document is not None and got.document.data == b"%PDF-1.4 jadwal"


async def test_blocked_recipients_are_reported_as_blocked(bot: RunningBot) -> None:
    users = await three_people(bot)
    users[PUSKESMAS].chat.blocked = True  # blocked without the bot having heard of it
    admin = bot.user(ADMIN_ID)
    await compose(admin, "Libur nasional", "Semua yang tertaut")
    report = await send_and_finish(bot, admin, 3)

    assert "2 terkirim" in (report.text or "") and "1 diblokir" in (report.text or "")
    async with bot.db() as session:
        rows = (await session.execute(select(BroadcastDelivery.status))).scalars().all()
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == PUSKESMAS))
    assert Counter(rows) == Counter({"delivered": 2, "blocked": 1})
    assert link is not None and link.status == LinkStatus.BLOCKED


async def test_pause_holds_the_rest_and_resume_sends_it_and_cancel_withdraws(
    bot: RunningBot,
) -> None:
    await three_people(bot)
    admin = bot.user(ADMIN_ID)
    await compose(admin, "Pengumuman jeda", "Semua yang tertaut")
    await admin.press("Kirim ke 3 orang")
    await admin.next_edit()
    progress = await admin.next_message()
    assert "0/3 terkirim, 0 diblokir, 0 gagal" in (progress.text or "")
    assert progress.button_texts == ["Jeda", "Batalkan"]

    answer = await admin.press("Jeda")
    paused = await admin.next_edit()
    assert answer.text == "Pengiriman dijeda."
    assert "dijeda" in (paused.text or "") and paused.button_texts == ["Lanjutkan", "Batalkan"]
    await bot.run_job(DISPATCHER)
    assert sum(sent_to(bot, u) for u in (KOMINFO, PUSKESMAS, BKPSDM)) == 0

    await admin.press("Lanjutkan")
    await admin.next_edit()
    await bot.run_job(DISPATCHER)
    assert [sent_to(bot, u) for u in (KOMINFO, PUSKESMAS, BKPSDM)] == [1, 1, 1]

    await compose(admin, "Pengumuman batal", "Semua yang tertaut")
    await admin.press("Kirim ke 3 orang")
    await admin.next_edit()
    await admin.next_message()
    await admin.press("Batalkan")
    cancelled = await admin.next_edit()
    await bot.run_job(DISPATCHER)
    assert "dibatalkan" in (cancelled.text or "") and cancelled.button_texts == []
    assert [sent_to(bot, u) for u in (KOMINFO, PUSKESMAS, BKPSDM)] == [1, 1, 1]
    async with bot.db() as session:
        actions = (await session.scalars(select(AuditEvent.action))).all()
        withdrawn = await session.scalar(
            select(func.count()).where(Notification.status == "cancelled")
        )
    assert {"broadcast.paused", "broadcast.resumed", "broadcast.cancelled"} <= set(actions)
    assert withdrawn == 3


async def test_sudah_dibaca_counts_once_and_the_admin_sees_the_count(bot: RunningBot) -> None:
    users = await three_people(bot)
    admin = bot.user(ADMIN_ID)
    heading, preview, confirm = await compose(admin, "Mohon dibaca", "Semua yang tertaut")
    assert preview.button_texts == []
    await admin.press("Minta tombol Sudah dibaca")
    preview_now, confirm_now = await admin.next_edit(), await admin.next_edit()
    assert preview_now.message_id == preview.message_id
    assert preview_now.button_texts == ["Sudah dibaca"]
    assert "dengan tombol Sudah dibaca" in (confirm_now.text or "")
    await send_and_finish(bot, admin, 3)

    reader = users[KOMINFO]
    got = await reader.next_message()
    assert got.button_texts == ["Sudah dibaca"]
    bot.clock.advance(timedelta(seconds=5))
    first = await reader.press("Sudah dibaca")
    second = await reader.press(callback_data=got.buttons[0][0].callback_data, message=got)
    assert first.text == "✅ Sudah dibaca" and second.text == "Sudah tercatat dibaca."

    edited = await admin.next_edit()
    while "1 sudah dibaca" not in (edited.text or ""):
        edited = await admin.next_edit()
    assert "3/3 terkirim" in (edited.text or "")
    async with bot.db() as session:
        reads = await session.scalar(
            select(func.count()).where(BroadcastDelivery.read_at.is_not(None))
        )
    assert reads == 1


async def test_a_file_of_nips_names_the_unknown_ones(bot: RunningBot) -> None:
    await three_people(bot)
    admin = await ask_for_nip_file(bot)
    csv = b"NIP;Nama\n198609262015051001;Budi\n199901012020011009;Siapa\n"
    await admin.send_document("penerima.csv", csv, mime_type="text/csv")
    unknown = await admin.next_message()
    heading = await admin.next_message()
    assert "1 NIP tidak dikenal" in (unknown.text or "")
    assert "3: 199901012020011009" in (unknown.text or "")
    assert "Pratinjau untuk 1 penerima" in (heading.text or "")


async def people(bot: RunningBot, count: int, first_user: int) -> list[int]:
    """``count`` linked employees written with bulk inserts; their Telegram ids."""
    now = bot.clock.now()
    async with bot.db.begin() as session:
        unit = await add_unit(session)
        await session.execute(
            insert(Employee),
            [
                {"nip": f"19900101201501{n:04d}", "status": EmployeeStatus.PNS,
                 "name": f"Pegawai {n}", "unit_id": unit.id, "active": True}
                for n in range(count)
            ],
        )  # fmt: skip
        ids = (await session.scalars(select(Employee.id).order_by(Employee.id))).all()
        await session.execute(
            insert(ChatLink),
            [
                {"telegram_user_id": first_user + n, "employee_id": e,
                 "status": LinkStatus.ACTIVE, "verification_method": VerificationMethod.CODE,
                 "language": "id", "notification_prefs": {}, "created_at": now,
                 "linked_at": now}
                for n, e in enumerate(ids)
            ],
        )  # fmt: skip
    users = [first_user + n for n in range(count)]
    for user_id in users:
        bot.user(user_id)
    return users


async def test_a_restart_during_an_announcement_to_500_sends_it_to_each_exactly_once(
    bot: RunningBot,
) -> None:
    users = await people(bot, 500, 8_000_000)
    admin = bot.user(ADMIN_ID)
    await compose(admin, "Pengumuman untuk semua", "Semua yang tertaut")
    await admin.press("Kirim ke 500 orang")
    await admin.next_edit()

    async def process(**changes: object):  # another bot process on the same database
        settings = bot.settings.model_copy(update=changes)
        engine = create_engine(settings.effective_database_url)
        app = build_application(settings, engine=engine, clock=bot.clock)
        return app, engine

    first, first_engine = await process(dispatch_batch_size=10)
    async with first:
        await run_job(first, DISPATCHER)  # 20 batches of 10
        assert await delivered(bot) == 200
        # The next run dies with a message in flight. Telegram never gets to it: the
        # answer would take longer than the test (had it got it, that one message
        # could come twice: the window of the delivery guarantee).
        bot.emulator.faults.delay(0, "sendMessage", times=3)
        bot.emulator.faults.delay(600, "sendMessage", times=1)
        dying = asyncio.create_task(run_job(first, DISPATCHER))
        for _ in range(500):
            if not bot.emulator.faults.rules and await delivered(bot) >= 203:
                break
            await asyncio.sleep(0.01)
        dying.cancel()
        with pytest.raises(asyncio.CancelledError):
            await dying
    await first_engine.dispose()
    assert 200 < await delivered(bot) < 500

    bot.clock.advance(timedelta(minutes=3))  # past the claim lease
    second, second_engine = await process()
    async with second:
        await run_job(second, DISPATCHER)
        await run_job(second, BROADCAST_PROGRESS)
    await second_engine.dispose()

    per_user = Counter(
        int(c.params["chat_id"]) for c in bot.emulator.calls_to("sendMessage") if c.status == 200
    )
    assert [per_user[u] for u in users] == [1] * 500
    assert await delivered(bot) == 500
    report = [m for m in admin.chat_messages if "selesai dikirim" in (m.text or "")]
    assert len(report) == 1 and "500 terkirim" in (report[0].text or "")


async def delivered(bot: RunningBot) -> int:
    async with bot.db() as session:
        return int(
            await session.scalar(
                select(func.count()).where(BroadcastDelivery.status == "delivered")
            )
            or 0
        )


async def ask_for_nip_file(bot: RunningBot) -> SimulatedUser:
    admin = bot.user(ADMIN_ID)
    await admin.send("/umumkan")
    await admin.next_message()
    await admin.send("Undangan khusus")
    await admin.next_message()
    await admin.press("Tanpa lampiran")
    await admin.next_edit()
    await admin.press("Daftar NIP (berkas)")
    await admin.next_edit()
    return admin


async def test_a_nip_excel_stored_as_a_number_is_named_and_reaches_nobody(
    bot: RunningBot,
) -> None:
    await three_people(bot)
    admin = await ask_for_nip_file(bot)
    book = Workbook()
    sheet = present(book.active)
    sheet.append(["NIP"])
    sheet.append(["198609262015051001"])
    sheet.append([198609262015051001])  # a number cell: Excel keeps 15 digits of it
    data = io.BytesIO()
    book.save(data)

    await admin.send_document("penerima.xlsx", data.getvalue())
    unknown = await admin.next_message()
    heading = await admin.next_message()

    assert "1 NIP tidak dikenal" in (unknown.text or "")
    assert "3: tersimpan sebagai angka (format kolom NIP sebagai Teks)" in (unknown.text or "")
    assert "Pratinjau untuk 1 penerima" in (heading.text or "")


async def test_a_nip_file_over_the_import_size_limit_is_refused_before_it_is_downloaded(
    bot: RunningBot,
) -> None:
    bot.application.bot_data.settings = bot.settings.model_copy(update={"import_max_file_mb": 0.01})
    admin = await ask_for_nip_file(bot)
    csv = b"NIP\n" + b"198609262015051001\n" * 1000

    await admin.send_document("penerima.csv", csv, mime_type="text/csv")
    reply = await admin.next_message()

    assert (reply.text or "").startswith("File penerima.csv terlalu besar")
    assert bot.emulator.calls_to("getFile") == []
