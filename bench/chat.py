"""/jadwal, /hasil, /gapura against the national dataset, next to an echo bot.

The emulator and the simulated users run here; the bot runs in its own process
(``bench.botproc``) polling the emulator, as in production. ``concurrency``
users talk at once, each sending a command, waiting for the whole answer, then
sending the next. Latency is from the user's send to the bot's first reply
message; the throughput counts whole answers a second. The bot's resident
memory (VmRSS, and its peak VmHWM) is read from /proc after the load.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select

from bench.common import (
    PYTHON,
    ROOT,
    TOKEN,
    Sizes,
    percentile,
    remove_db,
    say,
    sqlite_url,
    work_copy,
)
from bot.core.vocabulary import LinkStatus, VerificationMethod
from models.assessment import Participation, Result
from models.chat import ChatLink
from models.db import create_engine
from sandbox import Emulator, SimulatedUser

FIRST_USER = 5_000_000
COMMANDS = ("/jadwal", "/hasil", "/gapura")
# The informative series: every Bot API call answered this much later, as over a network
# (one way from Indonesia to Telegram's Singapore data centre is some tens of ms).
NETWORK_DELAY = 0.025


@dataclass
class Load:
    """What one command under load gave."""

    bot: str
    command: str
    concurrency: int
    delay: float  # seconds the emulator waits before answering each Bot API call
    requests: int
    seconds: float
    first: list[float]
    whole: list[float]
    messages_per_answer: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds


@dataclass
class ChatResults:
    loads: list[Load]
    rss_mb: float
    peak_rss_mb: float
    echo_rss_mb: float
    users: int


async def link_users(db_path: Path, count: int) -> list[int]:
    """Link ``count`` demo employees to Telegram ids directly in the database:
    half with a released result, half invited to the upcoming round."""
    engine = create_engine(sqlite_url(db_path))
    now = datetime.now(UTC)
    async with engine.begin() as conn:
        with_result = (
            await conn.scalars(
                select(Result.employee_id)
                .where(Result.released_at.is_not(None))
                .order_by(Result.id)
                .limit(count // 2)
            )
        ).all()
        invited = (
            await conn.scalars(
                select(Participation.employee_id)
                .where(Participation.employee_id.not_in(with_result))
                .order_by(Participation.id.desc())
                .limit(count - len(with_result))
            )
        ).all()
        linked = (await conn.scalars(select(ChatLink.employee_id))).all()
        taken = set(linked)
        employees = [e for e in dict.fromkeys([*with_result, *invited]) if e not in taken]
        await conn.execute(
            insert(ChatLink),
            [
                {
                    "telegram_user_id": FIRST_USER + i,
                    "employee_id": employee_id,
                    "status": LinkStatus.ACTIVE,
                    "verification_method": VerificationMethod.CODE,
                    "language": "id",
                    "notification_prefs": {},
                    "created_at": now,
                    "linked_at": now,
                }
                for i, employee_id in enumerate(employees)
            ],
        )
    await engine.dispose()
    return [FIRST_USER + i for i in range(len(employees))]


async def start_bot(
    kind: str, emulator: Emulator, db_path: Path | None
) -> asyncio.subprocess.Process:
    args = [PYTHON, "-m", "bench.botproc", kind, emulator.base_url]
    if db_path is not None:
        args.append(sqlite_url(db_path))
    proc = await asyncio.create_subprocess_exec(
        *args, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=sys.stderr
    )
    assert proc.stdout is not None
    line = await asyncio.wait_for(proc.stdout.readline(), 120)
    if line.strip() != b"ready":
        raise RuntimeError(f"the {kind} bot did not start: {line!r}")
    return proc


async def stop_bot(proc: asyncio.subprocess.Process) -> None:
    proc.terminate()
    await asyncio.wait_for(proc.wait(), 60)


def rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process, in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


async def drain(user: SimulatedUser, quiet: float) -> int:
    """Messages that arrive until ``quiet`` seconds pass without one."""
    count = 0
    while True:
        try:
            await user.next_message(timeout=quiet)
        except AssertionError:
            return count
        count += 1


async def expected_messages(users: list[SimulatedUser], command: str) -> dict[int, int]:
    """How many messages each user's answer to ``command`` has (all users at once)."""

    async def one(user: SimulatedUser) -> int:
        await user.send(command)
        await user.next_message(timeout=60)
        return 1 + await drain(user, quiet=2.0)

    counts = await asyncio.gather(*(one(user) for user in users))
    return {user.id: n for user, n in zip(users, counts, strict=True)}


