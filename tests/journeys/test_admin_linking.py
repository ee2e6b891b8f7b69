"""Admins look up and remove links; everyone else is told the command is unknown."""

from __future__ import annotations

from sqlalchemy import select

from models import AuditEvent, ChatLink
from tests.factories import NIP_BUDI, NIP_SITI, add_employee
from tests.journeys.conftest import ADMIN_ID, RunningBot
from tests.journeys.test_linking import PHONE, start_linking


async def linked_budi(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)
    user = bot.user(2101, phone_number=PHONE)
    await start_linking(user)
    await user.share_contact()
    await user.next_message()


async def test_admin_commands_answer_non_admins_like_unknown_commands(bot: RunningBot) -> None:
    await linked_budi(bot)
    stranger = bot.user(2102)

    await stranger.send(f"/cek {NIP_BUDI}")
    lookup = await stranger.next_message()
    await stranger.send(f"/lepas {NIP_BUDI}")
    unlink = await stranger.next_message()
    await stranger.send("/tidakada")
    unknown = await stranger.next_message()

    assert lookup.text == unknown.text == unlink.text
    assert "Perintah tidak dikenal" in (unknown.text or "")
    async with bot.db() as session:
        still = await session.scalar(
            select(ChatLink.employee_id).where(ChatLink.telegram_user_id == 2101)
        )
    assert still is not None


async def test_admin_looks_up_a_link_and_the_lookup_is_audited(bot: RunningBot) -> None:
    await linked_budi(bot)
    admin = bot.user(ADMIN_ID)

    await admin.send(f"/cek {NIP_BUDI}")
    linked = await admin.next_message()
    await admin.send(f"/cek {NIP_SITI}")
    unknown = await admin.next_message()

    assert "Budi Santoso (NIP **************1001) tertaut sejak 3 Mar 2025" in (linked.text or "")
    assert "tidak terdaftar" in (unknown.text or "")
    async with bot.db() as session:
        lookups = (
            await session.scalars(
                select(AuditEvent.actor_telegram_id).where(AuditEvent.action == "admin.lookup")
            )
        ).all()
    assert lookups == [ADMIN_ID, ADMIN_ID]


async def test_admin_unlinks_an_employee_who_can_then_link_again(bot: RunningBot) -> None:
    await linked_budi(bot)
    admin = bot.user(ADMIN_ID)

    await admin.send(f"/lepas {NIP_BUDI}")
    done = await admin.next_message()
    owner = bot.user(2101)
    told = await owner.next_message()
    await owner.send("/hasil")
    refused = await owner.next_message()

    assert "sudah dilepas" in (done.text or "")
    assert "sudah diberi tahu" in (done.text or "")
    assert "diputus oleh BKPSDM" in (told.text or "")
    assert "belum tertaut" in (refused.text or "")


async def test_admin_gets_the_nip_rule_that_failed(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/cek 198613262015051001")
    reply = await admin.next_message()

    assert "bulan 13" in (reply.text or "")


async def test_english_speakers_are_answered_in_english_and_bahasa_switches(
    bot: RunningBot,
) -> None:
    user = bot.user(2103, language_code="en")
    await user.send("/start")
    await user.next_message()
    await user.press("I agree")
    edited = await user.next_edit()

    await user.send("/bahasa")
    await user.next_message()
    await user.press("Bahasa Indonesia")
    switched = await user.next_edit()
    await user.send("/putus")
    reply = await user.next_message()

    assert "Next step: type your NIP" in (edited.text or "")
    assert switched.text == "Bahasa diubah ke Bahasa Indonesia."
    assert reply.text == "Akun Telegram Anda tidak sedang tertaut."
