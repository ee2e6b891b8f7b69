"""Groups, supergroups and channels: the bot shows personal data and admin tools only in
a private chat. In a group a command addressed to it gets one short pointer to the
private chat, a button an alert, and anything else no answer at all."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.clock import FakeClock
from models import AuditEvent, ChatLink, ConversationStep, Employee, LinkStatus
from sandbox import Emulator, SimulatedGroup, SimulatedUser
from sandbox.views import Button, MessageView
from tests.factories import NIP_BUDI, NIP_SITI, add_employee, add_released_result
from tests.journeys.conftest import ADMIN_ID, RunningBot, linked, running_bot

GROUP = -100123
POINTER = (
    "Perintah ini hanya bisa dipakai di percakapan pribadi dengan bot, agar data Anda "
    "tidak terbaca anggota grup. Buka https://t.me/asn_test_bot"
)
OPEN_BUTTON = Button("Buka percakapan pribadi", url="https://t.me/asn_test_bot")
ALERT = "Tombol ini hanya berfungsi di percakapan pribadi dengan bot."


async def budi_with_results(bot: RunningBot) -> tuple[SimulatedUser, Employee, int]:
    """Budi, linked, with his 2024 result released (JPM 88.9%); returns the result id."""
    user, budi = await linked(bot)
    async with bot.db.begin() as session:
        result = await add_released_result(session, employee=budi, now=bot.clock.now())
    return user, budi, result.id


def assert_pointer(reply: MessageView, command: dict[str, object]) -> None:
    """The one answer a command in a group gets: the pointer, quoting the command."""
    assert reply.text == POINTER
    assert reply.buttons == [[OPEN_BUTTON]]
    assert reply.reply_to_message_id == command["message_id"]


async def last_word(bot: RunningBot, group: SimulatedGroup, user: SimulatedUser) -> None:
    """``user`` sends one more command; its pointer comes after everything the bot did
    with their earlier updates (one user's updates are handled in order)."""
    command = await group.send(user, f"/hasil@{bot.username}")
    assert_pointer(await group.next_message(), command)


async def result_views(bot: RunningBot) -> list[AuditEvent]:
    async with bot.db() as session:
        rows = await session.scalars(select(AuditEvent).where(AuditEvent.action == "result.viewed"))
        return list(rows.all())


async def link_of(bot: RunningBot, telegram_user_id: int) -> ChatLink | None:
    async with bot.db() as session:
        link: ChatLink | None = await session.scalar(
            select(ChatLink).where(ChatLink.telegram_user_id == telegram_user_id)
        )
        return link


@pytest.mark.parametrize(
    "command",
    [
        "/hasil",
        "/hasil@{bot}",
        "/profil@{bot}",
        "/jadwal@{bot}",
        "/jp@{bot}",
        "/gapura@{bot}",
        "/menu@{bot}",
        "/start@{bot}",
        "/bantuan",
    ],
)
async def test_a_command_in_a_group_gets_only_the_pointer_to_the_private_chat(
    bot: RunningBot, command: str
) -> None:
    user, _, _ = await budi_with_results(bot)
    group = bot.group(GROUP, title="ASN Gresik")

    sent = await group.send(user, command.format(bot=bot.username))
    reply = await group.next_message()
    await last_word(bot, group, user)

    assert_pointer(reply, sent)
    assert [m.text for m in group.bot_messages] == [POINTER, POINTER]
    assert user.chat_messages == []
    assert await result_views(bot) == []


async def test_the_pointer_speaks_the_language_the_user_chose(bot: RunningBot) -> None:
    user, _ = await linked(bot, language="en")
    group = bot.group(GROUP, title="ASN Gresik", chat_type="group")

    await group.send(user, f"/hasil@{bot.username}")
    reply = await group.next_message()

    assert reply.text == (
        "This command works only in a private chat with the bot, so that group members "
        "cannot read your data. Open https://t.me/asn_test_bot"
    )
    assert reply.buttons == [[Button("Open private chat", url="https://t.me/asn_test_bot")]]


async def test_admin_commands_from_an_admin_in_a_group_show_nothing(bot: RunningBot) -> None:
    await budi_with_results(bot)
    admin = bot.user(ADMIN_ID)
    group = bot.group(GROUP, title="ASN Gresik")

    replies = []
    for command in (f"/statistik@{bot.username}", f"/cek {NIP_BUDI}", "/rilis", "/ekspor"):
        sent = await group.send(admin, command)
        replies.append((await group.next_message(), sent))
    await last_word(bot, group, admin)

    for reply, sent in replies:
        assert_pointer(reply, sent)
    assert [m.text for m in group.bot_messages] == [POINTER] * 5
    assert admin.chat_messages == []


async def test_an_admin_composing_an_announcement_is_not_answered_in_a_group(
    bot: RunningBot,
) -> None:
    admin = bot.user(ADMIN_ID)
    await admin.send("/umumkan")
    await admin.next_message()  # "type the announcement"
    group = bot.group(GROUP, title="ASN Gresik")

    await group.send(admin, "Rapat koordinasi besok pukul 09.00")
    await last_word(bot, group, admin)

    assert [m.text for m in group.bot_messages] == [POINTER]
    assert len(admin.chat_messages) == 2  # the draft still waits for its text in private


async def test_a_button_pressed_in_a_group_gets_only_an_alert(bot: RunningBot) -> None:
    user, _, result_id = await budi_with_results(bot)
    group = bot.group(GROUP, title="ASN Gresik")
    # Buttons the bot posted in the group before it kept to private chats.
    old = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Tampilkan hasil", callback_data=f"res:show:{result_id}")],
            [InlineKeyboardButton("Rekomendasi Gapura", callback_data=f"res:rec:{result_id}")],
            [InlineKeyboardButton("Lihat hasil penilaian", callback_data="menu:hasil")],
            [InlineKeyboardButton("Setuju", callback_data="consent:yes")],
            [InlineKeyboardButton("Statistik", callback_data="rel:ask:1")],
        ]
    )
    await bot.application.bot.send_message(GROUP, "Hasil penilaian", reply_markup=old)
    posted = await group.next_message()

    answers = [
        await group.press(user, label, message=posted)
        for label in ("Tampilkan hasil", "Rekomendasi Gapura", "Lihat hasil penilaian", "Setuju")
    ]
    answers.append(await group.press(bot.user(ADMIN_ID), "Statistik", message=posted))
    stranger = bot.user(3105)
    answers.append(await group.press(stranger, "Setuju", message=posted))
    await last_word(bot, group, user)

    assert [(a.text, a.show_alert) for a in answers] == [(ALERT, True)] * 6
    assert [m.text for m in group.bot_messages] == ["Hasil penilaian", POINTER]
    assert user.chat_messages == [] and stranger.chat_messages == []
    assert await result_views(bot) == []
    assert await link_of(bot, stranger.id) is None  # no consent given in a group


