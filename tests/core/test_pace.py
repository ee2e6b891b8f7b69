"""Pacing arithmetic: the whole bot's smooth pace, a chat's burst, flood waits."""

from __future__ import annotations

from bot.core import pace as p

S = p.SECOND
CHAT = 11 * S // 10  # a private chat: one message every 1.1 s after its burst


def times(count: int, which: p.Pace, *, now: int = 0, next_at: int = 0) -> list[int]:
    """When ``count`` messages asked for at ``now``, one after the other, may go."""
    found = []
    for _ in range(count):
        next_at = p.advance(next_at, now, which)
        found.append(p.goes_at(next_at, now, which))
    return found


def test_the_overall_pace_is_smooth_from_the_first_message() -> None:
    went = times(31, p.overall(29))
    assert went[0] == 0 and went[1] == -(-S // 29)
    assert all(b - a == went[1] for a, b in zip(went, went[1:], strict=False))
    # No one-second window holds more than 29.
    assert max(sum(1 for t in went if start <= t < start + S) for start in went) == 29


def test_a_private_chat_takes_a_burst_of_three_then_one_every_1_1_seconds() -> None:
    assert times(5, p.for_chat(1001)) == [0, 0, 0, CHAT, 2 * CHAT]


def test_a_group_takes_one_message_every_three_seconds() -> None:
    assert times(3, p.for_chat(-100123)) == [0, 3 * S, 6 * S]
    assert p.for_chat("@kanal_bkpsdm") == p.for_chat(-1)


def test_a_quiet_spell_gives_back_the_burst_but_never_more() -> None:
    chat = p.for_chat(1001)
    next_at = p.advance(p.advance(0, 0, chat), 0, chat)  # two at 0
    later = 60 * S
    assert times(4, chat, now=later, next_at=next_at) == [later, later, later, later + CHAT]


def test_a_flood_wait_holds_every_message_back_then_they_go_at_the_pace() -> None:
    chat = p.for_chat(1001)
    held = p.held_until(7 * S, 0, chat)
    assert times(4, chat, next_at=held) == [7 * S + n * CHAT for n in range(4)]
    assert times(1, p.overall(29), next_at=p.held_until(7 * S, 0, p.overall(29))) == [7 * S]


def test_a_pace_far_ahead_means_a_clock_set_back_and_starts_from_now() -> None:
    overall = p.overall(29)
    assert times(1, overall, now=0, next_at=p.MAX_AHEAD + S) == [0]
    assert p.held_until(3600 * S, 0, overall) == p.MAX_AHEAD


def test_only_methods_that_post_a_new_message_count() -> None:
    assert all(p.counts(m) for m in ("sendMessage", "sendPhoto", "SENDDOCUMENT", "copyMessage"))
    assert not any(
        p.counts(m)
        for m in ("editMessageText", "answerCallbackQuery", "sendChatAction", "getUpdates")
    )
