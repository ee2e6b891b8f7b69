"""The import templates, package data in ``bot/imports/templates/``: one XLSX and one
CSV per kind, named by the kind's Indonesian name (``pegawai.xlsx``, ``pegawai.csv``).

Read through :mod:`importlib.resources`, so they are found wherever the package is
installed (a wheel, a container), not only in a checkout.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from bot.imports.kinds import NAMES

SUFFIXES = ("xlsx", "csv")  # the order /impor sends them in


def template(kind: str, suffix: str) -> Traversable:
    """The template of ``kind`` (an accepted kind name) as ``suffix`` (``xlsx`` or ``csv``)."""
    return resources.files("bot.imports").joinpath("templates", f"{NAMES[kind]}.{suffix}")


def template_files(kind: str) -> list[tuple[str, bytes]]:
    """``kind``'s templates as (file name, content): the XLSX, then the CSV."""
    return [(f"{NAMES[kind]}.{suffix}", template(kind, suffix).read_bytes()) for suffix in SUFFIXES]
