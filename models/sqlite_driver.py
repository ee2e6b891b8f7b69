"""Which SQLite dialect the engine uses: SQLAlchemy's own ``sqlite+aiosqlite``, or the
one-round-trip one (:mod:`models.sqlite_onehop`) on the exact versions it was written for.

The one-round-trip dialect subclasses private parts of SQLAlchemy's aiosqlite adapter
and uses aiosqlite's private ``Connection._execute``/``_conn``; it halves the time of
a statement (``bench/RESULTS.md``, issue 17). Private parts change without notice, so
it is used only when the installed SQLAlchemy and aiosqlite are exactly
:data:`WRITTEN_FOR` (what ``requirements.lock`` pins); any other release gets the
stock dialect, which ``tests/models/test_sqlite_driver.py`` runs the same tests on.
When the lock moves, check ``models/sqlite_onehop.py`` against the new releases (and
the bench), then update :data:`WRITTEN_FOR`, or delete both modules.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

STOCK = "aiosqlite"
ONE_HOP = "aiosqlite_onehop"

WRITTEN_FOR = {"sqlalchemy": "2.1.9", "aiosqlite": "0.22.1"}


def installed() -> dict[str, str]:
    return {name: metadata.version(name) for name in WRITTEN_FOR}


@cache
def driver() -> str:
    """The driver name for ``sqlite+aiosqlite`` URLs (the one-hop dialect registered
    on first use when the versions match)."""
    if installed() != WRITTEN_FOR:
        return STOCK
    import models.sqlite_onehop  # noqa: F401  (registers the dialect)

    return ONE_HOP
