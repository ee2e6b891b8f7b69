"""The notification outbox: plan (insert what is missing), cancel, claim, record.

Claiming is what keeps two bot processes on one database from sending the same
notice: a batch is claimed with a conditional ``UPDATE ... WHERE status =
'pending'`` under a token unique to the batch, and right before each send the
claim is renewed with another conditional ``UPDATE`` (same token, not older than
the lease): a notice whose renewal fails is not this batch's any more and is not
sent. On PostgreSQL and MariaDB the candidates are first picked with ``FOR
UPDATE SKIP LOCKED`` so two dispatchers take different rows instead of waiting
on each other. Due rows are found through the ``(status, due_at)`` index.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.core.jpm import CompetencyScore
from bot.core.reminders import Planned, SessionFacts
from bot.core.vocabulary import CourseStatus, LinkStatus, NotificationStatus, SessionStatus
from models.assessment import (
    AssessmentProgram,
    AssessmentSession,
    Participation,
    Result,
    ResultScore,
)
from models.chat import ChatLink
from models.gapura import Course, Enrollment, JpEntry
from models.org import Employee, Position, Unit
from models.outbox import Holiday, Notification
from models.queries.seats import rowcount
from models.upserts import table_of

IN_CHUNK = 500
PENDING = NotificationStatus.PENDING
CLAIMED = NotificationStatus.CLAIMED


@dataclass(frozen=True)
class PlanCount:
    """What one planning pass wrote."""

    created: int = 0
    revived: int = 0
    cancelled: int = 0


async def existing_keys(session: AsyncSession, *, keys: Collection[str]) -> dict[str, Any]:
    """Key -> (id, status) of the rows that exist among ``keys``."""
    found: dict[str, Any] = {}
    items = list(keys)
    for start in range(0, len(items), IN_CHUNK):
        rows = await session.execute(
            select(Notification.key, Notification.id, Notification.status).where(
                Notification.key.in_(items[start : start + IN_CHUNK])
            )
        )
        found.update({key: (id_, status) for key, id_, status in rows.all()})
    return found


async def plan(session: AsyncSession, *, planned: Sequence[Planned]) -> tuple[int, int]:
    """Insert the notices whose key is new; bring back cancelled ones wanted again.

    Returns (created, revived). Rows that exist in any other state are left
    alone, so planning again never doubles or resends anything.
    """
    if not planned:
        return 0, 0
    existing = await existing_keys(session, keys=[p.key for p in planned])
    new = [p for p in planned if p.key not in existing]
    revive = [
        p
        for p in planned
        if p.key in existing and existing[p.key][1] == NotificationStatus.CANCELLED
    ]
    if new:
        statement = _insert_ignore(session)
        for start in range(0, len(new), IN_CHUNK):
            await session.execute(
                statement,
                [
                    {
                        "key": p.key,
                        "employee_id": p.employee_id,
                        "kind": p.kind,
                        "due_at": p.due_at,
                        "stale_after": p.stale_after,
                        "status": PENDING,
                        "payload": p.payload,
                        "attempts": 0,
                    }
                    for p in new[start : start + IN_CHUNK]
                ],
            )
    for p in revive:
        await session.execute(
            update(Notification)
            .where(Notification.key == p.key, Notification.status == NotificationStatus.CANCELLED)
            .values(
                status=PENDING,
                due_at=p.due_at,
                stale_after=p.stale_after,
                payload=p.payload,
                attempts=0,
                last_error=None,
            )
            .execution_options(synchronize_session=False)
        )
    return len(new), len(revive)


def _insert_ignore(session: AsyncSession) -> Any:
    """INSERT that skips a key another planner inserted meanwhile."""
    dialect = session.get_bind().dialect.name
    table = table_of(Notification)
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=["key"])
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["key"])
    return insert(table).prefix_with("IGNORE")


@dataclass(frozen=True)
class Row:
    """A planned notice as the planner compares it with the present."""

    id: int
    key: str
    employee_id: int
    kind: str
    status: str
    payload: dict[str, Any]


async def live_rows(
    session: AsyncSession,
    *,
    kinds: Collection[str],
    since: datetime,
    employee_ids: Collection[int] | None = None,
) -> list[Row]:
    """Pending, claimed and sent notices of ``kinds`` whose event is not long past."""
    query = select(
        Notification.id,
        Notification.key,
        Notification.employee_id,
        Notification.kind,
        Notification.status,
        Notification.payload,
    ).where(
        Notification.kind.in_(list(kinds)),
        Notification.status.in_([PENDING, CLAIMED, NotificationStatus.SENT]),
        Notification.stale_after >= since,
    )
    if employee_ids is not None:
        query = query.where(Notification.employee_id.in_(list(employee_ids)))
    rows = await session.execute(query.order_by(Notification.id))
    return [Row(i, k, e, kind, str(s), dict(p or {})) for i, k, e, kind, s, p in rows.all()]


async def cancel(session: AsyncSession, *, ids: Collection[int]) -> int:
    """Withdraw pending notices (sent ones stay as they are); returns how many."""
    count = 0
    items = sorted(ids)
    for start in range(0, len(items), IN_CHUNK):
        result = await session.execute(
            update(Notification)
            .where(
                Notification.id.in_(items[start : start + IN_CHUNK]), Notification.status == PENDING
            )
            .values(status=NotificationStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        )
        count += rowcount(result)
    return count


async def reclaim_expired(session: AsyncSession, *, now: datetime, lease: timedelta) -> int:
    """Claims older than ``lease`` (their process died or stalled mid-batch) go back to
    pending."""
    expired = Notification.status == CLAIMED, Notification.claimed_at <= now - lease
    # A plain read first (an idle dispatcher takes no lock), then one row at a time by
    # its primary key, as every other update of a claim: on MariaDB an UPDATE that
    # scanned the status index would lock rows in another order than a running batch
    # renewing its claims, and the two could deadlock.
    ids = (await session.scalars(select(Notification.id).where(*expired))).all()
    count = 0
    for notification_id in sorted(ids):
        result = await session.execute(
            update(Notification)
            .where(Notification.id == notification_id, *expired)
            .values(status=PENDING, claimed_by=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        count += rowcount(result)
    return count


async def claim_due(
    session: AsyncSession,
    *,
    now: datetime,
    token: str,
    limit: int,
    together: Collection[str] = (),
) -> list[Notification]:
    """Claim up to ``limit`` due notices for the batch ``token``, oldest due first,
    and with them the other due notices of ``together`` kinds for the same people
    (one message can then carry them all).

    Commit right after: the claim is what other processes see.
    """
    pick = (
        select(Notification.id, Notification.employee_id)
        .where(Notification.status == PENDING, Notification.due_at <= now)
        .order_by(Notification.due_at, Notification.id)
        .limit(limit)
    )
    locking = session.get_bind().dialect.name in ("postgresql", "mysql", "mariadb")
    if locking:
        pick = pick.with_for_update(skip_locked=True)
    picked = (await session.execute(pick)).all()
    ids = {notification_id for notification_id, _ in picked}
    if together and picked:
        people = sorted({employee_id for _, employee_id in picked})
        more = select(Notification.id).where(
            Notification.status == PENDING,
            Notification.due_at <= now,
            Notification.kind.in_(list(together)),
            Notification.employee_id.in_(people[:IN_CHUNK]),
            Notification.id.not_in(sorted(ids)),
        )
        if locking:
            more = more.with_for_update(skip_locked=True)
        ids.update((await session.scalars(more.limit(limit))).all())
    for notification_id in sorted(ids):
        await session.execute(
            update(Notification)
            .where(Notification.id == notification_id, Notification.status == PENDING)
            .values(status=CLAIMED, claimed_by=token, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
    if not ids:
        return []
    rows = await session.scalars(
        select(Notification)
        .where(Notification.claimed_by == token, Notification.status == CLAIMED)
        .order_by(Notification.due_at, Notification.id)
    )
    return list(rows.all())


def _held(notification_id: int, token: str, now: datetime, lease: timedelta) -> Any:
    """The notice, claimed under ``token`` and younger than the lease: still the batch's.

    Always one row by its primary key (see :func:`reclaim_expired`).
    """
    return (
        (Notification.id == notification_id)
        & (Notification.status == CLAIMED)
        & (Notification.claimed_by == token)
        & (Notification.claimed_at > now - lease)
    )


async def renew(
    session: AsyncSession,
    *,
    ids: Collection[int],
    token: str,
    now: datetime,
    lease: timedelta,
) -> set[int]:
    """Prove, right before a send, that these claims are still the batch's; renew them.

    Returns the ids that are: the others went back to pending after the lease (and
    maybe to another instance); sending them would send them twice.
    """
    held = set()
    for notification_id in sorted(ids):
        result = await session.execute(
            update(Notification)
            .where(_held(notification_id, token, now, lease))
            .values(claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if rowcount(result) == 1:
            held.add(notification_id)
    return held


async def extend(
    session: AsyncSession, *, ids: Collection[int], token: str, now: datetime, lease: timedelta
) -> int:
    """Renew the claims the batch ``token`` (of these ``ids``) still holds: a long run
    keeps its batch."""
    return len(await renew(session, ids=ids, token=token, now=now, lease=lease))


async def finish(
    session: AsyncSession, *, notification_id: int, token: str, status: str, **values: Any
) -> bool:
    """Record the outcome of a claimed notice (only if the claim is still ours)."""
    result = await session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.status == CLAIMED,
            Notification.claimed_by == token,
        )
        .values(status=NotificationStatus(status), **values)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def sent(session: AsyncSession, *, notification_id: int, now: datetime) -> bool:
    """Record a notice Telegram accepted, whoever claims it now.

    Normally this batch still does. If its lease ran out while the message was on
    its way and another instance took the notice, that one has not sent it yet (it
    renews its claim right before sending, and that fails once this is written).
    """
    result = await session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.status.in_([PENDING, CLAIMED]))
        .values(
            status=NotificationStatus.SENT,
            sent_at=now,
            attempts=Notification.attempts + 1,
            last_error=None,
        )
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def release(session: AsyncSession, *, ids: Collection[int], token: str) -> int:
    """Give back what the batch ``token`` (of these ``ids``) still holds: it stopped early."""
    count = 0
    for notification_id in sorted(ids):
        result = await session.execute(
            update(Notification)
            .where(
                Notification.id == notification_id,
                Notification.claimed_by == token,
                Notification.status == CLAIMED,
            )
            .values(status=PENDING, claimed_by=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        count += rowcount(result)
    return count


async def links_of(session: AsyncSession, *, employee_ids: Collection[int]) -> dict[int, ChatLink]:
    """Employee id -> chat link, for the recipients of a batch."""
    if not employee_ids:
        return {}
    rows = await session.scalars(
        select(ChatLink).where(ChatLink.employee_id.in_(list(employee_ids)))
    )
    return {row.employee_id: row for row in rows.all() if row.employee_id is not None}


async def set_blocked(
    session: AsyncSession, *, telegram_user_id: int, blocked: bool, now: datetime
) -> bool:
    """Mark a linked user blocked (they blocked the bot) or active again."""
    if blocked:
        statement = (
            update(ChatLink)
            .where(
                ChatLink.telegram_user_id == telegram_user_id, ChatLink.status == LinkStatus.ACTIVE
            )
            .values(status=LinkStatus.BLOCKED, blocked_at=now)
        )
    else:
        statement = (
            update(ChatLink)
            .where(
                ChatLink.telegram_user_id == telegram_user_id, ChatLink.status == LinkStatus.BLOCKED
            )
            .values(status=LinkStatus.ACTIVE, blocked_at=None)
        )
    result = await session.execute(statement.execution_options(synchronize_session=False))
    return rowcount(result) == 1


async def block_employee(session: AsyncSession, *, employee_id: int, now: datetime) -> None:
    """Telegram said 403: this employee's user blocked the bot."""
    await session.execute(
        update(ChatLink)
        .where(ChatLink.employee_id == employee_id, ChatLink.status == LinkStatus.ACTIVE)
        .values(status=LinkStatus.BLOCKED, blocked_at=now)
        .execution_options(synchronize_session=False)
    )


