"""Check-in at the venue: /presensi gives an admin a session's QR code, its link, an A4
poster and a live count; a participant scanning it (``/start <code>``) is checked in
once, inside the window around the start; the attendance sheet shows the time; those
who did not come get a reschedule offer after the session, outside quiet hours."""

from __future__ import annotations

import asyncio
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select

from jobs import CHECKIN_BOARDS, DISPATCHER, PLANNER
from models import CheckinCode, Notification, Participation
from sandbox import SimulatedUser
from tests.factories import (
    add_assessment_session,
    add_employee,
    add_linked_user,
    add_participation,
    add_program,
)
from tests.journeys.conftest import ADMIN_ID, RunningBot, another_instance, run_job

BUDI, SITI, DEWI, STRANGER = 5101, 5102, 5103, 5199
PEOPLE = (
    (BUDI, "198609262015051001", "Budi Santoso"),
    (SITI, "199001012015052002", "Siti Aminah"),
    (DEWI, "199507202022211002", "Dewi Lestari"),
)
LINK = re.compile(r"https://t\.me/(\w+)\?start=(\S+)")


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in March 2025 in Gresik's local time (WIB = UTC+7)."""
    return datetime(2025, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


@dataclass
class Setup:
    session_id: int
    participation_ids: dict[int, int]  # Telegram id -> participation id


async def a_session(
    bot: RunningBot, starts_at: datetime, *, linked: tuple[int, ...] = (BUDI, SITI, DEWI)
) -> Setup:
    """A session with Budi, Siti and Dewi invited (those in ``linked`` linked), and a
    linked employee who is not invited."""
    async with bot.db.begin() as session:
        program = await add_program(session)
        sitting = await add_assessment_session(
            session, program=program, code="S-0303", starts_at=starts_at
        )
        ids = {}
        for user_id, nip, name in PEOPLE:
            person = await add_employee(session, nip=nip, name=name)
            if user_id in linked:
                await add_linked_user(
                    session, employee=person, telegram_user_id=user_id, now=bot.clock.now()
                )
            ids[user_id] = (
                await add_participation(session, employee=person, assessment_session=sitting)
            ).id
        stranger = await add_employee(session, nip="197001011995031001", name="Orang Lain")
        await add_linked_user(
            session, employee=stranger, telegram_user_id=STRANGER, now=bot.clock.now()
        )
    return Setup(sitting.id, ids)


@dataclass
class Presensi:
    admin: SimulatedUser
    picker: list[str]
    chosen: str
    photo: bool
    caption: str
    link_text: str
    username: str
    payload: str
    poster_name: str
    poster: bytes
    board_id: int
    board: str


async def presensi(bot: RunningBot) -> Presensi:
    """The admin's /presensi for the first session listed: everything it sends."""
    admin = bot.user(ADMIN_ID)
    await admin.send("/presensi")
    picker = await admin.next_message()
    await admin.press(picker.button_texts[0])
    chosen = await admin.next_edit()
    photo = await admin.next_message()
    link = await admin.next_message()
    poster = await admin.next_message()
    board = await admin.next_message()
    match = LINK.search(link.text or "")
    assert match is not None and poster.document is not None
    await _board_stored(bot, match.group(2))
    return Presensi(
        admin,
        picker.button_texts,
        chosen.text or "",
        photo.photo is not None,
        photo.text or "",
        link.text or "",
        match.group(1),
        match.group(2),
        poster.document.file_name or "",
        poster.document.data,
        board.message_id,
        board.text or "",
    )


async def _board_stored(bot: RunningBot, payload: str) -> None:
    """Wait (a few seconds at most) until the bot stored its live-count message's id,
    which it does right after sending it."""
    for _ in range(250):
        async with bot.db() as session:
            stored = await session.scalar(
                select(CheckinCode.board_message_id).where(CheckinCode.payload == payload)
            )
        if stored is not None:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the live count's message id was not stored")


async def scan(bot: RunningBot, user_id: int, payload: str) -> str:
    user = bot.user(user_id)
    await user.send(f"/start {payload}")
    return (await user.next_message()).text or ""


async def participation(bot: RunningBot, participation_id: int) -> tuple[str, datetime | None]:
    async with bot.db() as session:
        row = await session.get(Participation, participation_id)
        assert row is not None
        return str(row.status), row.checked_in_at


async def test_the_admin_gets_the_qr_code_the_link_the_poster_and_the_count(
    bot: RunningBot,
) -> None:
    setup = await a_session(bot, wib(3, 9, 30))

    shown = await presensi(bot)

    assert shown.picker == ["Sen 3 Mar 09.30 · UPT Penilaian Kompete…"]
    named = "Senin, 3 Maret 2025 pukul 09.30 WIB · UPT Penilaian Kompetensi BKPSDM Gresik"
    assert named in shown.chosen
    assert shown.photo and named in shown.caption
    assert shown.username == bot.username
    assert f"https://t.me/{bot.username}?start={shown.payload}" in shown.link_text
    assert "dibuka pukul 08.30 WIB dan ditutup pukul 11.30 WIB" in shown.link_text
    assert re.fullmatch(r"ci_[A-Za-z0-9_-]+", shown.payload) and len(shown.payload) <= 64
    assert shown.poster_name == "poster-presensi-2025-03-03-upt-penilaian.png"
    assert Image.open(io.BytesIO(shown.poster)).size == (1240, 1754)  # A4 at 150 dpi
    assert shown.board == f"Presensi {named}\nHadir 0 dari 3"
    async with bot.db() as session:
        code = await session.scalar(select(CheckinCode))
    assert code is not None and code.payload == shown.payload
    assert code.session_id == setup.session_id
    assert code.expires_at == wib(3, 11, 30)  # two hours after the start
    assert code.board_message_id == shown.board_id
    # A second code for the same session is a different one.
    again = await presensi(bot)
    assert again.payload != shown.payload


async def test_a_participant_checks_in_once(bot: RunningBot) -> None:
    setup = await a_session(bot, wib(3, 9, 30))
    code = await presensi(bot)

    first = await scan(bot, BUDI, code.payload)
    bot.clock.advance(timedelta(minutes=10))
    second = await scan(bot, BUDI, code.payload)

    assert first == (
        "✅ Anda tercatat hadir di sesi Senin, 3 Maret 2025 pukul 09.30 WIB · UPT Penilaian "
        "Kompetensi BKPSDM Gresik pukul 09.00 WIB. Selamat mengikuti penilaian."
    )
    assert "sudah tercatat hadir" in second and "pukul 09.00 WIB" in second
    status, at = await participation(bot, setup.participation_ids[BUDI])
    assert status == "attended"
    assert at is not None and wib(3, 9, 0) <= at < wib(3, 9, 1)
    assert (await participation(bot, setup.participation_ids[SITI])) == ("invited", None)


async def test_others_are_refused_and_told_why(bot: RunningBot) -> None:
    setup = await a_session(bot, wib(4, 9, 0))  # tomorrow at 09.00
    code = await presensi(bot)

    stranger = await scan(bot, STRANGER, code.payload)
    unknown = await scan(bot, BUDI, "ci_" + "A" * 24)
    too_early = await scan(bot, BUDI, code.payload)  # today, a day early
    bot.clock.set(wib(4, 7, 59))
    still_early = await scan(bot, BUDI, code.payload)
    bot.clock.set(wib(4, 11, 0))
    too_late = await scan(bot, SITI, code.payload)

    assert "Anda tidak terdaftar sebagai peserta sesi" in stranger
    assert "Selasa, 4 Maret 2025 pukul 09.00 WIB" in stranger
    assert "Kode presensi ini tidak dikenal" in unknown
    assert "belum dibuka. Presensi dibuka Selasa, 4 Maret 2025 pukul 08.00 WIB." in too_early
    assert "belum dibuka" in still_early
    assert "sudah ditutup (Selasa, 4 Maret 2025 pukul 11.00 WIB)" in too_late
    for user_id in (BUDI, SITI):
        assert await participation(bot, setup.participation_ids[user_id]) == ("invited", None)
    # A minute inside the window it works.
    bot.clock.set(wib(4, 8, 0))
    assert "tercatat hadir" in await scan(bot, BUDI, code.payload)


async def test_an_unlinked_participant_links_first_and_is_then_checked_in(
    bot: RunningBot,
) -> None:
    setup = await a_session(bot, wib(3, 9, 30), linked=(BUDI, SITI))
    code = await presensi(bot)
    dewi = bot.user(DEWI, phone_number="+6281234567890")

    await dewi.send(f"/start {code.payload}")
    welcome = await dewi.next_message()
    await dewi.press("Setuju")
    await dewi.next_edit()
    await dewi.send("199507202022211002")
    await dewi.next_message()
    await dewi.tap("Bagikan nomor HP")
    linked = await dewi.next_message()
    checked_in = await dewi.next_message()

    assert (welcome.text or "").startswith("Untuk presensi, tautkan dulu akun Telegram Anda")
    assert "berhasil ditautkan" in (linked.text or "")
    assert "Anda tercatat hadir di sesi Senin, 3 Maret 2025" in (checked_in.text or "")
    status, at = await participation(bot, setup.participation_ids[DEWI])
    assert status == "attended" and at is not None


async def test_the_live_count_is_edited_once_for_arrivals_together(bot: RunningBot) -> None:
    await a_session(bot, wib(3, 9, 30))
    code = await presensi(bot)
    edits_before = len(bot.emulator.calls_to("editMessageText"))

    await scan(bot, BUDI, code.payload)
    await scan(bot, SITI, code.payload)
    # Within the few seconds after the count was shown: no edit yet for either arrival.
    assert len(bot.emulator.calls_to("editMessageText")) == edits_before
    bot.clock.advance(timedelta(seconds=5))
    await bot.run_job(CHECKIN_BOARDS)
    edited = await code.admin.next_edit()
    await bot.run_job(CHECKIN_BOARDS)  # nothing changed since: no second edit

    assert edited.message_id == code.board_id
    assert (edited.text or "").endswith("Hadir 2 dari 3")
    assert len(bot.emulator.calls_to("editMessageText")) == edits_before + 1
    # A later arrival, once the turn has come, edits it straight away.
    bot.clock.advance(timedelta(seconds=5))
    await scan(bot, DEWI, code.payload)
    assert ((await code.admin.next_edit()).text or "").endswith("Hadir 3 dari 3")


async def test_the_attendance_sheet_has_the_check_in_times(bot: RunningBot) -> None:
    await a_session(bot, wib(3, 9, 30))
    code = await presensi(bot)
    bot.clock.set(wib(3, 9, 12))
    await scan(bot, SITI, code.payload)
    admin = code.admin
    assert ((await admin.next_edit()).text or "").endswith("Hadir 1 dari 3")

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Peserta sesi (daftar hadir)")
    picker = await admin.next_edit()
    await admin.press(picker.button_texts[0])
    sent = await admin.next_message()

    assert sent.document is not None
    sheet = load_workbook(io.BytesIO(sent.document.data)).active
    assert sheet is not None
    rows = [tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows[0] == (
        "No", "NIP", "Nama", "Unit kerja", "Status", "Waktu presensi", "Tanda tangan"
    )  # fmt: skip
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["Siti Aminah"][4:6] == ("hadir", datetime(2025, 3, 3, 9, 12))
    assert by_name["Budi Santoso"][4:6] == ("diundang", None)


async def test_those_who_did_not_come_are_offered_a_reschedule_after_quiet_hours(
    bot: RunningBot,
) -> None:
    # Monday 3 March: a session from 13.00 to 21.00 WIB; its follow-up is due an hour
    # after the end, 22.00, inside the quiet hours (21.00-06.00): it goes out at 06.00
    # on Tuesday 4 March, a working day.
    setup = await a_session(bot, wib(3, 13, 0))
    code = await presensi(bot)
    bot.clock.set(wib(3, 13, 5))
    await scan(bot, BUDI, code.payload)
    siti, dewi = bot.user(SITI), bot.user(DEWI)

    for moment in (wib(3, 21, 30), wib(3, 22, 5), wib(4, 5, 59)):
        bot.clock.set(moment)
        await bot.run_job(PLANNER)
        await bot.run_job(DISPATCHER)
    held = [m for m in siti.chat_messages if m.from_bot]
    async with bot.db() as session:
        planned = (
            await session.scalars(select(Notification).where(Notification.kind == "missed_session"))
        ).all()

    assert held == []  # nothing during the session's evening or the quiet hours
    assert sorted(n.employee_id for n in planned) == sorted(
        [(await _employee_of(bot, setup.participation_ids[u])) for u in (SITI, DEWI)]
    )
    assert {n.due_at for n in planned} == {wib(4, 6, 0)}

    bot.clock.set(wib(4, 6, 0))
    await bot.run_job(DISPATCHER)
    offer = await siti.next_message()
    assert (offer.text or "").startswith(
        "Anda tidak tercatat hadir di sesi penilaian kompetensi pada Senin, 3 Maret 2025 "
        "pukul 13.00 WIB di UPT Penilaian Kompetensi BKPSDM Gresik."
    )
    assert offer.button_texts == ["Minta jadwal ulang"]
    assert "tidak tercatat hadir" in ((await dewi.next_message()).text or "")
    assert not [m for m in bot.user(BUDI).chat_messages if "tidak tercatat" in (m.text or "")]

    # The offer leads to the reschedule request the admins handle in /jadwalulang.
    await siti.press("Minta jadwal ulang")
    asked = await siti.next_message()
    await siti.send("Saya sakit pada hari itu")
    await siti.next_message()
    assert "alasan" in (asked.text or "")
    status, _ = await participation(bot, setup.participation_ids[SITI])
    assert status == "reschedule_requested"


async def test_the_follow_up_can_be_switched_off_in_pengingat(bot: RunningBot) -> None:
    await a_session(bot, wib(3, 13, 0))
    await presensi(bot)
    siti, dewi = bot.user(SITI), bot.user(DEWI)
    await siti.send("/pengingat")
    menu = await siti.next_message()
    await siti.press("✅ Aktif: Tawaran jadwal ulang jika Anda tidak hadir")
    edited = await siti.next_edit()

    bot.clock.set(wib(4, 9, 0))
    await bot.run_job(PLANNER)
    await bot.run_job(DISPATCHER)
    await dewi.next_message()  # Dewi did not switch it off

    assert "🔕 Nonaktif: Tawaran jadwal ulang jika Anda tidak hadir" in edited.button_texts
    assert "✅ Aktif: Tawaran jadwal ulang jika Anda tidak hadir" in menu.button_texts
    assert [m for m in siti.chat_messages if "tidak tercatat" in (m.text or "")] == []


async def _employee_of(bot: RunningBot, participation_id: int) -> int:
    async with bot.db() as session:
        row = await session.get(Participation, participation_id)
        assert row is not None
        return row.employee_id


async def test_two_instances_edit_the_live_count_once(bot: RunningBot) -> None:
    await a_session(bot, wib(3, 9, 30))
    code = await presensi(bot)
    await scan(bot, BUDI, code.payload)
    await scan(bot, SITI, code.payload)
    edits_before = len(bot.emulator.calls_to("editMessageText"))
    bot.clock.advance(timedelta(seconds=5))

    async with another_instance(bot) as other:
        await asyncio.gather(
            run_job(bot.application, CHECKIN_BOARDS), run_job(other, CHECKIN_BOARDS)
        )
        await run_job(other, CHECKIN_BOARDS)

    edited = await code.admin.next_edit()
    assert edited.message_id == code.board_id
    assert (edited.text or "").endswith("Hadir 2 dari 3")
    assert len(bot.emulator.calls_to("editMessageText")) == edits_before + 1
