"""Import employees, sessions, participants, results and courses from CSV or XLSX.

Used by ``asnbot import KIND FILE`` and by the admins' ``/impor`` chat command::

    from bot.imports import import_file, ImportRejected, format_rejection, format_summary
    summary = await import_file(db, "employees", path, tz=settings.tz, now=clock.now())

Every row is checked first; any bad row rejects the file with all of them
listed (:class:`ImportRejected`) and nothing written. The formats are in
``docs/data-formats.md``; templates in ``bot/imports/templates/``
(:mod:`bot.imports.template_files`).

The names below load on first use: the import worker (a child process that
imports only the parsing half) then starts without the database drivers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.imports.format import format_rejection, format_summary
    from bot.imports.limits import ImportLimitExceeded, ImportLimits
    from bot.imports.service import KINDS, import_file
    from bot.imports.types import ImportRejected, ImportSummary, RowError

_HOMES = {
    "format_rejection": "bot.imports.format",
    "format_summary": "bot.imports.format",
    "ImportLimitExceeded": "bot.imports.limits",
    "ImportLimits": "bot.imports.limits",
    "KINDS": "bot.imports.service",
    "import_file": "bot.imports.service",
    "ImportRejected": "bot.imports.types",
    "ImportSummary": "bot.imports.types",
    "RowError": "bot.imports.types",
}

__all__ = [
    "KINDS",
    "ImportLimitExceeded",
    "ImportLimits",
    "ImportRejected",
    "ImportSummary",
    "RowError",
    "format_rejection",
    "format_summary",
    "import_file",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
