"""Fill an empty database with the Gresik demo: units, positions, employees, the
2024 assessment with released results, the upcoming round, Gapura courses,
the JP ledger, what waits for the admins (results to release, reschedule requests,
announcements already sent) and activation codes for the demo employees.

Deterministic: the same ``seed`` and ``now`` give the same rows. Everything in
the past hangs off fixed dates (records as of 30 June 2024, 2024 results
released 16 December 2024); only what must be upcoming (the next round's
sessions, course registration windows, this year's JP) is placed relative to ``now``.

Rows are plain dicts inserted with Core ``insert()`` executemany in chunks, in
one transaction: a million employees take minutes on SQLite, not hours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.demo.admin_tasks import AdminTasksWriter
from bot.demo.catalogue import COURSES
from bot.demo.courses import CoursesWriter
from bot.demo.people import DEMO_EMPLOYEES, DemoEmployee
from bot.demo.positions import POSITIONS
from models import Base

MIN_EMPLOYEES = 100
EARLIEST_NOW = datetime(2025, 1, 1, tzinfo=UTC)


class DemoRefused(ValueError):
    """The demo was asked to fill a database that is not empty, or with bad arguments."""


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` wrote."""

    employees: int
    pppk: int
    by_type: dict[str, int]
    units: int
    positions: int
    assessed_2024: dict[str, int]
    categories_2024: dict[str, int]
    sessions_2024: int
    upcoming_round: str  # "Penilaian Kompetensi ASN 2025" when now is in 2025
    sessions_2025: int  # the upcoming round's, whatever its year
    invited_2025: int
    confirmed_2025: int
    courses: int
    enrollments: int
    jp_entries: int
    activation_codes: int
    results_to_release: int  # imported, waiting for /rilis
    reschedule_requests: int  # waiting in /jadwalulang
    announcements_sent: int  # with deliveries and reads

    @property
    def assessed_2024_total(self) -> int:
        return sum(self.assessed_2024.values())


async def build_demo(
    db: async_sessionmaker[AsyncSession],
    *,
    employees: int = 8971,
    seed: int = 2024,
    now: datetime,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Write the demo into an empty migrated database, in one transaction.

    Raises :class:`DemoRefused` (a ``ValueError``) when the database already
    holds employees, or when ``employees`` or ``now`` are out of range.
    """
    if now.tzinfo is None:
        raise DemoRefused("now must be a timezone-aware datetime")
    if now < EARLIEST_NOW:
        raise DemoRefused(
            f"now must be on or after {EARLIEST_NOW:%Y-%m-%d}: the 2024 round "
            "and its released results lie before it"
        )
    if employees < MIN_EMPLOYEES:
        raise DemoRefused(f"the demo needs at least {MIN_EMPLOYEES} employees, got {employees}")
    async with db.begin() as session:
        conn = await session.connection()
        tables = Base.metadata.tables
        for name in ("employees", "units", "assessment_programs", "courses"):
            held = (await conn.execute(select(func.count()).select_from(tables[name]))).scalar()
            if held:
                raise DemoRefused(
                    f"the database already holds {held} {name.replace('_', ' ')}: the demo "
                    "only fills an empty database (point ASNBOT_DATABASE_URL at a new one)"
                )
        return await _Builder(conn, employees, seed, now.astimezone(UTC), progress).run()


class _Builder(AdminTasksWriter, CoursesWriter):
    async def run(self) -> DemoSummary:
        await self._units()
        await self._positions()
        await self._employees()
        await self._round_2024()
        await self._round_2025()
        await self._courses()
        await self._admin_tasks()
        await self._codes()
        return DemoSummary(
            employees=self.n,
            pppk=sum(self.pppk),
            by_type={t.value: n for t, n in self.type_count.items()},
            units=len(self.units),
            positions=len(POSITIONS),
            assessed_2024={t.value: len(v) for t, v in self.assessed.items()},
            categories_2024=dict(sorted(self.categories.items())),
            sessions_2024=self.sessions_2024,
            upcoming_round=self.upcoming_round,
            sessions_2025=self.sessions_2025,
            invited_2025=self.invited_2025,
            confirmed_2025=self.confirmed_2025,
            courses=len(COURSES),
            enrollments=self.enrollments,
            jp_entries=self.jp_entries,
            activation_codes=len(DEMO_EMPLOYEES),
            results_to_release=self.waiting_results,
            reschedule_requests=self.reschedule_requests,
            announcements_sent=self.broadcasts_sent,
        )


def demo_employee(key: str) -> DemoEmployee:
    """A demo employee by key ("administrator", "pengawas", "pelaksana", "pppk", "tanpa_hp")."""
    for d in DEMO_EMPLOYEES:
        if d.key == key:
            return d
    raise KeyError(key)
