"""``asnbot demo``: migrate, fill the database with the demo, print what it made."""

from __future__ import annotations

import sys

from bot.clock import SystemClock
from bot.core.nip import mask_nip
from bot.demo.build import DemoRefused, DemoSummary, build_demo
from bot.demo.people import DEMO_ADMIN_ID, DEMO_EMPLOYEES
from bot.settings import Settings
from models.db import create_engine, create_sessionmaker, upgrade


async def run_demo(settings: Settings, *, employees: int, seed: int) -> int:
    """Migrate, build, print the summary and the demo logins; 0 on success, 1 if refused."""
    engine = create_engine(settings.effective_database_url)
    try:
        await upgrade(engine)
        summary = await build_demo(
            create_sessionmaker(engine),
            employees=employees,
            seed=seed,
            now=SystemClock().now(),
            progress=_progress,
        )
    except DemoRefused as exc:
        print(f"asnbot demo: {exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(format_summary(summary))
    print()
    print(format_logins())
    return 0


def _progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


def format_summary(summary: DemoSummary) -> str:
    by_type = ", ".join(f"{kind} {n:,}" for kind, n in summary.by_type.items())
    assessed = ", ".join(f"{kind} {n:,}" for kind, n in summary.assessed_2024.items())
    categories = ", ".join(f"{name} {n:,}" for name, n in summary.categories_2024.items())
    return "\n".join(
        (
            f"Demo data written: {summary.employees:,} employees "
            f"({summary.pppk:,} PPPK) in {summary.units} units, {summary.positions} positions.",
            f"  by type: {by_type}",
            f"  2024 assessed: {summary.assessed_2024_total:,} ({assessed}) in "
            f"{summary.sessions_2024} sessions, results released",
            f"  2024 categories: {categories}",
            f"  {summary.upcoming_round}: {summary.sessions_2025} upcoming sessions, "
            f"{summary.invited_2025:,} places ({summary.confirmed_2025:,} confirmed)",
            f"  Gapura: {summary.courses} courses, {summary.enrollments:,} enrollments, "
            f"{summary.jp_entries:,} JP ledger entries",
            f"  For the admins: {summary.results_to_release:,} results waiting for /rilis, "
            f"{summary.reschedule_requests} requests in /jadwalulang, "
            f"{summary.announcements_sent} announcements sent",
        )
    )


def format_logins() -> str:
    """The demo employees as a table. NIPs are demo data, printed in full on purpose."""
    lines = [
        f"Demo logins (admin Telegram id {DEMO_ADMIN_ID}):",
        f"  {'NIP':<18}  {'activation code':<15}  {'phone':<15}  name / what to try",
    ]
    for d in DEMO_EMPLOYEES:
        lines.append(f"  {d.nip:<18}  {d.code:<15}  {d.phone or '(none)':<15}  {d.name}")
        lines.append(f"  {'':<18}  {'':<15}  {'':<15}  {d.story}")
    lines.append(
        f"  (masked in logs as {mask_nip(DEMO_EMPLOYEES[0].nip)}; codes expire in 365 days)"
    )
    return "\n".join(lines)