async def set_prefs(session: AsyncSession, *, link_id: int, prefs: dict[str, Any]) -> None:
    await session.execute(
        update(ChatLink)
        .where(ChatLink.id == link_id)
        .values(notification_prefs=prefs)
        .execution_options(synchronize_session=False)
    )


async def holidays(session: AsyncSession, *, since: datetime) -> frozenset[Any]:
    """Holiday dates from ``since`` on (a year or so of rows)."""
    rows = await session.scalars(select(Holiday.day).where(Holiday.day >= since.date()))
    return frozenset(rows.all())


async def own_notification(
    session: AsyncSession, *, notification_id: int, employee_id: int
) -> Notification | None:
    """A notification, only if it was addressed to ``employee_id``."""
    found: Notification | None = await session.scalar(
        select(Notification).where(
            Notification.id == notification_id, Notification.employee_id == employee_id
        )
    )
    return found


# ------------------------------------------------------------------ planning inputs


def _linked() -> Any:
    return select(ChatLink.employee_id).where(
        ChatLink.status == LinkStatus.ACTIVE, ChatLink.employee_id.is_not(None)
    )


def _scoped(column: Any, employee_ids: Collection[int] | None) -> Any:
    """Only employees with an active link (and among ``employee_ids`` when given)."""
    condition = column.in_(_linked())
    if employee_ids is not None:
        condition = condition & column.in_(list(employee_ids))
    return condition


