"""The chaos benchmark's count of messages: what was due, and what the emulator delivered.

A due notice is known by its chat and its text, rendered the way the dispatcher
renders it (``jobs/render.py``), so a delivery is matched to its notice from the
emulator's record of calls alone: delivered = at least one ``sendMessage``
answered 200 with that chat and text; doubled = each copy after the first; lost
= none by the end.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

import bot.application  # noqa: F401 (handlers before jobs: `import jobs` alone is circular)
from bench.chaos_setup import KEY_PREFIX
from bot.core.vocabulary import NotificationStatus
from bot.notices.render import render
from models.outbox import Notification
from sandbox.state import CallRecord

Key = tuple[str, str]  # (chat id, text)


@dataclass
class Ledger:
    """The due notices by (chat, text), and what the emulator delivered of them."""

    expected: dict[Key, int]  # -> notification id
    times: dict[Key, list[float]] = field(default_factory=lambda: defaultdict(list))
    _seen: int = 0  # calls read so far

    @classmethod
    async def read(cls, engine: AsyncEngine, users: dict[int, int], tz: ZoneInfo) -> Ledger:
        """Every notice the benchmark inserted, rendered as the dispatcher would (in
        Indonesian, on time)."""
        async with engine.connect() as conn:
            rows = await conn.execute(
                select(
                    Notification.id,
                    Notification.employee_id,
                    Notification.kind,
                    Notification.payload,
                    Notification.due_at,
                ).where(Notification.key.startswith(KEY_PREFIX))
            )
            expected: dict[Key, int] = {}
            for id_, employee_id, kind, payload, due_at in rows.all():
                text, _ = render(
                    notification_id=id_,
                    kind=kind,
                    payload=payload,
                    due_at=due_at,
                    late=False,
                    lang="id",
                    tz=tz,
                )
                expected[(str(users[employee_id]), text)] = id_
        return cls(expected)

    def update(self, calls: list[CallRecord]) -> None:
        """Take in the calls recorded since the last update."""
        for call in calls[self._seen :]:
            if call.method != "sendMessage" or call.status != 200:
                continue
            key = (str(call.params.get("chat_id")), str(call.params.get("text")))
            if key in self.expected:
                self.times[key].append(call.timestamp)
        self._seen = len(calls)

    @property
    def due(self) -> int:
        return len(self.expected)

    @property
    def delivered(self) -> int:
        return sum(1 for key in self.expected if self.times.get(key))

    @property
    def doubled(self) -> int:
        """Copies beyond the first, all notices together."""
        return sum(len(t) - 1 for t in self.times.values() if len(t) > 1)

    def delivered_ids(self) -> set[int]:
        return {self.expected[key] for key, t in self.times.items() if t}

    def first_deliveries(self) -> list[float]:
        """When each delivered notice first arrived (wall clock), in order."""
        return sorted(min(t) for t in self.times.values() if t)


async def answered_not_written(engine: AsyncEngine, pid: int, ledger: Ledger) -> int:
    """Notices the killed process ``pid`` still held (claimed, its claim token names the
    pid) that the emulator had already delivered: the kill landed between Telegram's
    answer and the write, and these go out again after the lease."""
    async with engine.connect() as conn:
        held = await conn.scalars(
            select(Notification.id).where(
                Notification.status == NotificationStatus.CLAIMED,
                Notification.claimed_by.like(f"%:{pid}:%"),
                Notification.key.startswith(KEY_PREFIX),
            )
        )
        return len(set(held) & ledger.delivered_ids())


async def live(engine: AsyncEngine) -> int:
    """The benchmark's notices still pending or claimed."""
    async with engine.connect() as conn:
        found = await conn.scalars(
            select(Notification.id).where(
                Notification.status.in_([NotificationStatus.PENDING, NotificationStatus.CLAIMED]),
                Notification.key.startswith(KEY_PREFIX),
            )
        )
        return len(found.all())


async def statuses(engine: AsyncEngine) -> dict[str, int]:
    """How the benchmark's notices ended, by status."""
    counts: dict[str, int] = defaultdict(int)
    async with engine.connect() as conn:
        for status in await conn.scalars(
            select(Notification.status).where(Notification.key.startswith(KEY_PREFIX))
        ):
            counts[str(status)] += 1
    return dict(counts)


def explain_429s(calls: list[CallRecord]) -> list[str]:
    """Each 429: its method and chat, and the messages that chat had accepted in the
    three seconds before (Telegram's per-chat limit: about one a second after a burst)."""
    found = []
    for index, call in enumerate(calls):
        if call.status != 429:
            continue
        chat = call.params.get("chat_id")
        before = [
            round(call.at - c.at, 3)
            for c in calls[:index]
            if c.status == 200 and c.params.get("chat_id") == chat and call.at - c.at < 3
        ]
        found.append(
            f"{call.method} to chat {chat}, {len(before)} accepted there in the 3 s before "
            f"(s earlier: {', '.join(f'{b:.3f}' for b in before) or 'none'})"
        )
    return found
