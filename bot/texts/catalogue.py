"""The gettext catalogues (``locale/<lang>/LC_MESSAGES/messages.po``), read once.

The ``.po`` files are the only source of the words: ``msgid`` is the key the code
looks up, ``msgstr`` the message. A message with a count has plural forms
(``msgid_plural``, ``msgstr[n]``) chosen by the file's ``Plural-Forms`` rule.
Babel parses them on first use; afterwards a lookup is a dict access.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType

from babel.messages.pofile import read_po

LOCALE_DIR = resources.files("bot.texts").joinpath("locale")  # package data
DOMAIN = "messages"

Template = str | tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    """One language's messages: a key to its template, or its plural forms."""

    lang: str
    messages: Mapping[str, Template]
    plural: Callable[[int], int]

    def template(self, key: str, count: object) -> str | None:
        """The message for ``key`` (the form for ``count`` if it has plurals)."""
        found = self.messages.get(key)
        if found is None or isinstance(found, str):
            return found
        if not isinstance(count, int):
            raise TypeError(f"{key} has plural forms: pass an int count=, not {count!r}")
        return found[min(self.plural(count), len(found) - 1)]

    def every_form(self) -> dict[str, str]:
        """Every template once, for checks and tools: plural forms as ``key``, ``key[1]``..."""
        flat: dict[str, str] = {}
        for key, found in self.messages.items():
            forms = (found,) if isinstance(found, str) else found
            for i, form in enumerate(forms):
                flat[f"{key}[{i}]" if i else key] = form
        return flat


def po_path(lang: str) -> Traversable:
    return LOCALE_DIR.joinpath(lang, "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def load(lang: str) -> Catalogue:
    """Parse ``lang``'s ``.po`` file; fuzzy and empty translations are left out."""
    with po_path(lang).open("rb") as fp:
        po = read_po(fp, locale=lang, domain=DOMAIN)
    messages: dict[str, Template] = {}
    for message in po:
        if not message.id or message.fuzzy:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        text = message.string
        if isinstance(text, str):
            if text:
                messages[key] = text
        elif text and all(text):
            messages[key] = tuple(text)
    return Catalogue(lang, MappingProxyType(messages), gettext.c2py(po.plural_expr))
