"""Rules of the code's shape that a reader should not have to re-check by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Conversation state lives in the database (bot/core/steps.py), never in one process's
# memory: python-telegram-bot's per-user and per-chat dicts are not used at all.
IN_MEMORY_STATE = re.compile(r"\b(user_data|chat_data)\b")


def test_no_handler_or_job_keeps_state_in_user_data_or_chat_data() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("bot", "handlers", "jobs")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if IN_MEMORY_STATE.search(line)
    ]
    assert found == []


# ------------------------------------------------------------------ one vocabulary

# Statuses and kinds are spelled once, in bot/core/vocabulary.py; everywhere else the
# code names the enum member. Migrations keep their literals (a migration is frozen
# history), the catalogue and the demo data are words and fixtures, not rules.
VOCABULARY = ROOT / "bot" / "core" / "vocabulary.py"
NOT_SCANNED = ("models/migrations/", "bot/texts/", "bot/demo/")
# A line may keep a literal that only looks like a status (a file name, a label) with
# this marker and a reason.
ALLOWED = "# vocabulary: not a status"


def _vocabulary_values() -> set[str]:
    tree = ast.parse(VOCABULARY.read_text(encoding="utf-8"))
    return {
        node.value.value
        for cls in tree.body
        if isinstance(cls, ast.ClassDef)
        for node in cls.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        if isinstance(node.value.value, str)
    }


def _literals(node: ast.AST | None) -> list[ast.Constant]:
    """String constants in ``node``: itself, or inside a tuple, list, set or a call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [c for element in node.elts for c in _literals(element)]
    if isinstance(node, ast.Call):  # frozenset({...}), tuple([...])
        return [c for argument in node.args for c in _literals(argument)]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


# Calls whose string arguments name an attribute or a key, never a status.
NAMING_CALLS = frozenset({"get", "pop", "setdefault", "getattr", "hasattr", "setattr"})


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _rule_positions(tree: ast.AST) -> list[ast.Constant]:
    """Literals compared, passed as an argument, stored as a dict value or a constant
    (``PENDING = "pending"``, ``frozenset({"invited"})``)."""
    found: list[ast.Constant] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            found += [c for side in (node.left, *node.comparators) for c in _literals(side)]
        elif isinstance(node, ast.Call):
            if _called(node) not in NAMING_CALLS:
                found += [c for argument in node.args for c in _literals(argument)]
            found += [
                c
                for keyword in node.keywords
                if keyword.arg is not None and ("status" in keyword.arg or "kind" in keyword.arg)
                for c in _literals(keyword.value)
            ]
        elif isinstance(node, ast.BinOp):  # items - {"PNS", "PPPK"}
            found += _literals(node.left) + _literals(node.right)
        elif isinstance(node, ast.Dict):
            found += [c for value in node.values for c in _literals(value)]
        elif isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(
            node.value, ast.Constant | ast.Call
        ):
            found += _literals(node.value)
    return found


def test_no_status_or_kind_is_spelled_outside_the_vocabulary() -> None:
    values = _vocabulary_values()
    found = []
    for folder in ("bot", "handlers", "jobs", "models"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if path == VOCABULARY or name.startswith(NOT_SCANNED):
                continue
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            found += [
                f"{name}:{c.lineno}: {c.value!r} (use bot.core.vocabulary)"
                for c in _rule_positions(ast.parse(source))
                if c.value in values and ALLOWED not in lines[c.lineno - 1]
            ]
    assert not found, "\n".join(sorted(set(found)))
