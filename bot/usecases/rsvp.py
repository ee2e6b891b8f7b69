"""Answering an invitation: "Hadir", "Tidak bisa hadir" with a reason (a reschedule
request), and an admin approving (the seat moves) or rejecting such a request.

Each use case loads, checks with :mod:`bot.core.schedule`, writes through
:mod:`models.queries.schedule` and :mod:`models.queries.reschedule`, and returns an
:class:`RsvpOutcome`. A participation from a button must be the caller's own; a
request already handled by another admin changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum, auto

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.schedule import (
    ScheduleRefused,
    bookable_slots,
    can_answer,
    can_ask_again,
    check_can_move,
    clean_reason,
)
from bot.core.vocabulary import LinkStatus, ParticipationStatus
from bot.usecases.seats import position_type_of, slot_of
from models.assessment import AssessmentSession, Participation
from models.queries import reschedule
from models.queries import schedule as q
from models.queries.audit import audit
from models.queries.links import link_of_employee

MAX_MOVE_CHOICES = 10


class Rsvp(StrEnum):
    """What happened to the invitation or the request."""

    CONFIRMED = auto()
    ASK_REASON = auto()  # "Tidak bisa hadir" may be answered: the reason comes next
    REQUESTED = auto()  # the reason is recorded; the admins' queue has it
    MOVE_CHOICES = auto()  # sessions with a free seat to move the request to
    APPROVED = auto()
    REJECTED = auto()
    PENDING = auto()  # the request still waits for an admin
    HANDLED = auto()  # the request is no longer pending (another admin was first)
    NO_FREE_SESSION = auto()
    FULL = auto()  # the chosen session has no seat (or is no longer a valid target)
    REFUSED = auto()  # not mine, or no longer answerable: ``refusal`` says why


@dataclass(frozen=True)
class Chat:
    """Where to tell an employee, and in which language."""

    telegram_user_id: int
    language: str


@dataclass(frozen=True)
class RsvpOutcome:
    """What happened, with what a message about it needs."""

    kind: Rsvp
    participation: Participation | None = None
    sessions: Sequence[AssessmentSession] = ()  # with MOVE_CHOICES
    refusal: ScheduleRefused | None = None
    tell: Chat | None = None  # with APPROVED / REJECTED: the employee, if they can be told


@dataclass(frozen=True)
class Queue:
    """A page of the requests waiting for an admin, oldest answer first."""

    total: int
    requests: Sequence[Participation]


async def queue(session: AsyncSession, *, offset: int, limit: int) -> Queue:
    """/jadwalulang: the pending requests from ``offset``."""
    total = await reschedule.pending_count(session)
    requests = await reschedule.pending_requests(session, offset=offset, limit=limit)
    return Queue(total, requests)


async def confirm(
    session: AsyncSession, *, employee_id: int, participation_id: int, now: datetime
) -> RsvpOutcome:
    """Hadir: I will attend."""
    found = await _mine(session, employee_id, participation_id)
    refusal = _not_answerable(found, now)
    if refusal is not None:
        return refusal
    assert found is not None
    await q.answer_invitation(
        session, participation=found, status=ParticipationStatus.CONFIRMED, now=now
    )
    return RsvpOutcome(Rsvp.CONFIRMED, participation=found)


async def may_decline(
    session: AsyncSession,
    *,
    employee_id: int,
    participation_id: int,
    now: datetime,
    missed: bool = False,
) -> RsvpOutcome:
    """Tidak bisa hadir: whether it may be answered (then the reason is asked for);
    ``missed``: "Minta jadwal ulang" after a session the participant did not come to."""
    found = await _mine(session, employee_id, participation_id)
    refusal = _not_answerable(found, now, missed=missed)
    return refusal or RsvpOutcome(Rsvp.ASK_REASON, participation=found)


async def request_reschedule(
    session: AsyncSession,
    *,
    employee_id: int,
    participation_id: int,
    reason: str,
    now: datetime,
    missed: bool = False,
) -> RsvpOutcome:
    """The reason after "Tidak bisa hadir" (``missed``: after "Minta jadwal ulang" for a
    session the participant did not come to): the participation waits for an admin."""
    found = await _mine(session, employee_id, participation_id)
    refusal = _not_answerable(found, now, missed=missed)
    if refusal is not None:
        return refusal
    assert found is not None
    await q.answer_invitation(
        session,
        participation=found,
        status=ParticipationStatus.RESCHEDULE_REQUESTED,
        reason=clean_reason(reason),
        now=now,
    )
    return RsvpOutcome(Rsvp.REQUESTED, participation=found)


async def move_choices(
    session: AsyncSession, *, participation_id: int, now: datetime
) -> RsvpOutcome:
    """Setujui: the sessions a pending request may move to: the self-booking rule
    (scheduled, in the future, a free seat, open to the employee's position type)
    over the program's other sessions where the employee holds no place."""
    request = await reschedule.pending_request(session, participation_id=participation_id)
    if request is None:
        return RsvpOutcome(Rsvp.HANDLED)
    candidates = {
        s.id: s for s in await reschedule.free_sessions_for(session, participation=request, now=now)
    }
    slots = bookable_slots(
        [slot_of(s) for s in candidates.values()],
        position_type=position_type_of(request.employee),
        now=now,
    )
    sessions = [candidates[slot.id] for slot in slots[:MAX_MOVE_CHOICES]]
    if not sessions:
        return RsvpOutcome(Rsvp.NO_FREE_SESSION, participation=request)
    return RsvpOutcome(Rsvp.MOVE_CHOICES, participation=request, sessions=sessions)


async def pending(session: AsyncSession, *, participation_id: int) -> RsvpOutcome:
    """Kembali: the request again, if it still waits for an admin."""
    request = await reschedule.pending_request(session, participation_id=participation_id)
    if request is None:
        return RsvpOutcome(Rsvp.HANDLED)
    return RsvpOutcome(Rsvp.PENDING, participation=request)


async def approve(
    session: AsyncSession,
    *,
    admin_id: int,
    participation_id: int,
    target_id: int,
    now: datetime,
) -> RsvpOutcome:
    """Move a pending request's seat to ``target_id`` (invited again there), audited."""
    request = await reschedule.pending_request(session, participation_id=participation_id)
    if request is None:
        return RsvpOutcome(Rsvp.HANDLED)
    target = await q.session_by_id(session, session_id=target_id)
    if target is None or not _valid_target(request, target, now):
        return RsvpOutcome(Rsvp.FULL, participation=request)
    old_session_id = request.session_id
    if not await reschedule.approve_move(session, participation=request, target=target, now=now):
        return RsvpOutcome(Rsvp.FULL, participation=request)
    await audit(
        session,
        now=now,
        action="reschedule.approved",
        actor_kind="admin",
        actor_telegram_id=admin_id,
        employee_id=request.employee_id,
        participation_id=request.id,
        from_session=old_session_id,
        to_session=target.id,
    )
    tell = await _chat_of(session, request.employee_id)
    return RsvpOutcome(Rsvp.APPROVED, participation=request, tell=tell)


async def reject(
    session: AsyncSession, *, admin_id: int, participation_id: int, now: datetime
) -> RsvpOutcome:
    """Back to invited in the same session, the reason kept; audited."""
    request = await reschedule.pending_request(session, participation_id=participation_id)
    if request is None:
        return RsvpOutcome(Rsvp.HANDLED)
    await reschedule.reject_request(session, participation=request)
    await audit(
        session,
        now=now,
        action="reschedule.rejected",
        actor_kind="admin",
        actor_telegram_id=admin_id,
        employee_id=request.employee_id,
        participation_id=request.id,
    )
    tell = await _chat_of(session, request.employee_id)
    return RsvpOutcome(Rsvp.REJECTED, participation=request, tell=tell)


def answerable_now(participation: Participation, now: datetime) -> bool:
    """Whether Hadir / Tidak bisa hadir may still be pressed for this participation."""
    sitting = participation.session
    return can_answer(
        participation_status=participation.status,
        session_status=sitting.status,
        starts_at=sitting.starts_at,
        now=now,
    )


async def _mine(
    session: AsyncSession, employee_id: int, participation_id: int
) -> Participation | None:
    return await q.my_participation(
        session, participation_id=participation_id, employee_id=employee_id
    )


def missed_now(participation: Participation, now: datetime) -> bool:
    """Whether the participant missed this session and may still ask for another date."""
    sitting = participation.session
    return can_ask_again(
        participation_status=participation.status,
        session_status=sitting.status,
        starts_at=sitting.starts_at,
        now=now,
    )


def _not_answerable(
    found: Participation | None, now: datetime, *, missed: bool = False
) -> RsvpOutcome | None:
    """The refusal, unless the participation is mine and may still be answered (or,
    with ``missed``, was missed and may be moved to another date)."""
    if found is None:
        return RsvpOutcome(Rsvp.REFUSED, refusal=ScheduleRefused("schedule.not_yours"))
    if missed and missed_now(found, now):
        return None
    if not answerable_now(found, now):
        refusal = ScheduleRefused("schedule.cannot_answer")
        return RsvpOutcome(Rsvp.REFUSED, participation=found, refusal=refusal)
    return None


async def _chat_of(session: AsyncSession, employee_id: int) -> Chat | None:
    """The employee's chat, unless they have none or blocked the bot."""
    link = await link_of_employee(session, employee_id=employee_id)
    if link is None or link.status != LinkStatus.ACTIVE:
        return None
    return Chat(link.telegram_user_id, link.language)


def _valid_target(request: Participation, target: AssessmentSession, now: datetime) -> bool:
    """The booking rule for moving a seat, for the employee the request is about."""
    try:
        check_can_move(
            slot_of(target),
            same_program=target.program_id == request.session.program_id,
            current_session_id=request.session_id,
            position_type=position_type_of(request.employee),
            now=now,
        )
    except ScheduleRefused:
        return False
    return True
