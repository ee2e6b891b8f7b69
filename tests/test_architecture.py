"""Rules of the code's shape that a reader should not have to re-check by hand."""

from __future__ import annotations

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
