"""Who an announcement reaches (bot.usecases.audiences): a file of NIPs read and
matched, and the recipients of an audience, against a real database."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.core import broadcast as rules
from bot.imports.limits import ImportLimits
from bot.usecases.audiences import match_nip_file, nips_in, recipients
from tests.factories import NIP_BUDI, NIP_SITI, add_employee, add_linked_user

NOBODY = "197001011990031001"


def test_a_nip_file_is_read_from_its_nip_column(tmp_path: Path) -> None:
    path = tmp_path / "nip.csv"
    path.write_text(f"Nama;NIP\nBudi;{NIP_BUDI}\n;\nSiti;'{NIP_SITI}\n", encoding="utf-8")

    assert nips_in(path, ImportLimits()) == [(2, NIP_BUDI), (4, NIP_SITI)]


def test_a_nip_stored_as_a_number_is_named_not_matched(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIP"])
    sheet.append([NIP_BUDI])
    sheet.append([int(NIP_SITI)])
    path = tmp_path / "nip.xlsx"
    book.save(path)

    assert nips_in(path, ImportLimits()) == [(2, NIP_BUDI), (3, None)]


async def test_a_nip_file_names_its_employees_and_the_rows_that_name_nobody(
    db: async_sessionmaker[AsyncSession],
) -> None:
    async with db.begin() as session:
        budi = await add_employee(session)
        found = await match_nip_file(
            session, rows=[(2, NIP_BUDI), (3, NOBODY), (4, None), (5, NIP_BUDI)]
        )

    assert found.employee_ids == [budi.id]
    assert found.rows == 4
    assert found.unknown == [(3, NOBODY), (4, None)]


async def test_everyone_means_every_linked_employee(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        budi = await add_employee(session)
        await add_employee(session, nip=NIP_SITI, name="Siti Aminah")  # not linked
        await add_linked_user(session, employee=budi, telegram_user_id=7001, now=clock.now())
        everyone = await recipients(
            session, audience={"kind": rules.ALL}, today=clock.now().date(),
            jp_target=lambda status: 20,
        )  # fmt: skip
        from_file = await recipients(
            session, audience={"kind": rules.NIP_FILE, "employee_ids": [budi.id]},
            today=clock.now().date(), jp_target=lambda status: 20,
        )  # fmt: skip

    assert everyone == [budi.id]
    assert from_file == [budi.id]
