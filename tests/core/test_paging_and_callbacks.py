"""Long messages split into valid pieces; callback data never passes 64 bytes."""

from __future__ import annotations

import pytest

from bot.callbacks import data, int_part
from bot.texts.paging import pack_blocks


def test_blocks_are_packed_into_messages_under_the_limit() -> None:
    blocks = [f"<b>Sesi {n}</b>\n" + "x" * 900 for n in range(10)]

    pages = pack_blocks(blocks)

    assert len(pages) == 3
    assert all(len(page) <= 4096 for page in pages)
    assert "".join(pages).count("<b>") == 10


def test_a_block_too_long_for_one_message_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot fit"):
        pack_blocks(["x" * 4097])


def test_callback_data_is_joined_and_checked_in_bytes() -> None:
    assert data("sched", "rsvp", 42) == "sched:rsvp:42"
    assert int_part("sched:rsvp:42", 2) == 42
    assert int_part("sched:rsvp", 2) is None
    with pytest.raises(ValueError, match="64 bytes"):
        data("x", "é" * 32)


@pytest.mark.parametrize("forged", ["9223372036854775808", "2147483648", "²", "٣", "-1", "1e3"])
def test_numbers_no_button_of_the_bot_carries_are_not_read(forged: str) -> None:
    assert int_part(f"res:show:{forged}", 2) is None


def test_the_largest_database_id_is_read() -> None:
    assert int_part("res:show:2147483647", 2) == 2147483647
