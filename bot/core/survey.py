"""The survey engine's rules: the questionnaires, when the invitation and its one
reminder go out, the periods, and the smallest group shown apart.

A survey is a list of questions each answered 1-4 with words (the catalogue holds
them: ``survey.<kind>.q<n>`` and ``survey.<kind>.q<n>.<answer>``). The SKM of
PermenPANRB 14/2017 is one (``bot.core.ikm`` computes its index).

Who is asked: a participant marked attended (by an admin, or by check-in) in a
session that has ended. The invitation is planned in the outbox like every notice
(``jobs.planning``), due :data:`AFTER_SESSION` after the session ends and then
moved past the quiet hours and to a working day (``bot.core.sending``); one
reminder follows :data:`REMINDER_AFTER` later if the survey is not finished or
stopped. Both lapse :data:`OPEN_FOR` after the first is due.

A Gapura course's evaluation (:data:`COURSE`) is the same engine with its own five
questions: asked to each person whose place on the course was registered or completed
(:data:`TOOK_PART`) once the course is over, the day after its last day at
:data:`AFTER_COURSE_AT` (then past the quiet hours and to a working day), with one
reminder, lapsing and closing alike; its period is the year of the course's last day.

A period is a calendar year (local time) of the session's start: SKM is reported
at least once a year. A period closes :data:`PERIOD_GRACE` after its year ends (a
December session's survey may still be answered); then the link from a person to
their answers is deleted (``models.queries.surveys.close_periods``) and the
answers stay without anyone's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from bot.core.reminders import Planned
from bot.core.sending import at_local
from bot.core.vocabulary import EnrollmentStatus, NotificationKind, SurveyKind

AFTER_SESSION = timedelta(minutes=30)
REMINDER_AFTER = timedelta(days=2)
OPEN_FOR = timedelta(days=14)
PERIOD_GRACE = timedelta(days=31)
DEFAULT_MIN_RESPONDENTS = 5
COMMENT_LIMIT = 1000


@dataclass(frozen=True)
class Survey:
    """A questionnaire: its kind and how many questions it asks (answered 1-4)."""

    kind: SurveyKind
    questions: int


# The nine elements in the regulation's order: persyaratan; sistem, mekanisme dan
# prosedur; waktu penyelesaian; biaya/tarif; produk spesifikasi jenis pelayanan;
# kompetensi pelaksana; perilaku pelaksana; penanganan pengaduan, saran dan masukan;
# sarana dan prasarana.
SKM = Survey(SurveyKind.SKM, 9)
# A Gapura course's evaluation: the material's fit to the job, the trainer, the
# usefulness, the organisation, the materials and the venue (or platform).
COURSE = Survey(SurveyKind.COURSE, 5)
SURVEYS = {SKM.kind: SKM, COURSE.kind: COURSE}
# The notice each survey goes out as (what /pengingat switches off) and what its
# subject is (the button's and the key's id: a session or a course).
NOTICE_KINDS = {SKM.kind: NotificationKind.SURVEY, COURSE.kind: NotificationKind.COURSE_EVALUATION}
SUBJECTS = {SKM.kind: "session", COURSE.kind: "course"}
# A course's evaluation: the places of people who took part (registered to the end,
# or marked completed; not waitlisted, offered or withdrawn).
TOOK_PART = (EnrollmentStatus.REGISTERED, EnrollmentStatus.COMPLETED)
AFTER_COURSE_AT = time(9, 0)


def period_of(moment: datetime, tz: tzinfo) -> str:
    """The period a session belongs to: its local calendar year, "2026"."""
    return str(moment.astimezone(tz).year)


def period_closes(period: str, tz: ZoneInfo) -> datetime:
    """When a period's answers lose the link to the people who gave them."""
    return at_local(date(int(period) + 1, 1, 1), time(0, 0), tz) + PERIOD_GRACE


def is_closed(period: str, *, now: datetime, tz: ZoneInfo) -> bool:
    return now >= period_closes(period, tz)


def latest_closed(now: datetime, tz: ZoneInfo) -> str:
    """The latest closed period: in February 2026 "2025", in January 2026 "2024"."""
    year = now.astimezone(tz).year
    return str(year - 1) if is_closed(str(year - 1), now=now, tz=tz) else str(year - 2)


def survey_key(kind: str, session_id: int, employee_id: int, again: bool = False) -> str:
    """``survey:skm:session:42:emp:7``, ``survey:course_evaluation:course:3:emp:7``
    (``:again`` for the reminder)."""
    subject = SUBJECTS[SurveyKind(kind)]
    key = f"survey:{kind}:{subject}:{session_id}:emp:{employee_id}"
    return key + ":again" if again else key


def _pair(
    kind: SurveyKind,
    subject_id: int,
    employee_id: int,
    due: datetime,
    stale: datetime,
    payload: dict[str, object],
) -> list[Planned]:
    """A survey's invitation and its one reminder, :data:`REMINDER_AFTER` later."""
    notice = NOTICE_KINDS[kind]
    return [
        Planned(
            survey_key(kind, subject_id, employee_id), employee_id, notice, due, stale, payload
        ),
        Planned(
            survey_key(kind, subject_id, employee_id, again=True),
            employee_id,
            notice,
            due + REMINDER_AFTER,
            stale,
            {**payload, "again": True},
        ),
    ]


def survey_notices(
    *,
    kind: SurveyKind,
    session_id: int,
    employee_id: int,
    starts_at: datetime,
    ends_at: datetime,
    venue: str,
    finished: bool,
    tz: ZoneInfo,
    now: datetime,
) -> list[Planned]:
    """The invitation and its reminder for one attended participation (none once
    the person finished or stopped, the survey lapsed or its period closed)."""
    due = ends_at + AFTER_SESSION
    stale = due + OPEN_FOR
    period = period_of(starts_at, tz)
    if finished or stale <= now or is_closed(period, now=now, tz=tz):
        return []
    payload = {
        "survey": str(kind),
        "session_id": session_id,
        "period": period,
        "starts_at": starts_at.isoformat(),
        "venue": venue,
    }
    return _pair(kind, session_id, employee_id, due, stale, payload)


def course_over(ends_on: date, tz: ZoneInfo) -> datetime:
    """When a course is over: the start of the day after its last day (local)."""
    return at_local(ends_on + timedelta(days=1), time(0, 0), tz)


def course_period(ends_on: date) -> str:
    """A course's period: the year of its last day, "2026"."""
    return str(ends_on.year)


def course_evaluation_notices(
    *,
    course_id: int,
    employee_id: int,
    title: str,
    starts_on: date,
    ends_on: date,
    finished: bool,
    tz: ZoneInfo,
    now: datetime,
) -> list[Planned]:
    """The evaluation of a course and its reminder for one person who took part (none
    once they finished or stopped it, it lapsed or its period closed)."""
    due = at_local(ends_on + timedelta(days=1), AFTER_COURSE_AT, tz)
    stale = due + OPEN_FOR
    period = course_period(ends_on)
    if finished or stale <= now or is_closed(period, now=now, tz=tz):
        return []
    payload: dict[str, object] = {
        "survey": str(COURSE.kind),
        "course_id": course_id,
        "period": period,
        "title": title,
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
    }
    return _pair(COURSE.kind, course_id, employee_id, due, stale, payload)


def shown_apart(respondents: int, minimum: int) -> bool:
    """Whether a group (a period, a session) is large enough to show its own figures."""
    return respondents >= max(minimum, 1)
