"""English: the second language of every message."""

TEXTS: dict[str, str] = {
}
