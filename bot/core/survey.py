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
from bot.core.vocabulary import NotificationKind, SurveyKind

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
SURVEYS = {SKM.kind: SKM}


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
    """``survey:skm:session:42:emp:7`` (``:again`` for the reminder)."""
    key = f"survey:{kind}:session:{session_id}:emp:{employee_id}"
    return key + ":again" if again else key


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
    return [
        Planned(
            survey_key(kind, session_id, employee_id),
            employee_id,
            NotificationKind.SURVEY,
            due,
            stale,
            payload,
        ),
        Planned(
            survey_key(kind, session_id, employee_id, again=True),
            employee_id,
            NotificationKind.SURVEY,
            due + REMINDER_AFTER,
            stale,
            {**payload, "again": True},
        ),
    ]


def shown_apart(respondents: int, minimum: int) -> bool:
    """Whether a group (a period, a session) is large enough to show its own figures."""
    return respondents >= max(minimum, 1)
