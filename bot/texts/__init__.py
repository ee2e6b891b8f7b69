"""The message catalogue: every word a user or an admin reads lives here.

Indonesian (``id``) is the first language, English (``en``) the second. Look a
message up with :func:`t`; placeholders use ``str.format`` names. Values put
into HTML messages must be escaped by the caller (``html.escape``).
"""

from __future__ import annotations

from bot.texts import en, id

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_CATALOGUES: dict[str, dict[str, str]] = {"id": id.TEXTS, "en": en.TEXTS}


def normalise_language(code: str | None) -> str:
    """Map a Telegram ``language_code`` (``en-GB``, ``id``...) to a catalogue."""
    if code and code.split("-")[0].lower() == "en":
        return "en"
    return DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Return message ``key`` in ``lang`` with ``params`` filled in."""
    catalogue = _CATALOGUES.get(lang, _CATALOGUES[DEFAULT_LANGUAGE])
    template = catalogue.get(key) or _CATALOGUES[DEFAULT_LANGUAGE][key]
    return template.format(**params) if params else template
