"""The fuzzing harness: any input, in any linking state, through the emulator.

A fuzz test builds the bot once (the ``bot`` fixture, on the test's event loop)
and runs Hypothesis in a worker thread, which hands each step to that loop. Every
example is a new Telegram user, brought to a linking state the way a user gets
there, who then sends a few inputs. After each input the harness waits until the
application has handled every queued update and checks what the user got:

- the update raised nothing (the application's error handler hook, and no error
  logged, not even by the bot's own error handler);
- every Bot API call was accepted (the emulator parses HTML like Telegram and
  refuses empty or too long texts, long captions and callback data over 64 bytes);
- a reply came (a message or an edit; the answer, for a button);
- each text is in the user's language: the one chosen with /bahasa, else the
  client's (English for ``en``, else Indonesian).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import re
import string
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from sqlalchemy.ext.asyncio import AsyncSession

from bot.texts import normalise_language
from bot.texts.catalogue import load
from models import AssessmentProgram, AssessmentSession, ParticipationStatus
from models.queries.admins import grant_admin
from sandbox import SimulatedUser
from sandbox.state import CallRecord
from sandbox.views import MessageView
from tests.factories import (
    add_assessment_session,
    add_code,
    add_course,
    add_employee,
    add_enrollment,
    add_jp_entry,
    add_linked_user,
    add_participation,
    add_program,
    add_released_result,
)
from tests.journeys.conftest import RunningBot
from tests.journeys.fuzz_inputs import CLAIMED_NIP, Action, Forged, Text

ID_TEXTS = load("id").every_form()
EN_TEXTS = load("en").every_form()

T = TypeVar("T")

STATES = ("none", "consent_pending", "awaiting_nip", "awaiting_factor", "linked", "admin")

# Bounded so the fuzz tests stay a small part of the suite, and derandomized so CI runs
# the same examples every time; ASNBOT_TEST_FUZZ_EXAMPLES=2000 searches longer, with a
# new seed each run.
_LONGER = int(os.environ.get("ASNBOT_TEST_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=_LONGER or 80,
    derandomize=not _LONGER,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --------------------------------------------------------------------- language

_CATALOGUES = {"id": ID_TEXTS, "en": EN_TEXTS}
_OTHER = {"id": "en", "en": "id"}
_WORD = re.compile(r"[^\W\d_]{4,}")


def _literals(template: str) -> list[str]:
    """The fixed parts of a template: between placeholders, tags and line breaks."""
    return [
        piece.strip(" .,:;!?()\"'-/")
        for literal, *_ in string.Formatter().parse(template)
        for piece in re.split(r"<[^>]*>|\n", literal)
    ]


def _phrases(template: str) -> set[str]:
    return {p for p in _literals(template) if len(p) >= 10 and " " in p and _WORD.search(p)}


def _own(lang: str, pick: Callable[[str], set[str]]) -> set[str]:
    """What ``pick`` finds in ``lang``'s templates and appears nowhere in the other's."""
    other = "\n".join(_CATALOGUES[_OTHER[lang]].values())
    return {
        item
        for template in _CATALOGUES[lang].values()
        for item in pick(template)
        if item not in other and item.lower() not in other.lower()
    }


def _template_words(template: str) -> set[str]:
    return {w.lower() for p in _literals(template) for w in _WORD.findall(p)}


# Phrases (several words) and single words only one catalogue uses.
PHRASES = {lang: _own(lang, _phrases) for lang in _CATALOGUES}
WORDS = {
    lang: set().union(*map(_template_words, _CATALOGUES[lang].values()))
    - set().union(*map(_template_words, _CATALOGUES[_OTHER[lang]].values()))
    for lang in _CATALOGUES
}
# Messages written once for both languages ("Pilih bahasa / Choose your language:").
BILINGUAL = [
    max(_literals(template), key=len)
    for key, template in ID_TEXTS.items()
    if EN_TEXTS.get(key) == template and _phrases(template)
]


def words_of(*texts: str) -> set[str]:
    """The words :func:`reads_as` counts, lower-cased."""
    return {w.lower() for text in texts for w in _WORD.findall(text)}


def reads_as(text: str, lang: str, data: Collection[str] = ()) -> bool:
    """Whether ``text`` is in ``lang``: none of the other catalogue's phrases, and its
    own phrases, else more of its own words than the other's (words of ``data``, the
    names and places the database holds, count for neither), else a bilingual text."""
    other = _OTHER[lang]

    def says(phrase: str) -> bool:
        # A phrase made only of the database's words (a course titled "Pelayanan
        # Publik", also a competency's Indonesian name) tells nothing.
        return phrase in text and not words_of(phrase) <= set(data)

    if any(says(phrase) for phrase in PHRASES[other]):
        return False
    if any(says(phrase) for phrase in PHRASES[lang]):
        return True
    words = [w.lower() for w in _WORD.findall(text) if w.lower() not in data]
    own, foreign = (sum(w in WORDS[x] for w in words) for x in (lang, other))
    return own > foreign or (own == foreign and any(b in text for b in BILINGUAL))


# --------------------------------------------------------------------- the world

# Telegram ids: the employee whose items other users' forged buttons point at, and
# the first of the fuzzed users (a new one per example).
OTHER_CHAT = 40_001
FIRST_USER = 50_001


def _nip(number: int) -> str:
    """A distinct valid NIP for each number (born 1985, appointed January 2010)."""
    serial, rest = number % 999 + 1, number // 999
    return f"1985{rest // 28 % 12 + 1:02d}{rest % 28 + 1:02d}2010011{serial:03d}"


@dataclass
class World:
    """What every example shares: a program with released results, two sessions to
    book, two courses, and another employee's items in them (the ids 1 and 2 forged
    buttons point at)."""

    results: AssessmentProgram
    sessions: list[AssessmentSession]
    # The words of its names, places and reasons: Indonesian in an English reply too.
    data: set[str]


async def seed_world(session: AsyncSession, now: datetime) -> World:
    """Write what every example shares."""
    other = await add_employee(session, nip=CLAIMED_NIP, name="Siti Rahma", phone="+6281200000001")
    await add_linked_user(session, employee=other, telegram_user_id=OTHER_CHAT, now=now)
    # A code for the claimed NIP: typing it in "awaiting_factor" links (the first time).
    await add_code(session, employee=other, code="GRSK-ADMN", now=now)
    results = await add_program(session, code="PK-2024", name="Penilaian Kompetensi 2024")
    results.results_released_at = now
    booking = await add_program(
        session,
        code="PK-2025",
        name="Penilaian Kompetensi 2025",
        self_booking=True,
        booking_deadline=now + timedelta(days=20),
    )
    sessions = [
        await add_assessment_session(
            session, program=booking, code=f"S-{days}", starts_at=now + timedelta(days=days)
        )
        for days in (7, 14)
    ]
    await add_released_result(session, employee=other, now=now, program=results)
    asked = await add_participation(session, employee=other, assessment_session=sessions[1])
    asked.status = ParticipationStatus.RESCHEDULE_REQUESTED
    asked.reason = "Dinas luar kota"
    asked.responded_at = now
    courses = [
        await add_course(session, title="Kepemimpinan Digital", now=now, competencies={"M.03": 3}),
        await add_course(session, title="Pelayanan Publik", now=now, quota=1),
    ]
    await add_enrollment(session, course=courses[1], employee=other, status="registered", at=now)
    data = words_of(
        other.name,
        results.name,
        booking.name,
        asked.reason or "",
        *(f"{s.venue_name} {s.address}" for s in sessions),
        *(f"{c.title} {c.description} {c.venue} {c.provider} {c.contact}" for c in courses),
        "Kepala Bagian BKPSDM",  # what add_employee names positions and the unit
    )
    return World(results, sessions, data)


async def add_fuzzed_employee(
    session: AsyncSession,
    world: World,
    *,
    number: int,
    telegram_user_id: int,
    language: str,
    now: datetime,
) -> None:
    """A linked employee with a result, an invitation and training hours."""
    employee = await add_employee(session, nip=_nip(number), name=f"Rina {number}", phone=None)
    await add_linked_user(
        session, employee=employee, telegram_user_id=telegram_user_id, now=now, language=language
    )
    await add_released_result(session, employee=employee, now=now, program=world.results)
    await add_participation(session, employee=employee, assessment_session=world.sessions[0])
    await add_jp_entry(session, employee=employee, jp="6", on=now.date())


# --------------------------------------------------------------------- the driver


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Person:
    """One example's user and the language chosen with /bahasa (or their link's)."""

    user: SimulatedUser
    client_language: str | None
    chosen: str | None = None

    @property
    def language(self) -> str:
        return self.chosen or normalise_language(self.client_language)


class Fuzzer:
    """Drives the running bot from Hypothesis's thread; one user per example."""

    def __init__(self, bot: RunningBot) -> None:
        self.bot = bot
        self.loop = asyncio.get_running_loop()
        self.errors: list[BaseException | None] = []
        self.logged = _Errors()
        self._ids = itertools.count(FIRST_USER)
        self.world: World | None = None

    async def __aenter__(self) -> Fuzzer:
        async def record(update: object, context: Any) -> None:
            self.errors.append(context.error)

        # Besides the bot's own error handler, which answers and swallows the error.
        self.bot.application.add_error_handler(record)
        logging.getLogger().addHandler(self.logged)
        async with self.bot.db.begin() as session:
            self.world = await seed_world(session, self.bot.clock.now())
        self.bot.user(OTHER_CHAT)  # so the emulator delivers what the bot tells them
        return self

    async def __aexit__(self, *exc: object) -> None:
        logging.getLogger().removeHandler(self.logged)

    def run(self, step: Callable[[], Awaitable[T]]) -> T:
        """Run ``step`` on the bot's loop (from Hypothesis's thread) and wait for it."""

        async def wrapped() -> T:
            return await step()

        return asyncio.run_coroutine_threadsafe(wrapped(), self.loop).result(timeout=60)

    async def fuzz(self, test: Callable[[], None]) -> None:
        """Run a Hypothesis test in a worker thread while this loop serves the bot."""
        await asyncio.to_thread(test)

    def _handled(self) -> int:
        latency = self.bot.application.bot_data.metrics.latency
        return int(
            sum(s.value for m in latency.collect() for s in m.samples if s.name.endswith("_count"))
        )

    async def settle(self) -> None:
        """Wait until the application has handled every update queued so far (the
        metrics count each one when its handlers are done): a condition checked every
        few milliseconds, not a wait for time to pass."""
        queued = self.bot.emulator.state.next_update_id - 1
        deadline = self.loop.time() + 10
        while self._handled() < queued:
            if self.loop.time() > deadline:
                raise AssertionError(f"{queued - self._handled()} updates not handled in 10 s")
            await asyncio.sleep(0.002)

    # ------------------------------------------------------------ states

    async def person(
        self, state: str, client_language: str | None, linked_language: str, opening: str
    ) -> Person:
        """A new user in ``state`` who then sent the command ``opening`` (its reply and
        buttons are what the inputs start from); a linked user's link says
        ``linked_language``."""
        assert self.world is not None
        user_id = next(self._ids)
        user = self.bot.user(user_id, language_code=client_language, phone_number="+6281299999999")
        person = Person(user, client_language)
        if state in ("consent_pending", "awaiting_nip", "awaiting_factor"):
            await self._send(user, "/start")
        if state in ("awaiting_nip", "awaiting_factor"):
            await user.press(callback_data="consent:yes", wait_answer=None)
            await self.settle()
        if state == "awaiting_factor":
            await self._send(user, CLAIMED_NIP)
        if state == "linked":
            async with self.bot.db.begin() as session:
                await add_fuzzed_employee(
                    session,
                    self.world,
                    number=user_id,
                    telegram_user_id=user_id,
                    language=linked_language,
                    now=self.bot.clock.now(),
                )
            person.chosen = linked_language
        if state == "admin":
            async with self.bot.db.begin() as session:
                await grant_admin(
                    session, telegram_user_id=user_id, added_by="fuzz", now=self.bot.clock.now()
                )
        await self._send(user, opening)
        return person

    async def _send(self, user: SimulatedUser, text: str) -> None:
        await user.send(text)
        await self.settle()

    # ------------------------------------------------------------ acting

    async def act(self, person: Person, action: Action) -> list[str]:
        """Do ``action`` as ``person``; the problems with what came back (none is good)."""
        user = person.user
        self.errors.clear()
        self.logged.records.clear()
        start = len(self.bot.emulator.calls)
        expected = person.language
        query_id: str | None = None
        if isinstance(action, Text):
            await user.send(action.text)
        else:
            message, data = (
                (None, action.data) if isinstance(action, Forged) else _button(user, action.n)
            )
            if data is None:
                return []
            query_id = (await user.press_forged(data, message=message, wait_answer=None)).query_id
            chosen = re.fullmatch(r"lang:(id|en)", data)
            if chosen:
                expected = person.chosen = chosen.group(1)
            elif data == "delete:yes":
                person.chosen = None  # the link and the chat data are gone
        await self.settle()
        problems = [f"raised {error!r}" for error in self.errors]
        problems += [f"logged {r.getMessage()!r}" for r in self.logged.records]
        assert self.world is not None
        calls = self.bot.emulator.calls[start:]
        return problems + _problems(
            user.id, calls, expected=expected, query_id=query_id, data=self.world.data
        )


