"""The import worker's child process, started by ``ProcessWorker``: not run by hand.

    python -m bot.imports.child < job.pickle > frames

It reads one pickled ``ParseJob`` from stdin and writes the frames of
:func:`bot.imports.parsing.parse_file` to stdout, each a pickle after its
length; a ``DomainError`` ends them with ``Refused``, anything else with
``Crashed``. When stdin closes (the parent is done, or died) it exits at once.

Its start (about a second: Python, openpyxl, the ``models`` package behind the
cell parsers) is paid on every import, which is small beside any file worth
importing.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
import warnings
from typing import BinaryIO


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
    warnings.simplefilter("ignore")  # openpyxl warns about features it skips
    serve()
