"""Finding due notifications: the dispatcher's claim, with few and with many pending.

An outbox of ``n`` pending notifications (10% due now, the rest due over the
next 30 days, as a planner ahead of a big round leaves it) on a fresh migrated
SQLite database. One claim = ``claim_due`` with the production batch size (50):
pick the oldest due through the ``(status, due_at)`` index, mark them claimed,
read the batch back by its token. Each claim runs in a transaction that is
rolled back, so every repetition sees the same outbox; the median is reported.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from bench.common import DATA, remove_db, say, sqlite_url
from bot.core.vocabulary import EmployeeStatus, NotificationStatus
from models.db import create_engine, create_sessionmaker, upgrade
from models.org import Employee, Unit
from models.outbox import Notification
from models.queries.claims import claim_due

REPEATS = 30
BATCH = 50
CHUNK = 20_000


@dataclass
class ClaimResult:
    pending: int
    median_ms: float
    p95_ms: float


async def build(path: Path, pending: int, now: datetime) -> None:
    remove_db(path)
    engine = create_engine(sqlite_url(path))
    await upgrade(engine)
    async with engine.begin() as conn:
        unit = (await conn.execute(insert(Unit).values(code="B", name="B", kind="badan"))).lastrowid
        employee = (
            await conn.execute(
                insert(Employee).values(
                    nip="198609262015051001",
                    status=EmployeeStatus.PNS,
                    name="Budi",
                    unit_id=unit,
                    active=True,
                )
            )
        ).lastrowid
        for start in range(0, pending, CHUNK):
            await conn.execute(
                insert(Notification),
                [
                    {
                        "key": f"bench:{i}",
                        "employee_id": employee,
                        "kind": "broadcast",
                        # 10% due in the last hour, the rest over the next 30 days
                        "due_at": now - timedelta(seconds=i % 3600)
                        if i % 10 == 0
                        else now + timedelta(seconds=60 + (i * 2593) % (30 * 86400)),
                        "status": NotificationStatus.PENDING,
                        "payload": {"text": "Pengumuman"},
                        "attempts": 0,
                    }
                    for i in range(start, min(start + CHUNK, pending))
                ],
            )
    async with engine.begin() as conn:
        await conn.execute(text("ANALYZE"))
    await engine.dispose()


async def measure(pending: int) -> ClaimResult:
    now = datetime.now(UTC).replace(microsecond=0)
    path = DATA / f"work-claim-{pending}.db"
    say(f"claim: building an outbox of {pending:,} pending notifications")
    await build(path, pending, now)
    engine = create_engine(sqlite_url(path))
    db = create_sessionmaker(engine)
    timings = []
    for i in range(REPEATS + 3):
        async with db() as session:
            started = time.perf_counter()
            batch = await claim_due(session, now=now, token=f"bench:{i}", limit=BATCH)
            elapsed = time.perf_counter() - started
            await session.rollback()
        assert len(batch) == BATCH
        if i >= 3:  # the first ones warm the cache
            timings.append(elapsed * 1000)
    await engine.dispose()
    remove_db(path)
    timings.sort()
    return ClaimResult(pending, statistics.median(timings), timings[int(len(timings) * 0.95) - 1])


def table(results: list[ClaimResult]) -> str:
    base = results[0].median_ms
    lines = [
        f"| pending notifications | median claim of {BATCH}, ms | p95 ms "
        f"| vs {results[0].pending:,} |",
        "|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.pending:,} | {r.median_ms:.2f} | {r.p95_ms:.2f} | {r.median_ms / base:.2f}x |"
        )
    return "\n".join(lines)
