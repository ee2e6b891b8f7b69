"""The journeys of issue 5 on the demo data, as its demo people would live them."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.demo import build_demo, demo_employee
from models import AssessmentSession, Course, CourseCompetency, Employee, Participation
from sandbox import SimulatedUser
from tests.journeys.conftest import RunningBot
from tests.narrow import present

GAPS_OF_RAHMAT = ("Komunikasi", "Pengembangan Diri dan Orang Lain", "Perekat Bangsa")
GAPS_OF_SITI = (
    "Komunikasi",
    "Pengembangan Diri dan Orang Lain",
    "Mengelola Perubahan",
    "Pengambilan Keputusan",
)


@pytest.fixture
async def demo(bot: RunningBot) -> RunningBot:
    await build_demo(bot.db, employees=200, seed=2024, now=bot.clock.now())
    return bot


async def linked(bot: RunningBot, key: str, user_id: int, language: str = "id") -> SimulatedUser:
    person = demo_employee(key)
    user = bot.user(user_id, language_code=language, phone_number=person.phone)
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju" if language == "id" else "I agree")
    await user.next_edit()
    await user.send(person.nip)
    await user.next_message()
    if person.phone:
        await user.share_contact()
    else:
        await user.send(person.code)
    linked_message = await user.next_message()
    assert person.name in (linked_message.text or "")
    return user


async def test_rahmat_sees_his_session_in_wib_with_a_pin_and_a_calendar_file(
    demo: RunningBot,
) -> None:
    user = await linked(demo, "administrator", 3001)
    async with demo.db() as session:
        starts_at = await session.scalar(
            select(AssessmentSession.starts_at)
            .join(Participation, Participation.session_id == AssessmentSession.id)
            .join(Employee, Employee.id == Participation.employee_id)
            .where(
                Employee.nip == demo_employee("administrator").nip,
                AssessmentSession.starts_at > demo.clock.now(),
            )
        )
    assert starts_at is not None

    await user.send("/jadwal")
    schedule = await user.next_message()
    pin = await user.next_message()
    await user.next_message()  # the past sessions
    await user.press("Tambah ke kalender", message=schedule)
    ics = await user.next_message()

    assert "pukul" in (schedule.text or "") and "WIB" in (schedule.text or "")
    assert "BKPSDM" in (schedule.text or "")
    assert pin.kind == "venue"
    assert ics.document is not None and present(ics.document.file_name).endswith(".ics")
    event = next(iter(Calendar.from_ical(ics.document.data).walk("VEVENT")))
    assert event.decoded("DTSTART") == starts_at


async def test_rahmat_sees_the_worked_example_and_a_course_for_his_largest_gap_first(
    demo: RunningBot,
) -> None:
    user = await linked(demo, "administrator", 3002)

    await user.send("/hasil")
    pending, released = await user.next_message(), await user.next_message()
    await user.press("Tampilkan hasil", message=released)
    summary = await user.next_message()
    chart = await user.next_message()
    await user.send("/gapura")
    await user.next_message()
    await user.press("Rekomendasi untuk Anda")
    recommended = await user.next_message()

    assert "Status: terjadwal" in (pending.text or "")
    assert chart.kind == "photo"
    assert "88,9%" in (summary.text or "") and "Cukup Optimal" in (summary.text or "")
    first_reason = (recommended.text or "").split("\n")
    assert any(gap in (recommended.text or "") for gap in GAPS_OF_RAHMAT)
    first_course = recommended.buttons[0][0].callback_data or ""
    course_id = int(first_course.rsplit(":", 1)[-1])
    async with demo.db() as session:
        targets = set(
            (
                await session.scalars(
                    select(CourseCompetency.competency_code).where(
                        CourseCompetency.course_id == course_id
                    )
                )
            ).all()
        )
        title = await session.scalar(select(Course.title).where(Course.id == course_id))
    assert targets & {"M.03", "M.06", "SK.01"}, (title, first_reason)


async def test_ahmad_without_a_phone_links_with_his_code_and_works_in_english(
    demo: RunningBot,
) -> None:
    user = await linked(demo, "tanpa_hp", 3003, language="en")

    await user.send("/jp")
    progress = await user.next_message()

    assert "JP" in (progress.text or "")
    assert "of 20" in (progress.text or "") or "20 JP" in (progress.text or "")


async def test_siti_reads_every_one_of_her_four_gaps_under_area_pengembangan(
    demo: RunningBot,
) -> None:
    user = await linked(demo, "pengawas", 3004)

    await user.send("/hasil")
    released = await user.next_message()
    await user.press("Tampilkan hasil", message=released)
    summary = await user.next_message()

    text = summary.text or ""
    gaps = [line for line in text.splitlines() if line.startswith("•") and "(-" in line]
    areas = text.split("Area pengembangan", 1)[1].split("Rekomendasi pengembangan", 1)[0]
    assert len(gaps) == 4
    for name in GAPS_OF_SITI:
        assert name in areas, (name, areas)
