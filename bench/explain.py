"""The plan check: PostgreSQL must answer every hot query through an index.

Runs the project's own query functions (``models/queries``) inside a
transaction that is rolled back, records every statement they send, and asks
PostgreSQL for ``EXPLAIN (FORMAT JSON)`` of each with the very same parameters.
A sequential scan of a table with more than ``LARGE`` rows fails the check.

Use a database filled with the national dataset, analysed::

    ASNBOT_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/bench_national \\
        .venv/bin/asnbot demo --employees 1000000
    .venv/bin/python -m bench.explain postgresql+asyncpg://postgres@127.0.0.1:5432/bench_national

Before checking it tops the outbox, the audit log and the failed link attempts
up to realistic national sizes (1,000,000 / 200,000 / 100,000 rows, idempotent),
because the demo leaves them nearly empty, then runs ``ANALYZE``. Exit status 1
when a large table is scanned.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import selectinload

from bot.core.attempts import nip_digest
from bot.core.outbox import CLAIM_LEASE
from bot.core.vocabulary import EnrollmentStatus
from models.assessment import AssessmentProgram, Participation, Result
from models.chat import ChatLink
from models.db import create_engine, upgrade
from models.gapura import Enrollment, JpEntry
from models.org import Employee
from models.queries import (
    admin,
    audit,
    claims,
    courses,
    jp,
    links,
    outbox,
    results,
    schedule,
    waitlist,
)

# A table with more rows than this must never be read whole by a hot query.
LARGE = 50_000
# Queries that read a large table whole on purpose, and why (reported, not failed).
WHOLE_BY_DESIGN = {
    "audit log page (/audit)": "the page shows the total: count(*) of the whole log, "
    "admins only, once per page",
}

Query = Callable[[AsyncSession], Awaitable[object]]


@dataclass
class Check:
    """One hot query and what PostgreSQL plans for its statements."""

    name: str
    statements: int = 0
    indexes: set[str] = field(default_factory=set)
    small_scans: set[str] = field(default_factory=set)
    large_scans: set[str] = field(default_factory=set)

    @property
    def by_design(self) -> bool:
        return bool(self.large_scans) and self.name in WHOLE_BY_DESIGN

    @property
    def ok(self) -> bool:
        return not self.large_scans or self.by_design


async def top_up(engine: AsyncEngine) -> None:
    """Bring the outbox, audit log and link attempts to national sizes, then ANALYZE."""
    async with engine.begin() as conn:
        count = await conn.scalar(text("SELECT count(*) FROM notifications"))
        if (count or 0) < 500_000:
            # One notice per employee: 2% pending (some due, some later), the rest sent.
            await conn.execute(
                text(
                    """
                    INSERT INTO notifications (key, employee_id, kind, due_at, status, payload,
                                               attempts, sent_at)
                    SELECT 'bench:' || e.id, e.id, 'broadcast',
                           now() + (e.id % 61 - 30) * interval '1 day',
                           CASE WHEN e.id % 50 = 0 THEN 'pending' ELSE 'sent' END,
                           '{"text": "Pengumuman"}', 1,
                           CASE WHEN e.id % 50 = 0 THEN NULL ELSE now() END
                    FROM employees e
                    ON CONFLICT (key) DO NOTHING
                    """
                )
            )
        count = await conn.scalar(text("SELECT count(*) FROM chat_links"))
        if (count or 0) < 100_000:
            # Half the employees linked (the demo links none).
            await conn.execute(
                text(
                    """
                    INSERT INTO chat_links (telegram_user_id, employee_id, status,
                                            verification_method, language, notification_prefs,
                                            created_at, linked_at)
                    SELECT 100000000 + e.id, e.id, 'active', 'code', 'id', '{}', now(), now()
                    FROM employees e
                    WHERE e.id % 2 = 0
                    ON CONFLICT DO NOTHING
                    """
                )
            )
        count = await conn.scalar(text("SELECT count(*) FROM audit_events"))
        if (count or 0) < 100_000:
            await conn.execute(
                text(
                    """
                    INSERT INTO audit_events (at, actor_kind, actor_telegram_id, action,
                                              employee_id, detail)
                    SELECT now() - g * interval '1 minute', 'user', 7000000 + g % 9000,
                           'result.viewed', 1 + g % 1000000, '{}'
                    FROM generate_series(1, 200000) g
                    """
                )
            )
        count = await conn.scalar(text("SELECT count(*) FROM link_attempts"))
        if (count or 0) < 50_000:
            await conn.execute(
                text(
                    """
                    INSERT INTO link_attempts (at, telegram_user_id, nip_hash, method)
                    SELECT now() - g * interval '1 minute', 8000000 + g % 20000,
                           md5(g::text) || md5((g * 7)::text), 'code'
                    FROM generate_series(1, 100000) g
                    """
                )
            )
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("ANALYZE"))


async def parameters(session: AsyncSession) -> dict[str, Any]:
    """Realistic arguments: a real employee with results, a session, enrolments, JP."""
    employee_id = await session.scalar(
        select(Result.employee_id).where(Result.released_at.is_not(None)).limit(1)
    )
    participant = await session.scalar(
        select(Participation.employee_id).order_by(Participation.id.desc()).limit(1)
    )
    nip = await session.scalar(select(Employee.nip).where(Employee.id == employee_id))
    telegram_id = await session.scalar(
        select(ChatLink.telegram_user_id).order_by(ChatLink.id.desc()).limit(1)
    )
    program_id = await session.scalar(
        select(AssessmentProgram.id).order_by(AssessmentProgram.id.desc()).limit(1)
    )
    course_id = await session.scalar(
        select(Enrollment.course_id).where(Enrollment.status == EnrollmentStatus.WAITLISTED)
    ) or await session.scalar(select(Enrollment.course_id).limit(1))
    enrolled = await session.scalar(select(Enrollment.employee_id).limit(1))
    jp_row = (await session.execute(select(JpEntry.employee_id, JpEntry.year).limit(1))).first()
    employee = await session.get(Employee, employee_id, options=[selectinload(Employee.position)])
    return {
        "employee_id": employee_id,
        "participant": participant,
        "nip": nip,
        "telegram_id": telegram_id or 7000001,
        "program_id": program_id,
        "course_id": course_id,
        "enrolled": enrolled,
        "jp": tuple(jp_row) if jp_row else (employee_id, datetime.now(UTC).year),
        "employee": employee,
    }


def hot_queries(p: dict[str, Any], now: datetime) -> list[tuple[str, Query]]:
    """(name, call) for every query a user or the dispatcher runs often."""
    return [
        ("employee by NIP", lambda s: links.employee_by_nip(s, nip=p["nip"])),
        (
            "chat link by Telegram id",
            lambda s: links.chat_link(s, telegram_user_id=p["telegram_id"]),
        ),
        (
            "participations of an employee (/jadwal)",
            lambda s: schedule.my_participations(s, employee_id=p["participant"]),
        ),
        (
            "upcoming sessions of a program",
            lambda s: schedule.future_sessions(s, program_id=p["program_id"], now=now),
        ),
        (
            "released results of an employee (/hasil)",
            lambda s: results.released_results(s, employee_id=p["employee_id"]),
        ),
        (
            "pending assessments of an employee (/hasil)",
            lambda s: results.pending_assessments(s, employee_id=p["employee_id"]),
        ),
        (
            "due notifications: claim (status, due_at; claimed_by)",
            lambda s: claims.claim_due(s, now=now, token="explain:1", limit=50),
        ),
        (
            "expired claims (status, claimed_at)",
            lambda s: claims.reclaim_expired(s, now=now, lease=CLAIM_LEASE),
        ),
        (
            "notifications by key",
            lambda s: outbox.existing_keys(s, keys=[f"bench:{p['employee_id']}", "x:1"]),
        ),
        (
            "notifications of one employee (planner)",
            lambda s: outbox.live_rows(
                s, kinds=["broadcast"], since=now, employee_ids=[p["employee_id"]]
            ),
        ),
        (
            "enrollments by course and status (waitlist)",
            lambda s: waitlist.waiting_places(s, course_id=p["course_id"]),
        ),
        (
            "enrollments of an employee (/gapura)",
            lambda s: courses.my_places(s, employee_id=p["enrolled"]),
        ),
        (
            "courses open for registration (/gapura)",
            lambda s: courses.open_courses(s, now=now, audience=p["audience"]),
        ),
        (
            "JP entries by employee and year (/jp)",
            lambda s: jp.jp_earned(s, employee_id=p["jp"][0], year=p["jp"][1]),
        ),
        ("audit log by time", lambda s: audit.recent_events(s, limit=20)),
        ("audit log page (/audit)", lambda s: admin.audit_page(s, offset=0, limit=15)),
        (
            "failed link attempts by user and NIP, since",
            lambda s: links.recent_failures(
                s,
                telegram_user_id=8000001,
                nip_hash=nip_digest(p["nip"], key=b"bench"),
                since=now - timedelta(hours=1),
            ),
        ),
    ]


async def explain(engine: AsyncEngine, name: str, call: Query, sizes: dict[str, int]) -> Check:
    """Run ``call`` in a rolled-back transaction and check the plan of each statement."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "WITH")):
            seen.append((statement, params))

    check = Check(name)
    async with engine.connect() as conn:
        transaction = await conn.begin()
        event.listen(engine.sync_engine, "before_cursor_execute", record)
        try:
            await call(AsyncSession(bind=conn))
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", record)
        for statement, params in seen:
            plan = await conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, params)
            check.statements += 1
            _walk(plan.scalar_one()[0]["Plan"], check, sizes)
        await transaction.rollback()
    return check


