"""The pure half of an import: read the file and parse every row (no database).

``parse_file`` runs in the worker (:mod:`bot.imports.worker`) and yields frames:
a :class:`Header` with the file's columns as the template names them, then
:class:`Batch` es of parsed rows and row errors, then :class:`End`. The driver
(:mod:`bot.imports.service`) checks and writes the batches on the event loop.
A file that cannot be read at all, or is over a limit, raises :class:`DomainError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.errors import DomainError
from bot.imports.columns import COLUMNS, COMPETENCY_HEADER, STANDARD_PREFIX
from bot.imports.limits import ImportLimits
from bot.imports.reader import normalise_header, open_table
from bot.imports.rows import PARSERS
from bot.imports.types import ImportContext, RowError

# Rows per frame: big enough that sending costs little, small enough to start writing soon.
BATCH_ROWS = 5000
# Each frame on the worker's pipe is a pickle after its length in this many bytes.
LENGTH_BYTES = 8


@dataclass(frozen=True)
class ParseJob:
    """What the worker needs: everything picklable."""

    kind: str
    path: str
    ctx: ImportContext
    limits: ImportLimits = field(default_factory=ImportLimits)


@dataclass(frozen=True)
class Header:
    columns: list[str | None]
    estimated_rows: int | None


@dataclass(frozen=True)
class Batch:
    """Up to ``BATCH_ROWS`` rows read: the good ones parsed, the bad ones' errors."""

    rows: list[Any]
    errors: list[RowError]
    read: int


@dataclass(frozen=True)
class End:
    """The last frame. ``stopped_at``: the row where a long blank run ended the reading
    although the sheet went on (``None`` when the file was read to its end)."""

    stopped_at: int | None


@dataclass(frozen=True)
class Refused:
    """Instead of more frames: the file cannot be imported, for a reason the admin can fix."""

    error_type: type[DomainError]
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def error(self) -> DomainError:
        return self.error_type(self.key, **self.params)


@dataclass(frozen=True)
class Crashed:
    """Instead of more frames: a bug in the worker, with its traceback for the log."""

    trace: str


Frame = Header | Batch | End


def parse_file(job: ParseJob) -> Iterator[Frame]:
    """Read ``job.path`` as ``job.kind``; frames as described in the module docstring."""
    with open_table(Path(job.path), job.limits) as table:
        columns = resolve_headers(job.kind, table.headers)
        yield Header(columns, table.estimated_rows)
        parse = PARSERS[job.kind]
        rows: list[Any] = []
        errors: list[RowError] = []
        read = 0
        for number, cells in table.rows:
            read += 1
            values = {name: cell for name, cell in zip(columns, cells, strict=False) if name}
            parsed = parse(values, number, job.ctx)
            if isinstance(parsed, list):
                errors += parsed
            else:
                rows.append(parsed)
            if read == BATCH_ROWS:
                yield Batch(rows, errors, read)
                rows, errors, read = [], [], 0
        if read:
            yield Batch(rows, errors, read)
        yield End(table.stopped_at)


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
