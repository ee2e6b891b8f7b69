"""``import_file``: read a file, check every row, write it all or nothing.

Rows are read and parsed in a worker process (:mod:`bot.imports.worker`), so the
event loop stays free for other users; they arrive in batches and are checked
against the database and the rest of the file, then written, in the caller's
session on the event loop. Writing stops at the first error, but checking goes
on to the last row, so the admin gets every bad row at once. Any error raises
:class:`ImportRejected`, which rolls the whole transaction back. Over the time
limit the worker is killed and :class:`ImportLimitExceeded` rolls back too.
"""

from __future__ import annotations

import asyncio
import sys
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.errors import DomainError
from bot.imports.employees import EmployeeImporter
from bot.imports.holidays import HolidayImporter
from bot.imports.importer import Importer
from bot.imports.kinds import KINDS, listed, resolve
from bot.imports.limits import ImportLimitExceeded, ImportLimits
from bot.imports.parsing import Batch, End, Header, ParseJob
from bot.imports.records import CourseImporter, ParticipantImporter, SessionImporter
from bot.imports.results import ResultImporter
from bot.imports.types import ImportContext, ImportRejected, ImportSummary, RowError
from bot.imports.worker import ImportWorker, ProcessWorker
from models.upserts import CHUNK_SIZE

__all__ = ["KINDS", "import_file"]

IMPORTERS: dict[str, type[Importer[Any]]] = {
    "employees": EmployeeImporter,
    "sessions": SessionImporter,
    "participants": ParticipantImporter,
    "results": ResultImporter,
    "courses": CourseImporter,
    "holidays": HolidayImporter,
}
# Below this many rows a progress bar only flickers.
PROGRESS_MIN_ROWS = 2000
# Errors kept to list (the chat's file, the terminal); beyond, they are only counted,
# so a file of 100,000 wrong rows cannot fill the bot's memory with messages.
MAX_LISTED_ERRORS = 10_000


async def import_file(
    db: async_sessionmaker[AsyncSession] | AsyncSession,
    kind: str,
    path: Path | str,
    *,
    tz: ZoneInfo,
    now: datetime,
    limits: ImportLimits | None = None,
    worker: ImportWorker | None = None,
    progress: bool = False,
) -> ImportSummary:
    """Import ``path`` as ``kind``; all rows are written or none.

    Given a session factory, the import runs in its own transaction. Given a
    session, it runs in the caller's transaction (so the caller can add an audit
    event); let :class:`ImportRejected` propagate out of it so it rolls back.
    """
    known = resolve(kind)  # "pegawai", or its English alias "employees"
    if known is None:
        raise DomainError("import.unknown_kind", kind=kind, kinds=listed())
    kind = known
    limits = limits or ImportLimits()
    job = ParseJob(kind, str(path), ImportContext(tz=tz, now=now), limits)
    worker = worker or ProcessWorker()
    try:
        async with asyncio.timeout(limits.max_seconds) as deadline:
            if isinstance(db, AsyncSession):
                return await _run(db, job, worker, progress)
            async with db.begin() as session:
                return await _run(session, job, worker, progress)
    except TimeoutError:
        if deadline.expired():
            raise ImportLimitExceeded("import.too_slow", limit=limits.max_seconds) from None
        raise


async def _run(
    session: AsyncSession, job: ParseJob, worker: ImportWorker, progress: bool
) -> ImportSummary:
    async with worker.frames(job) as frames:
        header = await anext(frames)
        assert isinstance(header, Header)
        importer = IMPORTERS[job.kind](session, job.ctx, [name for name in header.columns if name])
        errors = Errors(await importer.load())
        warnings: list[RowError] = []
        batch: list[Any] = []
        count = 0
        stopped_at = None
        with _progress_bar(header, progress) as bar:
            async for frame in frames:
                if isinstance(frame, End):
                    stopped_at = frame.stopped_at
                    break
                assert isinstance(frame, Batch)
                count += frame.read
                errors.add(frame.errors)
                for parsed in frame.rows:
                    warnings.extend(getattr(parsed, "warnings", ()))
                    batch.append(parsed)
                    if len(batch) >= CHUNK_SIZE:
                        errors.add(await _flush(importer, batch, write=not errors))
                        batch = []
                if bar is not None:
                    bar.update(frame.read)
    errors.add(await _flush(importer, batch, write=not errors))
    errors.add(await importer.finish(write=not errors))
    if errors:
        raise ImportRejected(errors.listed(), total=errors.total)
    return ImportSummary(
        job.kind,
        count,
        importer.created,
        importer.updated,
        warnings,
        dict(importer.details),
        stopped_at=stopped_at,
    )


class Errors:
    """Every error counted; the first ``MAX_LISTED_ERRORS`` kept to be listed."""

    def __init__(self, first: list[RowError]) -> None:
        self.kept: list[RowError] = []
        self.total = 0
        self.add(first)

    def add(self, errors: list[RowError]) -> None:
        self.total += len(errors)
        self.kept.extend(errors[: MAX_LISTED_ERRORS - len(self.kept)])

    def __bool__(self) -> bool:
        return self.total > 0

    def listed(self) -> list[RowError]:
        return sorted(self.kept, key=lambda e: e.row)


async def _flush(importer: Importer[Any], batch: list[Any], *, write: bool) -> list[RowError]:
    if not batch:
        return []
    errors = await importer.check(batch)
    if write and not errors:
        await importer.write(batch)
    return errors


def _progress_bar(header: Header, progress: bool) -> AbstractContextManager[Any]:
    if not progress or (header.estimated_rows or 0) <= PROGRESS_MIN_ROWS:
        return nullcontext(None)
    from tqdm import tqdm  # type: ignore[import-untyped]

    bar: AbstractContextManager[Any] = tqdm(
        total=header.estimated_rows, file=sys.stderr, unit=" rows"
    )
    return bar
