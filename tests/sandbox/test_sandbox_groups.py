"""Group chats: users posting into a group, commands as Telegram delivers them, the
bot's messages stored in the group, buttons pressed there, channels, joining and leaving."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters
from telegram.error import BadRequest, Forbidden

from sandbox import Emulator
from tests.narrow import present

GROUP = -1001234567890
PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5d6bc8b0000000049454e44ae426082"
)


async def test_users_post_into_the_group_as_themselves(bot: Bot, emu: Emulator) -> None:
    group = emu.group(GROUP, title="ASN Gresik")
    siti, budi = emu.user(1001, first_name="Siti"), emu.user(1002, first_name="Budi")

    await group.send(siti, "Selamat pagi")
    await group.send(budi, "Pagi juga")
    updates = await bot.get_updates()

    messages = [present(u.message) for u in updates]
    assert [(present(m.from_user).first_name, m.text) for m in messages] == [
        ("Siti", "Selamat pagi"),
        ("Budi", "Pagi juga"),
    ]
    assert {(m.chat.id, m.chat.type, m.chat.title) for m in messages} == {
        (GROUP, "supergroup", "ASN Gresik")
    }
    assert messages[1].message_id == messages[0].message_id + 1
    # Nothing appeared in the users' private chats.
    assert siti.chat_messages == [] and budi.chat_messages == []
    assert [(m.sender_id, m.text) for m in group.messages] == [
        (1001, "Selamat pagi"),
        (1002, "Pagi juga"),
    ]


async def test_a_command_keeps_the_bot_username_in_one_entity(bot: Bot, emu: Emulator) -> None:
    group = emu.group(GROUP, title="ASN Gresik", chat_type="group")
    user = emu.user(1001)

    await group.send(user, "/hasil@asn_test_bot")
    await group.send(user, "/hasil")
    first, second = [present(u.message) for u in await bot.get_updates()]

    assert first.chat.type == "group"
    assert [(e.type, e.offset, e.length) for e in first.entities] == [("bot_command", 0, 19)]
    assert [(e.type, e.offset, e.length) for e in second.entities] == [("bot_command", 0, 6)]


async def test_what_the_bot_sends_to_the_group_is_stored_there(bot: Bot, emu: Emulator) -> None:
    group = emu.group(GROUP, title="ASN Gresik")
    user = emu.user(1001)
    command = await group.send(user, "/hasil")

    sent = await bot.send_message(
        GROUP,
        "<b>Halo</b> semua",
        parse_mode="HTML",
        reply_parameters=ReplyParameters(command["message_id"]),
    )
    photo = await bot.send_photo(GROUP, PNG_1x1, caption="grafik")
    document = await bot.send_document(GROUP, b"xlsx", filename="data.xlsx")

    assert sent.chat.id == GROUP and sent.chat.title == "ASN Gresik"
    assert sent.reply_to_message is not None and sent.reply_to_message.text == "/hasil"
    reply = await group.next_message()
    assert (reply.html, reply.reply_to_message_id) == ("<b>Halo</b> semua", command["message_id"])
    assert [(m.kind, m.text) for m in group.bot_messages] == [
        ("text", "Halo semua"),
        ("photo", "grafik"),
        ("document", None),
    ]
    assert (await group.next_message()).photo.data == PNG_1x1  # type: ignore[union-attr]
    assert (await group.next_message()).document.data == b"xlsx"  # type: ignore[union-attr]
    assert photo.chat.id == document.chat.id == GROUP
    assert user.chat_messages == []


async def test_a_reply_to_a_missing_message_is_refused(bot: Bot, emu: Emulator) -> None:
    emu.group(GROUP, title="ASN Gresik")

    with pytest.raises(BadRequest, match="(?i)message to be replied not found"):
        await bot.send_message(GROUP, "x", reply_parameters=ReplyParameters(99))
    sent = await bot.send_message(
        GROUP, "x", reply_parameters=ReplyParameters(99, allow_sending_without_reply=True)
    )
    assert sent.reply_to_message is None


async def test_a_chat_nobody_created_is_not_found(bot: Bot, emu: Emulator) -> None:
    emu.group(GROUP, title="ASN Gresik")

    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(-100999, "x")


async def test_a_button_pressed_in_the_group(bot: Bot, emu: Emulator) -> None:
    group = emu.group(GROUP, title="ASN Gresik")
    siti = emu.user(1001, first_name="Siti")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Lihat", callback_data="see")]])
    await bot.send_message(GROUP, "Ada info", reply_markup=keyboard)
    await group.next_message()

    async def bot_side() -> None:
        (update,) = await bot.get_updates(timeout=5)
        query = present(update.callback_query)
        assert (query.from_user.id, present(query.message).chat.id, query.data) == (
            1001,
            GROUP,
            "see",
        )
        await query.answer("Hanya di chat pribadi", show_alert=True)

    task = asyncio.create_task(bot_side())
    answer = await group.press(siti, "Lihat")
    await task

    assert (answer.answered, answer.text, answer.show_alert) == (
        True,
        "Hanya di chat pribadi",
        True,
    )
    assert [e.kind for e in group.chat.events][-1] == "callback_answer"
    assert siti.chat.events == []


async def test_a_channel_post_has_no_sender(bot: Bot, emu: Emulator) -> None:
    channel = emu.group(-1009876, title="Info BKPSDM", chat_type="channel")
    user = emu.user(1001)

    await channel.post("/hasil")
    (update,) = await bot.get_updates()

    post = update.channel_post
    assert post is not None and post.from_user is None
    sender = present(post.sender_chat)
    assert (post.chat.type, sender.id, post.text) == ("channel", -1009876, "/hasil")
    with pytest.raises(ValueError, match="channel"):
        await channel.send(user, "halo")


async def test_adding_and_removing_the_bot(bot: Bot, emu: Emulator) -> None:
    group = emu.group(GROUP, title="ASN Gresik")
    admin = emu.user(1001)

    await group.remove_bot(admin)
    with pytest.raises(Forbidden, match="bot is not a member of the supergroup chat"):
        await bot.send_message(GROUP, "x")
    with pytest.raises(AssertionError, match="add_bot"):
        await group.send(admin, "halo")
    await group.add_bot(admin)
    await bot.send_message(GROUP, "kembali")
    updates = await bot.get_updates()

    changes = [
        (member.old_chat_member.status, member.new_chat_member.status)
        for member in (u.my_chat_member for u in updates)
        if member is not None
    ]
    assert changes == [("member", "left"), ("left", "member")]
    assert present(updates[0].my_chat_member).chat.id == GROUP
    joined = [u.message for u in updates if u.message is not None]
    assert [m.new_chat_members[0].username for m in joined] == ["asn_test_bot"]


def test_a_group_id_is_negative(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="negative"):
        emu.group(1001, title="Salah")
    with pytest.raises(ValueError, match="chat_type"):
        emu.group(-5, title="Salah", chat_type="private")
