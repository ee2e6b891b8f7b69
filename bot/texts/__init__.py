"""The message catalogue: every word a user or an admin reads lives here.

The words are in gettext catalogues, ``bot/texts/locale/<lang>/LC_MESSAGES/messages.po``
(see :mod:`bot.texts.catalogue`): Indonesian (``id``) is the first language,
English (``en``) the second. Look a message up with :func:`t`; placeholders use
``str.format`` names, and numbers are shown for the reader's locale by the spec the
catalogue gives them (:mod:`bot.texts.numbers`). A message with plural forms is
chosen by its ``count`` parameter. Values put into HTML messages must be escaped by
the caller (``html.escape``).
"""

from __future__ import annotations

from bot.texts.catalogue import load
from bot.texts.numbers import LocalParams

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


def normalise_language(code: str | None) -> str:
    """Map a Telegram ``language_code`` (``en-GB``, ``id``...) to a catalogue."""
    if code and code.split("-")[0].lower() == "en":
        return "en"
    return DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Return message ``key`` in ``lang`` with ``params`` filled in.

    A key missing in ``lang`` falls back to Indonesian; a key missing there too
    is a bug (``KeyError``).
    """
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    count = params.get("count")
    template = load(lang).template(key, count)
    if template is None:
        template = load(DEFAULT_LANGUAGE).template(key, count)
        if template is None:
            raise KeyError(key)
    return template.format_map(LocalParams(params, lang)) if params else template
