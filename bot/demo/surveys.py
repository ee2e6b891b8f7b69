"""Satisfaction-survey answers (SKM) in the demo: most attended participants of a
finished session answered all nine questions, some with a comment, so /statistik
shows an IKM, its grade, the per-element chart and the XLSX table. Like the survey
itself, the rows name nobody: no invitations (the session is past its survey's
fortnight, so nobody is asked again either).

Likewise the evaluation of one finished Gapura course (``COURSE``): most of those who
completed it answered the five questions, so /statistik's "Evaluasi pelatihan Gapura"
shows that course's means."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import Table, insert

from bot.core.survey import COURSE, DEFAULT_MIN_RESPONDENTS, SKM, course_period, period_of

ANSWERED_SHARE = 0.8
# How answers lean per element (chance of 4, of 3, of 2; the rest 1): the waiting
# and the complaint channel are the weak points, the cost (none) the strong one.
LEANING = (
    (0.45, 0.45, 0.08),
    (0.35, 0.50, 0.12),
    (0.20, 0.50, 0.25),
    (0.90, 0.08, 0.02),
    (0.35, 0.55, 0.08),
    (0.50, 0.45, 0.05),
    (0.55, 0.40, 0.05),
    (0.15, 0.50, 0.30),
    (0.30, 0.55, 0.12),
)
COMMENTS = (
    "Ruang tunggu agak panas, mohon ditambah kipas angin.",
    "Petugas ramah dan jelas memberi arahan. Terima kasih.",
    "Jadwal mulai terlambat sekitar 30 menit.",
    "Mohon informasi tempat parkir disampaikan di undangan.",
)


# A course's evaluation: the material's fit to the job and the trainer score well, the
# organisation (a late start, short notice) less so.
COURSE_LEANING = (
    (0.45, 0.45, 0.08),
    (0.55, 0.40, 0.05),
    (0.40, 0.50, 0.08),
    (0.20, 0.50, 0.25),
    (0.30, 0.55, 0.12),
)
COURSE_COMMENTS = (
    "Materinya langsung bisa dipakai di kantor. Mohon ada kelas lanjutan.",
    "Waktunya terlalu singkat untuk praktik.",
    "Undangan datang mepet, mohon info lebih awal.",
)


def _answer(rng: random.Random, leaning: tuple[float, float, float]) -> int:
    draw = rng.random()
    four, three, two = leaning
    if draw < four:
        return 4
    if draw < four + three:
        return 3
    return 2 if draw < four + three + two else 1


async def write_answers(
    conn: object,
    tables: dict[str, Table],
    rng: random.Random,
    *,
    session_id: int,
    attended: int,
    ended_at: datetime,
    tz: tzinfo,
) -> int:
    """Complete responses about one session from most of its ``attended``; returns rows."""
    shown = min(attended, DEFAULT_MIN_RESPONDENTS)  # a small demo still shows an IKM
    respondents = max(round(attended * ANSWERED_SHARE), shown)
    responses, answers = tables["survey_responses"], tables["survey_answers"]
    rows = 0
    for n in range(respondents):
        comment = COMMENTS[n // 5 % len(COMMENTS)] if n % 5 == 0 else None
        result = await conn.execute(  # type: ignore[attr-defined]
            insert(responses).values(
                survey=SKM.kind,
                period=period_of(ended_at, tz),
                subject_id=session_id,
                comment=comment,
                completed_at=ended_at + timedelta(hours=2 + n),
            )
        )
        response_id = result.inserted_primary_key[0]
        await conn.execute(  # type: ignore[attr-defined]
            insert(answers),
            [
                {"response_id": response_id, "question": q, "value": _answer(rng, leaning)}
                for q, leaning in enumerate(LEANING)
            ],
        )
        rows += 1 + len(LEANING)
    return rows


async def write_course_answers(
    conn: object,
    tables: dict[str, Table],
    rng: random.Random,
    *,
    course_id: int,
    took_part: int,
    ends_on: date,
    completed_at: datetime,
) -> int:
    """Complete evaluations of one course from most of those who ``took_part``; rows."""
    shown = min(took_part, DEFAULT_MIN_RESPONDENTS)
    respondents = max(round(took_part * ANSWERED_SHARE), shown)
    responses, answers = tables["survey_responses"], tables["survey_answers"]
    rows = 0
    for n in range(respondents):
        comment = COURSE_COMMENTS[n // 4 % len(COURSE_COMMENTS)] if n % 4 == 0 else None
        result = await conn.execute(  # type: ignore[attr-defined]
            insert(responses).values(
                survey=COURSE.kind,
                period=course_period(ends_on),
                subject_id=course_id,
                comment=comment,
                completed_at=completed_at + timedelta(hours=1 + n),
            )
        )
        response_id = result.inserted_primary_key[0]
        await conn.execute(  # type: ignore[attr-defined]
            insert(answers),
            [
                {"response_id": response_id, "question": q, "value": _answer(rng, leaning)}
                for q, leaning in enumerate(COURSE_LEANING)
            ],
        )
        rows += 1 + len(COURSE_LEANING)
    return rows
