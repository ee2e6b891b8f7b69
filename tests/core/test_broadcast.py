"""Announcement rules: the admin's HTML, limits, progress edits, read rate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.core.broadcast import (
    CAPTION_LIMIT,
    EDIT_EVERY,
    InvalidAnnouncement,
    Progress,
    check_text,
    page,
    plain_text,
    read_rate,
    should_edit,
)

NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def test_telegram_html_is_accepted_and_read_without_tags() -> None:
    source = '<b>Rapat</b> di <a href="https://bkpsdm.gresikkab.go.id">BKPSDM</a> &amp; K3 & co'
    assert plain_text(source) == "Rapat di BKPSDM & K3 & co"


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("a < b", "broadcast.html.stray_lt"),
        ("<script>x</script>", "broadcast.html.unknown_tag"),
        ("<b><i>x</b></i>", "broadcast.html.unbalanced"),
        ("<b>x", "broadcast.html.unclosed"),
        ("<a>x</a>", "broadcast.html.link"),
        ("<b> </b>", "broadcast.html.empty"),
    ],
)
def test_html_telegram_would_refuse_is_named(source: str, key: str) -> None:
    with pytest.raises(InvalidAnnouncement) as caught:
        check_text(source, with_attachment=False)
    assert caught.value.key == key


def test_limits_count_the_text_after_tags_and_captions_are_shorter() -> None:
    long = "<b>" + "x" * 4096 + "</b>"
    assert check_text(long, with_attachment=False) == long
    with pytest.raises(InvalidAnnouncement) as caught:
        check_text(long, with_attachment=True)
    assert caught.value.key == "broadcast.too_long_caption"
    assert caught.value.params == {"length": 4096, "limit": CAPTION_LIMIT}
    with pytest.raises(InvalidAnnouncement):
        check_text("x" * 4097, with_attachment=False)


def test_progress_counts_and_finishes_when_nothing_waits() -> None:
    running = Progress(total=10, delivered=6, blocked=1, failed=1, read=3, waiting=2)
    assert running.handled == 8 and not running.finished
    assert Progress(total=10, delivered=10).finished
    assert running.read_percent() == Decimal("50.0")


def test_read_rate_with_nothing_delivered_is_zero() -> None:
    assert read_rate(0, 0) == 0
    assert read_rate(1, 3) == Decimal("33.3")


def test_progress_message_is_edited_at_most_every_few_seconds() -> None:
    soon = NOW + EDIT_EVERY - timedelta(seconds=1)
    assert should_edit(shown=None, wanted="a", last_edit=None, now=NOW, final=False)
    assert not should_edit(shown="a", wanted="b", last_edit=NOW, now=soon, final=False)
    assert should_edit(shown="a", wanted="b", last_edit=NOW, now=NOW + EDIT_EVERY, final=False)
    assert should_edit(shown="a", wanted="b", last_edit=NOW, now=soon, final=True)
    assert not should_edit(shown="b", wanted="b", last_edit=NOW, now=NOW + EDIT_EVERY, final=True)


def test_pages_of_a_list() -> None:
    assert page(20, 0, 8) == (None, 8)
    assert page(20, 8, 8) == (0, 16)
    assert page(20, 16, 8) == (8, None)
