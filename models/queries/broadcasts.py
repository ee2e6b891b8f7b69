"""Admin announcements: who receives one, writing it into the outbox, its progress,
pause / resume / cancel, and the recipients' "Sudah dibaca".

An announcement is one ``broadcasts`` row, one ``broadcast_deliveries`` row per
recipient and one ``broadcast`` notification per recipient (key
``broadcast:{id}:emp:{employee_id}``), written in chunks in the transaction that
confirms it. The dispatcher sends the notifications and records each outcome on
the delivery in the same transaction, so counting deliveries is the progress.
Pausing parks the pending notifications far in the future (the dispatcher then
never claims them); resuming makes them due again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import broadcast as rules
from bot.core.reminders import BROADCAST
from bot.core.vocabulary import (
    BroadcastStatus,
    CourseStatus,
    DeliveryStatus,
    EnrollmentStatus,
    LinkStatus,
    NotificationStatus,
    PositionType,
)
from models.assessment import AssessmentProgram, AssessmentSession, Participation
from models.chat import ChatLink
from models.gapura import Course, Enrollment
from models.org import Employee, Position, Unit
from models.outbox import Broadcast, BroadcastDelivery, Notification
from models.queries.planning import jp_totals
from models.queries.seats import rowcount

CHUNK = 500
PARKED = timedelta(days=3650)  # a paused announcement's notices wait "forever"
WAITING = (NotificationStatus.PENDING, NotificationStatus.CLAIMED)
# Done announcements asking for a read keep their live read count this long.
READ_WATCH = timedelta(days=7)
ENROLLED = (
    EnrollmentStatus.REGISTERED,
    EnrollmentStatus.WAITLISTED,
    EnrollmentStatus.OFFERED,
    EnrollmentStatus.COMPLETED,
)


def key(broadcast_id: int, employee_id: int) -> str:
    return f"broadcast:{broadcast_id}:emp:{employee_id}"


# ------------------------------------------------------------------ audiences


def _recipients() -> Any:
    """Linked employees (a blocked link too: they count as blocked in the report)."""
    return (
        select(Employee.id)
        .join(ChatLink, ChatLink.employee_id == Employee.id)
        .where(
            Employee.active.is_(True),
            ChatLink.linked_at.is_not(None),
            ChatLink.status.in_([LinkStatus.ACTIVE, LinkStatus.BLOCKED]),
        )
    )


async def _unit_and_below(session: AsyncSession, unit_id: int) -> set[int]:
    found, frontier = {unit_id}, {unit_id}
    while frontier:  # units nest a few levels at most
        rows = await session.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier)))
        frontier = set(rows.all()) - found
        found |= frontier
    return found


async def recipient_ids(
    session: AsyncSession,
    *,
    kind: str,
    item: int | str | None = None,
    employee_ids: Collection[int] = (),
    jp_year: int | None = None,
    behind: Callable[[str, Decimal], bool] | None = None,
) -> list[int]:
    """Employee ids of the linked people an audience names, in id order.

    ``item`` is the unit, program, session or course id, or the position type;
    ``employee_ids`` the people of a NIP file; ``behind(status, earned)`` decides
    who is behind on JP in ``jp_year`` (the rule lives in ``bot.core.jp``).
    """
    query = _recipients()
    if kind == rules.OPD:
        units = await _unit_and_below(session, int(item or 0))
        query = query.where(Employee.unit_id.in_(units))
    elif kind == rules.POSITION:
        query = query.join(Position, Position.id == Employee.position_id).where(
            Position.position_type == PositionType(str(item))
        )
    elif kind == rules.PROGRAM:
        query = query.where(
            exists(
                select(Participation.id)
                .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
                .where(
                    Participation.employee_id == Employee.id,
                    AssessmentSession.program_id == int(item or 0),
                )
            )
        )
    elif kind == rules.SESSION:
        query = query.where(
            exists(
                select(Participation.id).where(
                    Participation.employee_id == Employee.id,
                    Participation.session_id == int(item or 0),
                )
            )
        )
    elif kind == rules.COURSE:
        query = query.where(
            exists(
                select(Enrollment.id).where(
                    Enrollment.employee_id == Employee.id,
                    Enrollment.course_id == int(item or 0),
                    Enrollment.status.in_(ENROLLED),
                )
            )
        )
    elif kind == rules.NIP_FILE:
        return await _among(session, query, sorted(set(employee_ids)))
    elif kind == rules.JP_BEHIND:
        assert jp_year is not None and behind is not None
        linked = list((await session.scalars(query.order_by(Employee.id))).all())
        chosen: list[int] = []
        for start in range(0, len(linked), CHUNK):  # bounded batches
            totals = await jp_totals(
                session, year=jp_year, employee_ids=linked[start : start + CHUNK]
            )
            chosen += [
                e for e, (status, earned) in sorted(totals.items()) if behind(status, earned)
            ]
        return chosen
    elif kind != rules.ALL:
        raise ValueError(f"unknown audience {kind!r}")
    return list((await session.scalars(query.order_by(Employee.id))).all())


async def _among(session: AsyncSession, query: Any, ids: Sequence[int]) -> list[int]:
    found: list[int] = []
    for start in range(0, len(ids), CHUNK):
        rows = await session.scalars(
            query.where(Employee.id.in_(ids[start : start + CHUNK])).order_by(Employee.id)
        )
        found += rows.all()
    return found


async def employees_by_nip(session: AsyncSession, *, nips: Collection[str]) -> dict[str, int]:
    """NIP -> employee id for the NIPs that exist."""
    items, found = sorted(set(nips)), {}
    for start in range(0, len(items), CHUNK):
        rows = await session.execute(
            select(Employee.nip, Employee.id).where(Employee.nip.in_(items[start : start + CHUNK]))
        )
        found.update({nip: employee_id for nip, employee_id in rows.all()})
    return found


@dataclass(frozen=True)
class Choice:
    """One item of an audience list (an OPD, a program, a session, a course)."""

    id: int
    label: str


async def choices(
    session: AsyncSession, *, kind: str, now: datetime, offset: int, limit: int
) -> tuple[int, list[Choice]]:
    """(how many in all, one page) of the items an audience of ``kind`` picks from."""
    query: Any
    if kind == rules.OPD:
        query = select(Unit.id, Unit.name).where(Unit.parent_id.is_(None)).order_by(Unit.name)
    elif kind == rules.PROGRAM:
        query = select(AssessmentProgram.id, AssessmentProgram.name).order_by(
            AssessmentProgram.year.desc(), AssessmentProgram.name
        )
    elif kind == rules.SESSION:
        label = AssessmentSession.code + " " + AssessmentSession.venue_name
        query = (
            select(AssessmentSession.id, label)
            .where(AssessmentSession.ends_at >= now - timedelta(days=30))
            .order_by(AssessmentSession.starts_at, AssessmentSession.id)
        )
    elif kind == rules.COURSE:
        query = (
            select(Course.id, Course.title)
            .where(Course.status.not_in([CourseStatus.DRAFT, CourseStatus.CANCELLED]))
            .order_by(Course.starts_on.desc(), Course.id)
        )
    else:
        raise ValueError(f"no list for audience {kind!r}")
    total = int(await session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = await session.execute(query.offset(offset).limit(limit))
    return total, [Choice(int(i), str(name)) for i, name in rows.all()]


async def choice_name(session: AsyncSession, *, kind: str, item: int) -> str | None:
    """The name of the unit, program, session or course an audience names."""
    column: Any = {
        rules.OPD: (Unit.name, Unit.id),
        rules.PROGRAM: (AssessmentProgram.name, AssessmentProgram.id),
        rules.SESSION: (AssessmentSession.code, AssessmentSession.id),
        rules.COURSE: (Course.title, Course.id),
    }.get(kind)
    if column is None:
        return None
    name = await session.scalar(select(column[0]).where(column[1] == item))
    return None if name is None else str(name)


# ------------------------------------------------------------------ writing


async def create(
    session: AsyncSession,
    *,
    created_by: int,
    text: str,
    attachment_kind: str | None,
    attachment_file_id: str | None,
    audience: dict[str, Any],
    ask_ack: bool,
    employee_ids: Sequence[int],
    now: datetime,
) -> Broadcast:
    """The announcement, sending now: its deliveries and one notice per recipient."""
    broadcast = Broadcast(
        created_by=created_by,
        text=text,
        attachment_kind=attachment_kind,
        attachment_file_id=attachment_file_id,
        audience=audience,
        ask_ack=ask_ack,
        status=BroadcastStatus.SENDING,
        created_at=now,
        started_at=now,
    )
    session.add(broadcast)
    await session.flush()
    payload = notice_payload(
        broadcast_id=broadcast.id,
        text=text,
        ask_ack=ask_ack,
        attachment_kind=attachment_kind,
        attachment_file_id=attachment_file_id,
    )
    for start in range(0, len(employee_ids), CHUNK):
        chunk = employee_ids[start : start + CHUNK]
        await session.execute(
            insert(BroadcastDelivery),
            [
                {"broadcast_id": broadcast.id, "employee_id": e, "status": DeliveryStatus.PENDING}
                for e in chunk
            ],
        )
        await session.execute(
            insert(Notification),
            [
                {
                    "key": key(broadcast.id, e),
                    "employee_id": e,
                    "kind": BROADCAST,
                    "due_at": now,
                    "stale_after": None,
                    "status": NotificationStatus.PENDING,
                    "payload": payload,
                    "broadcast_id": broadcast.id,
                    "attempts": 0,
                }
                for e in chunk
            ],
        )
    return broadcast


def notice_payload(
    *,
    broadcast_id: int,
    text: str,
    ask_ack: bool,
    attachment_kind: str | None,
    attachment_file_id: str | None,
) -> dict[str, Any]:
    """What ``bot.notices.render`` needs to show the announcement (the preview uses it too)."""
    payload: dict[str, Any] = {"text": text, "broadcast_id": broadcast_id, "ack": ask_ack}
    if attachment_kind and attachment_file_id:
        payload.update(attachment_kind=attachment_kind, attachment_file_id=attachment_file_id)
    return payload


async def record_delivery(
    session: AsyncSession, *, broadcast_id: int, employee_id: int, status: str, now: datetime
) -> None:
    """The dispatcher's outcome for one recipient: delivered, blocked or failed."""
    values: dict[str, Any] = {"status": DeliveryStatus(status)}
    if status == DeliveryStatus.DELIVERED:
        values["delivered_at"] = now
    await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.employee_id == employee_id,
            BroadcastDelivery.status == DeliveryStatus.PENDING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def statuses(session: AsyncSession, *, ids: Collection[int]) -> dict[int, str]:
    """Broadcast id -> status, for the announcements of a dispatcher batch."""
    if not ids:
        return {}
    rows = await session.execute(
        select(Broadcast.id, Broadcast.status).where(Broadcast.id.in_(list(ids)))
    )
    return {i: str(status) for i, status in rows.all()}


