"""Leaving cleanly: /putus asks first and takes the revealed results out of the chat;
/lepas tells the employee, in their language; /hapus deletes the results too."""

from __future__ import annotations

from sqlalchemy import select

from models import ChatLink, Employee, ScheduledDeletion
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.factories import NIP_BUDI, add_released_result
from tests.journeys.conftest import ADMIN_ID, RunningBot, linked


async def budi_with_a_revealed_result(
    bot: RunningBot, user_id: int, *, language: str = "id"
) -> tuple[SimulatedUser, Employee, list[MessageView]]:
    """Budi, linked, who revealed his result: the summary and the chart are in the chat."""
    user, budi = await linked(bot, user_id, language=language)
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    await user.send("/hasil")
    listing = await user.next_message()
    await user.press(listing.button_texts[0])
    shown = [await user.next_message(), await user.next_message()]
    return user, budi, shown


async def link_of(bot: RunningBot, user_id: int) -> int | None:
    async with bot.db() as session:
        return await session.scalar(
            select(ChatLink.employee_id).where(ChatLink.telegram_user_id == user_id)
        )


async def noted(bot: RunningBot) -> list[tuple[int, int]]:
    async with bot.db() as session:
        rows = await session.execute(
            select(ScheduledDeletion.chat_id, ScheduledDeletion.message_id).order_by(
                ScheduledDeletion.message_id
            )
        )
    return [(chat, message) for chat, message in rows.all()]


async def test_putus_asks_first_and_batal_keeps_the_link(bot: RunningBot) -> None:
    user, budi = await linked(bot, 2601)

    await user.send("/putus")
    asked = await user.next_message()
    await user.press("Batal")
    cancelled = await user.next_edit()
    await user.send("/profil")
    profile = await user.next_message()

    assert "Putuskan tautan akun Telegram ini" in (asked.text or "")
    assert "hasil penilaian yang masih tampil di percakapan ini dihapus" in (asked.text or "")
    assert asked.button_texts == ["Ya, putuskan", "Batal"]
    assert cancelled.text == "Dibatalkan. Akun Anda tetap tertaut."
    assert cancelled.button_texts == []
    assert "Budi Santoso" in (profile.text or "")
    assert await link_of(bot, 2601) == budi.id


async def test_putus_confirmed_unlinks_and_deletes_the_revealed_results(bot: RunningBot) -> None:
    user, _, shown = await budi_with_a_revealed_result(bot, 2602)
    await user.send("/putus")
    await user.next_message()
    before = await noted(bot)

    await user.press("Ya, putuskan")
    deleted = {await user.next_deletion(), await user.next_deletion()}
    done = await user.next_edit()
    await user.send("/hasil")
    refused = await user.next_message()

    # Noted at the reveal without any auto-delete setting: the summary and the chart.
    assert before == [(2602, shown[0].message_id), (2602, shown[1].message_id)]
    assert deleted == {shown[0].message_id, shown[1].message_id}
    left = {m.message_id for m in user.chat_messages}
    assert not deleted & left
    assert "Tautan akun dilepas" in (done.text or "")
    assert "2 pesan hasil penilaian di percakapan ini sudah dihapus" in (done.text or "")
    assert "belum tertaut" in (refused.text or "")
    assert await link_of(bot, 2602) is None
    assert await noted(bot) == []


async def test_a_ya_pressed_when_no_longer_linked_changes_nothing(bot: RunningBot) -> None:
    user, _ = await linked(bot, 2603)
    await user.send("/putus")
    await user.next_message()
    admin = bot.user(ADMIN_ID)
    await admin.send(f"/lepas {NIP_BUDI}")
    await admin.next_message()
    await user.next_message()  # the notice

    await user.press("Ya, putuskan")
    answer = await user.next_edit()

    assert answer.text == "Akun Telegram Anda tidak sedang tertaut."


async def test_lepas_tells_an_english_employee_in_english_and_deletes_the_results(
    bot: RunningBot,
) -> None:
    user, _, shown = await budi_with_a_revealed_result(bot, 2604, language="en")
    admin = bot.user(ADMIN_ID)

    await admin.send(f"/lepas {NIP_BUDI}")
    deleted = {await user.next_deletion(), await user.next_deletion()}
    told = await user.next_message()
    done = await admin.next_message()

    text = told.text or ""
    assert "BKPSDM has disconnected your Telegram account" in text
    assert "To link again, type your NIP (18 digits)" in text
    assert NIP_BUDI not in text and "1001" not in text
    sent = [c for c in bot.emulator.calls_to("sendMessage") if c.params["text"] == told.text]
    assert [c.params["chat_id"] for c in sent] == [2604]  # the employee's private chat
    assert deleted == {shown[0].message_id, shown[1].message_id}
    assert "sudah dilepas" in (done.text or "")
    assert "Budi Santoso sudah diberi tahu lewat bot" in (done.text or "")
    assert await link_of(bot, 2604) is None
    assert await noted(bot) == []


async def test_lepas_of_an_employee_who_blocked_the_bot_says_they_were_not_told(
    bot: RunningBot,
) -> None:
    user, _ = await linked(bot, 2605)
    await user.block()
    admin = bot.user(ADMIN_ID)

    await admin.send(f"/lepas {NIP_BUDI}")
    done = await admin.next_message()

    assert "sudah dilepas" in (done.text or "")
    assert "tidak bisa diberi tahu" in (done.text or "")
    assert await link_of(bot, 2605) is None


async def test_hapus_deletes_the_revealed_results_too(bot: RunningBot) -> None:
    user, _, shown = await budi_with_a_revealed_result(bot, 2606)
    await user.send("/hapus")
    await user.next_message()

    await user.press("Ya, hapus")
    deleted = {await user.next_deletion(), await user.next_deletion()}
    done = await user.next_edit()

    assert deleted == {shown[0].message_id, shown[1].message_id}
    assert "data Anda di bot ini sudah dihapus" in (done.text or "")
    assert await noted(bot) == []
