"""The import worker's child process, started by ``ProcessWorker``: not run by hand.

    python -m bot.imports.child < job.pickle > frames

It reads one pickled ``ParseJob`` from stdin and writes the frames of
:func:`bot.imports.parsing.parse_file` to stdout, each a pickle after its
length; a ``DomainError`` ends them with ``Refused``, anything else with
``Crashed``. When stdin closes (the parent is done, or died) it exits at once.

Its start is paid on every import, so it imports only the parsing half: the
cell parsers need ``models.enums``, but the ``models`` package would first load
SQLAlchemy and every table, so the package is registered without running its
``__init__`` (a row pickled here unpickles in the parent, which has them all);
and openpyxl is kept from loading numpy, which it only needs to write.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
import threading
import traceback
import types
import warnings
from typing import BinaryIO


def _models_without_tables() -> None:
    spec = importlib.util.find_spec("models")
    assert spec is not None and spec.submodule_search_locations is not None
    package = types.ModuleType("models")
    package.__spec__ = spec
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules["models"] = package


def serve() -> None:
    from bot.core.errors import DomainError
    from bot.imports.parsing import LENGTH_BYTES, Crashed, Refused, parse_file

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the frames

    def send(frame: object) -> None:
        _write(out, pickle.dumps(frame, pickle.HIGHEST_PROTOCOL), LENGTH_BYTES)

    job = pickle.load(sys.stdin.buffer)
    threading.Thread(target=_end_with_parent, daemon=True).start()
    try:
        for frame in parse_file(job):
            send(frame)
    except DomainError as exc:
        send(Refused(type(exc), exc.key, dict(exc.params)))
    except Exception:
        send(Crashed(traceback.format_exc()))


def _end_with_parent() -> None:
    """The parent holds our stdin open until it is done with us, or dies."""
    sys.stdin.buffer.read()
    os._exit(1)


def _write(out: BinaryIO, data: bytes, length_bytes: int) -> None:
    out.write(len(data).to_bytes(length_bytes, "big"))
    out.write(data)
    out.flush()


if __name__ == "__main__":
    _models_without_tables()
    sys.modules["numpy"] = None  # type: ignore[assignment]
    warnings.simplefilter("ignore")  # openpyxl warns about features it skips
    serve()
