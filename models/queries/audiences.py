"""Who receives an announcement: the employees of an audience (everyone linked, an
OPD and the units below it, a position type, a program's or a session's participants,
a course's places, those behind on JP, a file of NIPs), and the lists an admin picks
an audience from.

Only linked, active employees whose chat is active receive announcements; the others
an audience names are counted and listed for the admin (:func:`members`). Ids are read
in bounded chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import broadcast as rules
from bot.core.vocabulary import (
    CourseStatus,
    EnrollmentStatus,
    LinkStatus,
    PositionType,
)
from bot.texts import sessions
from models.assessment import AssessmentProgram, AssessmentSession, Participation
from models.chat import ChatLink
from models.gapura import Course, Enrollment
from models.org import Employee, Position, Unit
from models.queries.planning import jp_totals

CHUNK = 500
ENROLLED = (
    EnrollmentStatus.REGISTERED,
    EnrollmentStatus.WAITLISTED,
    EnrollmentStatus.OFFERED,
    EnrollmentStatus.COMPLETED,
)


def _recipients() -> Any:
    """Linked employees the bot can reach (one who blocked the bot is named in the
    preview and its file of people not reached, never sent to)."""
    return (
        select(Employee.id)
        .join(ChatLink, ChatLink.employee_id == Employee.id)
        .where(
            Employee.active.is_(True),
            ChatLink.linked_at.is_not(None),
            ChatLink.status == LinkStatus.ACTIVE,
        )
    )


async def _unit_and_below(session: AsyncSession, unit_id: int) -> set[int]:
    found, frontier = {unit_id}, {unit_id}
    while frontier:  # units nest a few levels at most
        rows = await session.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier)))
        frontier = set(rows.all()) - found
        found |= frontier
    return found


async def recipient_ids(
    session: AsyncSession,
    *,
    kind: str,
    item: int | str | None = None,
    employee_ids: Collection[int] = (),
    jp_year: int | None = None,
    behind: Callable[[str, Decimal], bool] | None = None,
) -> list[int]:
    """Employee ids of the linked people an audience names, in id order.

    ``item`` is the unit, program, session or course id, or the position type;
    ``employee_ids`` the people of a NIP file; ``behind(status, earned)`` decides
    who is behind on JP in ``jp_year`` (the rule lives in ``bot.core.jp``).
    """
    rows = await _named(
        session, _recipients(), kind=kind, item=item, employee_ids=employee_ids,
        jp_year=jp_year, behind=behind,
    )  # fmt: skip
    return [int(row[0]) for row in rows]


@dataclass(frozen=True)
class Member:
    """Someone an audience names, whether or not the bot can reach them."""

    employee_id: int
    link_status: str | None  # LinkStatus of a linked chat; None: not linked


async def members(
    session: AsyncSession,
    *,
    kind: str,
    item: int | str | None = None,
    employee_ids: Collection[int] = (),
    jp_year: int | None = None,
    behind: Callable[[str, Decimal], bool] | None = None,
) -> list[Member]:
    """Every active employee an audience names (as :func:`recipient_ids`), linked or
    not, with their link's status, in id order."""
    linked = ChatLink.linked_at.is_not(None)
    query = (
        select(Employee.id, case((linked, ChatLink.status), else_=None))
        .outerjoin(ChatLink, ChatLink.employee_id == Employee.id)
        .where(Employee.active.is_(True))
    )
    rows = await _named(
        session, query, kind=kind, item=item, employee_ids=employee_ids,
        jp_year=jp_year, behind=behind,
    )  # fmt: skip
    return [Member(int(row[0]), None if row[1] is None else str(row[1])) for row in rows]


async def _named(
    session: AsyncSession,
    query: Any,
    *,
    kind: str,
    item: int | str | None,
    employee_ids: Collection[int],
    jp_year: int | None,
    behind: Callable[[str, Decimal], bool] | None,
) -> list[Any]:
    """The rows of ``query`` (employees, ``Employee.id`` first) the audience names."""
    if kind == rules.NIP_FILE:
        return await _among(session, query, sorted(set(employee_ids)))
    if kind == rules.JP_BEHIND:
        assert jp_year is not None and behind is not None
        return await _behind_on_jp(session, query, jp_year=jp_year, behind=behind)
    if kind == rules.OPD:
        units = await _unit_and_below(session, int(item or 0))
        query = query.where(Employee.unit_id.in_(units))
    elif kind == rules.POSITION:
        query = query.join(Position, Position.id == Employee.position_id).where(
            Position.position_type == PositionType(str(item))
        )
    elif kind in (rules.PROGRAM, rules.SESSION, rules.COURSE):
        query = query.where(_takes_part(kind, int(item or 0)))
    elif kind != rules.ALL:
        raise ValueError(f"unknown audience {kind!r}")
    return list((await session.execute(query.order_by(Employee.id))).all())


def _takes_part(kind: str, item: int) -> Any:
    """The employee has a seat in the program or session, or a place on the course."""
    if kind == rules.PROGRAM:
        return exists(
            select(Participation.id)
            .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
            .where(Participation.employee_id == Employee.id, AssessmentSession.program_id == item)
        )
    if kind == rules.SESSION:
        return exists(
            select(Participation.id).where(
                Participation.employee_id == Employee.id, Participation.session_id == item
            )
        )
    return exists(
        select(Enrollment.id).where(
            Enrollment.employee_id == Employee.id,
            Enrollment.course_id == item,
            Enrollment.status.in_(ENROLLED),
        )
    )


