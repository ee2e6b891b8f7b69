"""Admin commands and buttons are refused to everyone else, exactly like an unknown
command; admins get their own command menu."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from models import AuditEvent, Result
from tests.factories import add_employee, add_program, add_result
from tests.journeys.conftest import ADMIN_ID, RunningBot

ADMIN_COMMANDS = [
    "/impor",
    "/impor employees",
    "/jadwalulang",
    "/presensi",
    "/rilis",
    "/statistik",
    "/ekspor",
    "/audit",
    "/cek 198609262015051001",
    "/lepas 198609262015051001",
]


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
async def test_every_admin_command_answers_a_non_admin_like_an_unknown_one(
    bot: RunningBot, command: str
) -> None:
    stranger = bot.user(3101)
    await stranger.send("/tidakada")
    unknown = await stranger.next_message()

    await stranger.send(command)
    reply = await stranger.next_message()

    assert reply.text == unknown.text
    assert reply.buttons == []


async def test_a_non_admin_sending_an_import_file_is_refused_and_nothing_written(
    bot: RunningBot,
) -> None:
    stranger = bot.user(3102)

    await stranger.send_document("pegawai.csv", b"NIP,Nama\n", caption="/impor employees")
    reply = await stranger.next_message()

    assert "Perintah tidak dikenal" in (reply.text or "")
    async with bot.db() as session:
        assert (await session.scalars(select(AuditEvent))).all() == []


@pytest.mark.parametrize(
    "callback",
    [
        "rel:yes:{program}",
        "rel:ask:{program}",
        "rq:ok:1",
        "rq:no:1",
        "rq:to:1:2",
        "exp:s",
        "exp:s:1",
        "exp:jp",
        "aud:p:0",
        "imp:tpl:employees",
    ],
)
async def test_admin_buttons_pressed_by_a_non_admin_change_nothing(
    bot: RunningBot, callback: str
) -> None:
    async with bot.db.begin() as session:
        employee = await add_employee(session)
        program = await add_program(session)
        await add_result(session, employee=employee, program=program)
    stranger = bot.user(3103)
    await stranger.send("/tidakada")
    shown = await stranger.next_message()

    # A forged button: a non-admin can send any callback data they like.
    answer = await stranger.press_forged(callback.format(program=program.id), message=shown)

    assert answer.show_alert
    assert "Perintah tidak dikenal" in (answer.text or "")
    async with bot.db() as session:
        released = await session.scalar(select(Result.released_at))
        events = (await session.scalars(select(AuditEvent))).all()
    assert released is None
    assert events == []


async def test_admins_have_the_admin_commands_in_their_menu_and_others_do_not(
    bot: RunningBot,
) -> None:
    commands = bot.emulator.state.commands
    private = json.dumps({"type": "all_private_chats"})
    default = [c["command"] for c in commands[(private, "")]]
    scope = json.dumps({"chat_id": ADMIN_ID, "type": "chat"}, sort_keys=True)
    admin_id = [c["command"] for c in commands[(scope, "")]]
    admin_en = [c["command"] for c in commands[(scope, "en")]]

    for name in (
        "statistik",
        "impor",
        "jadwalulang",
        "presensi",
        "rilis",
        "ekspor",
        "audit",
        "cek",
    ):
        assert name in admin_id
        assert name in admin_en
        assert name not in default
    assert set(default) <= set(admin_id)