def _walk(node: dict[str, Any], check: Check, sizes: dict[str, int]) -> None:
    relation = node.get("Relation Name")
    if "Index Name" in node:
        check.indexes.add(node["Index Name"])
    elif node.get("Node Type") == "Seq Scan" and relation:
        rows = sizes.get(relation, 0)
        label = f"{relation} ({rows:,} rows)"
        (check.large_scans if rows > LARGE else check.small_scans).add(label)
    for child in node.get("Plans", []):
        _walk(child, check, sizes)


async def run_checks(url: str, *, prepare: bool = True) -> list[Check]:
    """Every hot query checked against the database at ``url`` (PostgreSQL)."""
    engine = create_engine(url)
    try:
        if engine.dialect.name != "postgresql":
            raise SystemExit("bench.explain: the plan check needs PostgreSQL")
        await upgrade(engine)
        if prepare:
            await top_up(engine)
        async with engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r'")
            )
            sizes = {name: int(n) for name, n in rows.all()}
        async with AsyncSession(engine) as session:
            p = await parameters(session)
            p["audience"] = await courses.audience_of(session, employee=p["employee"])
        now = datetime.now(UTC)
        return [await explain(engine, name, call, sizes) for name, call in hot_queries(p, now)]
    finally:
        await engine.dispose()