async def load(
    bot: str,
    command: str,
    users: list[SimulatedUser],
    expected: dict[int, int],
    requests: int,
    concurrency: int,
    delay: float = 0.0,
) -> Load:
    """``requests`` commands from ``concurrency`` users at a time; each waits for its answer."""
    first: list[float] = []
    whole: list[float] = []
    left = [requests]

    async def worker(mine: list[SimulatedUser]) -> None:
        turn = 0
        while left[0] > 0:
            left[0] -= 1
            user = mine[turn % len(mine)]
            turn += 1
            started = time.perf_counter()
            await user.send(command)
            await user.next_message(timeout=60)
            first.append(time.perf_counter() - started)
            for _ in range(expected[user.id] - 1):
                await user.next_message(timeout=60)
            whole.append(time.perf_counter() - started)

    groups = [users[i::concurrency] for i in range(concurrency)]
    started = time.perf_counter()
    await asyncio.gather(*(worker(group) for group in groups if group))
    seconds = time.perf_counter() - started
    per_answer = sum(expected[u.id] for u in users) / len(users)
    return Load(bot, command, concurrency, delay, requests, seconds, first, whole, per_answer)


def series(sizes: Sizes) -> list[tuple[int, int, float]]:
    """(users at once, requests, network delay): under load, one user alone (no queueing),
    then both again with every Bot API call delayed as over a network."""
    alone = sizes.requests // 4
    return [
        (sizes.concurrency, sizes.requests, 0.0),
        (1, alone, 0.0),
        (sizes.concurrency, sizes.requests // 2, NETWORK_DELAY),
        (1, alone, NETWORK_DELAY),
    ]


async def load_series(
    emulator: Emulator,
    bot: str,
    command: str,
    users: list[SimulatedUser],
    expected: dict[int, int],
    sizes: Sizes,
) -> list[Load]:
    loads = []
    for concurrency, requests, delay in series(sizes):
        if delay:
            emulator.faults.delay(delay, times=10**9)
        try:
            loads.append(await load(bot, command, users, expected, requests, concurrency, delay))
        finally:
            emulator.faults.clear()
    return loads


def echo_p95(results: ChatResults, concurrency: int, delay: float = 0.0) -> float:
    echo = next(
        x
        for x in results.loads
        if x.bot == "echo" and x.concurrency == concurrency and x.delay == delay
    )
    return percentile(echo.first, 95)


async def run(sizes: Sizes) -> ChatResults:
    db_path = await work_copy(sizes, "chat")
    ids = await link_users(db_path, count=sizes.concurrency * 3)
    say(f"chat: {len(ids)} users linked in a {sizes.employees:,}-employee database")
    emulator = Emulator(token=TOKEN, rate_limits=False, max_long_poll=10)
    await emulator.start(host="127.0.0.1", port=0)
    loads: list[Load] = []
    try:
        users = [emulator.user(i, first_name=f"Pegawai {i}", language_code="id") for i in ids]
        echo = await start_bot("echo", emulator, None)
        try:
            expected = await expected_messages(users, "halo")
            say("chat: echo bot")
            loads += await load_series(emulator, "echo", "halo", users, expected, sizes)
            echo_rss, _ = rss_mb(echo.pid)
        finally:
            await stop_bot(echo)
        await asyncio.sleep(1)
        bot = await start_bot("asnbot", emulator, db_path)
        try:
            for command in COMMANDS:
                expected = await expected_messages(users, command)
                say(f"chat: asnbot {command}")
                loads += await load_series(emulator, "asnbot", command, users, expected, sizes)
            rss, peak = rss_mb(bot.pid)
        finally:
            await stop_bot(bot)
    finally:
        await emulator.stop()
        remove_db(db_path)
    return ChatResults(loads, rss, peak, echo_rss, len(ids))


def table(results: ChatResults) -> str:
    lines = [
        "| bot | command | users at once | Bot API delay ms | answers | msgs/answer | answers/s "
        "| p50 ms | p95 ms | p95 whole answer ms | p95 vs echo |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for x in results.loads:
        p50, p95 = percentile(x.first, 50) * 1000, percentile(x.first, 95) * 1000
        whole = percentile(x.whole, 95) * 1000
        ratio = percentile(x.first, 95) / echo_p95(results, x.concurrency, x.delay)
        lines.append(
            f"| {x.bot} | `{x.command}` | {x.concurrency} | {x.delay * 1000:.0f} | {x.requests} "
            f"| {x.messages_per_answer:.1f} "
            f"| {x.throughput:.1f} | {p50:.0f} | {p95:.0f} | {whole:.0f} | {ratio:.2f}x |"
        )
    return "\n".join(lines)
