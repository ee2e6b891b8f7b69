"""Check-in codes, check-ins and the admin's live count (``/presensi``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.core.schedule import MISSED
from bot.core.vocabulary import ParticipationStatus, SessionStatus
from models.assessment import AssessmentSession, Participation
from models.checkin import CheckinCode
from models.queries.seats import rowcount

# Participations not counted in "Hadir x dari y": excused ahead.
_NOT_EXPECTED = (ParticipationStatus.EXCUSED,)


@dataclass(frozen=True)
class Count:
    """Checked in, out of those expected."""

    present: int
    expected: int


async def sessions_to_check_in(
    session: AsyncSession, *, since: datetime, limit: int = 20
) -> Sequence[AssessmentSession]:
    """Scheduled sessions starting after ``since`` (their window not closed), soonest first."""
    rows = await session.scalars(
        select(AssessmentSession)
        .where(
            AssessmentSession.starts_at > since,
            AssessmentSession.status == SessionStatus.SCHEDULED,
        )
        .order_by(AssessmentSession.starts_at, AssessmentSession.id)
        .limit(limit)
    )
    return rows.all()


async def add_code(
    session: AsyncSession,
    *,
    payload: str,
    session_id: int,
    admin_id: int,
    now: datetime,
    expires_at: datetime,
) -> CheckinCode:
    code = CheckinCode(
        payload=payload,
        session_id=session_id,
        created_by=admin_id,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(code)
    await session.flush()
    return code


async def code_by_payload(session: AsyncSession, *, payload: str) -> CheckinCode | None:
    found: CheckinCode | None = await session.scalar(
        select(CheckinCode)
        .where(CheckinCode.payload == payload)
        .options(selectinload(CheckinCode.session))
    )
    return found


async def code_by_id(session: AsyncSession, *, code_id: int) -> CheckinCode | None:
    found: CheckinCode | None = await session.scalar(
        select(CheckinCode)
        .where(CheckinCode.id == code_id)
        .options(selectinload(CheckinCode.session))
    )
    return found


async def participation_in(
    session: AsyncSession, *, session_id: int, employee_id: int
) -> Participation | None:
    found: Participation | None = await session.scalar(
        select(Participation).where(
            Participation.session_id == session_id, Participation.employee_id == employee_id
        )
    )
    return found


async def mark_checked_in(session: AsyncSession, *, participation_id: int, now: datetime) -> bool:
    """Check the participation in (attended, at ``now``) unless it already is: True when
    this call did it (two scans at once check in once)."""
    result = await session.execute(
        update(Participation)
        .where(Participation.id == participation_id, Participation.checked_in_at.is_(None))
        .values(checked_in_at=now, status=ParticipationStatus.ATTENDED)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def checked_in_at(session: AsyncSession, *, participation_id: int) -> datetime | None:
    at: datetime | None = await session.scalar(
        select(Participation.checked_in_at).where(Participation.id == participation_id)
    )
    return at


async def count(session: AsyncSession, *, session_id: int) -> Count:
    row = (
        await session.execute(
            select(
                func.count(Participation.checked_in_at),
                func.count(Participation.id),
            ).where(
                Participation.session_id == session_id,
                Participation.status.not_in(_NOT_EXPECTED),
            )
        )
    ).one()
    return Count(int(row[0]), int(row[1]))


async def watched_codes(session: AsyncSession, *, since: datetime) -> Sequence[int]:
    """Codes whose live count is shown and still kept up to date."""
    rows = await session.scalars(
        select(CheckinCode.id).where(
            CheckinCode.expires_at > since, CheckinCode.board_message_id.is_not(None)
        )
    )
    return rows.all()


async def claim_board(
    session: AsyncSession,
    *,
    code_id: int,
    seen_at: datetime | None,
    seen_text: str | None,
    text: str,
    now: datetime,
) -> bool:
    """Take the turn to show ``text`` on the live count: only while nobody did since
    ``seen_at`` / ``seen_text`` were read, so two instances never both edit it."""
    result = await session.execute(
        update(CheckinCode)
        .where(
            CheckinCode.id == code_id,
            _is(CheckinCode.board_at, seen_at),
            _is(CheckinCode.board_text, seen_text),
        )
        .values(board_at=now, board_text=text)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def board_sent(
    session: AsyncSession, *, code_id: int, message_id: int, text: str, now: datetime
) -> None:
    """Remember the admin's live-count message, for every instance to edit."""
    await session.execute(
        update(CheckinCode)
        .where(CheckinCode.id == code_id)
        .values(board_message_id=message_id, board_text=text, board_at=now)
        .execution_options(synchronize_session=False)
    )


def _is(column: Any, value: object) -> Any:
    return column.is_(None) if value is None else column == value


@dataclass(frozen=True)
class Missed:
    """An invited participant who did not check in at a session that used check-in."""

    session_id: int
    employee_id: int
    participation_id: int
    starts_at: datetime
    ends_at: datetime
    venue: str


async def missed(
    session: AsyncSession, *, since: datetime, employee_ids: Collection[int] | None = None
) -> list[Missed]:
    """Participations (invited, confirmed or marked absent, never checked in) of
    sessions ending after ``since`` that had a check-in code and were not cancelled."""
    used_checkin = select(CheckinCode.id).where(CheckinCode.session_id == AssessmentSession.id)
    query = (
        select(
            Participation.session_id,
            Participation.employee_id,
            Participation.id,
            AssessmentSession.starts_at,
            AssessmentSession.ends_at,
            AssessmentSession.venue_name,
        )
        .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
        .where(
            AssessmentSession.ends_at >= since,
            AssessmentSession.status != SessionStatus.CANCELLED,
            Participation.status.in_(list(MISSED)),
            Participation.checked_in_at.is_(None),
            used_checkin.exists(),
        )
    )
    if employee_ids is not None:
        query = query.where(Participation.employee_id.in_(list(employee_ids)))
    rows = await session.execute(query)
    return [Missed(*row) for row in rows.all()]
