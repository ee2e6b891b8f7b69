"""Logs: NIPs, phone numbers and the token never reach the output; ids do."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import configure_logging, update_context

TOKEN = "7012345678:AAH3xk-ExampleTokenThatIsSecret_1234567"
NIP = "198501012008011001"


@pytest.fixture
def output() -> Iterator[io.StringIO]:
    """A stream the root logger writes to; the previous setup is restored after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)


def test_nips_phone_numbers_and_the_token_are_masked(output: io.StringIO) -> None:
    configure_logging("INFO", secrets=[TOKEN], stream=output)
    log = logging.getLogger("some.library")

    log.info("employee %s linked", NIP)
    log.info("printed NIP 19850101 200801 1 001 in a letter")
    log.info("contact 081234567890, +62 812-3456-7890 and 6281234567890")
    log.info("GET https://api.telegram.org/bot%s/getMe", TOKEN)
    log.info("telegram user 6281234567 (a user id, not a phone) sent update 123456789")

    text = output.getvalue()
    for secret in (NIP, "19850101 200801 1 001", "081234567890", "812-3456-7890", TOKEN):
        assert secret not in text
    assert "6281234567890" not in text
    assert text.count("[redacted]") == 6
    assert "telegram user 6281234567 " in text
    assert "update 123456789" in text


def test_a_traceback_carrying_a_nip_is_masked(output: io.StringIO) -> None:
    configure_logging("INFO", stream=output)
    log = logging.getLogger("handlers.test")

    try:
        raise ValueError(f"no employee with NIP {NIP}")
    except ValueError:
        log.exception("lookup failed")

    text = output.getvalue()
    assert "ValueError: no employee with NIP [redacted]" in text
    assert NIP not in text


def test_json_lines_carry_the_update_and_the_telegram_user(output: io.StringIO) -> None:
    configure_logging("INFO", json_lines=True, stream=output)
    log = logging.getLogger("handlers.start")

    with update_context(4242, 1001):
        log.info("greeted")
    log.info("outside any update")

    first, second = (json.loads(line) for line in output.getvalue().splitlines())
    assert first["message"] == "greeted"
    assert first["update_id"] == 4242
    assert first["telegram_user_id"] == 1001
    assert first["level"] == "INFO"
    assert first["logger"] == "handlers.start"
    assert second["update_id"] is None and second["telegram_user_id"] is None


def test_plain_lines_show_the_ids_inside_an_update(output: io.StringIO) -> None:
    configure_logging("INFO", stream=output)

    with update_context(7, 1001):
        logging.getLogger("bot").info("hello")

    assert "bot [update=7 user=1001]: hello" in output.getvalue()
