"""The assessment rounds of the demo: 2024, done and released, and the upcoming one."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.core.jpm import thresholds_from_mapping
from bot.core.vocabulary import (
    ParticipationStatus,
    PositionType,
    SessionStatus,
)
from bot.demo import gresik
from bot.demo.catalogue import CONTACT
from bot.demo.people import DEMO_EMPLOYEES
from bot.demo.plan import (
    CODES,
    THRESHOLDS_2024,
    WIB,
    ReportWriter,
    at_wib,
    draw_achieved,
    next_weekday,
    scaled,
)
from bot.demo.positions import POSITIONS
from bot.demo.writer import CHUNK, Writer

ASSESSED_2024 = {
    PositionType.ADMINISTRATOR: 555,
    PositionType.PENGAWAS: 703,
    PositionType.PELAKSANA: 742,
}
RELEASED_2024 = datetime(2024, 12, 16, 2, 0, tzinfo=UTC)  # 09:00 WIB
FIRST_DAY_2024 = date(2024, 6, 3)
WORKDAYS_2024 = 60
SEATS_2024 = 100
CONFIRMED_SHARE = 0.35
AC_COMPONENTS = "Wawancara berbasis kompetensi, diskusi kelompok (LGD), tes psikologi, presentasi"
CACT_COMPONENTS = "Computer Assisted Competency Test (CACT) dan situational judgement test (SJT)"
BRING = "Surat undangan, KTP, alat tulis; datang 30 menit sebelum mulai."
DRESS = "Kemeja putih, celana/rok hitam, sepatu pantofel"


class RoundsWriter(Writer):
    """Programs, sessions, participations and results."""

    # -- 2024: done and released ----------------------------------------------

    async def _program(self, **values: Any) -> int:
        row = {
            "expected_release_on": None,
            "self_booking": False,
            "booking_deadline": None,
            "results_released_at": None,
            "thresholds": THRESHOLDS_2024,
            **values,
        }
        await self.insert("assessment_programs", [row])
        return (await self.ids_by("assessment_programs", "code"))[values["code"]]

    async def _round_2024(self) -> None:
        program_id = await self._program(
            code="PK-2024",
            name="Penilaian Kompetensi ASN Pemkab Gresik 2024",
            year=2024,
            method="Assessment Center",
            expected_release_on=date(2024, 12, 13),
            results_released_at=RELEASED_2024,
        )
        self.assessed: dict[PositionType, list[int]] = {}
        fixed: dict[int, tuple[int, ...]] = {}
        for kind, base in ASSESSED_2024.items():
            forced = [
                i
                for i, d in enumerate(DEMO_EMPLOYEES)
                if d.scores_2024 is not None and POSITIONS[self.position[i]].type is kind
            ]
            for i in forced:
                fixed[i] = DEMO_EMPLOYEES[i].scores_2024 or ()
            pool = self.pool(kind)
            want = min(scaled(base, self.n), len(pool) + len(forced))
            self.assessed[kind] = sorted(self.rng.sample(pool, want - len(forced)) + forced)
        everyone = [i for kind in ASSESSED_2024 for i in self.assessed[kind]]
        self.assessed_set = set(everyone)
        self.rng.shuffle(everyone)

        count = -(-len(everyone) // SEATS_2024)
        per_day = -(-count // WORKDAYS_2024)
        days: list[date] = []
        day = FIRST_DAY_2024
        while len(days) < WORKDAYS_2024:
            day = next_weekday(day)
            days.append(day)
            day += timedelta(days=1)
        sessions = []
        for s in range(count):
            venue = gresik.BKPSDM_GRESIK if s % 2 == 0 else gresik.WEP_GRESIK
            row = self._session_row(
                f"PK2024-{s + 1:04d}",
                program_id,
                days[s // per_day],
                venue,
                capacity=SEATS_2024,
                components=AC_COMPONENTS,
                status=SessionStatus.DONE,
            )
            # Every participation holds a seat (models.queries.schedule).
            row["seats_taken"] = (s + 1) * len(everyone) // count - s * len(everyone) // count
            sessions.append(row)
        await self.insert("assessment_sessions", sessions)
        session_ids = await self.ids_by("assessment_sessions", "code")

        writer = ReportWriter(thresholds_from_mapping(THRESHOLDS_2024), next_year=2025)
        self.categories: Counter[str] = Counter()
        participations, results, scores_of = [], [], {}
        for s, row in enumerate(sessions):
            sid = session_ids[row["code"]]
            for i in everyone[s * len(everyone) // count : (s + 1) * len(everyone) // count]:
                participations.append(
                    {
                        "session_id": sid,
                        "employee_id": self.ids[i],
                        "status": ParticipationStatus.ATTENDED,
                        "reason": None,
                        "responded_at": row["starts_at"] - timedelta(days=7),
                    }
                )
                required = self.required[self.position[i]]
                achieved = fixed.get(i) or draw_achieved(self.rng, required)
                report = writer.report(required, achieved)
                self.categories[report.category] += 1
                scores_of[self.ids[i]] = (required, achieved)
                results.append(
                    {
                        "program_id": program_id,
                        "employee_id": self.ids[i],
                        "assessed_on": row["starts_at"].astimezone(WIB).date(),
                        "jpm": report.jpm,
                        "category": report.category,
                        "strengths": report.strengths,
                        "development_areas": report.development_areas,
                        "recommendation": report.recommendation,
                        "potential_score": None,
                        "talent_box": None,
                        "released_at": RELEASED_2024,
                    }
                )
        await self.insert("participations", participations)
        await self.insert("results", results)
        t = self.t["results"]
        found = await self.conn.execute(
            select(t.c.employee_id, t.c.id).where(t.c.program_id == program_id)
        )
        batch: list[dict[str, Any]] = []
        for employee_id, result_id in sorted(found.all()):
            required, achieved = scores_of[employee_id]
            for code, r, a in zip(CODES, required, achieved, strict=True):
                batch.append(
                    {
                        "result_id": result_id,
                        "competency_code": code,
                        "required_level": r,
                        "achieved_level": a,
                    }
                )
            if len(batch) >= CHUNK:
                await self.insert("result_scores", batch)
                batch.clear()
        await self.insert("result_scores", batch)
        self.sessions_2024 = count
        self.done("2024 round", len(results) * (2 + len(CODES)) + count)

    def _session_row(
        self,
        code: str,
        program_id: int,
        day: date,
        venue: gresik.Venue | None,
        *,
        capacity: int,
        components: str,
        status: SessionStatus = (SessionStatus.SCHEDULED),
        hours: tuple[int, int] = (8, 16),
        online_url: str | None = None,
        open_to: str = "",
        bring: str = BRING,
    ) -> dict[str, Any]:
        starts = at_wib(day, hours[0])
        return {
            "code": code,
            "program_id": program_id,
            "starts_at": starts,
            "ends_at": at_wib(day, hours[1]),
            "report_by": starts - timedelta(minutes=30),
            "venue_name": venue.name if venue else "Daring (dari lokasi masing-masing)",
            "address": venue.address if venue else "",
            "latitude": venue.latitude if venue else None,
            "longitude": venue.longitude if venue else None,
            "online_url": online_url,
            "capacity": capacity,
            "components": components,
            "what_to_bring": bring,
            "dress_code": DRESS,
            "contact": CONTACT,
            "open_to": open_to,
            "status": status,
        }

    # -- the upcoming round ----------------------------------------------------------
    # Named after the year of ``now``: "Penilaian Kompetensi ASN 2025" when now is
    # in 2025, as in the test clock; a demo built later shows that year's round.

    async def _round_2025(self) -> None:
        year = self.today.year
        gresik_day = self.day(15)
        cact_day = self.day(21)
        lab_day = self.day(28)
        sby = [self.day(35)]
        while len(sby) < 3:
            sby.append(next_weekday(sby[-1] + timedelta(days=1)))
        bkd = [self.day(42)]
        bkd.append(next_weekday(bkd[0] + timedelta(days=1)))
        ac = await self._program(
            code=f"PK-{year}",
            name=f"Penilaian Kompetensi ASN {year}",
            year=year,
            method="Assessment Center",
            expected_release_on=bkd[-1] + timedelta(weeks=8),
        )
        cact = await self._program(
            code=f"PK-{year}-CACT",
            name=f"Penilaian Kompetensi ASN {year} - CACT Mandiri",
            year=year,
            method="CACT",
            expected_release_on=lab_day + timedelta(weeks=5),
            self_booking=True,
            booking_deadline=at_wib(cact_day - timedelta(days=3), 23, 59),
        )

        structural = self.rng.sample(
            self.pool(PositionType.ADMINISTRATOR, PositionType.PENGAWAS, exclude=self.assessed_set),
            scaled(80, self.n),
        )
        pelaksana = self.rng.sample(
            self.pool(PositionType.PELAKSANA, exclude=self.assessed_set), scaled(800, self.n)
        )
        jpt_pool = self.pool(PositionType.JPT)
        jpt = self.rng.sample(jpt_pool, min(scaled(30, self.n), len(jpt_pool)))
        invited = set(structural) | set(pelaksana) | set(jpt)
        free = self.pool(
            PositionType.PELAKSANA,
            PositionType.FUNGSIONAL,
            pns_only=False,
            exclude=invited | self.assessed_set,
        )
        booked = self.rng.sample(free, scaled(60, self.n) + scaled(25, self.n))
        online, lab = booked[: scaled(60, self.n)], booked[scaled(60, self.n) :]

        def split(people: list[int], parts: int) -> list[list[int]]:
            return [
                people[k * len(people) // parts : (k + 1) * len(people) // parts]
                for k in range(parts)
            ]

        kanreg = (
            "Surat undangan, KTP, alat tulis. Perjalanan Gresik-Waru sekitar 1 jam; "
            "berangkat mandiri dengan SPT dari perangkat daerah. Peserta dari Pulau "
            "Bawean menyeberang sehari sebelumnya (kapal sekitar 3 jam)."
        )
        plan: list[tuple[dict[str, Any], list[int], bool]] = []  # row, people, self-booked
        for k, people in enumerate(split(structural, 2)):
            if k == 0:
                people = [self.demo_index["administrator"], *people]
            plan.append(
                (
                    self._session_row(
                        f"PK{year}-GRS-{k + 1}",
                        ac,
                        next_weekday(gresik_day + timedelta(days=k)),
                        gresik.BKPSDM_GRESIK,
                        capacity=max(scaled(45, self.n), len(people) + 2),
                        components=AC_COMPONENTS,
                        open_to="Administrator,Pengawas",
                    ),
                    people,
                    False,
                )
            )
        for k, people in enumerate(split(pelaksana, 3)):
            if k == 0:
                people = [self.demo_index["pelaksana"], *people]
            plan.append(
                (
                    self._session_row(
                        f"PK{year}-KR2-{k + 1}",
                        ac,
                        sby[k],
                        gresik.KANREG_II_BKN,
                        capacity=max(scaled(280, self.n), len(people)),
                        components=AC_COMPONENTS,
                        open_to="Pelaksana",
                        bring=kanreg,
                    ),
                    people,
                    False,
                )
            )
        for k, people in enumerate(split(jpt, 2)):
            plan.append(
                (
                    self._session_row(
                        f"PK{year}-BKD-{k + 1}",
                        ac,
                        bkd[k],
                        gresik.BKD_JATIM,
                        capacity=max(scaled(20, self.n), len(people)),
                        components=AC_COMPONENTS,
                        open_to="JPT",
                        bring=kanreg.split(" Peserta dari")[0],
                    ),
                    people,
                    False,
                )
            )
        plan.append(
            (
                self._session_row(
                    f"CACT{year}-DARING-1",
                    cact,
                    cact_day,
                    None,
                    capacity=max(scaled(200, self.n), len(online) + 20),
                    components=CACT_COMPONENTS,
                    hours=(9, 11),
                    online_url=f"https://cact.example.org/gresik/{year}/daring-1",
                    open_to="Pelaksana,Fungsional",
                    bring="Laptop dengan kamera dan mikrofon, koneksi internet stabil, KTP. Tautan "
                    "aktif 30 menit sebelum mulai.",
                ),
                online,
                True,
            )
        )
        plan.append(
            (
                self._session_row(
                    f"CACT{year}-GRS-1",
                    cact,
                    lab_day,
                    gresik.CAT_LAB_GRESIK,
                    capacity=max(scaled(40, self.n), len(lab) + 10),
                    components=CACT_COMPONENTS,
                    hours=(8, 12),
                    open_to="Pelaksana,Fungsional",
                ),
                lab,
                True,
            )
        )

        for row, people, _ in plan:
            row["seats_taken"] = len(people)
        await self.insert("assessment_sessions", [row for row, _, _ in plan])
        session_ids = await self.ids_by("assessment_sessions", "code")
        rows = []
        self.confirmed_2025 = 0
        for row, people, self_booked in plan:
            for i in people:
                confirmed = self_booked or (
                    not self.is_demo[i] and self.rng.random() < CONFIRMED_SHARE
                )
                self.confirmed_2025 += confirmed
                rows.append(
                    {
                        "session_id": session_ids[row["code"]],
                        "employee_id": self.ids[i],
                        "status": (
                            ParticipationStatus.CONFIRMED
                            if confirmed
                            else ParticipationStatus.INVITED
                        ),
                        "reason": None,
                        "responded_at": (
                            self.now - timedelta(minutes=self.rng.randint(30, 7200))
                            if confirmed
                            else None
                        ),
                    }
                )
        await self.insert("participations", rows)
        self.sessions_2025 = len(plan)
        self.invited_2025 = len(rows)
        self.upcoming_round = f"Penilaian Kompetensi ASN {year}"
        self.done(f"{year} round", len(rows) + len(plan))
