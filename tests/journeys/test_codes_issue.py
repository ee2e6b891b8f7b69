"""`asnbot codes issue` and the chat: the files exist, private, before the new codes
count; whatever fails, the codes already handed out keep linking employees."""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from bot.codes_export import run_issue_codes
from models import ActivationCode
from tests.factories import NIP_BUDI, add_employee
from tests.journeys.conftest import RunningBot

SHEET = "kode-aktivasi-OPD-BKPSDM.xlsx"


async def issue(bot: RunningBot, out: Path, lang: str = "id") -> int:
    """Run the command as an operator would, on the bot's database and clock."""
    return await run_issue_codes(
        bot.settings, unit_code=None, out_dir=out, lang=lang, clock=bot.clock
    )


def budi_code(folder: Path) -> str:
    sheet = load_workbook(folder / SHEET).active
    assert sheet is not None
    return next(str(row[3]) for row in sheet.iter_rows(values_only=True) if row[0] == NIP_BUDI)


def hidden(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.startswith(".")]


def modes(folder: Path) -> tuple[int, list[tuple[str, int]]]:
    """The folder's permissions, and each file's."""
    files = [(path.name, stat.S_IMODE(path.stat().st_mode)) for path in folder.iterdir()]
    return stat.S_IMODE(folder.stat().st_mode), files


async def try_code(bot: RunningBot, user_id: int, code: str) -> str:
    """A new Telegram user agrees, types Budi's NIP and then ``code``: the bot's answer."""
    user = bot.user(user_id)
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju")
    await user.next_edit()
    await user.send(NIP_BUDI)
    await user.next_message()
    await user.send(code)
    return (await user.next_message()).text or ""


async def code_rows(bot: RunningBot) -> int:
    async with bot.db() as session:
        return await session.scalar(select(func.count()).select_from(ActivationCode)) or 0


@pytest.fixture
async def handed_out(bot: RunningBot, tmp_path: Path) -> str:
    """Budi's code from an earlier, successful run: the one he holds on paper."""
    async with bot.db.begin() as session:
        await add_employee(session, phone=None)
    assert await issue(bot, tmp_path / "earlier") == 0
    return budi_code(tmp_path / "earlier")


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@pytest.mark.parametrize("where", ["a file", "a folder inside a file"])
async def test_when_the_files_cannot_be_written_the_handed_out_codes_still_work(
    bot: RunningBot,
    handed_out: str,
    tmp_path: Path,
    where: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "taken").write_text("not a folder")
    out = tmp_path / "taken" if where == "a file" else tmp_path / "taken" / "codes"
    rows_before = await code_rows(bot)
    capsys.readouterr()

    assert await issue(bot, out) == 1

    said = capsys.readouterr().err
    assert "Tidak ada yang berubah: kode lama tetap berlaku." in said
    assert await code_rows(bot) == rows_before
    assert hidden(tmp_path) == []  # no half-written folder left behind
    assert "berhasil ditautkan" in await try_code(bot, 4001, handed_out)


async def test_a_folder_that_holds_files_is_refused_before_anything_changes(
    bot: RunningBot, handed_out: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()

    assert await issue(bot, tmp_path / "earlier", lang="en") == 1

    said = capsys.readouterr().err
    assert f"The folder {tmp_path / 'earlier'} already holds files." in said
    assert "Nothing was changed: the earlier codes still work." in said
    assert budi_code(tmp_path / "earlier") == handed_out
    assert "berhasil ditautkan" in await try_code(bot, 4002, handed_out)


async def test_when_the_database_refuses_the_new_codes_their_files_are_deleted(
    bot: RunningBot, handed_out: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows_before = await code_rows(bot)
    capsys.readouterr()
    async with refusing_new_codes(bot):
        assert await issue(bot, tmp_path / "new") == 1

    said = capsys.readouterr().err
    assert "Kode baru tidak bisa disimpan ke basis data (kode ditolak)." in said
    assert "sudah dihapus karena kodenya tidak pernah berlaku" in said
    assert "kode lama tetap berlaku" in said
    assert not (tmp_path / "new").exists()
    assert await code_rows(bot) == rows_before
    assert "berhasil ditautkan" in await try_code(bot, 4003, handed_out)


@pytest.mark.parametrize("umask", [0o000, 0o277], indirect=True)
async def test_new_codes_work_in_private_files_and_the_earlier_ones_stop(
    bot: RunningBot, handed_out: str, tmp_path: Path, umask: int
) -> None:
    out = tmp_path / "new"

    assert await issue(bot, out) == 0

    assert modes(out) == (0o700, [(SHEET, 0o600)])
    assert "kedaluwarsa" in await try_code(bot, 4004, handed_out)
    assert "berhasil ditautkan" in await try_code(bot, 4005, budi_code(out))


# A trigger that refuses every new activation code, in each database's words.
REFUSE = {
    "sqlite": [
        "CREATE TRIGGER refuse_codes BEFORE INSERT ON activation_codes "
        "BEGIN SELECT RAISE(ABORT, 'kode ditolak'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_codes() RETURNS trigger AS "
        "$$ BEGIN RAISE EXCEPTION 'kode ditolak'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER refuse_codes BEFORE INSERT ON activation_codes "
        "FOR EACH ROW EXECUTE FUNCTION refuse_codes()",
    ],
    "mysql": [
        "CREATE TRIGGER refuse_codes BEFORE INSERT ON activation_codes FOR EACH ROW "
        "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'kode ditolak'"
    ],
}
ALLOW = {
    "sqlite": ["DROP TRIGGER refuse_codes"],
    "postgresql": ["DROP TRIGGER refuse_codes ON activation_codes", "DROP FUNCTION refuse_codes()"],
    "mysql": ["DROP TRIGGER refuse_codes"],
}


@asynccontextmanager
async def refusing_new_codes(bot: RunningBot) -> AsyncIterator[None]:
    """While inside, the database refuses to store any activation code."""
    async with bot.db.begin() as session:
        dialect = session.get_bind().dialect.name
        for statement in REFUSE[dialect]:
            await session.execute(text(statement))
    try:
        yield
    finally:
        async with bot.db.begin() as session:
            for statement in ALLOW[dialect]:
                await session.execute(text(statement))
