"""Gapura in the demo: courses, enrollments (one course full, with a waitlist) and
this year's JP ledger."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import update

from bot.core.vocabulary import (
    CourseMode,
    CourseStatus,
    EnrollmentStatus,
)
from bot.core.waitlist import HOLDS_SEAT
from bot.demo.catalogue import CONTACT, COURSES, CourseSpec, venue_for
from bot.demo.people import DEMO_EMPLOYEES
from bot.demo.plan import (
    WIB,
    at_wib,
    next_weekday,
    scaled,
)
from bot.demo.surveys import write_course_answers
from bot.demo.writer import Writer

IMPORTED_JP = (
    "E-learning ASN Unggul (LAN)",
    "Webinar Manajemen ASN (BKN)",
    "Pelatihan teknis perangkat daerah",
    "Seminar Pelayanan Publik",
    "Coaching oleh atasan langsung",
    "Benchmarking ke perangkat daerah lain",
)
# (demo key, course title, enrollment status)
DEMO_ENROLLMENTS = (
    ("administrator", "Pelatihan Komunikasi Efektif dan Public Speaking", "registered"),
    ("administrator", "Pelatihan Budaya Kerja BerAKHLAK", "completed"),
    ("pengawas", "Pelatihan Budaya Kerja BerAKHLAK", "completed"),
    ("pppk", "Mentoring Pengembangan Diri ASN Muda", "registered"),
    ("pppk", "E-learning Manajemen ASN", "completed"),
    ("tanpa_hp", "Workshop Kerja Sama Tim Lintas OPD", "waitlisted"),
)
EVALUATION_SEED = 1800
DEMO_IMPORTED_JP = {"administrator": 4, "pengawas": 16, "tanpa_hp": 3}


class CoursesWriter(Writer):
    """Courses, their target competencies, enrollments and JP entries."""

    # -- Gapura -----------------------------------------------------------------

    def _course_dates(
        self, spec: CourseSpec
    ) -> tuple[datetime, datetime, date, date, CourseStatus]:
        rng, today = self.rng, self.today
        days = max(1, -(-spec.jp // 8))
        if spec.window == "done":
            jan1 = date(today.year, 1, 1)
            ends = max(jan1, today - timedelta(days=rng.randint(10, 45)))
            starts = ends - timedelta(days=days - 1)
            opens = at_wib(starts - timedelta(days=30), 8)
            return opens, at_wib(starts - timedelta(days=5), 16), starts, ends, CourseStatus.DONE
        if spec.window == "closed":
            opens = at_wib(today - timedelta(days=30), 8)
            closes = at_wib(today - timedelta(days=2), 16)
            starts = self.day(5)
            return opens, closes, starts, starts + timedelta(days=days - 1), CourseStatus.CLOSED
        if spec.window == "opens_soon":
            opens = at_wib(today + timedelta(days=5), 8)
            closes = at_wib(today + timedelta(days=25), 16)
        else:
            opens = at_wib(today - timedelta(days=rng.randint(3, 20)), 8)
            closes = at_wib(today + timedelta(days=rng.randint(7, 30)), 16)
        starts = next_weekday(closes.astimezone(WIB).date() + timedelta(days=rng.randint(3, 10)))
        if spec.mode is CourseMode.DARING:
            days = 60  # self-paced: open for two months
        return opens, closes, starts, starts + timedelta(days=days - 1), CourseStatus.OPEN

    async def _courses(self) -> None:
        year = self.today.year
        rows, dates = [], []
        for k, spec in enumerate(COURSES):
            opens, closes, starts, ends, status = self._course_dates(spec)
            dates.append((opens, closes, starts, ends))
            daring = spec.mode is not CourseMode.LURING
            rows.append(
                {
                    "code": f"GPR-{year}-{k + 1:02d}",
                    "title": spec.title,
                    "description": spec.description,
                    "jp": Decimal(spec.jp),
                    "starts_on": starts,
                    "ends_on": ends,
                    "mode": spec.mode,
                    "venue": venue_for(spec, k),
                    "online_url": (
                        f"https://elearning.example.org/gapura/{year}/{k + 1:02d}"
                        if daring
                        else None
                    ),
                    "provider": spec.provider,
                    "quota": spec.quota,
                    "registration_opens_at": opens,
                    "registration_closes_at": closes,
                    "audience_position_types": spec.audience,
                    "audience_statuses": spec.statuses,
                    "audience_unit_id": (
                        self.unit_ids[self.unit_index[spec.audience_unit]]
                        if spec.audience_unit
                        else None
                    ),
                    "prerequisites": spec.prerequisites,
                    "contact": CONTACT,
                    "status": status,
                }
            )
        await self.insert("courses", rows)
        course_ids = await self.ids_by("courses", "code")
        await self.insert(
            "course_competencies",
            [
                {
                    "course_id": course_ids[row["code"]],
                    "competency_code": code,
                    "target_level": level,
                }
                for row, spec in zip(rows, COURSES, strict=True)
                for code, level in spec.competencies
            ],
        )

        by_title = {spec.title: k for k, spec in enumerate(COURSES)}
        forced: dict[int, list[tuple[int, str]]] = {}
        for key, title, how in DEMO_ENROLLMENTS:
            forced.setdefault(by_title[title], []).append((self.demo_index[key], how))
        enrollments: list[dict[str, Any]] = []
        ledger: list[dict[str, Any]] = []
        for k, spec in enumerate(COURSES):
            course_id = course_ids[rows[k]["code"]]
            opens, closes, starts, ends = dates[k]
            people = self._enrol_plan(spec, forced.get(k, []))
            last = min(self.now, closes)
            # The full course filled up two days ago; its waitlist formed since, in order.
            cut = last - timedelta(days=2) if spec.window == "full" else last
            span = max(0, int((cut - opens).total_seconds()))
            for n, (i, how) in enumerate(people):
                registered = opens + timedelta(seconds=self.rng.randint(0, span))
                if how == "waitlisted":
                    registered = last - timedelta(hours=len(people) - n)
                completed = at_wib(ends, 16) if how == "completed" else None
                enrollments.append(
                    {
                        "course_id": course_id,
                        "employee_id": self.ids[i],
                        "status": EnrollmentStatus(how),
                        "registered_at": registered,
                        "offered_until": None,
                        "completed_at": completed,
                    }
                )
                if completed:
                    ledger.append(
                        self._jp(
                            i,
                            spec.jp,
                            "course",
                            spec.title,
                            min(self.today, ends + timedelta(days=2)),
                            course_id,
                        )
                    )
        await self.insert("enrollments", enrollments)
        # Registered and offered places hold a seat (bot.core.waitlist.HOLDS_SEAT).
        held = Counter(e["course_id"] for e in enrollments if e["status"] in HOLDS_SEAT)
        courses = self.t["courses"]
        for course_id, seats in sorted(held.items()):
            await self.conn.execute(
                update(courses).where(courses.c.id == course_id).values(seats_taken=seats)
            )

        jan1 = date(self.today.year, 1, 1)
        spread = (self.today - jan1).days
        for key, jp in DEMO_IMPORTED_JP.items():
            ledger.append(self._jp(self.demo_index[key], jp, "import", IMPORTED_JP[0], jan1))
        others = self.rng.sample(range(len(DEMO_EMPLOYEES), self.n), scaled(900, self.n))
        for i in others:
            for _ in range(self.rng.randint(1, 2)):
                ledger.append(
                    self._jp(
                        i,
                        self.rng.choice((2, 3, 4, 6, 8, 10, 12, 16)),
                        "import",
                        self.rng.choice(IMPORTED_JP),
                        jan1 + timedelta(days=self.rng.randint(0, spread)),
                    )
                )
        await self.insert("jp_entries", ledger)
        self.enrollments = len(enrollments)
        self.jp_entries = len(ledger)
        self.done("courses, enrollments, JP", len(rows) + len(enrollments) + len(ledger))
        await self._evaluations(rows, course_ids, dates, enrollments)

    async def _evaluations(
        self,
        rows: list[dict[str, Any]],
        course_ids: dict[Any, int],
        dates: list[tuple[datetime, datetime, date, date]],
        enrollments: list[dict[str, Any]],
    ) -> None:
        """Evaluations of the finished course most people completed (bot/demo/surveys.py)."""
        completed = Counter(
            e["course_id"] for e in enrollments if e["status"] == EnrollmentStatus.COMPLETED
        )
        finished = [
            (completed[course_ids[row["code"]]], -k, k)
            for k, row in enumerate(rows)
            if row["status"] == CourseStatus.DONE
        ]
        if not finished or max(finished)[0] == 0:
            return
        took_part, _, k = max(finished)
        ends = dates[k][3]
        # Its own generator: what the demo draws after the courses stays as it was.
        answered = await write_course_answers(
            self.conn,
            self.t,
            random.Random(EVALUATION_SEED + k),
            course_id=course_ids[rows[k]["code"]],
            took_part=took_part,
            ends_on=ends,
            completed_at=at_wib(ends + timedelta(days=1), 9),
        )
        self.done("course evaluations", answered)

    def _jp(
        self,
        i: int,
        jp: int,
        source: str,
        description: str,
        day: date,
        course_id: int | None = None,
    ) -> dict[str, Any]:
        return {
            "employee_id": self.ids[i],
            "year": day.year,
            "jp": Decimal(jp),
            "source": source,
            "course_id": course_id,
            "description": description[:200],
            "recorded_on": day,
        }

    def _enrol_plan(self, spec: CourseSpec, forced: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Who is on a course, in order of registration: the demo employees' places
        first, then random eligible employees; waitlisted people come last."""
        if spec.window == "opens_soon":
            return list(forced)
        if spec.window == "full":
            seats = spec.quota - sum(1 for _, s in forced if s == "registered")
            wanted = [("registered", seats), ("waitlisted", 5)]
        elif spec.window == "done":
            wanted = [("completed", min(spec.quota * 7 // 10, 60) - len(forced))]
        elif spec.window == "closed":
            wanted = [("registered", min(spec.quota * 8 // 10, 40))]
        else:
            wanted = [("registered", min(self.rng.randint(0, spec.quota // 3), 30))]
        taken = {i for i, _ in forced}
        drawn = {status: self._eligible(spec, count, taken) for status, count in wanted}
        seated = [p for p in forced if p[1] != "waitlisted"]
        waiting = [p for p in forced if p[1] == "waitlisted"]
        seated += [(i, s) for s, people in drawn.items() if s != "waitlisted" for i in people]
        waiting += [(i, "waitlisted") for i in drawn.get("waitlisted", [])]
        return seated + waiting

    def _eligible(self, spec: CourseSpec, count: int, taken: set[int]) -> list[int]:
        """Up to ``count`` random non-demo employees in the course's audience.

        Rejection sampling rather than a scan, so a million employees cost nothing.
        """
        units: set[int] | None = None
        if spec.audience_unit:
            units = {
                k for k, u in enumerate(self.units) if spec.audience_unit in (u.code, u.parent)
            }
        types = set(spec.audience.split(",")) if spec.audience else None
        statuses = set(spec.statuses.split(",")) if spec.statuses else None
        chosen: list[int] = []
        for _ in range(count * 50):
            if len(chosen) >= count:
                break
            i = self.rng.randrange(len(DEMO_EMPLOYEES), self.n)
            if (
                i in taken
                or (types is not None and self.kind[i].value not in types)
                or (statuses is not None and ("PPPK" if self.pppk[i] else "PNS") not in statuses)
                or (units is not None and self.unit[i] not in units)
            ):
                continue
            taken.add(i)
            chosen.append(i)
        return chosen
