"""A finished session with check-ins, so /presensi's results can be tried: a second
sitting of the "Uji Kompetensi Jabatan Fungsional" a few days ago at Gedung BKPSDM
Gresik, its check-in code (expired), most participants checked in (attended, with the
time they scanned) and a few who did not come (confirmed, never checked in: the
planner offers them a reschedule). /ekspor's attendance sheet shows the times.

Written last, after the admins' desk; it draws from the demo's random generator only
after everything else, so the rest of the demo stays as it was.
"""

from __future__ import annotations

from datetime import timedelta

from bot.core.checkin import new_payload
from bot.core.vocabulary import ParticipationStatus, PositionType, SessionStatus
from bot.demo import gresik
from bot.demo.people import DEMO_ADMIN_ID
from bot.demo.plan import scaled
from bot.demo.rounds import CACT_COMPONENTS, RoundsWriter

CHECKIN_CODE = "UKJF{year}-GRS-2"
# One in this many participants did not come.
ABSENT_EVERY = 6


class CheckinsWriter(RoundsWriter):
    """The finished session with check-ins."""

    checked_in: int
    not_checked_in: int

    async def _checkins(self, program_id: int, taken: set[int]) -> None:
        row = self._session_row(
            CHECKIN_CODE.format(year=self.today.year),
            program_id,
            self.day(-4),
            gresik.BKPSDM_GRESIK,
            capacity=30,
            components=CACT_COMPONENTS,
            hours=(8, 12),
            status=SessionStatus.DONE,
        )
        pool = self.pool(PositionType.FUNGSIONAL, exclude=taken)
        people = self.rng.sample(pool, min(len(pool), max(scaled(24, self.n), 6)))
        row["seats_taken"] = len(people)
        await self.insert("assessment_sessions", [row])
        session_id = (await self.ids_by("assessment_sessions", "code"))[row["code"]]
        starts = row["starts_at"]
        await self.insert(
            "checkin_codes",
            [
                {
                    "payload": new_payload(),
                    "session_id": session_id,
                    "created_by": DEMO_ADMIN_ID,
                    "created_at": starts - timedelta(hours=2),
                    "expires_at": starts + timedelta(hours=2),
                    "board_message_id": None,
                    "board_text": None,
                    "board_at": None,
                }
            ],
        )
        rows = []
        for k, i in enumerate(people):
            came = k % ABSENT_EVERY != ABSENT_EVERY - 1
            # Arrivals from 45 minutes before the start to 20 minutes after it.
            at = starts + timedelta(minutes=self.rng.randint(-45, 20)) if came else None
            rows.append(
                {
                    "session_id": session_id,
                    "employee_id": self.ids[i],
                    "status": ParticipationStatus.ATTENDED
                    if came
                    else ParticipationStatus.CONFIRMED,
                    "reason": None,
                    "responded_at": starts - timedelta(days=6),
                    "checked_in_at": at,
                }
            )
        await self.insert("participations", rows)
        self.checked_in = sum(1 for r in rows if r["checked_in_at"] is not None)
        self.not_checked_in = len(rows) - self.checked_in
        self.done("check-ins", len(rows) + 2)
