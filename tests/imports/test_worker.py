"""The worker process: a bug inside it reaches the parent's error handler."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.imports.parsing import ParseJob
from bot.imports.types import ImportContext
from bot.imports.worker import ImportWorkerCrashed, ProcessWorker

CTX = ImportContext(tz=ZoneInfo("Asia/Jakarta"), now=datetime(2025, 3, 3, 2, 0, tzinfo=UTC))


async def test_a_bug_in_the_worker_is_raised_in_the_parent_with_its_traceback(
    tmp_path: Path,
) -> None:
    path = tmp_path / "gaji.csv"
    path.write_text("NIP\n198609262015051001\n")

    with pytest.raises(ImportWorkerCrashed) as raised:
        async with ProcessWorker().frames(ParseJob("gaji", str(path), CTX)) as frames:
            async for _frame in frames:
                pass

    assert "KeyError: 'gaji'" in str(raised.value)
