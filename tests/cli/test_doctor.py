"""``asnbot doctor`` against the Bot API emulator and real databases: one line per check,
OK or what to fix, and a non-zero exit when anything needs fixing."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.doctor import Line, report, run_checks
from bot.settings import Settings
from models.db import create_engine, create_sessionmaker, upgrade
from models.queries.admins import grant_admin
from sandbox import Emulator
from tests.ports import free_port

TOKEN = "123456:DOCTOR-TOKEN"
ADMIN_ID = 900001
SECRET = "s3cret-value_0123456789"


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(token=TOKEN)
    await emu.start(host="127.0.0.1", port=0)
    yield emu
    await emu.stop()


def settings_for(emulator: Emulator, database_url: str, data: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "token": TOKEN,
        "api_base_url": emulator.base_url,
        "api_base_file_url": emulator.base_file_url,
        "database_url": database_url,
        "admin_ids": [ADMIN_ID],
        "data_dir": data,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def doctor(
    emulator: Emulator, database_url: str, tmp_path: Path, *args: str, **env: str
) -> tuple[int, list[str]]:
    """``python -m bot doctor`` in a folder without .env; its exit status and lines."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ASNBOT_")}
    environment.update(
        ASNBOT_TOKEN=TOKEN,
        ASNBOT_API_BASE_URL=emulator.base_url,
        ASNBOT_DATABASE_URL=database_url,
        ASNBOT_ADMIN_IDS=str(ADMIN_ID),
        ASNBOT_DATA_DIR=str(tmp_path / "data"),
    )
    environment.update(env)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        "doctor",
        cwd=tmp_path,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    async with asyncio.timeout(60):
        out, _ = await process.communicate()
    return process.returncode or 0, out.decode().splitlines()


def texts(lines: list[Line], *, ok: bool) -> list[str]:
    return [line.text for line in lines if line.ok is ok]


