"""A step waits for a while (``bot/core/steps.py``): an answer that comes later is told
plainly that the time is up and changes nothing; expired steps are deleted a day
later, and /hapus deletes every step at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.core.steps import DRAFT, IMPORT_KIND, KEEP_EXPIRED, LINK_NIP, REASON
from jobs import FORGET_STEPS
from models import ChatLink, ConversationStep, Employee, Participation, ParticipationStatus
from models.outbox import Broadcast
from tests.factories import (
    NIP_BUDI,
    add_assessment_session,
    add_employee,
    add_participation,
    add_program,
    employees_csv,
)
from tests.journeys.conftest import ADMIN_ID, RunningBot, linked

MAY_5 = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)
PHONE = "+6281234567890"


async def steps_of(bot: RunningBot, telegram_user_id: int) -> list[str]:
    async with bot.db() as session:
        rows = await session.scalars(
            select(ConversationStep.name)
            .where(ConversationStep.telegram_user_id == telegram_user_id)
            .order_by(ConversationStep.name)
        )
    return list(rows.all())


async def test_a_reason_typed_after_the_hour_is_told_it_is_too_late_and_changes_nothing(
    bot: RunningBot,
) -> None:
    budi, person = await linked(bot)
    async with bot.db.begin() as session:
        sitting = await add_assessment_session(
            session, program=await add_program(session), code="S-0505", starts_at=MAY_5
        )
        invited = await add_participation(session, employee=person, assessment_session=sitting)
    await budi.send("/jadwal")
    await budi.next_message()
    await budi.press("Tidak bisa hadir")
    await budi.next_message()

    bot.clock.advance(REASON.lasts + timedelta(minutes=1))
    await budi.send("Dinas luar ke Surabaya")
    told = await budi.next_message()
    await budi.send("halo")
    after = await budi.next_message()

    assert told.text == (
        "Waktu untuk menulis alasan sudah habis, jadi pesan ini tidak dicatat dan tidak ada "
        "yang berubah. Tekan lagi Tidak bisa hadir di /jadwal, lalu tulis alasannya."
    )
    # Told once; text is a question again ("halo": the menu).
    assert (after.text or "").startswith("Menu utama")
    async with bot.db() as session:
        row = await session.get(Participation, invited.id)
    assert row is not None and row.status == ParticipationStatus.INVITED and row.reason is None
    assert await steps_of(bot, budi.id) == []


async def test_a_draft_answered_after_a_day_is_told_it_expired_and_nothing_is_sent(
    bot: RunningBot,
) -> None:
    admin = bot.user(ADMIN_ID)
    await admin.send("/umumkan")
    await admin.next_message()

    bot.clock.advance(DRAFT.lasts + timedelta(minutes=1))
    await admin.send("Rapat koordinasi")
    told = await admin.next_message()
    await admin.press("Batal")  # the old question's button
    await admin.next_edit()

    assert "Draf pengumuman ini sudah kedaluwarsa dan tidak dikirim" in (told.text or "")
    async with bot.db() as session:
        assert await session.scalar(select(func.count(Broadcast.id))) == 0
    assert await steps_of(bot, ADMIN_ID) == []


async def test_a_button_of_an_expired_draft_says_so_in_an_alert(bot: RunningBot) -> None:
    await linked(bot)
    admin = bot.user(ADMIN_ID)
    await admin.send("/umumkan")
    await admin.next_message()
    await admin.send("Rapat koordinasi")
    await admin.next_message()

    bot.clock.advance(DRAFT.lasts + timedelta(minutes=1))
    answer = await admin.press("Tanpa lampiran")

    assert answer.show_alert
    assert "sudah kedaluwarsa" in (answer.text or "")


async def test_a_file_sent_an_hour_after_impor_kind_is_not_imported_and_the_admin_is_told(
    bot: RunningBot,
) -> None:
    admin = bot.user(ADMIN_ID)
    await admin.send("/impor employees")
    await admin.next_message()

    bot.clock.advance(IMPORT_KIND.lasts + timedelta(minutes=1))
    await admin.send_document("pegawai.csv", employees_csv())
    told = await admin.next_message()

    assert "Waktu menunggu file impor sudah habis, jadi file ini tidak diimpor" in (told.text or "")
    async with bot.db() as session:
        assert await session.scalar(select(func.count(Employee.id))) == 0
    assert await steps_of(bot, ADMIN_ID) == []


async def test_a_contact_shared_an_hour_after_the_nip_asks_for_the_nip_again(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone=PHONE)
    user = bot.user(3601, phone_number=PHONE)
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju")
    await user.next_edit()
    await user.send(NIP_BUDI)
    await user.next_message()

    bot.clock.advance(LINK_NIP.lasts + timedelta(minutes=1))
    await user.tap("Bagikan nomor HP")
    told = await user.next_message()
    held = await steps_of(bot, user.id)
    await user.send(NIP_BUDI)
    linked = await user.next_message()

    assert told.text == (
        "Nomor HP Anda diterima, tetapi NIP yang Anda ketik sebelumnya sudah lebih dari satu jam "
        "lalu. Ketik NIP Anda lagi (18 angka) untuk menyelesaikan penautan."
    )
    assert held == ["link.phone"]  # the typed NIP is gone; the phone waits for the next
    assert "berhasil ditautkan" in (linked.text or "")
    async with bot.db() as session:
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == user.id))
    assert link is not None and link.employee_id == budi.id


async def test_expired_steps_are_deleted_a_day_after_they_expired(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    await admin.send("/impor employees")
    await admin.next_message()

    bot.clock.advance(IMPORT_KIND.lasts + KEEP_EXPIRED - timedelta(minutes=1))
    await bot.run_job(FORGET_STEPS)
    kept = await steps_of(bot, ADMIN_ID)
    bot.clock.advance(timedelta(minutes=2))
    await bot.run_job(FORGET_STEPS)

    assert kept == [IMPORT_KIND.name]
    assert await steps_of(bot, ADMIN_ID) == []


async def test_hapus_deletes_the_code_and_the_language_chosen_before_consent(
    bot: RunningBot,
) -> None:
    user = bot.user(3602)
    await user.send("/bahasa")
    await user.next_message()
    await user.press("English")
    await user.next_edit()
    await user.send("/start ABCDEFGH")
    await user.next_message()
    waiting = await steps_of(bot, user.id)

    await user.send("/hapus")
    await user.next_message()
    await user.press("Yes, delete")
    await user.next_edit()
    gone = await steps_of(bot, user.id)
    await user.send("/start")
    welcome = await user.next_message()

    assert waiting == ["consent.asked", "language", "link.code"]
    assert gone == []
    assert "Selamat datang" in (welcome.text or "")  # the app's language again


async def test_hapus_deletes_a_typed_nip(bot: RunningBot) -> None:
    user = bot.user(3603)
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju")
    await user.next_edit()
    await user.send(NIP_BUDI)
    await user.next_message()
    waiting = await steps_of(bot, user.id)

    await user.send("/hapus")
    await user.next_message()
    await user.press("Ya, hapus")
    await user.next_edit()

    assert waiting == ["link.nip"]
    assert await steps_of(bot, user.id) == []
