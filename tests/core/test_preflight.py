"""The rules of ``asnbot doctor`` (bot.core.preflight), without network or database."""

from __future__ import annotations

from bot.core.preflight import (
    MIN_FREE_BYTES,
    Schema,
    WebhookFaults,
    enough_free_space,
    known_timezone,
    webhook_faults,
)


def test_a_webhook_needs_a_public_https_url_a_well_formed_secret_and_a_port() -> None:
    assert webhook_faults("https://bot.gresikkab.go.id/telegram", "abc_DEF-123", 8443) == (
        WebhookFaults()
    )
    assert not WebhookFaults().any
    assert webhook_faults("", "", 0) == WebhookFaults(
        url_missing=True, secret_missing=True, port_missing=True
    )
    assert webhook_faults("http://bot.gresikkab.go.id/telegram", "abc", 8443) == WebhookFaults(
        url_not_https=True
    )
    assert webhook_faults("https:///telegram", "abc", 8443).url_not_https
    assert webhook_faults("HTTPS://bot.gresikkab.go.id/", "abc", 1) == WebhookFaults()
    assert webhook_faults("https://bot.gresikkab.go.id/", "a b", 8443) == WebhookFaults(
        secret_malformed=True
    )
    assert webhook_faults("https://bot.gresikkab.go.id/", "x" * 257, 8443).secret_malformed
    assert webhook_faults("https://bot.gresikkab.go.id/", "x" * 256, 8443).any is False


def test_time_zones_and_free_space() -> None:
    assert known_timezone("Asia/Jakarta")
    assert known_timezone("Asia/Makassar")
    assert not known_timezone("Asia/Gresik")
    assert not known_timezone("../etc/passwd")
    assert enough_free_space(MIN_FREE_BYTES)
    assert not enough_free_space(MIN_FREE_BYTES - 1)
    assert enough_free_space(10, minimum=10)


def test_the_schema_is_up_to_date_only_at_a_head() -> None:
    known = {"0001", "0002", "0003"}
    assert Schema("0003", ("0003",), known).up_to_date
    behind = Schema("0002", ("0003",), known)
    assert not behind.up_to_date and not behind.from_newer_asnbot
    never = Schema(None, ("0003",), known)
    assert not never.up_to_date and not never.from_newer_asnbot
    newer = Schema("0099", ("0003",), known)
    assert not newer.up_to_date and newer.from_newer_asnbot