async def test_a_ready_deployment_passes_every_check_and_exits_zero(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    code, lines = await doctor(emulator, database_url, tmp_path)

    backend = "sqlite" if database_url.startswith("sqlite") else database_url.split("+")[0]
    free = re.findall(r"([\d.]+) MB\.$", lines[5])[0]
    assert lines == [
        f"OK        Token bot diterima Telegram: bot @{emulator.bot_user['username']}.",
        f"OK        Basis data ({backend}) terhubung dan strukturnya sudah yang terbaru.",
        "OK        Webhook tidak dipakai: bot mengambil pesan sendiri dari Telegram.",
        "OK        1 admin terdaftar.",
        "OK        Zona waktu Asia/Jakarta dikenali.",
        f"OK        Ruang kosong di folder data {tmp_path / 'data'}: {free} MB.",
        "Semua pemeriksaan lulus: bot siap dijalankan.",
    ]
    assert code == 0
    assert int(free.replace(".", "")) >= 500


async def test_a_wrong_token_fails_with_what_to_do_and_never_shows_the_token(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    wrong = "123456:WRONG-TOKEN-abcdef"
    code, lines = await doctor(emulator, database_url, tmp_path, ASNBOT_TOKEN=wrong)

    assert code == 1
    assert lines[0] == (
        "PERBAIKI  Telegram menolak ASNBOT_TOKEN: salin ulang token dari @BotFather "
        "(perintah /mybots), atau buat token baru di sana."
    )
    assert all(line.startswith("OK") for line in lines[1:6])
    assert lines[-1] == "1 hal perlu diperbaiki sebelum bot dijalankan."
    assert not any("WRONG-TOKEN" in line or "DOCTOR-TOKEN" in line for line in lines)


async def test_in_english_with_lang_en(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    code, lines = await doctor(
        emulator, database_url, tmp_path, "--lang", "en", ASNBOT_TOKEN="not a token"
    )

    assert code == 1
    assert lines[0] == (
        "FIX  ASNBOT_TOKEN is not a bot token (digits, a colon, then letters): "
        "copy the token from @BotFather again."
    )
    assert lines[-1] == "1 thing to fix before the bot runs."


async def test_an_unknown_time_zone_stops_before_the_checks_naming_the_setting(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    code, lines = await doctor(emulator, database_url, tmp_path, ASNBOT_TIMEZONE="Asia/Gresik")

    assert code == 2
    assert lines == ["asnbot: ASNBOT_TIMEZONE: Value error, unknown time zone 'Asia/Gresik'"]


async def test_telegram_out_of_reach_is_named_with_the_address_it_tried(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    address = f"http://127.0.0.1:{free_port()}/bot"
    settings = settings_for(emulator, database_url, tmp_path, api_base_url=address)

    lines = await run_checks(settings)

    assert lines[0] == Line(
        False,
        f"Telegram tidak bisa dihubungi di {address}: periksa jaringan dan proxy server ini, "
        "atau ASNBOT_API_BASE_URL.",
    )


async def test_a_missing_or_unmigrated_sqlite_database_asks_for_asnbot_db_upgrade(
    emulator: Emulator, tmp_path: Path
) -> None:
    path = tmp_path / "asnbot.db"
    url = f"sqlite+aiosqlite:///{path}"
    settings = settings_for(emulator, url, tmp_path)

    missing = await run_checks(settings)
    made_by_the_check = path.exists()
    sqlite3.connect(path).close()  # an empty file: no tables, no revision
    empty = await run_checks(settings)
    engine = create_engine(url)
    await upgrade(engine, "0009")
    behind = await run_checks(settings)
    await upgrade(engine)
    await engine.dispose()
    ready = await run_checks(settings)

    assert texts(missing, ok=False) == [
        f"Basis data {path} belum ada: jalankan `asnbot db upgrade` untuk membuatnya."
    ]
    assert not made_by_the_check
    assert texts(empty, ok=False) == ["Basis data belum disiapkan: jalankan `asnbot db upgrade`."]
    assert texts(behind, ok=False) == [
        "Struktur basis data tertinggal dari versi asnbot ini: buat cadangan, lalu jalankan "
        "`asnbot db upgrade`."
    ]
    assert texts(ready, ok=False) == []
    written: list[str] = []
    assert report(empty, "id", written.append) == 1
    assert written[1].startswith("PERBAIKI  Basis data belum disiapkan")


async def test_a_database_that_cannot_be_opened_names_the_setting_not_the_password(
    emulator: Emulator, tmp_path: Path
) -> None:
    url = f"postgresql+asyncpg://asnbot:hunter2-secret@127.0.0.1:{free_port()}/asnbot"
    settings = settings_for(emulator, url, tmp_path)

    lines = await run_checks(settings)

    assert lines[1] == Line(
        False,
        "Basis data (postgresql) tidak bisa dibuka: periksa ASNBOT_DATABASE_URL (alamat, nama, "
        "pengguna, kata sandi) dan apakah servernya berjalan.",
    )
    assert not any("hunter2" in line.text for line in lines)


async def test_an_http_webhook_without_secret_or_port_gets_one_fix_line_each(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    plain = settings_for(
        emulator, database_url, tmp_path, webhook_url="http://bot.bkpsdm.gresikkab.go.id/telegram"
    )
    bad_secret = settings_for(
        emulator,
        database_url,
        tmp_path,
        webhook_url="https://bot.bkpsdm.gresikkab.go.id/telegram",
        webhook_secret="no spaces allowed",
        listen_port=8443,
    )

    plain_lines = texts(await run_checks(plain), ok=False)
    bad_secret_lines = texts(await run_checks(bad_secret, lang="en"), ok=False)
    not_set = texts(
        await run_checks(settings_for(emulator, database_url, tmp_path), webhook=True), ok=False
    )

    assert plain_lines == [
        "ASNBOT_WEBHOOK_URL harus alamat HTTPS (https://nama-domain/...): Telegram hanya "
        "mengirim pesan ke alamat HTTPS.",
        "ASNBOT_WEBHOOK_SECRET belum diisi: buat dengan `openssl rand -hex 32` dan simpan di "
        "file .env.",
        "ASNBOT_LISTEN_PORT belum diisi: isi dengan port tempat reverse proxy meneruskan pesan "
        "ke bot (misalnya 8443).",
    ]
    assert bad_secret_lines == [
        "ASNBOT_WEBHOOK_SECRET may hold only letters, digits, _ and - (1 to 256 characters): "
        "make one with `openssl rand -hex 32`."
    ]
    assert not_set[0].startswith("ASNBOT_WEBHOOK_URL belum diisi: isi dengan alamat HTTPS")
    assert len(not_set) == 3


async def test_a_complete_webhook_is_ok_and_its_secret_is_not_shown(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    url = "https://bot.bkpsdm.gresikkab.go.id/telegram"
    settings = settings_for(
        emulator, database_url, tmp_path, webhook_url=url, webhook_secret=SECRET, listen_port=8443
    )
    written: list[str] = []

    code = report(await run_checks(settings, webhook=True), "id", written.append)

    assert f"OK        Webhook {url}: memakai HTTPS dan kunci rahasianya terisi." in written
    assert code == 0
    assert not any(SECRET in line or TOKEN in line for line in written)


async def test_a_token_in_the_webhook_path_is_not_shown(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    url = f"https://bot.bkpsdm.gresikkab.go.id/{TOKEN}"
    settings = settings_for(
        emulator, database_url, tmp_path, webhook_url=url, webhook_secret=SECRET, listen_port=8443
    )

    lines = await run_checks(settings)

    assert (
        Line(
            True,
            "Webhook https://bot.bkpsdm.gresikkab.go.id/***: memakai HTTPS dan kunci rahasianya "
            "terisi.",
        )
        in lines
    )


async def test_no_admin_is_a_fix_until_one_is_granted_in_the_database(
    emulator: Emulator, database_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    settings = settings_for(emulator, database_url, tmp_path, admin_ids=[])

    before = await run_checks(settings)
    engine = create_engine(database_url)
    async with create_sessionmaker(engine).begin() as session:
        await grant_admin(session, telegram_user_id=4242, added_by="it", now=clock.now())
    await engine.dispose()
    after = await run_checks(settings)

    assert texts(before, ok=False) == [
        "Belum ada admin: isi ASNBOT_ADMIN_IDS dengan ID Telegram petugas BKPSDM, atau jalankan "
        "`asnbot admin add ID`."
    ]
    assert Line(True, "1 admin terdaftar.") in after
    assert texts(after, ok=False) == []


async def test_too_little_free_disk_in_the_data_folder_is_a_fix(
    emulator: Emulator, database_url: str, tmp_path: Path
) -> None:
    settings = settings_for(emulator, database_url, tmp_path / "not-made-yet")

    lines = await run_checks(settings, min_free_bytes=10**18)

    (low,) = texts(lines, ok=False)
    assert low.startswith(f"Ruang kosong di folder data {tmp_path / 'not-made-yet'} tinggal ")
    assert low.endswith(
        "MB: kosongkan sampai paling sedikit 953.674.316.407 MB, atau pindahkan "
        "ASNBOT_DATA_DIR ke disk yang lebih lega."
    )