def _button(user: SimulatedUser, n: int) -> tuple[MessageView | None, str | None]:
    """The n-th button (modulo their count) of the newest inline keyboard: its message
    and its data."""
    for view in reversed(user.chat_messages):
        data = [b.callback_data for row in view.buttons for b in row if b.callback_data]
        if data:
            return view, data[n % len(data)]
    return None, None


def _nothing_to_edit(call: CallRecord) -> bool:
    """An edit Telegram refuses and the bot lets pass (handlers.common.edit_if_possible):
    to what the message shows already (a second tap; the query carries the message as
    it was, so nothing can avoid it), or of a photo's text (a forged button)."""
    description = (call.response or {}).get("description", "")
    return call.method.startswith("editMessage") and (
        "not modified" in description or "no text in the message" in description
    )


def _problems(
    user_id: int, calls: list[CallRecord], *, expected: str, query_id: str | None, data: set[str]
) -> list[str]:
    """What is wrong with the Bot API calls the bot made for one input of ``user_id``."""
    problems = [
        f"{c.method} refused: {(c.response or {}).get('description')} {c.params}"
        for c in calls
        if c.method != "getUpdates" and c.status != 200 and not _nothing_to_edit(c)
    ]
    replies = [
        c
        for c in calls
        if c.method != "sendChatAction"
        and (
            c.params.get("chat_id") == user_id
            or (query_id is not None and c.params.get("callback_query_id") == query_id)
        )
    ]
    if query_id is not None and not any(c.method == "answerCallbackQuery" for c in replies):
        problems.append("the button was never answered")
    if not replies:
        problems.append("no reply")
    for call in replies:
        text = call.params.get("text") or call.params.get("caption")
        if isinstance(text, str) and text and not reads_as(text, expected, data):
            problems.append(f"not in {expected}: {call.method} {text[:300]!r}")
        if call.method == "answerCallbackQuery" and re.search(r"<[a-z/]|&[a-z#]", text or ""):
            problems.append(f"markup in a plain-text answer: {text!r}")
    return problems
