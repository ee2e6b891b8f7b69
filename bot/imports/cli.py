"""``asnbot import KIND FILE``: run an import and tell the operator how it went.

Exit codes: 0 imported, 1 rejected (every bad row printed, nothing written),
2 the file could not be read at all. The file is parsed in a worker process as
in the chat, without the chat's limits on size, rows and time (the operator's
own files may be national); a zip bomb is still refused.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.clock import SystemClock
from bot.core.errors import DomainError
from bot.imports.format import format_rejection, format_summary
from bot.imports.kinds import resolve
from bot.imports.service import import_file
from bot.imports.types import ImportRejected
from bot.settings import Settings
from bot.texts.domain import describe
from models.audit import AuditEvent
from models.db import create_engine, create_sessionmaker


async def run_import(settings: Settings, kind: str, path: Path, *, lang: str) -> int:
    """Import ``path`` and record an audit event in the same transaction.

    ``kind`` is an Indonesian name (``pegawai``) or its English alias (``employees``)."""
    kind = resolve(kind) or kind  # an unknown one is refused by import_file
    engine = create_engine(settings.effective_database_url)
    db = create_sessionmaker(engine)
    now = SystemClock().now()
    try:
        async with db.begin() as session:
            summary = await import_file(
                session, kind, path, tz=settings.tz, now=now, progress=sys.stderr.isatty()
            )
            session.add(
                AuditEvent(
                    at=now,
                    actor_kind="cli",
                    action=f"import.{kind}",
                    detail={
                        "file": Path(path).name,
                        "rows": summary.rows,
                        "created": summary.created,
                        "updated": summary.updated,
                        "warnings": len(summary.warnings),
                        **summary.details,
                    },
                )
            )
    except ImportRejected as rejected:
        print(format_rejection(rejected.errors, lang, total=rejected.total), file=sys.stderr)
        return 1
    except DomainError as exc:
        print(f"asnbot import: {describe(exc, lang)}", file=sys.stderr)
        return 2
    finally:
        await engine.dispose()
    print(format_summary(summary, lang))
    return 0
