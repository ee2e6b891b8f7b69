"""Delivery decisions for the outbox: what a failed send does to a notification.

- 403 Forbidden (the user blocked the bot): the notice is skipped and the link
  marked blocked; nothing more goes to that user until they come back.
- 429 Too Many Requests: the notice waits ``retry_after`` and is tried again; it
  is not counted as an attempt, so nothing is lost to flood control (which
  otherwise keeps 429s away: ``bot/flood.py``).
- Network errors and 5xx: retried with a growing pause (:data:`BACKOFF`) until
  ``retry_limit`` attempts, then failed with the error kept for the admins.
- Any other 4xx (a message Telegram refuses): failed at once, retrying would
  refuse it again.

A claim older than :data:`CLAIM_LEASE` belongs to a process that died or stalled
mid-batch: the notice goes back to pending. A running batch renews its claims
every :data:`RENEW_EVERY`, and each notice's claim right before its send.

Several notices of one kind in :data:`MERGED` due for one person at once go as one
message (:func:`messages`): ten course openings are one notice listing ten courses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from bot.core.vocabulary import NotificationKind, NotificationStatus, SendFailure

BACKOFF = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
    timedelta(hours=1),
)
CLAIM_LEASE = timedelta(minutes=2)
RENEW_EVERY = CLAIM_LEASE / 4
# Kinds merged into one message per person, and at most how many in one message.
MERGED = frozenset({NotificationKind.COURSE_OPEN})
MERGE_LIMIT = 10
DEFAULT_RETRY_LIMIT = 5
ERROR_TEXT_LIMIT = 300


@dataclass(frozen=True)
class Outcome:
    """What to write after a failed send."""

    status: NotificationStatus
    attempts: int
    due_at: datetime | None = None  # the next try, for ``pending``
    last_error: str | None = None
    block_link: bool = False
    stop_batch: bool = False  # flood control: the rest of the batch waits too


def backoff(attempts: int) -> timedelta:
    """The pause before try number ``attempts + 1`` (``attempts`` >= 1 made so far)."""
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def after_failure(
    failure: SendFailure,
    *,
    attempts: int,
    now: datetime,
    error: str,
    retry_after: float = 0,
    retry_limit: int = DEFAULT_RETRY_LIMIT,
) -> Outcome:
    """The outcome of a send that failed with ``failure``; ``attempts`` were made before."""
    message = error[:ERROR_TEXT_LIMIT]
    if failure == SendFailure.FORBIDDEN:
        return Outcome(
            NotificationStatus.SKIPPED, attempts + 1, last_error=message, block_link=True
        )
    if failure == SendFailure.RETRY_AFTER:
        wait = timedelta(seconds=max(retry_after, 1))
        return Outcome(NotificationStatus.PENDING, attempts, now + wait, message, stop_batch=True)
    made = attempts + 1
    if failure == SendFailure.REFUSED or made >= retry_limit:
        return Outcome(NotificationStatus.FAILED, made, last_error=message)
    return Outcome(NotificationStatus.PENDING, made, now + backoff(made), message)


def claim_expired(claimed_at: datetime | None, now: datetime) -> bool:
    """Whether a claim is older than the lease (its process is presumed dead)."""
    return claimed_at is not None and now - claimed_at >= CLAIM_LEASE


class Addressed(Protocol):
    @property
    def employee_id(self) -> int: ...

    @property
    def kind(self) -> str: ...


N = TypeVar("N", bound=Addressed)


def messages(notices: Sequence[N]) -> list[list[N]]:
    """The messages a batch makes, in its order: one notice each, except that notices
    of a :data:`MERGED` kind for one person go together (up to :data:`MERGE_LIMIT`)."""
    found: list[list[N]] = []
    open_groups: dict[tuple[int, str], list[N]] = {}
    for notice in notices:
        if notice.kind not in MERGED:
            found.append([notice])
            continue
        key = (notice.employee_id, notice.kind)
        group = open_groups.get(key)
        if group is None or len(group) >= MERGE_LIMIT:
            group = open_groups[key] = []
            found.append(group)
        group.append(notice)
    return found
