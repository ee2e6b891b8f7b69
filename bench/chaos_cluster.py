"""The chaos benchmark's cluster: bot instances as OS processes behind a round-robin
balancer, and a supervisor that starts them again.

The balancer is what nginx's ``upstream`` with ``proxy_next_upstream error`` does:
each update goes to the next instance in turn (or to the one the benchmark routes
to), and an instance that does not answer, killed, is skipped for the next one.
An instance whose start fails (a 5xx from the emulator on ``getMe``,
``setMyCommands`` or ``setWebhook`` ends the process) is started again, as
systemd's ``Restart=always`` would.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web

from bench.common import PYTHON, ROOT

STOP_TIMEOUT = 30.0
START_TIMEOUT = 120.0


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Balancer:
    """Round robin over ``backends``, or to ``target`` when set; skips one that is down."""

    backends: list[str]
    target: int | None = None
    forwarded: Counter[int] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._turn = itertools.cycle(range(len(self.backends)))
        self._http: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None

    def order(self) -> list[int]:
        first = self.target if self.target is not None else next(self._turn)
        return [first] + [i for i in range(len(self.backends)) if i != first]

    async def forward(self, request: web.Request) -> web.Response:
        assert self._http is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        for index in self.order():
            try:
                async with self._http.post(
                    self.backends[index] + request.path, data=body, headers=headers
                ) as resp:
                    self.forwarded[index] += 1
                    return web.Response(status=resp.status, body=await resp.read())
            except (aiohttp.ClientError, OSError):
                continue
        return web.Response(status=502)

    async def start(self, port: int) -> None:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        app = web.Application()
        app.router.add_post("/{tail:.*}", self.forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()


@dataclass
class Instance:
    """One bot process under supervision: started, killed, started again."""

    name: str
    env: dict[str, str]
    since: float
    log: Path
    process: asyncio.subprocess.Process | None = None
    failed_starts: int = 0
    kills: list[tuple[float, int]] = field(default_factory=list)  # (wall time, pid)

    async def start(self) -> None:
        """Start the process and wait until it says ``ready``; a start that fails (or
        hangs for :data:`START_TIMEOUT` s) is tried again after a second."""
        while True:
            with self.log.open("ab") as log:
                self.process = await asyncio.create_subprocess_exec(
                    PYTHON,
                    "-m",
                    "bench.chaos_bot",
                    repr(self.since),
                    env={**os.environ, **self.env},
                    stdout=asyncio.subprocess.PIPE,
                    stderr=log,
                    cwd=ROOT,
                )
            assert self.process.stdout is not None
            try:
                line = await asyncio.wait_for(self.process.stdout.readline(), START_TIMEOUT)
            except TimeoutError:
                line = b""
                self.process.kill()
            if line.strip() == b"ready":
                return
            await self.process.wait()
            self.failed_starts += 1
            await asyncio.sleep(1.0)

    async def kill(self) -> int:
        """SIGKILL: no shutdown, no last write. The pid it had."""
        assert self.process is not None
        pid = self.process.pid
        self.process.send_signal(signal.SIGKILL)
        self.kills.append((time.time(), pid))
        await self.process.wait()
        return pid

    async def stop(self) -> None:
        """SIGTERM, and wait for the graceful end (SIGKILL if it takes too long)."""
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
