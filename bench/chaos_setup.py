"""The chaos benchmark's database: a fresh PostgreSQL database, migrated, the demo at a
small size, linked employees with an announcement and session reminders due, and the
people who will each take one conversation step.

The announcement's recipients are the demo's upcoming participants first, then
others: so the session reminders go to people who are linked, and so are the
people who press "Tidak bisa hadir" on their session card.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url

from bench.common import Sizes, link_and_announce
from bot.core import reminders as r
from bot.core.vocabulary import NotificationKind, NotificationStatus, ParticipationStatus
from bot.demo.build import build_demo
from models.assessment import AssessmentSession, Participation
from models.db import create_engine, create_sessionmaker, upgrade
from models.outbox import Notification
from models.queries.planning import session_facts

DEMO_SEED = 7
# The keys of the notices the benchmark inserts (nothing else is counted as due).
KEY_PREFIX = "bench:"


@dataclass(frozen=True)
class Stepper:
    """Someone who will press "Tidak bisa hadir" on their one upcoming session."""

    telegram_user_id: int
    participation_id: int


@dataclass(frozen=True)
class Stage:
    """What the database holds when the instances start."""

    users: dict[int, int]  # employee id -> Telegram user id, every linked recipient
    reminders: int
    steppers: list[Stepper]

    @property
    def due(self) -> int:
        return len(self.users) + self.reminders


async def fresh_database(url: str) -> None:
    """Drop and create the database of ``url`` (through the server's ``postgres`` one)."""
    parsed = make_url(url)
    name = parsed.database
    if not name or not name.replace("_", "").isalnum():
        raise ValueError(f"a plain database name is needed, not {name!r}")
    engine = create_engine(
        parsed.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    async with engine.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()


async def build(url: str, sizes: Sizes, now: datetime) -> Stage:
    """A fresh database with the demo, the recipients linked and the notices due."""
    await fresh_database(url)
    engine = create_engine(url)
    await upgrade(engine)
    db = create_sessionmaker(engine)
    await build_demo(db, employees=sizes.chaos_employees, seed=DEMO_SEED, now=now)
    async with db() as session:
        participants = await session.scalars(
            select(Participation.employee_id)
            .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
            .where(AssessmentSession.starts_at >= now)
            .distinct()
            .order_by(Participation.employee_id)
        )
        first = list(participants)
    users = await link_and_announce(url, sizes.chaos_recipients, now, first=first)
    async with db() as session:  # the linked participants' sessions, as the planner sees them
        linked = [
            f
            for f in await session_facts(session, since=now)
            if not f.cancelled and f.participation in r.ATTENDING
        ]
    await engine.dispose()
    linked.sort(key=lambda f: (f.employee_id, f.session_id))
    reminders = linked[: sizes.chaos_reminders]
    await _remind(url, reminders, now)
    steppers = await _steppers(url, linked, users, sizes.chaos_kills)
    if len(reminders) < sizes.chaos_reminders or len(steppers) < sizes.chaos_kills:
        raise RuntimeError("the demo is too small for the reminders and the steps asked for")
    return Stage(users, len(reminders), steppers)


async def _remind(url: str, facts: list[r.SessionFacts], now: datetime) -> None:
    """A session reminder due now for each of ``facts`` (the planner's payload)."""
    rows = []
    for f in facts:
        days = (f.starts_at - now).days
        rows.append(
            {
                "key": f"{KEY_PREFIX}remind:{f.session_id}:{f.employee_id}",
                "employee_id": f.employee_id,
                "kind": NotificationKind.SESSION_REMINDER,
                "due_at": now,
                "stale_after": f.starts_at,
                "status": NotificationStatus.PENDING,
                "payload": {**f.snapshot(), "offset": f"{days}d", "urgent": False},
                "attempts": 0,
            }
        )
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(insert(Notification), rows)
    await engine.dispose()


async def _steppers(
    url: str, facts: list[r.SessionFacts], users: dict[int, int], wanted: int
) -> list[Stepper]:
    """Invited people with exactly one upcoming session (one card, one button)."""
    sessions = Counter(f.employee_id for f in facts)
    chosen = [
        f
        for f in facts
        if f.participation == ParticipationStatus.INVITED and sessions[f.employee_id] == 1
    ][:wanted]
    engine = create_engine(url)
    async with engine.connect() as conn:
        found = []
        for f in chosen:
            participation_id = await conn.scalar(
                select(Participation.id).where(
                    Participation.session_id == f.session_id,
                    Participation.employee_id == f.employee_id,
                )
            )
            assert participation_id is not None
            found.append(Stepper(users[f.employee_id], participation_id))
    await engine.dispose()
    return found
