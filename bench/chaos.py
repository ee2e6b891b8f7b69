"""The chaos benchmark of issue 13: two instances, SIGKILL, 5xx and Telegram's limits.

Two asnbot instances in webhook mode (``bench/chaos_bot.py``, each its own OS
process) behind a round-robin balancer (``bench/chaos_cluster.py``), on one fresh
PostgreSQL database (migrated, the demo at a small size: ``bench/chaos_setup.py``),
sharing one emulator with Telegram's limits on (30 new messages in any sliding
second, about one a second per chat) that answers every call 25 ms late and one
call in ten with a 500 (seeded). Due when they start: an announcement to every
linked recipient and session reminders, sent by the instances' own dispatcher
job on the wall clock (moved to a working morning). Meanwhile one instance,
chosen at random, is killed with SIGKILL at random moments (seeded) and started
again; before each kill a user presses "Tidak bisa hadir" on their session card
through that instance, and types the reason through the other one
(``bench/chaos_steps.py``).

Counted at the end (``bench/chaos_ledger.py``): messages due, delivered, lost
(never delivered), doubled (copies beyond the first of one chat's notice), 429s
and the busiest second from the emulator's record; steps finished (the
participation is ``reschedule_requested``) and lost; when 90% and all were
delivered, from the start of the instances. A kill "lands between Telegram's
answer and the database write" when, just after it, the database still shows the
dead process's claim on a notice the emulator had delivered: that notice goes
out again after the 2-minute lease, the one repeat the delivery guarantee allows.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import subprocess
import time
from dataclasses import dataclass, field

from bench import chaos_steps as steps
from bench.chaos_cluster import Balancer, Instance, free_port
from bench.chaos_ledger import Ledger, answered_not_written, explain_429s, live, statuses
from bench.chaos_setup import Stage, build
from bench.common import DATA, TOKEN, Sizes, WorkingDayClock, say
from bot.settings import Settings
from models.db import create_engine
from sandbox import Emulator
from sandbox.checks import SENDING_METHODS
from sandbox.limits import busiest

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_chaos"
SEED = 13
DELAY = 0.025  # seconds, every Bot API call
ERROR_CHANCE = 0.1
GAP = (1.0, 6.0)  # seconds between one kill's restart and the next step
SETTLE = 0.5  # seconds for the dead process's last call to reach the emulator
WAIT_AFTER = 20 * 60.0  # at most, after the instances start, for the last delivery
SECRET = "chaos_Benchmark-13"
HASH_KEY = "c" * 64
TIMEZONE = "Asia/Jakarta"


@dataclass
class Kill:
    at: float  # seconds after the instances started
    instance: str
    answered_not_written: int  # notices delivered whose outcome the dead process never wrote
    step_started: bool


@dataclass
class ChaosResult:
    due: int
    delivered: int
    doubled: int
    too_many: int
    busiest: int
    injected: int  # 500s the emulator answered
    kills: list[Kill]
    steps: int
    steps_done: int
    to_90: float | None  # seconds after the instances started
    to_all: float | None
    failed_starts: int
    ended: dict[str, int]  # the notices' final status
    why_429: list[str] = field(default_factory=list)
    load: list[str] = field(default_factory=list)  # `uptime` before and after

    @property
    def lost(self) -> int:
        return self.due - self.delivered

    @property
    def steps_lost(self) -> int:
        return self.steps - self.steps_done

    @property
    def kills_in_window(self) -> int:
        return sum(1 for k in self.kills if k.answered_not_written)


@dataclass
class Bench:
    """Everything one run works with."""

    stage: Stage
    emulator: Emulator
    balancer: Balancer
    instances: list[Instance]
    ledger: Ledger
    rng: random.Random
    started: float = 0.0


def emulator_for(stage: Stage) -> Emulator:
    """Telegram's limits on, every call 25 ms late, one in ten a 500 (seeded)."""
    emulator = Emulator(token=TOKEN)
    for i, user_id in enumerate(stage.users.values()):
        emulator.user(user_id, first_name=f"Pegawai {i}")
    # The first rule that matches and comes up applies: the 500 (late too), else the delay.
    emulator.faults.fail(None, times=None, chance=ERROR_CHANCE, seed=SEED, delay=DELAY)
    emulator.faults.delay(DELAY, None, times=None)
    return emulator


def instances_for(emulator: Emulator, url: str, hook: str, since: float) -> list[Instance]:
    """Instances A and B: the settings an operator would give them, each its own port."""
    logs = DATA / "chaos"
    logs.mkdir(parents=True, exist_ok=True)
    found = []
    for name in ("A", "B"):
        env = {
            "ASNBOT_TOKEN": TOKEN,
            "ASNBOT_API_BASE_URL": emulator.base_url,
            "ASNBOT_API_BASE_FILE_URL": emulator.base_file_url,
            "ASNBOT_DATABASE_URL": url,
            "ASNBOT_WEBHOOK_URL": hook,
            "ASNBOT_WEBHOOK_SECRET": SECRET,
            "ASNBOT_LISTEN_PORT": str(free_port()),
            "ASNBOT_HASH_KEY": HASH_KEY,
            "ASNBOT_TIMEZONE": TIMEZONE,
            "ASNBOT_DATA_DIR": str(logs),
            "ASNBOT_LOG_LEVEL": "WARNING",
        }
        found.append(Instance(name, env, since, logs / f"instance-{name}.log"))
    return found


