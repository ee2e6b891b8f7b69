"""Where an import's parsing runs, and what the event loop feels meanwhile (issue 12).

    .venv/bin/python -m bench.import_worker

Two workloads, each run on the event loop (as ``/impor`` did), in a thread
(``asyncio.to_thread`` per 5,000 rows) and in a child process, while a ticker on
the loop asks to wake every 10 ms: how late it wakes is what another user's
``/bantuan`` would wait. Prints a Markdown table.

- The report's 1.5 MB XLSX of 300,000 blank rows, read whole the way the old
  reader did (openpyxl read-only, every row); the process is a
  ``ProcessPoolExecutor`` child (spawned, so its start is counted).
- 100,000 employees as XLSX (the chat's row limit), parsed by the import's own
  ``parse_file``; the process is the import's ``ProcessWorker``.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.common import say
from bot.imports.parsing import Frame, ParseJob, parse_file
from bot.imports.types import ImportContext
from bot.imports.worker import ImportWorker, ProcessWorker

CTX = ImportContext(tz=ZoneInfo("Asia/Jakarta"), now=datetime(2025, 3, 3, tzinfo=UTC))
TICK = 0.010
CHUNK = 5000


@dataclass
class Run:
    file: str
    mode: str
    seconds: float
    lags: list[float]


def _rows(path: Path) -> Iterator[tuple[Any, ...]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def read_whole(path: Path) -> int:
    """The old reader's work on a sheet: every row, blank or not."""
    return sum(1 for _ in _rows(path))


async def whole_on_loop(path: Path) -> None:
    read_whole(path)


async def whole_in_thread(path: Path) -> None:
    rows = _rows(path)
    while await asyncio.to_thread(lambda: len(list(islice(rows, CHUNK)))):
        pass


async def whole_in_process(path: Path) -> None:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        await asyncio.get_running_loop().run_in_executor(pool, read_whole, path)


class LoopWorker:
    """``parse_file`` on the event loop itself."""

    @asynccontextmanager
    async def frames(self, job: ParseJob) -> AsyncIterator[AsyncIterator[Frame]]:
        async def each() -> AsyncIterator[Frame]:
            for frame in parse_file(job):
                yield frame

        yield each()


class ThreadWorker:
    """``parse_file`` in a thread of this process, one frame per ``to_thread`` call."""

    @asynccontextmanager
    async def frames(self, job: ParseJob) -> AsyncIterator[AsyncIterator[Frame]]:
        frames: Iterator[Frame] = parse_file(job)

        async def each() -> AsyncIterator[Frame]:
            while (frame := await asyncio.to_thread(next, frames, None)) is not None:
                yield frame

        yield each()


def parsed_by(worker: ImportWorker) -> Callable[[Path], Awaitable[None]]:
    async def parse(path: Path) -> None:
        async with worker.frames(ParseJob("employees", str(path), CTX)) as frames:
            async for _frame in frames:
                pass

    return parse


async def measure(file: str, mode: str, work: Awaitable[None]) -> Run:
    lags: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        while not done.is_set():
            asked = time.perf_counter()
            await asyncio.sleep(TICK)
            lags.append(time.perf_counter() - asked - TICK)

    ticking = asyncio.create_task(ticker())
    await asyncio.sleep(TICK * 3)
    lags.clear()
    started = time.perf_counter()
    await work
    seconds = time.perf_counter() - started
    done.set()
    await ticking
    return Run(file, mode, seconds, lags)


def write_files(folder: Path) -> tuple[Path, Path]:
    from openpyxl import Workbook

    from tests.factories import EMPLOYEE_HEADER
    from tests.hostile_files import with_blank_rows, xlsx

    budi = ["198609262015051001", "Budi Santoso", "PNS", "BKPSDM", "BKPSDM", "badan", ""]
    budi += ["Kepala Bidang", "Administrator", "", "0812-3456-7890", "", "Ya"]
    blank = folder / "blank.xlsx"
    blank.write_bytes(with_blank_rows(xlsx(EMPLOYEE_HEADER, [budi]), 3, 300_000))
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(EMPLOYEE_HEADER)
    for n in range(100_000):
        sheet.append([f"19860926201505{n % 10000:04d}", f"Pegawai {n}", *budi[2:]])
    employees = folder / "pegawai-100000.xlsx"
    book.save(employees)
    return blank, employees


def table(runs: list[Run]) -> str:
    lines = [
        "| file | parsed | seconds | loop lag p50 | p99 | max |",
        "|---|---|---|---|---|---|",
    ]
    for r in runs:
        lags = sorted(r.lags) or [0.0]
        p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))]
        lines.append(
            f"| {r.file} | {r.mode} | {r.seconds:.1f} | {statistics.median(lags) * 1000:.0f} ms "
            f"| {p99 * 1000:.0f} ms | {lags[-1] * 1000:.0f} ms |"
        )
    return "\n".join(lines)


async def run() -> list[Run]:
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        blank, employees = write_files(Path(folder))
        # The blank file first: parse_file below changes openpyxl in this process.
        name = "300,000 blank rows, read whole"
        for mode, work in (
            ("on the event loop", whole_on_loop),
            ("in a thread", whole_in_thread),
            ("in a process", whole_in_process),
        ):
            say(f"import worker: {name}, {mode}")
            runs.append(await measure(name, mode, work(blank)))
        name = "100,000 employees"
        for mode, worker in (
            ("on the event loop", LoopWorker()),
            ("in a thread", ThreadWorker()),
            ("in the worker process", ProcessWorker()),
        ):
            say(f"import worker: {name}, {mode}")
            runs.append(await measure(name, mode, parsed_by(worker)(employees)))
    return runs


if __name__ == "__main__":
    print(table(asyncio.run(run())))