async def mark_read(
    session: AsyncSession, *, broadcast_id: int, employee_id: int, now: datetime
) -> str:
    """ "read" (counted now), "again" (counted before) or "unknown" (not theirs)."""
    result = await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.employee_id == employee_id,
            BroadcastDelivery.read_at.is_(None),
        )
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result):
        return "read"
    found = await session.scalar(
        select(BroadcastDelivery.id).where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.employee_id == employee_id,
        )
    )
    return "unknown" if found is None else "again"


# ------------------------------------------------------------------ progress and control


async def by_id(session: AsyncSession, *, broadcast_id: int) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id)


async def progress(session: AsyncSession, *, broadcast_id: int) -> rules.Progress:
    """Recipients by outcome, reads, and notices still waiting to be sent."""
    row = (
        await session.execute(
            select(
                func.count(BroadcastDelivery.id),
                _sum(BroadcastDelivery.status == DeliveryStatus.DELIVERED),
                _sum(BroadcastDelivery.status == DeliveryStatus.BLOCKED),
                _sum(BroadcastDelivery.status == DeliveryStatus.FAILED),
                _sum(BroadcastDelivery.read_at.is_not(None)),
            ).where(BroadcastDelivery.broadcast_id == broadcast_id)
        )
    ).one()
    waiting = await session.scalar(
        select(func.count(Notification.id)).where(
            Notification.broadcast_id == broadcast_id, Notification.status.in_(WAITING)
        )
    )
    total, delivered, blocked, failed, read = (int(v or 0) for v in row)
    return rules.Progress(total, delivered, blocked, failed, read, int(waiting or 0))