async def _behind_on_jp(
    session: AsyncSession,
    query: Any,
    *,
    jp_year: int,
    behind: Callable[[str, Decimal], bool],
) -> list[Any]:
    """The rows of ``query`` behind on JP in ``jp_year``, totalled in bounded batches."""
    rows = list((await session.execute(query.order_by(Employee.id))).all())
    chosen: list[Any] = []
    for start in range(0, len(rows), CHUNK):
        batch = rows[start : start + CHUNK]
        totals = await jp_totals(session, year=jp_year, employee_ids=[r[0] for r in batch])
        chosen += [r for r in batch if r[0] in totals and behind(*totals[r[0]])]
    return chosen


async def _among(session: AsyncSession, query: Any, ids: Sequence[int]) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(ids), CHUNK):
        rows = await session.execute(
            query.where(Employee.id.in_(ids[start : start + CHUNK])).order_by(Employee.id)
        )
        found += rows.all()
    return found


async def employees_by_nip(session: AsyncSession, *, nips: Collection[str]) -> dict[str, int]:
    """NIP -> employee id for the NIPs that exist."""
    items, found = sorted(set(nips)), {}
    for start in range(0, len(items), CHUNK):
        rows = await session.execute(
            select(Employee.nip, Employee.id).where(Employee.nip.in_(items[start : start + CHUNK]))
        )
        found.update({nip: employee_id for nip, employee_id in rows.all()})
    return found


@dataclass(frozen=True)
class Choice:
    """One item of an audience list (an OPD, a program, a session, a course)."""

    id: int
    label: str


async def choices(
    session: AsyncSession,
    *,
    kind: str,
    now: datetime,
    offset: int,
    limit: int,
    lang: str,
    tz: ZoneInfo,
) -> tuple[int, list[Choice]]:
    """(how many in all, one page) of the items an audience of ``kind`` picks from;
    sessions named by date, time and place in ``lang`` (:mod:`bot.texts.sessions`)."""
    if kind == rules.SESSION:
        return await _session_choices(
            session, now=now, offset=offset, limit=limit, lang=lang, tz=tz
        )
    query: Any
    if kind == rules.OPD:
        query = select(Unit.id, Unit.name).where(Unit.parent_id.is_(None)).order_by(Unit.name)
    elif kind == rules.PROGRAM:
        query = select(AssessmentProgram.id, AssessmentProgram.name).order_by(
            AssessmentProgram.year.desc(), AssessmentProgram.name
        )
    elif kind == rules.COURSE:
        query = (
            select(Course.id, Course.title)
            .where(Course.status.not_in([CourseStatus.DRAFT, CourseStatus.CANCELLED]))
            .order_by(Course.starts_on.desc(), Course.id)
        )
    else:
        raise ValueError(f"no list for audience {kind!r}")
    total = int(await session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = await session.execute(query.offset(offset).limit(limit))
    return total, [Choice(int(i), str(name)) for i, name in rows.all()]


async def _session_choices(
    session: AsyncSession, *, now: datetime, offset: int, limit: int, lang: str, tz: ZoneInfo
) -> tuple[int, list[Choice]]:
    """Sessions ending from 30 days ago on, soonest first, each named for a button."""
    recent = AssessmentSession.ends_at >= now - timedelta(days=30)
    total = int(await session.scalar(select(func.count(AssessmentSession.id)).where(recent)) or 0)
    rows = await session.scalars(
        select(AssessmentSession)
        .where(recent)
        .order_by(AssessmentSession.starts_at, AssessmentSession.id)
        .offset(offset)
        .limit(limit)
    )
    return total, [Choice(s.id, sessions.label(s, lang, tz)) for s in rows.all()]


async def choice_name(
    session: AsyncSession, *, kind: str, item: int, lang: str, tz: ZoneInfo
) -> str | None:
    """The name of the unit, program, session or course an audience names; a session
    by its date, time and place."""
    if kind == rules.SESSION:
        found = await session.get(AssessmentSession, item)
        return None if found is None else sessions.title(found, lang, tz, code=False)
    column: Any = {
        rules.OPD: (Unit.name, Unit.id),
        rules.PROGRAM: (AssessmentProgram.name, AssessmentProgram.id),
        rules.COURSE: (Course.title, Course.id),
    }.get(kind)
    if column is None:
        return None
    name = await session.scalar(select(column[0]).where(column[1] == item))
    return None if name is None else str(name)


@dataclass(frozen=True)
class Person:
    """Whom a list of people names: NIP, name and unit."""

    employee_id: int
    nip: str
    name: str
    unit: str


async def people(session: AsyncSession, *, employee_ids: Sequence[int]) -> list[Person]:
    """NIP, name and unit of the employees, in the order of ``employee_ids``."""
    found: dict[int, Person] = {}
    for start in range(0, len(employee_ids), CHUNK):
        rows = await session.execute(
            select(Employee.id, Employee.nip, Employee.name, Unit.name)
            .join(Unit, Unit.id == Employee.unit_id)
            .where(Employee.id.in_(employee_ids[start : start + CHUNK]))
        )
        found.update({i: Person(i, nip, name, unit) for i, nip, name, unit in rows.all()})
    return [found[i] for i in employee_ids if i in found]
