"""Writing build outputs: atomically, with the permissions clang would give them."""

from __future__ import annotations

import os


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def write_atomic(path: str, data: bytes, tmpdir: str | None = None) -> None:
    """Replace *path* in one rename, so a make target is never half-written.

    The temp file lives beside *path*, or in *tmpdir* (same file system) where a
    sweeper can find what a killed writer left.
    """
    d = tmpdir or os.path.dirname(path) or "."
    tmp = os.path.join(d, f".{os.path.basename(path)}.llmcc-{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()
