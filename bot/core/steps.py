"""Conversation steps: what a user is in the middle of, between two of their updates.

The reason after "Tidak bisa hadir", an announcement being composed, a NIP typed
and waiting for its second factor: each is a row in ``conversation_steps`` (the
queries are in ``models/queries/steps.py``), never process memory, so the next
update may reach any instance, or this one after a restart, and still finish it.

Each kind of step waits for a while (:attr:`Step.lasts`). An answer that comes
later is told plainly that the time is up, and changes nothing. An expired step
is deleted :data:`KEEP_EXPIRED` after its end by a job (``jobs/deletions.py``):
kept that long only so that the late answer is recognised as one rather than
taken for something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Step:
    """A kind of step: the name it is stored under and how long it waits."""

    name: str
    lasts: timedelta


# The reason after "Tidak bisa hadir" ({"participation_id": int}): the very next
# message. An hour later the card may have changed; pressing again is cheap.
REASON = Step("schedule.reason", timedelta(hours=1))
# The /umumkan draft (handlers/admin_broadcast.py: text, attachment, audience,
# ask_ack, step...). A working day: an admin may wait for the attachment or for a
# colleague's go-ahead before Kirim.
DRAFT = Step("broadcast.draft", timedelta(hours=24))
# The kind after /impor KIND ({"kind": str}): the file comes next. An hour, so that
# a document sent the next day for something else is not imported by surprise.
IMPORT_KIND = Step("import.kind", timedelta(hours=1))
# A NIP typed and waiting for its second factor ({"nip": str}). Personal data of
# someone not yet verified: an hour, enough to find the phone or the code letter.
LINK_NIP = Step("link.nip", timedelta(hours=1))
# The user's own phone, shared (a contact Telegram vouches for) before the NIP
# ({"phone": str}): tried as soon as the NIP comes. Personal data of someone not yet
# verified, like the NIP: an hour.
LINK_PHONE = Step("link.phone", timedelta(hours=1))
# An activation code from a deep link (``/start CODE``, {"code_hash": str}) waiting
# for consent and the NIP. A day: the NIP may have to be looked up first.
LINK_CODE = Step("link.code", timedelta(hours=24))
# A check-in code scanned (``/start ci_...``, {"payload": str}) by someone not yet
# linked: they are checked in as soon as linking succeeds. Four hours: the check-in
# window (two hours after the start by default) is over by then anyway.
CHECKIN = Step("checkin.payload", timedelta(hours=4))
# The language chosen with /bahasa ({"language": "id" | "en"}) by someone who has no
# chat link yet (before consent); once there is a link it holds the language. A
# preference rather than a step: kept a month, so someone who comes back next week
# to consent still reads their language.
LANGUAGE = Step("language", timedelta(days=30))
# The optional comment after a survey's last question ({"invitation_id": int}). A
# day: the comment may be typed later; "Lewati" or a new survey ends it anyway.
SURVEY_COMMENT = Step("survey.comment", timedelta(hours=24))
# The consent question was shown ({}): a typed "setuju" or "tidak" answers it like
# the buttons. A day; after that the buttons (or /start again) still answer it.
CONSENT = Step("consent.asked", timedelta(hours=24))

# Linking's half-typed input: gone once the account is linked or unlinked.
LINKING = (LINK_NIP, LINK_PHONE, LINK_CODE)

KEEP_EXPIRED = timedelta(hours=24)


@dataclass(frozen=True)
class Held:
    """A step found for a user: what it carries, and whether its time is up."""

    payload: dict[str, Any]
    expired: bool

    @classmethod
    def found(cls, payload: dict[str, Any], *, expires_at: datetime, now: datetime) -> Held:
        return cls(payload=payload, expired=expires_at <= now)
