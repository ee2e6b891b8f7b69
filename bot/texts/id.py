"""Bahasa Indonesia: the first language of every message."""

TEXTS: dict[str, str] = {
}