def _sum(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


async def watched(session: AsyncSession, *, now: datetime) -> Sequence[Broadcast]:
    """Announcements whose live message may change: sending, paused, or done lately
    and counting reads."""
    rows = await session.scalars(
        select(Broadcast)
        .where(
            Broadcast.status.in_([BroadcastStatus.SENDING, BroadcastStatus.PAUSED])
            | (
                (Broadcast.status == BroadcastStatus.DONE)
                & Broadcast.ask_ack.is_(True)
                & (Broadcast.finished_at >= now - READ_WATCH)
            )
        )
        .order_by(Broadcast.id)
    )
    return rows.all()


async def claim_progress(
    session: AsyncSession,
    *,
    broadcast_id: int,
    seen_at: datetime | None,
    seen_text: str | None,
    text: str,
    now: datetime,
) -> bool:
    """Take the turn to show ``text`` on the admin's progress message (send it, or edit
    it): only while nobody did since ``seen_at`` / ``seen_text`` were read, so that two
    instances never both send or edit it."""
    result = await session.execute(
        update(Broadcast)
        .where(
            Broadcast.id == broadcast_id,
            _is(Broadcast.progress_at, seen_at),
            _is(Broadcast.progress_text, seen_text),
        )
        .values(progress_at=now, progress_text=text)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def progress_sent(session: AsyncSession, *, broadcast_id: int, message_id: int) -> None:
    """Remember the admin's progress message, for every instance to edit."""
    await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id)
        .values(progress_message_id=message_id)
        .execution_options(synchronize_session=False)
    )


