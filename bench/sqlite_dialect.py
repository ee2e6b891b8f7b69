"""What one SQLite statement costs through each dialect (issue 17).

    .venv/bin/python -m bench.sqlite_dialect

SQLAlchemy's own ``sqlite+aiosqlite`` dialect against the one-round-trip one
(``models/sqlite_onehop.py``, used only on the versions ``models/sqlite_driver.py``
names): a lookup by primary key in a 20,000-row table, by one task alone and by ten
at once (ten connections), five rounds of each alternated; the medians of the
statement latency and of the statements a second.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from models import sqlite_driver

ROWS = 20_000
ROUNDS = 5
LOOKUP = text("SELECT id, nip, name FROM people WHERE id = :id")


async def fill(path: Path) -> None:
    engine = create_async_engine(f"sqlite+aiosqlite:///{path}")
    async with engine.begin() as conn:
        await conn.execute(
            text("CREATE TABLE people (id INTEGER PRIMARY KEY, nip TEXT, name TEXT)")
        )
        await conn.execute(
            text("INSERT INTO people (nip, name) VALUES (:nip, :name)"),
            [{"nip": f"{n:018d}", "name": f"Pegawai {n}"} for n in range(ROWS)],
        )
    await engine.dispose()


async def lookups(engine: AsyncEngine, count: int, first: int) -> list[float]:
    seconds = []
    async with engine.connect() as conn:
        for n in range(count):
            start = time.perf_counter()
            (await conn.execute(LOOKUP, {"id": first + n})).all()
            seconds.append(time.perf_counter() - start)
    return seconds


async def measure(path: Path, driver: str, tasks: int) -> tuple[float, float]:
    """(median statement ms, statements a second) for ``tasks`` at once."""
    engine = create_async_engine(f"sqlite+{driver}:///{path}", pool_size=tasks)
    await lookups(engine, 50, 1)  # connections open, statements cached
    count = 300 if tasks == 1 else 100
    start = time.perf_counter()
    each = await asyncio.gather(*(lookups(engine, count, 1 + 1000 * t) for t in range(tasks)))
    wall = time.perf_counter() - start
    await engine.dispose()
    return statistics.median(s for one in each for s in one) * 1000, tasks * count / wall


async def main() -> int:
    drivers = [sqlite_driver.STOCK]
    if sqlite_driver.driver() == sqlite_driver.ONE_HOP:
        drivers.append(sqlite_driver.ONE_HOP)
    else:
        print(f"the one-hop dialect is not used on {sqlite_driver.installed()}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.db"
        await fill(path)
        found: dict[tuple[str, int], list[tuple[float, float]]] = {}
        for _ in range(ROUNDS):
            for driver in drivers:
                for tasks in (1, 10):
                    found.setdefault((driver, tasks), []).append(await measure(path, driver, tasks))
    print(f"SQLAlchemy {sqlalchemy.__version__}, {ROUNDS} rounds, medians")
    print("| dialect | at once | statement ms | statements/s |")
    print("|---|---|---|---|")
    for (driver, tasks), runs in found.items():
        ms = statistics.median(run[0] for run in runs)
        rate = statistics.median(run[1] for run in runs)
        print(f"| {driver} | {tasks} | {ms:.3f} | {rate:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
