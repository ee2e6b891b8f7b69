"""What every benchmark shares: the cached data, timing, the machine."""

from __future__ import annotations

import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

from sqlalchemy import insert, select, text

from bot.core.vocabulary import LinkStatus, NotificationStatus, VerificationMethod
from models.chat import ChatLink
from models.db import create_engine, upgrade
from models.org import Employee
from models.outbox import Notification

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable
TOKEN = "123456:BENCH-TOKEN"
# The Telegram user id of the first employee a benchmark links; the next get the next ids.
FIRST_USER = 6_000_000
ANNOUNCEMENT = "Pengumuman BKPSDM: uji kompetensi dibuka."
# Tuesday 3 March 2026, 10:00 WIB: a working day, outside quiet hours (announcements
# wait for those, and a benchmark run on a Saturday would measure the wait).
WORKING_MORNING = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)


class WorkingDayClock:
    """The wall clock's pace, moved so that ``since`` (seconds since the epoch; by
    default now) is :data:`WORKING_MORNING`. Processes given one ``since`` share one time."""

    def __init__(self, since: float | None = None) -> None:
        self.since = time.time() if since is None else since

    def now(self) -> datetime:
        return WORKING_MORNING + timedelta(seconds=time.time() - self.since)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(seconds, 0.0))


async def link_and_announce(
    db_url: str, recipients: int, now: datetime, *, first: Sequence[int] = ()
) -> dict[int, int]:
    """Link ``recipients`` employees not linked yet (those of ``first`` before the
    others, by id) and give each a due announcement (inserted directly: benchmarks
    measure the dispatcher, not the admin's chat flow); employee id -> Telegram user id."""
    engine = create_engine(db_url)
    async with engine.begin() as conn:
        linked = select(ChatLink.employee_id).where(ChatLink.employee_id.is_not(None))
        free = select(Employee.id).where(Employee.active.is_(True), Employee.id.not_in(linked))
        found = set((await conn.scalars(free.where(Employee.id.in_(first)))).all())
        chosen = list(dict.fromkeys(e for e in first if e in found))[:recipients]
        rest = free.where(Employee.id.not_in(chosen)).order_by(Employee.id)
        chosen += (await conn.scalars(rest.limit(recipients - len(chosen)))).all()
        users = {employee_id: FIRST_USER + i for i, employee_id in enumerate(chosen)}
        await conn.execute(insert(ChatLink), [_link(e, user, now) for e, user in users.items()])
        await conn.execute(
            insert(Notification),
            [
                {
                    "key": f"bench:announce:{employee_id}",
                    "employee_id": employee_id,
                    "kind": "broadcast",
                    "due_at": now,
                    "status": NotificationStatus.PENDING,
                    "payload": {"text": ANNOUNCEMENT},
                    "attempts": 0,
                }
                for employee_id in chosen
            ],
        )
    await engine.dispose()
    return users


def _link(employee_id: int, telegram_user_id: int, now: datetime) -> dict[str, object]:
    return {
        "telegram_user_id": telegram_user_id,
        "employee_id": employee_id,
        "status": LinkStatus.ACTIVE,
        "verification_method": VerificationMethod.CODE,
        "language": "id",
        "notification_prefs": {},
        "created_at": now,
        "linked_at": now,
    }


@dataclass(frozen=True)
class Sizes:
    """How big each benchmark is: the full run, or ``--quick``."""

    employees: int
    requests: int  # per command, for /jadwal, /hasil, /gapura and the echo bot
    concurrency: int  # simulated users talking at the same time
    recipients: int  # of the announcement
    claim_small: int
    claim_large: int
    imports: tuple[int, ...]
    # The chaos benchmark (bench/chaos.py, PostgreSQL): the demo's employees, the
    # announcement's recipients, the session reminders due with it, and the kills.
    chaos_employees: int = 6000
    chaos_recipients: int = 2000
    chaos_reminders: int = 400
    chaos_kills: int = 20

    @property
    def label(self) -> str:
        return "quick" if self.employees < 1_000_000 else "full"


FULL = Sizes(1_000_000, 1000, 20, 8971, 10_000, 1_000_000, (8971, 1_000_000))
QUICK = Sizes(
    20_000,
    150,
    10,
    600,
    10_000,
    100_000,
    (8971, 20_000),
    chaos_employees=1000,
    chaos_recipients=300,
    chaos_reminders=60,
    chaos_kills=5,
)


def remove_db(path: Path) -> None:
    """Delete a SQLite database file with its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def say(line: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {line}", file=sys.stderr, flush=True)


def national_db(sizes: Sizes) -> Path:
    """The demo database of ``sizes.employees`` employees, built once and cached."""
    path = DATA / f"demo-{sizes.employees}.db"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    say(f"building the demo with {sizes.employees:,} employees (once; cached in {path})")
    env = {**os.environ, "ASNBOT_DATABASE_URL": sqlite_url(partial), "ASNBOT_LOG_LEVEL": "WARNING"}
    subprocess.run(
        [PYTHON, "-m", "bot", "demo", "--employees", str(sizes.employees), "--seed", "7"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    partial.rename(path)
    return path


async def work_copy(sizes: Sizes, name: str) -> Path:
    """A fresh copy of the cached demo, migrated to the head (the benchmarks write to it)."""
    source = national_db(sizes)
    target = DATA / f"work-{name}.db"
    remove_db(target)
    shutil.copyfile(source, target)
    engine = create_engine(sqlite_url(target))
    await upgrade(engine)
    async with engine.begin() as conn:
        await conn.execute(text("ANALYZE"))
    await engine.dispose()
    return target


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of ``values``, by the inclusive method."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def machine() -> list[tuple[str, str]]:
    """The machine and software the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    packages = ", ".join(
        f"{name} {_version(name)}"
        for name in ("python-telegram-bot", "SQLAlchemy", "aiosqlite", "asyncpg", "aiohttp")
    )
    return [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{cpu}; nproc {os.cpu_count()} (shared with other work)"),
        ("memory", memory),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("packages", packages),
        ("SQLite", _sqlite_version()),
    ]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version
