"""Delivery decisions: blocked, flood control, retries with backoff, the claim lease,
which notices go together as one message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.core import outbox as o
from bot.core.vocabulary import NotificationStatus, SendFailure

NOW = datetime(2025, 5, 6, 3, 0, tzinfo=UTC)


def test_forbidden_skips_and_blocks_the_link() -> None:
    outcome = o.after_failure(
        SendFailure.FORBIDDEN, attempts=0, now=NOW, error="Forbidden: bot was blocked"
    )
    assert (
        outcome.status == NotificationStatus.SKIPPED
        and outcome.block_link
        and not outcome.stop_batch
    )


def test_retry_after_waits_without_counting_an_attempt_and_pauses_the_batch() -> None:
    outcome = o.after_failure(
        SendFailure.RETRY_AFTER, attempts=2, now=NOW, error="429", retry_after=7
    )
    assert outcome.status == NotificationStatus.PENDING and outcome.attempts == 2
    assert outcome.due_at == NOW + timedelta(seconds=7) and outcome.stop_batch


def test_transient_errors_back_off_then_fail_at_the_limit() -> None:
    first = o.after_failure(
        SendFailure.TRANSIENT, attempts=0, now=NOW, error="Bad Gateway", retry_limit=3
    )
    assert (first.status, first.attempts, first.due_at) == (
        NotificationStatus.PENDING,
        1,
        NOW + o.BACKOFF[0],
    )
    second = o.after_failure(SendFailure.TRANSIENT, attempts=1, now=NOW, error="x", retry_limit=3)
    assert second.due_at == NOW + o.BACKOFF[1]
    last = o.after_failure(
        SendFailure.TRANSIENT, attempts=2, now=NOW, error="x" * 500, retry_limit=3
    )
    assert last.status == NotificationStatus.FAILED and last.attempts == 3
    assert last.last_error is not None and len(last.last_error) == o.ERROR_TEXT_LIMIT


def test_a_refused_message_fails_at_once() -> None:
    outcome = o.after_failure(
        SendFailure.REFUSED, attempts=0, now=NOW, error="can't parse entities"
    )
    assert outcome.status == NotificationStatus.FAILED and outcome.attempts == 1


def test_backoff_grows_and_stays_at_its_longest() -> None:
    pauses = [o.backoff(n) for n in range(1, 8)]
    assert pauses == sorted(pauses) and pauses[-1] == o.BACKOFF[-1]


def test_claims_expire_after_the_lease() -> None:
    assert not o.claim_expired(NOW, NOW + timedelta(seconds=30))
    assert o.claim_expired(NOW, NOW + o.CLAIM_LEASE)
    assert not o.claim_expired(None, NOW)


@dataclass(frozen=True)
class Notice:
    id: int
    employee_id: int
    kind: str


def test_course_openings_for_one_person_make_one_message_other_kinds_one_each() -> None:
    batch = [
        Notice(1, 7, "broadcast"),
        Notice(2, 7, "course_open"),
        Notice(3, 8, "course_open"),
        Notice(4, 7, "course_open"),
        Notice(5, 7, "broadcast"),
        Notice(6, 7, "course_open"),
    ]
    grouped = [[n.id for n in message] for message in o.messages(batch)]
    assert grouped == [[1], [2, 4, 6], [3], [5]]


def test_a_merged_message_lists_at_most_the_merge_limit() -> None:
    batch = [Notice(n, 7, "course_open") for n in range(o.MERGE_LIMIT + 2)]
    assert [len(message) for message in o.messages(batch)] == [o.MERGE_LIMIT, 2]
