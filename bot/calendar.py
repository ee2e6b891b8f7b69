"""An assessment session as an iCalendar (.ics) file for the user's calendar app.

Times are written in UTC ("...Z"), which every calendar app converts to the
reader's zone, so no VTIMEZONE is needed. The UID is stable per session, so
adding the same session twice updates the event instead of duplicating it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from icalendar import Calendar, Event

PRODID = "-//BKPSDM//asnbot//ID"
UID_DOMAIN = "asnbot"


@dataclass(frozen=True)
class CalendarEvent:
    """What goes into the VEVENT; every text already in the user's language."""

    session_id: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str
    description: str
    url: str | None = None


def session_uid(session_id: int) -> str:
    return f"assessment-session-{session_id}@{UID_DOMAIN}"


def ics_file_name(local_day: date) -> str:
    """``penilaian-kompetensi-2025-05-05.ics``: the session's local date."""
    return f"penilaian-kompetensi-{local_day.isoformat()}.ics"


def build_ics(event: CalendarEvent, *, now: datetime) -> bytes:
    """A VCALENDAR holding one VEVENT, as bytes ready to send."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    vevent = Event()
    vevent.add("uid", session_uid(event.session_id))
    vevent.add("dtstamp", now.astimezone(UTC))
    vevent.add("dtstart", event.starts_at.astimezone(UTC))
    vevent.add("dtend", event.ends_at.astimezone(UTC))
    vevent.add("summary", event.summary)
    if event.location:
        vevent.add("location", event.location)
    if event.description:
        vevent.add("description", event.description)
    if event.url:
        vevent.add("url", event.url)
    calendar.add_component(vevent)
    ics: bytes = calendar.to_ical()
    return ics