async def session_facts(
    session: AsyncSession, *, since: datetime, employee_ids: Collection[int] | None = None
) -> list[SessionFacts]:
    """Every participation in a session starting after ``since``, with its session."""
    rows = await session.execute(
        select(
            Participation.session_id,
            Participation.employee_id,
            Participation.status,
            AssessmentSession.starts_at,
            AssessmentSession.venue_name,
            AssessmentSession.address,
            AssessmentSession.status,
        )
        .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
        .where(
            AssessmentSession.starts_at >= since, _scoped(Participation.employee_id, employee_ids)
        )
    )
    return [
        SessionFacts(
            sid,
            eid,
            starts,
            venue or "",
            address or "",
            status == SessionStatus.CANCELLED,
            str(p_status),
        )
        for sid, eid, p_status, starts, venue, address, status in rows.all()
    ]


async def released_since(
    session: AsyncSession, *, since: datetime, employee_ids: Collection[int] | None = None
) -> list[tuple[int, int, str, datetime]]:
    """(result id, employee id, program name, released at) of recently released results."""
    rows = await session.execute(
        select(Result.id, Result.employee_id, AssessmentProgram.name, Result.released_at)
        .join(AssessmentProgram, AssessmentProgram.id == Result.program_id)
        .where(Result.released_at >= since, _scoped(Result.employee_id, employee_ids))
    )
    return [(r, e, n, at) for r, e, n, at in rows.all()]


