"""``asnbot import employees`` of a whole regency and of the whole nation, on SQLite.

The CSV is written from the cached demo database (its NIPs, names, units and
positions are valid and realistic), in the template's Indonesian columns; the
import runs as the operator runs it, ``asnbot import employees FILE``, in its
own process, into a freshly migrated database. The wall time of that process
is reported.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import DATA, PYTHON, ROOT, Sizes, national_db, remove_db, say, sqlite_url

HEADER = [
    "NIP",
    "Nama",
    "Status",
    "Kode Unit",
    "Unit Kerja",
    "Jenis Unit",
    "Unit Induk",
    "Jabatan",
    "Jenis Jabatan",
    "Jenjang",
    "No HP",
    "Email",
    "Aktif",
]
EXPORT = """
SELECT e.nip, e.name, e.status, u.code, u.name, u.kind, parent.code,
       p.name, p.position_type, p.grade, e.phone, e.email, e.active
FROM employees e
JOIN units u ON u.id = e.unit_id
LEFT JOIN units parent ON parent.id = u.parent_id
JOIN positions p ON p.id = e.position_id
ORDER BY e.id
LIMIT ?
"""


@dataclass
class ImportResult:
    rows: int
    seconds: float
    exit_code: int


def write_csv(source: Path, rows: int, target: Path) -> int:
    """The first ``rows`` demo employees as an import file; how many were written."""
    connection = sqlite3.connect(source)
    written = 0
    with target.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for row in connection.execute(EXPORT, (rows,)):
            *rest, active = row
            out.writerow([*("" if v is None else v for v in rest), "Ya" if active else "Tidak"])
            written += 1
    connection.close()
    return written


def measure(sizes: Sizes, rows: int) -> ImportResult:
    source = national_db(sizes)
    csv_path = DATA / f"pegawai-{rows}.csv"
    if not csv_path.exists():
        write_csv(source, rows, csv_path)
    db_path = DATA / f"work-import-{rows}.db"
    remove_db(db_path)
    env = {**os.environ, "ASNBOT_DATABASE_URL": sqlite_url(db_path), "ASNBOT_LOG_LEVEL": "WARNING"}
    subprocess.run(
        [PYTHON, "-m", "bot", "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    say(f"import: {rows:,} employees")
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-m", "bot", "import", "employees", str(csv_path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        say(f"import failed ({done.returncode}): {done.stdout[-500:]} {done.stderr[-500:]}")
    remove_db(db_path)
    return ImportResult(rows, seconds, done.returncode)


def table(results: list[ImportResult]) -> str:
    lines = [
        "| employees | seconds | rows/s | result |",
        "|---|---|---|---|",
    ]
    for r in results:
        outcome = "imported" if r.exit_code == 0 else f"**failed, exit {r.exit_code}**"
        lines.append(f"| {r.rows:,} | {r.seconds:.1f} | {r.rows / r.seconds:,.0f} | {outcome} |")
    return "\n".join(lines)
