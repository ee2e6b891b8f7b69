"""Every catalogue key the code can build exists, and every key in the catalogue is used.

The source is read (``ast``): a string that looks like a key in a catalogue namespace
(``gapura.done.full``) must be a key; an f-string key (``f"gapura.mode.{m}"``) must
have its prefix in :data:`DYNAMIC` below, with every value its variable can take.
A new dynamic key therefore fails here until its values are listed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

from bot.core import broadcast, sending
from bot.core.competencies import COMPETENCY_CODES
from bot.core.ikm import GRADES, SCALE
from bot.core.question_words import Task
from bot.core.survey import COURSE, SKM, SURVEYS
from bot.core.vocabulary import (
    BroadcastStatus,
    CheckinAnswer,
    CourseMode,
    EnrollmentStatus,
    ResultStage,
    VerificationMethod,
)
from bot.imports.service import KINDS
from bot.texts.catalogue import load
from handlers import admin_audit

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "jobs", "models", "sandbox")
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$")

# Prefix of an f-string key -> every value its placeholder can take.
DYNAMIC: dict[str, Iterable[str]] = {
    "admin.audit.action.": (*admin_audit.ACTIONS, "other"),
    "admin.audit.actor.": admin_audit.ACTORS,
    "admin.audit.count.": admin_audit.COUNTS,
    "admin.export.col.": (
        "average_jp", "checked_in", "completed", "delivered", "employees", "met", "met_percent",
        "name", "nip", "no", "opd", "read", "registered", "signature", "status", "unit",
    ),
    "admin.export.menu.": ("b", "c", "jp", "s"),
    "admin.export.pick.": ("b", "c", "s"),
    "admin.export.status.": (
        "attended", "blocked", "completed", "confirmed", "delivered", "excused", "failed",
        "invited", "no_show", "offered", "pending", "registered", "reschedule_requested",
        "waitlisted", "withdrawn",
    ),
    "admin.export.title.": ("b", "c", "jp", "s"),
    "admin.export.file.": ("b", "c"),
    "broadcast.": ("paused", "resumed", "cancelled"),  # the progress buttons' answers
    "broadcast.audience.": broadcast.AUDIENCES,
    "broadcast.pick.": ("crs", "opd", "pos", "prog", "ses"),
    "broadcast.progress.": [*BroadcastStatus],
    "broadcast.progress.waiting.": (sending.QUIET, sending.DAY_OFF),
    "broadcast.held.": (sending.QUIET, sending.DAY_OFF),
    "broadcast.unreached.": (broadcast.NOT_LINKED, broadcast.BLOCKED_BOT),
    "broadcast.unreached.col.": ("no", "nip", "name", "unit", "reason"),
    "checkin.scan.": [*CheckinAnswer],
    "competency.": COMPETENCY_CODES,  # bot.texts.domain.COMPETENCY_PREFIX
    "gapura.done.": (
        "accepted", "already", "cancelled", "declined", "full", "left_waitlist", "registered",
        "stale", "waitlisted",
    ),
    "gapura.list.mine.": ("offered", "registered", "waitlisted"),
    "gapura.mode.": [*CourseMode],
    "gapura.status.": [*EnrollmentStatus],
    "import.detail.": (
        "positions_created", "programs_created", "programs_updated", "units_created",
        "units_updated",
    ),
    "import.file.": ("row", "column", "reason"),
    "import.kind.": KINDS,
    "import.kind_about.": KINDS,
    "link.method.": [*VerificationMethod],
    "questions.task.": [*Task],
    "reminders.kind.": sending.OPTIONAL_KINDS,
    "results.status.": [*ResultStage],
    # bot/notices/survey.py: each question and its four answers, by survey kind.
    "survey.": [
        f"{kind}.q{n}{answer}"
        for kind, survey in SURVEYS.items()
        for n in range(1, survey.questions + 1)
        for answer in ("", *(f".{value}" for value in SCALE))
    ],
    "survey.grade.": [grade for _, grade in GRADES],
    "survey.skm.element.": [str(n) for n in range(1, SKM.questions + 1)],
    "survey.course_evaluation.topic.": [str(n) for n in range(1, COURSE.questions + 1)],
    "admin.survey.xlsx.col.": ("no", "element", "nrr", "weighted"),
    "schedule.status.": (
        "attended", "being_scored", "cancelled", "confirmed", "excused", "invited", "no_show",
        "released", "reschedule_requested", "unrecorded",
    ),
}  # fmt: skip

# Strings in a catalogue namespace that are not message keys: audit actions,
# conversation steps, a file name.
NOT_KEYS = {
    "admin.granted", "admin.lookup", "admin.unlink", "broadcast.created", "broadcast.draft",
    "broadcast.sent", "import.kind", "link.code", "link.created", "link.failed", "link.nip",
    "link.refused_taken", "link.removed", "nip.csv", "results.id", "results.released",
    "schedule.reason", "survey.comment", "link.phone", "checkin.payload",
    # The audit actions /audit names in sentences ("codes.issued" is a message too).
    *(set(admin_audit.ACTIONS) - {"codes.issued"}),
}  # fmt: skip

ID = load("id").messages
EN = load("en").messages
NAMESPACES = {key.split(".")[0] for key in ID}


def _sources() -> Iterable[tuple[Path, ast.AST]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(encoding="utf-8"))


def _audit_actions(tree: ast.AST) -> set[int]:
    """Ids of the values passed as ``action=``: audit events, not messages."""
    return {
        id(kw.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg == "action"
    }


def _found() -> tuple[dict[str, str], dict[str, str]]:
    """Literal keys and f-string prefixes in the source, each with where it was seen."""
    literals: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for path, tree in _sources():
        skip = _audit_actions(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.JoinedStr):
                first = node.values[0] if node.values else None
                if isinstance(first, ast.Constant) and _namespaced(str(first.value)):
                    prefixes.setdefault(str(first.value), where)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if text.endswith(".") and _namespaced(text) and KEY.match(text[:-1]):
                    prefixes.setdefault(text, where)
                elif KEY.match(text) and _namespaced(text) and text not in NOT_KEYS:
                    literals.setdefault(text, where)
    return literals, prefixes


def _namespaced(text: str) -> bool:
    return "." in text and text.split(".")[0] in NAMESPACES


LITERALS, PREFIXES = _found()


def test_every_literal_key_in_the_code_exists_in_both_languages() -> None:
    missing = {key: where for key, where in LITERALS.items() if key not in ID or key not in EN}
    assert missing == {}


def test_every_dynamic_key_prefix_is_listed_with_its_values() -> None:
    unlisted = {prefix: where for prefix, where in PREFIXES.items() if prefix not in DYNAMIC}
    assert unlisted == {}


def test_every_value_of_a_dynamic_key_exists_in_both_languages() -> None:
    built = {prefix + str(value) for prefix, values in DYNAMIC.items() for value in values}
    assert sorted(key for key in built if key not in ID or key not in EN) == []


def test_no_catalogue_key_is_unused() -> None:
    built = {prefix + str(value) for prefix, values in DYNAMIC.items() for value in values}
    used = set(LITERALS) | built
    assert sorted(set(ID) - used) == []
