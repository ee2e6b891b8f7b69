"""Import employees, sessions, participants, results and courses from CSV or XLSX.

Used by ``asnbot import KIND FILE`` and by the admins' ``/impor`` chat command::

    from bot.imports import import_file, ImportRejected, format_rejection, format_summary
    summary = await import_file(db, "employees", path, tz=settings.tz, now=clock.now())

Every row is checked first; any bad row rejects the file with all of them
listed (:class:`ImportRejected`) and nothing written. The formats are in
``docs/data-formats.md``; templates in ``templates/``.
"""

from bot.imports.format import format_rejection, format_summary
from bot.imports.service import KINDS, import_file
from bot.imports.types import ImportRejected, ImportSummary, RowError

__all__ = [
    "KINDS",
    "ImportRejected",
    "ImportSummary",
    "RowError",
    "format_rejection",
    "format_summary",
    "import_file",
]
