"""The failed-attempt limit per second factor, and the keyed NIP digest."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.attempts import AttemptLimit, Failure, nip_digest

NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
CODE, CONTACT = "code", "contact"


def failures(
    count: int, method: str, *, by_account: bool, on_nip: bool, minutes_ago: int = 1
) -> list[Failure]:
    at = NOW - timedelta(minutes=minutes_ago)
    return [Failure(at, method, by_account=by_account, on_nip=on_nip) for _ in range(count)]


def code_lock(seen: list[Failure]) -> datetime | None:
    return AttemptLimit().lock(CODE, seen, guessable=True, now=NOW)


def contact_lock(seen: list[Failure]) -> datetime | None:
    return AttemptLimit().lock(CONTACT, seen, guessable=False, now=NOW)


UNTIL = NOW + timedelta(minutes=14)  # the failures were a minute ago


@pytest.mark.parametrize(
    ("seen", "locked"),
    [
        # A stranger's wrong codes on the owner's NIP: the owner's phone still works.
        (failures(5, CODE, by_account=False, on_nip=True), None),
        # Strangers' failed contacts on the NIP (foreign contacts, their own phones): same.
        (failures(5, CONTACT, by_account=False, on_nip=True), None),
        # The owner's own mistyped codes do not stop their phone either.
        (failures(5, CODE, by_account=True, on_nip=True), None),
        # The account's own failed contacts do count, on any NIP.
        (failures(5, CONTACT, by_account=True, on_nip=True), UNTIL),
        (failures(5, CONTACT, by_account=True, on_nip=False), UNTIL),
        (failures(4, CONTACT, by_account=True, on_nip=True), None),
    ],
)
def test_a_contact_try_counts_only_this_accounts_failed_contacts(
    seen: list[Failure], locked: datetime | None
) -> None:
    assert contact_lock(seen) == locked


@pytest.mark.parametrize(
    ("seen", "locked"),
    [
        # Accounts taking turns at one NIP.
        (failures(5, CODE, by_account=False, on_nip=True), UNTIL),
        # One account trying many NIPs.
        (failures(5, CODE, by_account=True, on_nip=False), UNTIL),
        (failures(3, CODE, by_account=True, on_nip=False)
         + failures(2, CODE, by_account=False, on_nip=True), None),
        # Failed contacts, however many and whoever's, do not stop a code...
        (failures(9, CONTACT, by_account=True, on_nip=True), None),
        # ...nor help to get around the code limit when mixed in.
        (failures(4, CODE, by_account=False, on_nip=True)
         + failures(5, CONTACT, by_account=False, on_nip=True), None),
        (failures(5, CODE, by_account=False, on_nip=True)
         + failures(5, CONTACT, by_account=True, on_nip=True), UNTIL),
    ],
)  # fmt: skip
def test_a_code_try_counts_failed_codes_per_account_and_per_nip(
    seen: list[Failure], locked: datetime | None
) -> None:
    assert code_lock(seen) == locked


def test_the_later_of_two_locks_is_the_one_said() -> None:
    by_account = failures(5, CODE, by_account=True, on_nip=False, minutes_ago=10)
    on_nip = failures(5, CODE, by_account=False, on_nip=True, minutes_ago=2)

    assert code_lock(by_account + on_nip) == NOW + timedelta(minutes=13)


def test_failures_older_than_the_window_do_not_lock() -> None:
    old = failures(5, CODE, by_account=True, on_nip=True, minutes_ago=15)
    assert code_lock(old) is None


def test_the_nip_digest_is_keyed_not_a_plain_sha256() -> None:
    nip = "198609262015051001"
    digest = nip_digest(nip, key=b"k" * 32)

    assert digest != hashlib.sha256(nip.encode()).hexdigest()
    assert digest == nip_digest(nip, key=b"k" * 32)
    assert digest != nip_digest(nip, key=b"j" * 32)
    assert len(digest) == 64 and int(digest, 16) >= 0
