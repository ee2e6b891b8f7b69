"""An admin finds what they can do: /start and /menu open the admin home (the admin
tasks as buttons, the employee menu too when the admin is linked), each button starts
its task as the command does, and /bantuan lists the admin commands."""

from __future__ import annotations

import re

import aiohttp

from handlers.admin_menu import ADMIN_TASKS
from tests.factories import NIP_BUDI
from tests.journeys.conftest import ADMIN_ID, EMPLOYEE_MENU, RunningBot, linked

ADMIN_BUTTONS = [
    "Umumkan",
    "Impor data",
    "Ekspor",
    "Statistik",
    "Rilis hasil",
    "Jadwal ulang",
    "Presensi",
    "Catatan audit",
    "Cek pegawai",
    "Lepas tautan",
]


async def test_an_unlinked_admin_gets_the_admin_home_and_never_the_consent(
    bot: RunningBot,
) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/start")
    home = await admin.next_message()
    await admin.send("/menu")
    menu = await admin.next_message()

    for reply in (home, menu):
        assert (reply.text or "").startswith("Menu admin BKPSDM")
        assert reply.button_texts == [*ADMIN_BUTTONS, "Tautkan akun pegawai Anda"]
        assert "Setuju" not in reply.button_texts
        assert "persetujuan" not in (reply.text or "").lower()
        assert "belum tertaut ke data kepegawaian" not in (reply.text or "")


async def test_a_linked_admin_gets_the_admin_tasks_and_the_employee_menu(
    bot: RunningBot,
) -> None:
    admin, _ = await linked(bot, ADMIN_ID)

    await admin.send("/menu")
    home = await admin.next_message()

    assert "Anda juga tertaut sebagai pegawai (Budi Santoso)" in (home.text or "")
    assert home.button_texts[: len(ADMIN_BUTTONS)] == ADMIN_BUTTONS
    assert set(EMPLOYEE_MENU) <= set(home.button_texts)


async def test_each_admin_button_starts_its_task_as_the_command_does(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    async def back_home() -> None:
        """/menu, skipping what the task still sends (the chart after /statistik)."""
        await admin.send("/menu")
        while not ((await admin.next_message()).text or "").startswith("Menu admin"):
            pass

    await back_home()
    for task, label in zip(ADMIN_TASKS, ADMIN_BUTTONS, strict=True):
        await admin.send(f"/{task.command}")
        typed = await admin.next_message()
        await back_home()
        await admin.press(label)
        pressed = await admin.next_message()
        await back_home()

        assert pressed.text == typed.text, task.command
        assert pressed.button_texts == typed.button_texts, task.command


async def test_an_admin_button_forged_by_an_employee_does_nothing(bot: RunningBot) -> None:
    user, _ = await linked(bot)
    await user.send("/menu")
    await user.next_message()

    answer = await user.press_forged("adm:audit")

    await user.send("/jp")  # the next answer comes after the forged button's, if any
    after = await user.next_message()

    assert answer.show_alert and "Perintah tidak dikenal" in (answer.text or "")
    assert "JP" in (after.text or "")


async def test_an_admin_may_still_link_as_an_employee_from_the_home(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    await admin.send("/start")
    await admin.next_message()

    await admin.press("Tautkan akun pegawai Anda")
    consent = await admin.next_message()

    assert "Setuju" in consent.button_texts


async def test_help_lists_the_admin_commands_after_the_employee_part(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    employee, _ = await linked(bot)

    await admin.send("/bantuan")
    for_admin = (await admin.next_message()).text or ""
    await employee.send("/bantuan")
    for_employee = (await employee.next_message()).text or ""

    assert for_admin.startswith(for_employee)
    admin_part = for_admin[len(for_employee) :].strip().splitlines()
    assert admin_part[0] == "Perintah admin"
    assert [line.split(":")[0] for line in admin_part[1:]] == [
        f"/{task.command}" for task in ADMIN_TASKS
    ]
    assert "/umumkan" not in for_employee
    assert len(for_admin) <= 4096


async def test_audit_reads_as_sentences_with_names_and_local_times(bot: RunningBot) -> None:
    await linked(bot, 3201)
    admin = bot.user(ADMIN_ID)
    await admin.send(f"/cek {NIP_BUDI}")
    checked = await admin.next_message()

    await admin.send("/audit")
    log = (await admin.next_message()).text or ""

    assert (checked.text or "").endswith("WIB, lewat kode aktivasi.")
    assert "verifikasi" not in (checked.text or "")
    assert re.search(
        r"\d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB, Admin: memeriksa tautan akun Budi", log
    )
    assert not re.search(r"\b[a-z_]+\.[a-z_]+\b|=", log), log  # no event codes, no key=value


async def test_the_sandbox_shows_each_chat_its_own_command_menu(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID, language_code="en")
    employee = bot.user(3301, language_code="id")

    async with aiohttp.ClientSession() as session:
        for user in (admin, employee):
            url = f"{bot.emulator.url}/sandbox/api/users/{user.id}/commands"
            async with session.get(url) as response:
                user_commands = (await response.json())["commands"]
            if user is admin:
                admin_menu = user_commands
            else:
                employee_menu = user_commands

    admin_names = [c["command"] for c in admin_menu]
    assert admin_names[-len(ADMIN_TASKS) :] == [task.command for task in ADMIN_TASKS]
    assert admin_menu[0] == {"command": "start", "description": "Start and link your account"}
    assert "umumkan" not in [c["command"] for c in employee_menu]
    assert employee_menu[0] == {"command": "start", "description": "Mulai dan tautkan akun"}