async def kill_and_step(bench: Bench, engine_url: str, number: int) -> Kill:
    """A step started on a random instance, that instance killed and started again, the
    step finished on the other one."""
    victim = bench.rng.randrange(len(bench.instances))
    instance = bench.instances[victim]
    stepper = bench.stage.steppers[number]
    user = bench.emulator.user(stepper.telegram_user_id)
    started = await steps.start_step(user, bench.balancer, victim)
    pid = await instance.kill()
    at = time.time() - bench.started
    restart = asyncio.create_task(instance.start())
    await asyncio.sleep(SETTLE)
    bench.ledger.update(bench.emulator.calls)
    engine = create_engine(engine_url)
    repeated = await answered_not_written(engine, pid, bench.ledger)
    await engine.dispose()
    if started:
        await steps.finish_step(user, bench.balancer, 1 - victim)
    await restart
    bench.balancer.target = None
    say(f"chaos: kill {number + 1} of instance {instance.name} at {at:.1f} s ({repeated} repeat)")
    return Kill(at, instance.name, repeated, started)


async def wait_until_sent(bench: Bench, engine_url: str) -> None:
    """Until none of the benchmark's notices is pending or claimed (or the time is up)."""
    engine = create_engine(engine_url)
    try:
        while time.time() - bench.started < WAIT_AFTER:
            bench.ledger.update(bench.emulator.calls)
            if not await live(engine):
                return
            await asyncio.sleep(1.0)
        say("chaos: time is up with notices still pending")
    finally:
        await engine.dispose()


async def progress(bench: Bench) -> None:
    """A line every 15 s while the run goes on."""
    while True:
        await asyncio.sleep(15)
        bench.ledger.update(bench.emulator.calls)
        say(
            f"chaos: {bench.ledger.delivered:,} of {bench.ledger.due:,} delivered, "
            f"{bench.ledger.doubled} doubled, {time.time() - bench.started:.0f} s"
        )


async def run(sizes: Sizes, url: str = DEFAULT_URL) -> ChaosResult:
    load = [uptime()]
    since = time.time()
    say(f"chaos: building {url.rsplit('/', 1)[-1]} ({sizes.chaos_employees:,} employees)")
    stage = await build(url, sizes, WorkingDayClock(since).now())
    engine = create_engine(url)
    tz = Settings(_env_file=None, timezone=TIMEZONE).tz  # type: ignore[call-arg]
    ledger = await Ledger.read(engine, stage.users, tz)
    await engine.dispose()
    emulator = emulator_for(stage)
    await emulator.start(host="127.0.0.1", port=0)
    port = free_port()
    instances = instances_for(emulator, url, f"http://127.0.0.1:{port}/telegram", since)
    balancer = Balancer([f"http://127.0.0.1:{i.env['ASNBOT_LISTEN_PORT']}" for i in instances])
    await balancer.start(port)
    bench = Bench(stage, emulator, balancer, instances, ledger, random.Random(SEED))
    say(f"chaos: {stage.due:,} due, {sizes.chaos_kills} kills; starting instances A and B")
    kills: list[Kill] = []
    ticker = asyncio.create_task(progress(bench))
    try:
        bench.started = time.time()
        await asyncio.gather(*(i.start() for i in instances))
        for number in range(sizes.chaos_kills):
            await asyncio.sleep(bench.rng.uniform(*GAP))
            kills.append(await kill_and_step(bench, url, number))
        await wait_until_sent(bench, url)
    finally:
        ticker.cancel()
        await asyncio.gather(*(i.stop() for i in instances))
        await balancer.stop()
        await emulator.stop()
    load.append(uptime())
    keep_record(emulator)
    return await result(bench, url, kills, load)


def keep_record(emulator: Emulator) -> None:
    """The emulator's record of calls, one JSON line each, for a closer look afterwards."""
    with (DATA / "chaos" / "calls.jsonl").open("w", encoding="utf-8") as out:
        for call in emulator.calls:
            line = {
                "method": call.method,
                "chat_id": call.params.get("chat_id"),
                "status": call.status,
                "at": call.at,
                "timestamp": call.timestamp,
                "text": str(call.params.get("text", ""))[:40],
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


async def result(bench: Bench, url: str, kills: list[Kill], load: list[str]) -> ChaosResult:
    """The figures, from the emulator's record and the database."""
    calls = bench.emulator.calls
    bench.ledger.update(calls)
    ledger = bench.ledger
    firsts = [t - bench.started for t in ledger.first_deliveries()]
    ninety = math.ceil(0.9 * ledger.due)
    engine = create_engine(url)
    steppers = [s.participation_id for s in bench.stage.steppers[: len(kills)]]
    done = await steps.rescheduled(engine, steppers)
    ended = await statuses(engine)
    await engine.dispose()
    sent = [c for c in calls if c.method in SENDING_METHODS and c.status == 200]
    return ChaosResult(
        due=ledger.due,
        delivered=ledger.delivered,
        doubled=ledger.doubled,
        too_many=sum(1 for c in calls if c.status == 429),
        busiest=busiest(c.at for c in sent),
        injected=sum(1 for c in calls if c.status == 500),
        kills=kills,
        steps=len(steppers),
        steps_done=done,
        to_90=firsts[ninety - 1] if len(firsts) >= ninety else None,
        to_all=firsts[-1] if firsts and ledger.delivered == ledger.due else None,
        failed_starts=sum(i.failed_starts for i in bench.instances),
        ended=ended,
        why_429=explain_429s(calls),
        load=load,
    )


def uptime() -> str:
    """The machine's load as ``uptime`` tells it."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
