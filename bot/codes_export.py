"""``asnbot codes issue``: new activation codes, one XLSX per OPD to hand out.

The files hold NIP, name and the plain code, so they are private (a 0700 folder
of 0600 files, whatever the umask) and they exist before anything changes in
the database: the sheets are written into a temporary folder next to ``--out``
and renamed into place, and only then are the new codes stored and the earlier
ones expired, in one transaction. A failure at any step leaves the earlier codes
working and says so; files whose codes never became valid are deleted.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock, SystemClock
from bot.core.codes import generate_code, hash_code
from bot.settings import Settings
from bot.sheets import put
from bot.texts import t
from bot.texts.formatting import format_short_date
from models.db import create_engine, create_sessionmaker
from models.org import Employee
from models.queries.audit import audit
from models.queries.codes import employees_for_codes, issue_codes, opd_codes
from models.queries.links import code_by_hash

HEADERS = ("NIP", "Nama", "Unit Kerja", "Kode Aktivasi", "Berlaku Sampai")
WIDTHS = (22, 36, 40, 16, 18)
FOLDER_MODE = 0o700
FILE_MODE = 0o600

Issued = list[tuple[Employee, str]]


async def run_issue_codes(
    settings: Settings,
    *,
    unit_code: str | None,
    out_dir: Path,
    lang: str = "id",
    clock: Clock | None = None,
) -> int:
    """Write ``kode-aktivasi-<OPD>.xlsx`` files, then make their codes the valid ones."""
    refusal = _refusal(out_dir)
    if refusal:
        _tell(t(refusal, lang, folder=out_dir), t("codes.unchanged", lang))
        return 1
    engine = create_engine(settings.effective_database_url)
    now = (clock or SystemClock()).now()
    valid_for = timedelta(days=settings.activation_code_days)
    try:
        issued = await _issue(
            create_sessionmaker(engine), settings, unit_code, out_dir, lang, now=now
        )
    finally:
        await engine.dispose()
    if issued is None:
        return 1
    count, files = issued
    expires = format_short_date(now + valid_for, lang, settings.tz)
    print(t("codes.issued", lang, count=count, expires=expires))
    for path in files:
        print(f"  {path}")
    print(t("codes.private", lang))
    return 0


async def _issue(
    db: async_sessionmaker[AsyncSession],
    settings: Settings,
    unit_code: str | None,
    out_dir: Path,
    lang: str,
    *,
    now: datetime,
) -> tuple[int, list[Path]] | None:
    """Write the files, then store their codes; None (after saying why) when the old
    codes stay the valid ones."""
    try:
        async with db() as session:
            employees = await employees_for_codes(session, unit_code=unit_code)
            opd_of = await opd_codes(session)
    except (SQLAlchemyError, OSError) as error:
        reason = _database_reason(error)
        _tell(t("codes.read_failed", lang, reason=reason), t("codes.unchanged", lang))
        return None
    if not employees:
        key = "codes.no_employees_in_unit" if unit_code else "codes.no_employees"
        _tell(t(key, lang, unit=unit_code))
        return None
    valid_for = timedelta(days=settings.activation_code_days)
    rng = random.SystemRandom()
    issued = [(employee, generate_code(rng)) for employee in employees]
    try:
        # The sheets go to the OPDs in Indonesian, whatever the operator reads.
        files = write_code_files(
            issued,
            opd_of=opd_of,
            out_dir=out_dir,
            expires=format_short_date(now + valid_for, "id", settings.tz),
        )
    except OSError as error:
        reason = _reason(error, lang)
        _tell(
            t("codes.write_failed", lang, folder=out_dir, reason=reason),
            t("codes.unchanged", lang),
        )
        return None
    try:
        await _store(db, issued, now=now, valid_for=valid_for, unit_code=unit_code)
    except (SQLAlchemyError, OSError) as error:
        if not await _saved_after_all(db, issued, out_dir, error, lang):
            return None
    return len(issued), files


def write_code_files(
    issued: Issued, *, opd_of: Mapping[int, str], out_dir: Path, expires: str
) -> list[Path]:
    """One sheet per OPD, written in a private folder that is then renamed to ``out_dir``
    (which must be missing or empty); on any error nothing is left behind."""
    by_opd: dict[str, Issued] = defaultdict(list)
    for employee, code in issued:
        by_opd[opd_of[employee.unit_id]].append((employee, code))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        os.chmod(staging, FOLDER_MODE)  # mkdtemp asks for 0700, but the umask may take more
        names: list[str] = []
        for opd_code, rows in sorted(by_opd.items()):
            stem = f"kode-aktivasi-{re.sub(r'[^A-Za-z0-9_-]+', '-', opd_code)}"
            # Two codes may clean up to one name ("A/B", "A-B"): never overwrite.
            taken = f"{stem}.xlsx" in names
            names.append(f"{stem}-{len(names)}.xlsx" if taken else f"{stem}.xlsx")
            _write_sheet(staging / names[-1], rows, expires)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / name for name in names]


def _write_sheet(path: Path, rows: Issued, expires: str) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kode Aktivasi"
    table = [HEADERS, *((e.nip, e.name, e.unit.name, code, expires) for e, code in rows)]
    for row, values in enumerate(table, start=1):
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value)
    for letter, width in zip("ABCDE", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    # Created private (never readable by others, not even for a moment), and set
    # again after, as the umask may have taken the owner's bits too.
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.fchmod(handle, FILE_MODE)
    with os.fdopen(handle, "wb") as file:
        book.save(file)


async def _store(
    db: async_sessionmaker[AsyncSession],
    issued: Issued,
    *,
    now: datetime,
    valid_for: timedelta,
    unit_code: str | None,
) -> None:
    """One transaction: the new codes count from now on, the earlier ones stop."""
    async with db.begin() as session:
        await issue_codes(
            session,
            codes={employee.id: code for employee, code in issued},
            now=now,
            valid_for=valid_for,
        )
        await audit(
            session,
            now=now,
            action="codes.issued",
            actor_kind="cli",
            count=len(issued),
            unit=unit_code or "all",
        )


def _refusal(out_dir: Path) -> str | None:
    """Why ``out_dir`` cannot take the files: the sheets never overwrite others."""
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        return "codes.out_not_folder"
    if out_dir.is_dir() and any(out_dir.iterdir()):
        return "codes.out_not_empty"
    return None


async def _saved_after_all(
    db: async_sessionmaker[AsyncSession],
    issued: Issued,
    out_dir: Path,
    error: Exception,
    lang: str,
) -> bool:
    """After a failed save: whether the commit went through all the same. If it
    did not, the files are deleted; if that cannot be known, they are kept."""
    reason = _database_reason(error)
    try:
        async with db() as session:
            saved = await code_by_hash(session, code_hash=hash_code(issued[0][1])) is not None
    except (SQLAlchemyError, OSError):
        _tell(t("codes.save_unknown", lang, folder=out_dir, reason=reason))
        return False
    if saved:
        return True
    try:
        shutil.rmtree(out_dir)
    except OSError:
        _tell(t("codes.cleanup_failed", lang, folder=out_dir, reason=reason))
    else:
        _tell(t("codes.save_failed", lang, folder=out_dir, reason=reason))
    _tell(t("codes.unchanged", lang))
    return False


_REASONS = {
    errno.EACCES: "codes.reason.permission",
    errno.EPERM: "codes.reason.permission",
    errno.EROFS: "codes.reason.read_only",
    errno.ENOSPC: "codes.reason.disk_full",
    errno.EDQUOT: "codes.reason.disk_full",
    errno.ENOTDIR: "codes.reason.not_folder",
    errno.EEXIST: "codes.reason.not_folder",
}


def _reason(error: OSError, lang: str) -> str:
    key = _REASONS.get(error.errno or 0)
    return t(key, lang) if key else error.strerror or str(error)


def _database_reason(error: Exception) -> str:
    """The driver's own words, without the SQL or the values (codes' hashes) around them."""
    orig = getattr(error, "orig", None) or error
    args = getattr(orig, "args", ())
    said = args[-1] if args and isinstance(args[-1], str) else str(orig)  # MySQL: (code, text)
    said = re.sub(r"^<class '[^']*'>: ", "", said)  # how SQLAlchemy wraps asyncpg's errors
    return (said.splitlines() or [type(orig).__name__])[0]


def _tell(*lines: str) -> None:
    """What went wrong, on stderr."""
    for line in lines:
        print(line, file=sys.stderr)