def _is(column: Any, value: object) -> Any:
    return column.is_(None) if value is None else column == value


async def _move(
    session: AsyncSession, broadcast_id: int, old: Sequence[BroadcastStatus], **values: Any
) -> bool:
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status.in_(list(old)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def _notices(session: AsyncSession, broadcast_id: int, **values: Any) -> None:
    await session.execute(
        update(Notification)
        .where(
            Notification.broadcast_id == broadcast_id,
            Notification.status == NotificationStatus.PENDING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def pause(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    """Stop sending (what is in flight still goes); False if it was not sending."""
    if not await _move(
        session, broadcast_id, [BroadcastStatus.SENDING], status=BroadcastStatus.PAUSED
    ):
        return False
    await _notices(session, broadcast_id, due_at=now + PARKED)
    return True


async def resume(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    if not await _move(
        session, broadcast_id, [BroadcastStatus.PAUSED], status=BroadcastStatus.SENDING
    ):
        return False
    await _notices(session, broadcast_id, due_at=now)
    return True


async def cancel(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    """Withdraw what has not been sent; the deliveries of those stay pending."""
    old = [BroadcastStatus.SENDING, BroadcastStatus.PAUSED]
    if not await _move(
        session, broadcast_id, old, status=BroadcastStatus.CANCELLED, finished_at=now
    ):
        return False
    await _notices(session, broadcast_id, status=NotificationStatus.CANCELLED)
    return True


async def finish_if_done(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    """Mark a sending announcement done once nothing waits; True for the one caller
    that did (it sends the final report)."""
    waiting = exists(
        select(Notification.id).where(
            Notification.broadcast_id == broadcast_id, Notification.status.in_(WAITING)
        )
    )
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.SENDING, ~waiting)
        .values(status=BroadcastStatus.DONE, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1