def table(checks: list[Check]) -> str:
    """The checks as a Markdown table."""
    lines = [
        "| hot query | statements | indexes used | full scans (small tables) | verdict |",
        "|---|---|---|---|---|",
    ]
    for c in checks:
        scans = ", ".join(sorted(c.small_scans)) or "none"
        large = ", ".join(sorted(c.large_scans))
        if not c.large_scans:
            verdict = "index"
        elif c.by_design:
            verdict = f"seq scan of {large}, by design: {WHOLE_BY_DESIGN[c.name]}"
        else:
            verdict = f"**SEQ SCAN: {large}**"
        lines.append(
            f"| {c.name} | {c.statements} | {', '.join(sorted(c.indexes)) or '-'} "
            f"| {scans} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.explain", description=__doc__)
    parser.add_argument("url", help="postgresql+asyncpg://... filled with the national dataset")
    parser.add_argument("--no-prepare", action="store_true", help="do not top up nor ANALYZE")
    args = parser.parse_args(argv)
    checks = asyncio.run(run_checks(args.url, prepare=not args.no_prepare))
    print(table(checks))
    bad = [c.name for c in checks if not c.ok]
    if bad:
        print(f"\nFAIL: sequential scan of a large table in: {'; '.join(bad)}", file=sys.stderr)
        return 1
    print(f"\nOK: {len(checks)} hot queries; large tables read through an index", end="")
    print(" (except the whole-table reads by design above)." if WHOLE_BY_DESIGN else ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
