"""What the demo leaves on the admins' desk, so every admin command can be tried:
results imported and waiting for /rilis, "Tidak bisa hadir" requests waiting in
/jadwalulang, and announcements already sent with their deliveries and reads
(/statistik, /ekspor).

Written after the rounds (it reads their sessions and participations); deterministic
like the rest of the demo.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.core import broadcast as rules
from bot.core.jpm import thresholds_from_mapping
from bot.core.vocabulary import (
    BroadcastStatus,
    DeliveryStatus,
    ParticipationStatus,
    PositionType,
    SessionStatus,
)
from bot.demo import gresik
from bot.demo.checkins import CheckinsWriter
from bot.demo.people import DEMO_ADMIN_ID
from bot.demo.plan import CODES, THRESHOLDS_2024, WIB, ReportWriter, draw_achieved, scaled
from bot.demo.rounds import CACT_COMPONENTS
from bot.demo.surveys import write_answers

WAITING_CODE = "UK-JF-{year}"
WAITING_NAME = "Uji Kompetensi Jabatan Fungsional {year}"
# "Tidak bisa hadir" reasons as employees write them; one request each.
REASONS = (
    "Diklat PKA di BPSDM Jawa Timur pada tanggal yang sama.",
    "Dinas luar kota ke Jakarta (rapat koordinasi kementerian).",
    "Cuti melahirkan sampai akhir bulan depan.",
    "Menjadi panitia MTQ tingkat kabupaten hari itu.",
)
# Announcements already sent: days ago, text, audience kind, "Sudah dibaca" asked.
SENT = (
    (
        30,
        "<b>Penilaian Kompetensi ASN {year}</b>\nUndangan dan jadwal sudah dapat dilihat di "
        "/jadwal. Mohon jawab <i>Hadir</i> atau <i>Tidak bisa hadir</i> paling lambat 7 hari "
        "sebelum sesi.",
        rules.PROGRAM,
        True,
    ),
    (
        12,
        "Pendaftaran pelatihan Gapura gelombang berikutnya sudah dibuka. Lihat /gapura untuk "
        "pelatihan yang sesuai dengan hasil penilaian Anda.",
        rules.ALL,
        False,
    ),
    (
        3,
        "Pengingat: setiap PNS wajib mengikuti pengembangan kompetensi minimal 20 JP setahun. "
        "Cek capaian Anda di /jp.",
        rules.JP_BEHIND,
        True,
    ),
)
READ_SHARE = 0.6


class AdminTasksWriter(CheckinsWriter):
    """Results waiting for release, reschedule requests, an announcement history, and
    a finished session with check-ins."""

    async def _admin_tasks(self) -> None:
        program_id, taken = await self._results_waiting()
        await self._reschedule_requests()
        await self._announcements_sent()
        await self._checkins(program_id, taken)

    # -- /rilis: a program whose results are imported, not released ---------------

    async def _results_waiting(self) -> tuple[int, set[int]]:
        """The program's id and everyone holding a place in a session now."""
        year = self.today.year
        program_id = await self._program(
            code=WAITING_CODE.format(year=year),
            name=WAITING_NAME.format(year=year),
            year=year,
            method="CACT",
            expected_release_on=self.today + timedelta(days=7),
        )
        row = self._session_row(
            f"UKJF{year}-GRS-1",
            program_id,
            self.day(-18),
            gresik.CAT_LAB_GRESIK,
            capacity=40,
            components=CACT_COMPONENTS,
            hours=(8, 12),
            status=SessionStatus.DONE,
        )
        taken = await self._with_a_place()
        pool = self.pool(PositionType.FUNGSIONAL, exclude=taken)
        # At least enough people for survey answers that show an IKM (bot/demo/surveys.py).
        people = self.rng.sample(pool, min(len(pool), max(scaled(36, self.n), 7)))
        row["seats_taken"] = len(people)
        await self.insert("assessment_sessions", [row])
        session_id = (await self.ids_by("assessment_sessions", "code"))[row["code"]]
        await self.insert(
            "participations",
            [
                {
                    "session_id": session_id,
                    "employee_id": self.ids[i],
                    "status": ParticipationStatus.ATTENDED,
                    "reason": None,
                    "responded_at": row["starts_at"] - timedelta(days=5),
                }
                for i in people
            ],
        )
        await self._unreleased_results(program_id, row["starts_at"], people)
        self.waiting_results = len(people)
        self.done("results to release", len(people) * (3 + len(CODES)))
        answered = await write_answers(
            self.conn,
            self.t,
            self.rng,
            session_id=session_id,
            attended=len(people),
            ended_at=row["ends_at"],
            tz=WIB,
        )
        self.done("survey answers", answered)
        return program_id, taken | set(people)

    async def _with_a_place(self) -> set[int]:
        """Employee indexes already holding a place in some session."""
        t = self.t["participations"]
        held = {e for (e,) in (await self.conn.execute(select(t.c.employee_id))).all()}
        return {i for i, e in enumerate(self.ids) if e in held}

    async def _unreleased_results(
        self, program_id: int, sat_at: datetime, people: list[int]
    ) -> None:
        writer = ReportWriter(thresholds_from_mapping(THRESHOLDS_2024), next_year=self.today.year)
        scores_of: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        results = []
        for i in people:
            required = self.required[self.position[i]]
            achieved = draw_achieved(self.rng, required)
            report = writer.report(required, achieved)
            scores_of[self.ids[i]] = (required, achieved)
            results.append(
                {
                    "program_id": program_id,
                    "employee_id": self.ids[i],
                    "assessed_on": sat_at.astimezone(WIB).date(),
                    "jpm": report.jpm,
                    "category": report.category,
                    "strengths": report.strengths,
                    "development_areas": report.development_areas,
                    "recommendation": report.recommendation,
                    "potential_score": None,
                    "talent_box": None,
                    "released_at": None,
                }
            )
        await self.insert("results", results)
        t = self.t["results"]
        found = await self.conn.execute(
            select(t.c.employee_id, t.c.id).where(t.c.program_id == program_id)
        )
        await self.insert(
            "result_scores",
            [
                {
                    "result_id": result_id,
                    "competency_code": c,
                    "required_level": r,
                    "achieved_level": a,
                }
                for employee_id, result_id in sorted(found.all())
                for c, r, a in zip(CODES, *scores_of[employee_id], strict=True)
            ],
        )

    # -- /jadwalulang: requests waiting for an admin ----------------------------------

    async def _reschedule_requests(self) -> None:
        """A few invited participants of the upcoming round said "Tidak bisa hadir"; the
        queue shows the oldest first, an Administrator or Pengawas in Gresik."""
        p, s = self.t["participations"], self.t["assessment_sessions"]
        demo_ids = {self.ids[i] for i in self.demo_index.values()}
        year = self.today.year
        rows = await self.conn.execute(
            select(p.c.id, p.c.employee_id, s.c.code)
            .join(s, s.c.id == p.c.session_id)
            .where(
                p.c.status == ParticipationStatus.INVITED,
                s.c.code.in_([f"PK{year}-GRS-1", f"PK{year}-GRS-2", f"PK{year}-KR2-1"]),
            )
            .order_by(s.c.code, p.c.id)
        )
        found = [(pid, employee, code) for pid, employee, code in rows.all()]
        picked = self._one_or_two_per_session(found, demo_ids)
        for k, participation_id in enumerate(picked):
            await self.conn.execute(
                p.update()
                .where(p.c.id == participation_id)
                .values(
                    status=ParticipationStatus.RESCHEDULE_REQUESTED,
                    reason=REASONS[k % len(REASONS)],
                    responded_at=self.now - timedelta(hours=2 + 19 * (len(picked) - k)),
                )
            )
        self.reschedule_requests = len(picked)
        self.done("reschedule requests", len(picked))

    @staticmethod
    def _one_or_two_per_session(found: list[tuple[int, int, str]], demo_ids: set[int]) -> list[int]:
        """Two requests from the first Gresik session, one from each other session."""
        picked: list[int] = []
        for code in sorted({c for _, _, c in found}):
            mine = [pid for pid, employee, c in found if c == code and employee not in demo_ids]
            picked += mine[: 2 if code.endswith("GRS-1") else 1]
        return picked[: len(REASONS)]

    # -- /statistik, /ekspor: announcements already sent ------------------------------

    async def _announcements_sent(self) -> None:
        year = self.today.year
        programs = await self.ids_by("assessment_programs", "code")
        everyone = [self.ids[i] for i in range(self.n) if not self.is_demo[i]]
        deliveries = 0
        for days, text, kind, ask_ack in SENT:
            created = self.now - timedelta(days=days, hours=3)
            audience: dict[str, Any] = {"kind": kind}
            if kind == rules.PROGRAM:
                audience |= {
                    "item": programs[f"PK-{year}"],
                    "name": f"Penilaian Kompetensi ASN {year}",
                }
            recipients = sorted(self.rng.sample(everyone, min(len(everyone), scaled(1200, self.n))))
            broadcast_id = await self._broadcast(text.format(year=year), audience, ask_ack, created)
            deliveries += await self._deliveries(broadcast_id, recipients, ask_ack, created)
        self.broadcasts_sent = len(SENT)
        self.done("announcements sent", len(SENT) + deliveries)

    async def _broadcast(
        self, text: str, audience: dict[str, Any], ask_ack: bool, created: datetime
    ) -> int:
        await self.insert(
            "broadcasts",
            [
                {
                    "created_by": DEMO_ADMIN_ID,
                    "text": text,
                    "attachment_file_id": None,
                    "attachment_kind": None,
                    "audience": audience,
                    "ask_ack": ask_ack,
                    "status": BroadcastStatus.DONE,
                    "created_at": created,
                    "started_at": created + timedelta(minutes=1),
                    "finished_at": created + timedelta(minutes=3),
                }
            ],
        )
        return (await self.ids_by("broadcasts", "text"))[text]

    async def _deliveries(
        self, broadcast_id: int, recipients: list[int], ask_ack: bool, created: datetime
    ) -> int:
        """Most delivered, a few blocked or failed; with "Sudah dibaca", most of those
        delivered read it within two days."""
        rows = []
        for n, employee_id in enumerate(recipients):
            roll = self.rng.random()
            delivered = created + timedelta(minutes=1, seconds=n // 25)
            status = (
                DeliveryStatus.DELIVERED
                if roll < 0.93
                else DeliveryStatus.BLOCKED
                if roll < 0.98
                else DeliveryStatus.FAILED
            )
            read = (
                delivered + timedelta(minutes=self.rng.randint(2, 2880))
                if ask_ack and status == DeliveryStatus.DELIVERED and self.rng.random() < READ_SHARE
                else None
            )
            rows.append(
                {
                    "broadcast_id": broadcast_id,
                    "employee_id": employee_id,
                    "status": status,
                    "delivered_at": delivered if status == DeliveryStatus.DELIVERED else None,
                    "read_at": read,
                }
            )
        await self.insert("broadcast_deliveries", rows)
        return len(rows)
