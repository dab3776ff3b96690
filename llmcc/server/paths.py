"""Where the model server's files live: the state directory and private directories.

``<cache>/server/`` (or ``${TMPDIR:-/tmp}/llmcc-<uid>/server/`` without a cache
directory), 0700: a Unix socket and an API key's process live there, so a
directory someone else could write is refused. Shared by the server's control
(``control.py``) and its breaker (``breaker.py``); imports only the standard library.
"""

from __future__ import annotations

import os
import stat

from .client import UNAVAILABLE, ModelError


def state_dir(cache_dir: str | None) -> str:
    if cache_dir:
        return os.path.join(cache_dir, "server")
    return os.path.join(tmp_base(), "server")


def tmp_base() -> str:
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"llmcc-{os.getuid()}")


def private_dir(path: str) -> str:
    """Create *path* 0700, or refuse one that someone else could use (a socket lives there)."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        raise ModelError(UNAVAILABLE, f"{path} is not a directory owned by this user")
    if st.st_mode & 0o077:
        os.chmod(path, 0o700)
    return path
