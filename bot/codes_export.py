"""``asnbot codes issue``: new activation codes, one XLSX per OPD to hand out."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from openpyxl import Workbook

from bot.clock import SystemClock
from bot.settings import Settings
from bot.texts.formatting import format_short_date
from models.db import create_engine, create_sessionmaker
from models.org import Employee, Unit
from models.queries.audit import audit
from models.queries.codes import employees_for_codes, issue_codes

HEADERS = ("NIP", "Nama", "Unit Kerja", "Kode Aktivasi", "Berlaku Sampai")


def top_unit(unit: Unit) -> Unit:
    """The OPD a unit belongs to: its topmost parent."""
    while unit.parent is not None:
        unit = unit.parent
    return unit


async def run_issue_codes(settings: Settings, *, unit_code: str | None, out_dir: Path) -> int:
    """Issue codes, write ``kode-aktivasi-<OPD>.xlsx`` files, print where they are."""
    engine = create_engine(settings.effective_database_url)
    db = create_sessionmaker(engine)
    now = SystemClock().now()
    valid_for = timedelta(days=settings.activation_code_days)
    try:
        async with db.begin() as session:
            employees = await employees_for_codes(session, unit_code=unit_code)
            if not employees:
                print(
                    "Tidak ada pegawai aktif untuk unit itu."
                    if unit_code
                    else "Belum ada pegawai: impor data pegawai dulu."
                )
                return 1
            issued = await issue_codes(
                session,
                employees=employees,
                now=now,
                valid_for=valid_for,
                rng=random.SystemRandom(),
            )
            await audit(
                session,
                now=now,
                action="codes.issued",
                actor_kind="cli",
                count=len(issued),
                unit=unit_code or "all",
            )
    finally:
        await engine.dispose()
    expires = format_short_date(now + valid_for, "id", settings.tz)
    files = write_code_files(issued, out_dir=out_dir, expires=expires)
    print(f"{len(issued)} kode aktivasi dibuat, berlaku sampai {expires}:")
    for path in files:
        print(f"  {path}")
    return 0


def write_code_files(
    issued: list[tuple[Employee, str]], *, out_dir: Path, expires: str
) -> list[Path]:
    by_opd: dict[str, list[tuple[Employee, str]]] = defaultdict(list)
    for employee, code in issued:
        by_opd[top_unit(employee.unit).code].append((employee, code))
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for opd_code, rows in sorted(by_opd.items()):
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "Kode Aktivasi"
        sheet.append(HEADERS)
        for employee, code in rows:
            sheet.append((employee.nip, employee.name, employee.unit.name, code, expires))
        for column, width in zip("ABCDE", (22, 36, 40, 16, 18), strict=True):
            sheet.column_dimensions[column].width = width
        path = out_dir / f"kode-aktivasi-{re.sub(r'[^A-Za-z0-9_-]+', '-', opd_code)}.xlsx"
        workbook.save(path)
        paths.append(path)
    return paths
