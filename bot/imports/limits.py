"""How much one import may take: file size, rows, the unpacked size of an XLSX, time.

An XLSX is a zip archive: a 1 MB file can unpack to gigabytes (a "zip bomb"),
so its members' sizes are checked before openpyxl opens it. The chat's
``/impor`` takes its limits from the settings (``ImportLimits.from_settings``);
``asnbot import`` runs the operator's own files, national ones included, and
keeps only the checks that protect the machine (``ImportLimits()``): the
compression ratio and the stop at a long run of blank rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.errors import DomainError

if TYPE_CHECKING:
    from bot.settings import Settings

MB = 1024 * 1024
# Reading stops after this many blank rows in a row: a sheet whose formatting runs
# down to row 1,048,576 costs nothing, and no real file has such a gap inside its data.
BLANK_RUN = 1000
# Spreadsheet XML packs about 5-20 to 1; a zip bomb packs hundreds or thousands to 1.
MAX_RATIO = 100
# Members smaller than this are not judged by their ratio (a tiny file packs oddly).
RATIO_FLOOR = MB


@dataclass(frozen=True)
class ImportLimits:
    """``None`` means no limit."""

    max_file_bytes: int | None = None
    max_rows: int | None = None
    max_unpacked_bytes: int | None = None
    max_seconds: float | None = None
    max_ratio: int = MAX_RATIO

    @classmethod
    def from_settings(cls, settings: Settings) -> ImportLimits:
        return cls(
            max_file_bytes=int(settings.import_max_file_mb * MB),
            max_rows=settings.import_max_rows,
            max_unpacked_bytes=int(settings.import_max_unpacked_mb * MB),
            max_seconds=settings.import_timeout_seconds,
        )


class ImportLimitExceeded(DomainError):
    """A file over one of the limits; nothing was written.

    Its parameters are numbers (sizes in MB, rows, seconds); the catalogue formats
    them for the reader's language.
    """


def megabytes(size: int) -> float:
    """A size in MB as messages show it: one decimal, never 0 for a non-empty file."""
    return max(round(size / MB, 1), 0.1) if size else 0.0
