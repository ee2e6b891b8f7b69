"""Parse an import file in a child process, so the bot keeps answering meanwhile.

Why a process and not a thread: parsing is pure Python (openpyxl's XML, the cell
parsers) and holds the GIL, so a thread still takes the CPU the event loop needs
and every other user's answer waits for its switch; a thread can also not be
stopped when a file takes too long. A child process runs on its own core, can be
killed at the time limit, and a hostile file that eats memory eats the child's.
It costs a start of about half a second and the pickling of the parsed rows
(figures in ``bench/RESULTS.md``); on two cores parsing then overlaps the
database writes, which the parent keeps on its event loop.

The parent sends the pickled :class:`ParseJob` on the child's stdin, which it
keeps open (the child ends when it closes, so a killed bot leaves no child
behind), and reads frames from its stdout, each a pickle after its length.
The child ends after :class:`End`, or after a :class:`Refused` (a
:class:`DomainError` the admin can fix) or :class:`Crashed` (a bug, with its
traceback for the parent's log). Leaving ``frames()`` early kills the child.

The child's entry point is :mod:`bot.imports.child`.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import sys
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from pathlib import Path
from typing import Protocol

from bot.imports.parsing import LENGTH_BYTES, Crashed, End, Frame, ParseJob, Refused

_ROOT = Path(__file__).resolve().parents[2]  # where the ``bot`` package lives
# The parent takes in a few frames (about 1 MB each) while it writes: the child parses on.
_READ_AHEAD = 4 * 1024 * 1024


class ImportWorkerCrashed(Exception):
    """The worker failed in a way that is a bug (its traceback is the message)."""


class ImportWorker(Protocol):
    """Where the pure half of an import runs: ``async with worker.frames(job) as frames``."""

    def frames(self, job: ParseJob) -> AbstractAsyncContextManager[AsyncIterator[Frame]]: ...


class ProcessWorker:
    """Each import in a fresh child process (a crashed or killed one leaves nothing behind)."""

    @asynccontextmanager
    async def frames(self, job: ParseJob) -> AsyncIterator[AsyncIterator[Frame]]:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.imports.child",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=_child_environment(),
            limit=_READ_AHEAD,
        )
        try:
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
            await process.stdin.drain()
            yield _read_frames(process.stdout)
        finally:
            if process.returncode is None:
                with suppress(ProcessLookupError):
                    process.kill()
            await process.wait()
            if process.stdin is not None:
                process.stdin.close()


async def _read_frames(stdout: asyncio.StreamReader) -> AsyncIterator[Frame]:
    while True:
        try:
            size = int.from_bytes(await stdout.readexactly(LENGTH_BYTES), "big")
            frame = pickle.loads(await stdout.readexactly(size))
        except asyncio.IncompleteReadError:
            raise ImportWorkerCrashed("the import worker ended without an answer") from None
        if isinstance(frame, Refused):
            raise frame.error()
        if isinstance(frame, Crashed):
            raise ImportWorkerCrashed(frame.trace)
        yield frame
        if isinstance(frame, End):
            return


def _child_environment() -> dict[str, str]:
    """The parent's environment, with this checkout first on the path (run from anywhere)."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{_ROOT}{os.pathsep}{path}" if path else str(_ROOT)}
