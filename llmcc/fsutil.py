"""Writing build outputs: atomically, with the permissions clang would give them."""

from __future__ import annotations

import os


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def write_atomic(
    path: str, data: bytes, tmpdir: str | None = None, mode: int | None = None
) -> None:
    """Replace *path* in one rename, so a make target is never half-written.

    The temp file lives beside *path*, or in *tmpdir* (same file system) where a
    sweeper can find what a killed writer left. *mode*: created with exactly these
    permissions (private state), instead of the umask's.
    """
    d = tmpdir or os.path.dirname(path) or "."
    tmp = os.path.join(d, f".{os.path.basename(path)}.llmcc-{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 if mode is None else mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask() if mode is None else mode)
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