async def courses_opening(
    session: AsyncSession, *, now: datetime, ahead: timedelta
) -> list[Course]:
    """Open courses whose registration is open now or opens within ``ahead``."""
    rows = await session.scalars(
        select(Course)
        .where(
            Course.status == CourseStatus.OPEN,
            Course.registration_opens_at <= now + ahead,
            Course.registration_closes_at > now,
        )
        .options(selectinload(Course.competencies))
        .order_by(Course.id)
    )
    return list(rows.all())


@dataclass(frozen=True)
class Person:
    """A linked employee as course audiences and recommendations see them."""

    employee_id: int
    status: str
    position_type: str
    unit_ids: frozenset[int]
    scores: tuple[CompetencyScore, ...]


async def people_with_results(
    session: AsyncSession, *, employee_ids: Collection[int] | None = None
) -> list[Person]:
    """Linked employees with a released result: their audience and latest scores."""
    parents: dict[int, int | None] = {
        unit_id: parent_id
        for unit_id, parent_id in (await session.execute(select(Unit.id, Unit.parent_id))).all()
    }
    rows = await session.execute(
        select(Employee.id, Employee.status, Employee.unit_id, Position.position_type)
        .outerjoin(Position, Position.id == Employee.position_id)
        .where(_scoped(Employee.id, employee_ids))
    )
    people = {eid: (str(st), unit, str(pt or "")) for eid, st, unit, pt in rows.all()}
    latest: dict[int, tuple[Any, int]] = {}
    results = await session.execute(
        select(Result.employee_id, Result.assessed_on, Result.id).where(
            Result.released_at.is_not(None), _scoped(Result.employee_id, employee_ids)
        )
    )
    for eid, on, rid in results.all():
        if eid not in latest or (on, rid) > latest[eid]:
            latest[eid] = (on, rid)
    scores: dict[int, list[CompetencyScore]] = {}
    result_ids = [rid for _, rid in latest.values()]
    for start in range(0, len(result_ids), IN_CHUNK):
        found = await session.execute(
            select(
                Result.employee_id,
                ResultScore.competency_code,
                ResultScore.required_level,
                ResultScore.achieved_level,
            )
            .join(Result, Result.id == ResultScore.result_id)
            .where(ResultScore.result_id.in_(result_ids[start : start + IN_CHUNK]))
        )
        for eid, code, required, achieved in found.all():
            scores.setdefault(eid, []).append(CompetencyScore(code, required, achieved))
    found_people = []
    for eid, items in scores.items():
        if eid not in people:
            continue
        status, unit, position_type = people[eid]
        found_people.append(
            Person(eid, status, position_type, _with_parents(unit, parents), tuple(items))
        )
    return found_people


