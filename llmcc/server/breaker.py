"""The model-server circuit breaker: one timeout per outage, not one per TU.

After a request timed out, a server could not be reached or a start failed, the
endpoint is marked down in the state directory for ``LLMCC_MODEL_RETRY_AFTER``
seconds; every llmcc of the build (``make -j``: many processes) reads the mark
and skips the model, falling back to clang -Oz at once instead of each waiting.
The model client (``advisor/model.py``) and the server's control both use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time

from ..fsutil import write_atomic
from .client import ModelError
from .paths import private_dir

DOWN_SECONDS = 30.0
"""After a timeout or a failed start, clients skip the model this long instead of each waiting."""


def _down_path(sdir: str, base: str) -> str:
    digest = hashlib.blake2b(base.encode(), digest_size=6).hexdigest()
    return os.path.join(sdir, f"down-{digest}")


def mark_down(sdir: str, base: str, reason: str, seconds: float = DOWN_SECONDS) -> None:
    """Remember for *seconds* (``LLMCC_MODEL_RETRY_AFTER``) that *base* (in state dir
    *sdir*) failed."""
    path = _down_path(sdir, base)
    try:
        private_dir(os.path.dirname(path))
        doc = {"until": time.time() + seconds, "reason": reason}
        write_atomic(path, json.dumps(doc).encode())
    except (OSError, ModelError):
        pass


def is_down(sdir: str, base: str, now: float | None = None) -> str | None:
    """The reason the endpoint was marked down, if its mark has not expired at *now*
    (a ``time.time()`` value; the current time unless a test passes an explicit one)."""
    try:
        with open(_down_path(sdir, base)) as f:
            doc = json.load(f)
        until = float(doc["until"])
        return str(doc["reason"]) if until > (time.time() if now is None else now) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_down(sdir: str, base: str) -> None:
    try:
        os.unlink(_down_path(sdir, base))
    except OSError:
        pass
