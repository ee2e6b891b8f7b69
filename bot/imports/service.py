"""``import_file``: read a file, check every row, write it all or nothing.

Rows are parsed one by one (pure), then checked against the database and the
rest of the file in batches. Writing stops at the first error, but checking goes
on to the last row, so the admin gets every bad row at once. Any error raises
:class:`ImportRejected`, which rolls the whole transaction back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.errors import DomainError
from bot.imports.employees import EmployeeImporter
from bot.imports.holidays import HolidayImporter
from bot.imports.importer import Importer
from bot.imports.reader import Table, normalise_header, open_table
from bot.imports.records import (
    CourseImporter,
    ParticipantImporter,
    ResultImporter,
    SessionImporter,
)
from bot.imports.rows import COLUMNS, COMPETENCY_HEADER, PARSERS, STANDARD_PREFIX
from bot.imports.types import ImportContext, ImportRejected, ImportSummary, RowError
from models.upserts import CHUNK_SIZE

KINDS = ("employees", "sessions", "participants", "results", "courses", "holidays")
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


async def import_file(
    db: async_sessionmaker[AsyncSession] | AsyncSession,
    kind: str,
    path: Path | str,
    *,
    tz: ZoneInfo,
    now: datetime,
    progress: bool = False,
) -> ImportSummary:
    """Import ``path`` as ``kind``; all rows are written or none.

    Given a session factory, the import runs in its own transaction. Given a
    session, it runs in the caller's transaction (so the caller can add an audit
    event); let :class:`ImportRejected` propagate out of it so it rolls back.
    """
    if kind not in KINDS:
        raise DomainError("import.unknown_kind", kind=kind, kinds=", ".join(KINDS))
    ctx = ImportContext(tz=tz, now=now)
    with open_table(Path(path)) as table:
        columns = resolve_headers(kind, table.headers)
        if isinstance(db, AsyncSession):
            return await _run(db, kind, table, columns, ctx, progress)
        async with db.begin() as session:
            return await _run(session, kind, table, columns, ctx, progress)


def resolve_headers(kind: str, headers: Sequence[object]) -> list[str | None]:
    """Each file column's template header (``None`` for a column we do not know).

    Raises :class:`DomainError` naming the missing required headers, or a header
    given twice.
    """
    required, optional = COLUMNS[kind]
    known = {normalise_header(name): name for name in required + optional}
    resolved: list[str | None] = []
    for header in headers:
        key = normalise_header(header)
        name = known.get(key)
        match = COMPETENCY_HEADER.fullmatch(key) if kind == "results" else None
        if name is None and match:
            code = match[2].upper()
            name = STANDARD_PREFIX + code if match[1] else code
        if name is not None and name in resolved:
            raise DomainError("import.duplicate_header", header=name)
        resolved.append(name)
    missing = [name for name in required if name not in resolved]
    if missing:
        raise DomainError("import.missing_header", headers=", ".join(missing), count=len(missing))
    return resolved


async def _run(
    session: AsyncSession,
    kind: str,
    table: Table,
    columns: list[str | None],
    ctx: ImportContext,
    progress: bool,
) -> ImportSummary:
    importer = IMPORTERS[kind](session, ctx, [name for name in columns if name])
    errors = await importer.load()
    parse = PARSERS[kind]
    warnings: list[RowError] = []
    batch: list[Any] = []
    count = 0
    for number, cells in _with_progress(table, progress):
        count += 1
        values = {name: cell for name, cell in zip(columns, cells, strict=False) if name}
        parsed = parse(values, number, ctx)
        if isinstance(parsed, list):
            errors += parsed
            continue
        warnings.extend(getattr(parsed, "warnings", ()))
        batch.append(parsed)
        if len(batch) >= CHUNK_SIZE:
            errors += await _flush(importer, batch, write=not errors)
            batch = []
    errors += await _flush(importer, batch, write=not errors)
    errors += await importer.finish(write=not errors)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.row))
    return ImportSummary(
        kind, count, importer.created, importer.updated, warnings, dict(importer.details)
    )


async def _flush(importer: Importer[Any], batch: list[Any], *, write: bool) -> list[RowError]:
    if not batch:
        return []
    errors = await importer.check(batch)
    if write and not errors:
        await importer.write(batch)
    return errors


def _with_progress(table: Table, progress: bool) -> Iterator[tuple[int, list[Any]]]:
    if not progress or (table.estimated_rows or 0) <= PROGRESS_MIN_ROWS:
        yield from table.rows
        return
    from tqdm import tqdm  # type: ignore[import-untyped]

    with tqdm(table.rows, total=table.estimated_rows, file=sys.stderr, unit=" rows") as bar:
        yield from bar