def _with_parents(unit_id: int | None, parents: dict[int, int | None]) -> frozenset[int]:
    seen: set[int] = set()
    while unit_id is not None and unit_id not in seen:
        seen.add(unit_id)
        unit_id = parents.get(unit_id)
    return frozenset(seen)


@dataclass(frozen=True)
class Place:
    """An enrollment with what the planner needs of its course."""

    enrollment_id: int
    course_id: int
    employee_id: int
    status: str
    offered_until: datetime | None
    title: str
    starts_on: Any


async def places(
    session: AsyncSession, *, today: Any, employee_ids: Collection[int] | None = None
) -> list[Place]:
    """Live enrollments (registered, waitlisted, offered) and recently ended offers on
    courses that have not started before ``today``."""
    rows = await session.execute(
        select(
            Enrollment.id,
            Enrollment.course_id,
            Enrollment.employee_id,
            Enrollment.status,
            Enrollment.offered_until,
            Course.title,
            Course.starts_on,
        )
        .join(Course, Course.id == Enrollment.course_id)
        .where(Course.starts_on >= today, _scoped(Enrollment.employee_id, employee_ids))
    )
    return [Place(i, c, e, str(s), o, t, d) for i, c, e, s, o, t, d in rows.all()]


async def jp_totals(
    session: AsyncSession, *, year: int, employee_ids: Collection[int] | None = None
) -> dict[int, tuple[str, Decimal]]:
    """Linked employee id -> (PNS/PPPK, JP earned in ``year``)."""
    rows = await session.execute(
        select(Employee.id, Employee.status, func.coalesce(func.sum(JpEntry.jp), 0))
        .outerjoin(JpEntry, (JpEntry.employee_id == Employee.id) & (JpEntry.year == year))
        .where(_scoped(Employee.id, employee_ids), Employee.active.is_(True))
        .group_by(Employee.id, Employee.status)
    )
    return {eid: (str(status), Decimal(str(total))) for eid, status, total in rows.all()}


async def acknowledge(
    session: AsyncSession, *, notification_id: int, employee_id: int, now: datetime
) -> bool:
    """Record that the recipient read a change notice; False if it is not theirs."""
    notification = await own_notification(
        session, notification_id=notification_id, employee_id=employee_id
    )
    if notification is None:
        return False
    if "read_at" not in notification.payload:
        notification.payload = {**notification.payload, "read_at": now.isoformat()}
        await session.flush()
    return True
