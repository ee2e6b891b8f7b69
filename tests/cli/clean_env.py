"""The environment for running ``asnbot`` in a subprocess: none of this machine's
ASNBOT_* settings, a data folder of the test's own, and a working directory without
a ``.env`` (the settings read one from there)."""

from __future__ import annotations

import os
from pathlib import Path


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASNBOT_")}
    env.update(ASNBOT_DATA_DIR=str(tmp_path / "data"), **settings)
    return env
