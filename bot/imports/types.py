"""What an import reports: a bad cell, the rejection of a file, the summary of a success."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.core.errors import DomainError


@dataclass(frozen=True)
class RowError:
    """One problem in one cell, as the admin sees the spreadsheet.

    ``row`` is the spreadsheet row number (the header is row 1), ``column`` the
    column header as the template spells it, and ``reason`` a catalogue key
    (``import.*`` or a NIP key) whose placeholders are in ``params``.
    """

    row: int
    column: str
    reason: str
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def message(self, lang: str = "id") -> str:
        from bot.texts import t

        return t(self.reason, lang, **self.params)


@dataclass(frozen=True)
class ImportSummary:
    """A successful import: ``rows`` read, records ``created`` and ``updated``.

    Rows that matched an existing record without changing it count as neither.
    ``details`` counts side effects such as units and positions created.
    ``stopped_at`` is the row where a long run of blank rows ended the reading
    although the sheet went on (:mod:`bot.imports.reader`).
    """

    kind: str
    rows: int
    created: int
    updated: int
    warnings: list[RowError] = field(default_factory=list)
    details: dict[str, int] = field(default_factory=dict)
    stopped_at: int | None = None

    @property
    def unchanged(self) -> int:
        return self.rows - self.created - self.updated


class ImportRejected(DomainError):
    """The file has bad rows; nothing was written. ``errors`` lists them by row,
    every one unless there were more than could be kept (``total`` counts all)."""

    def __init__(self, errors: list[RowError], *, total: int | None = None) -> None:
        self.total = len(errors) if total is None else total
        super().__init__("import.rejected", count=self.total)
        self.errors = errors


@dataclass(frozen=True)
class ImportContext:
    """The time zone for local times in the file, and "now" (UTC) for the NIP checks."""

    tz: ZoneInfo
    now: datetime
    today: date = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "today", self.now.astimezone(self.tz).date())


def row_error(row: int, column: str, reason: str, **params: object) -> RowError:
    """A :class:`RowError` with its message parameters as keywords."""
    return RowError(row, column, reason, params)
