"""Decision records: one JSON object per TU saying what llmcc did and why.

They go to LLMCC_LOG as JSON lines (one ``write`` per line on an O_APPEND
descriptor, so parallel builds never interleave within a line) and their
outcome feeds the stats.
"""

from __future__ import annotations

import os
import time

from . import __version__
from . import jsonlite as json  # the hot path's cheap import (llmcc/jsonlite.py)


class Logger:
    def __init__(self, path: str | None) -> None:
        self.path = path

    def emit(self, event: str, **fields) -> None:
        if not self.path:
            return
        # The version in every record: a log (or a bug report quoting one) says which llmcc.
        fields = {"event": event, "time": round(time.time(), 3), "pid": os.getpid(),
                  "llmcc_version": __version__, **fields}  # fmt: skip
        line = json.dumps(fields, sort_keys=True, default=str) + "\n"
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line.encode())
            finally:
                os.close(fd)
        except OSError:
            pass  # a log that cannot be written must not fail the build

    __call__ = emit
