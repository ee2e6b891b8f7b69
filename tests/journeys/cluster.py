"""Two bot instances in webhook mode behind a load balancer, on one database and one
emulator: scale-out as an operator runs it (README, "Scale-out").

The emulator calls the balancer's webhook; the balancer forwards each update,
headers included, to the instance the test routes to (:meth:`Cluster.route`), or
to each in turn when none is named. PostgreSQL and MariaDB only: SQLite is for
one process.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from pydantic import SecretStr

from bot.application import BotApplication, build_application, running
from bot.clock import FakeClock
from jobs import DISPATCHER
from models.db import create_engine
from sandbox import Emulator
from sandbox.state import CallRecord
from tests.journeys import conftest as harness
from tests.journeys.conftest import run_job
from tests.ports import free_port

SECRET = "skala_Keluar-2"


@dataclass
class Balancer:
    """Where each update goes: the instance routed to, else each in turn."""

    backends: list[str]
    forwarded: Counter[int] = field(default_factory=Counter)
    target: int | None = None

    def __post_init__(self) -> None:
        self._turn = itertools.cycle(range(len(self.backends)))

    def pick(self) -> int:
        return self.target if self.target is not None else next(self._turn)


@dataclass
class Cluster:
    """The instances, the emulator they share, and the balancer in front of them."""

    instances: list[BotApplication]
    emulator: Emulator
    balancer: Balancer

    def route(self, index: int | None) -> None:
        """Send the next updates to instance ``index`` (None: each in turn)."""
        self.balancer.target = index

    @property
    def forwarded(self) -> Counter[int]:
        return self.balancer.forwarded

    async def dispatch_everywhere(self) -> None:
        """Every instance runs its dispatcher job at the same moment."""
        await asyncio.gather(*(run_job(app, DISPATCHER) for app in self.instances))

    def sends(self) -> list[CallRecord]:
        return self.emulator.calls_to("sendMessage")


async def _serve(balancer: Balancer) -> web.AppRunner:
    http = aiohttp.ClientSession()

    async def forward(request: web.Request) -> web.Response:
        index = balancer.pick()
        balancer.forwarded[index] += 1
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with http.post(
            balancer.backends[index] + request.path, data=await request.read(), headers=headers
        ) as resp:
            return web.Response(status=resp.status, body=await resp.read())

    async def close(_app: web.Application) -> None:
        await http.close()

    app = web.Application()
    app.router.add_post("/{tail:.*}", forward)
    app.on_cleanup.append(close)
    runner = web.AppRunner(app)
    await runner.setup()
    return runner


@asynccontextmanager
async def running_cluster(
    database_url: str,
    clock: FakeClock,
    *,
    size: int = 2,
    limits: bool = False,
    **overrides: Any,
) -> AsyncIterator[Cluster]:
    """``size`` webhook instances behind a balancer; their jobs run when a test says so
    (``run_job``), never on the wall clock; ``overrides`` change their settings.
    ``limits``: the emulator enforces Telegram's limits, on the clock the instances
    pace themselves by (else it enforces none)."""
    if limits:
        emulator = Emulator(token=harness.TOKEN, monotonic=clock.seconds)
    else:
        emulator = Emulator(token=harness.TOKEN, rate_limits=False)
    await emulator.start(host="127.0.0.1", port=0)
    ports = [free_port() for _ in range(size)]
    balancer = Balancer([f"http://127.0.0.1:{p}" for p in ports])
    runner = await _serve(balancer)
    site_port = free_port()
    await web.TCPSite(runner, "127.0.0.1", site_port).start()
    instances: list[BotApplication] = []
    try:
        async with AsyncExitStack() as stack:
            for port in ports:
                settings = harness.test_settings(emulator, database_url).model_copy(
                    update={
                        "webhook_url": f"http://127.0.0.1:{site_port}/telegram",
                        "webhook_secret": SecretStr(SECRET),
                        "listen_port": port,
                        **overrides,
                    }
                )
                engine = create_engine(database_url)
                stack.push_async_callback(engine.dispose)
                application = build_application(settings, engine=engine, clock=clock)
                await stack.enter_async_context(running(application, settings, webhook=True))
                assert application.job_queue is not None
                for job in application.job_queue.jobs():
                    job.enabled = False
                instances.append(application)
            yield Cluster(instances, emulator, balancer)
    finally:
        await runner.cleanup()
        await emulator.stop()