async def test_a_nip_typed_in_a_group_is_not_taken(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session, nip=NIP_SITI, name="Siti Aminah")
    siti = bot.user(3102)
    await siti.send("/start")
    await siti.next_message()
    await siti.press("Setuju")
    await siti.next_edit()
    group = bot.group(GROUP, title="ASN Gresik")

    await group.send(siti, NIP_SITI)
    await last_word(bot, group, siti)

    assert [m.text for m in group.bot_messages] == [POINTER]
    link = await link_of(bot, 3102)
    async with bot.db() as session:
        typed = await session.scalar(
            select(ConversationStep).where(ConversationStep.telegram_user_id == 3102)
        )
    assert link is not None and typed is None and link.employee_id is None
    assert len(siti.chat_messages) == 2  # /start and the consent, nothing after


async def test_a_contact_shared_in_a_group_links_nobody(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session, phone="+6281234567890")
    user = bot.user(3103, phone_number="+6281234567890")
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju")
    await user.next_edit()
    await user.send(NIP_BUDI)
    await user.next_message()  # "share your phone or type the code"
    group = bot.group(GROUP, title="ASN Gresik")

    await group.share_contact(user)
    await last_word(bot, group, user)

    assert [m.text for m in group.bot_messages] == [POINTER]
    link = await link_of(bot, 3103)
    assert link is not None and link.status == LinkStatus.PENDING and link.employee_id is None
    assert len(user.chat_messages) == 4  # nothing new in private either


async def test_talk_and_other_bots_commands_in_a_group_get_no_answer(bot: RunningBot) -> None:
    user, _, _ = await budi_with_results(bot)
    group = bot.group(GROUP, title="ASN Gresik")

    await group.send(user, "Selamat pagi, kapan jadwal penilaian?")
    await group.send(user, "/hasil@other_bot")
    await group.send(user, f"tanya @{bot.username} saja")
    await last_word(bot, group, user)

    assert [m.text for m in group.bot_messages] == [POINTER]


async def test_the_same_employee_still_sees_their_results_in_private(bot: RunningBot) -> None:
    user, _, _ = await budi_with_results(bot)
    group = bot.group(GROUP, title="ASN Gresik")
    await group.send(user, f"/hasil@{bot.username}")
    await group.next_message()

    await user.send("/hasil")
    await user.next_message()
    await user.press("Tampilkan hasil")
    summary = await user.next_message()
    chart = await user.next_message()

    assert "JPM: 88,9% (Cukup Optimal)" in (summary.text or "")
    assert chart.kind == "photo"
    assert [m.text for m in group.bot_messages] == [POINTER]
    assert len(await result_views(bot)) == 1


async def test_adding_the_bot_to_a_group_is_quiet_and_blocks_nobody(bot: RunningBot) -> None:
    user, _, _ = await budi_with_results(bot)
    group = bot.group(GROUP, title="ASN Gresik")

    await group.remove_bot(user)
    await group.add_bot(user)
    await last_word(bot, group, user)

    assert [m.text for m in group.bot_messages] == [POINTER]
    link = await link_of(bot, user.id)
    assert link is not None and link.blocked_at is None


async def test_a_channel_post_gets_no_answer(
    emulator: Emulator, database_url: str, clock: FakeClock
) -> None:
    # One update after the other, so the private answer below comes after the post's.
    async with running_bot(emulator, database_url, clock, concurrent_updates=1) as bot:
        channel = bot.group(-100456, title="Info BKPSDM", chat_type="channel")
        someone = bot.user(3104)

        await channel.post("/hasil")
        await channel.post(f"/jadwal@{bot.username}")
        await someone.send("/bantuan")
        await someone.next_message()

        assert channel.bot_messages == []
