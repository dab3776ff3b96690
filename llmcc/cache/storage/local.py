"""The local tier: files under LLMCC_DIR, written atomically, evicted least-recently-used.

Layout: ``<root>/<namespace>/<key[:2]>/<key>``. A hit refreshes the file's
mtime, which is the LRU clock. Writes go to a temp file in ``<root>/tmp`` and
are renamed into place, so readers see a whole entry or none. The size limit
is enforced by ``cleanup`` under a filelock, when a writer notices the running
total (kept in the stats shards) has passed the limit.
"""

from __future__ import annotations

import os
import time

from ...fsutil import write_atomic
from .base import Backend, Failure, Op

NAMESPACES = ("pl", "obj", "man", "verdict")
EVICTABLE = ("pl", "obj", "man")
"""Verdicts are not evicted: a few hundred bytes each, and each cost a PassListEval run."""


class CacheUnavailable(OSError):
    """The cache directory cannot be created or written."""


class ReadOnlyCache(CacheUnavailable):
    """The cache can be read but not written (a read-only mount, Bazel's sandbox)."""

    def __init__(self, message: str, storage: LocalStorage) -> None:
        super().__init__(message)
        self.storage = storage


class LocalStorage(Backend):
    """This machine's own tier: every kind of entry, including the ones never shared."""

    name = "local"
    shared = False

    def __init__(self, root: str, writable: bool = True) -> None:
        self.root = root
        self.tmpdir = os.path.join(root, "tmp")
        self.writable = writable

    @classmethod
    def open(cls, root: str) -> LocalStorage:
        """Create the directory if needed; a read-only but existing cache is still read.

        Raises CacheUnavailable if it can be neither written nor read, and
        ReadOnlyCache (carrying the storage) if it can only be read.
        """
        tmp = os.path.join(root, "tmp")
        try:
            os.makedirs(tmp, exist_ok=True)
            # access() also reports EROFS for root, who ignores permission bits.
            if os.access(tmp, os.W_OK | os.X_OK):
                return cls(root)
            problem = "not writable"
        except OSError as e:
            problem = e.strerror or str(e)
        if os.path.isdir(root) and os.access(root, os.R_OK | os.X_OK):
            raise ReadOnlyCache(f"{root}: {problem}", cls(root, writable=False))
        raise CacheUnavailable(f"{root}: {problem}")

    def path(self, ns: str, key: str) -> str:
        return os.path.join(self.root, ns, key[:2], key)

    def _failure(self, op: str, e: OSError) -> Failure:
        return Failure(
            op,
            str(e),
            f"cache {op} failed in {self.root}: {e.strerror or e}; continuing without caching",
            f"{op}:{e.errno}",
        )

    def get(self, ns: str, key: str) -> bytes | Failure | None:
        p = self.path(ns, key)
        try:
            with open(p, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return None
        except OSError as e:
            return self._failure(Op.READ, e)
        if self.writable:
            try:
                os.utime(p)
            except OSError:
                pass
        return data

    def put(self, ns: str, key: str, data: bytes) -> int | Failure:
        """Store atomically; returns the change in bytes used (0 on a read-only cache)."""
        if not self.writable:
            return 0
        p = self.path(ns, key)
        try:
            os.makedirs(os.path.dirname(p), exist_ok=True)
            try:
                old = os.stat(p).st_size
            except FileNotFoundError:
                old = 0
            write_atomic(p, data, tmpdir=self.tmpdir)
        except OSError as e:  # a full disk, a directory made read-only under us
            return self._failure(Op.WRITE, e)
        return len(data) - old

    def remove(self, ns: str, key: str) -> None:
        if not self.writable:
            return None
        try:
            os.unlink(self.path(ns, key))
        except OSError:
            pass  # gone already, or another user's entry in a shared dir: a miss either way
        return None

    def entries(self, namespaces: tuple[str, ...] = NAMESPACES):
        """(path, size, mtime) of every entry, for eviction and ``clear``."""
        for ns in namespaces:
            top = os.path.join(self.root, ns)
            for dirpath, _dirs, files in os.walk(top):
                for name in files:
                    p = os.path.join(dirpath, name)
                    try:
                        st = os.stat(p)
                    except FileNotFoundError:
                        continue
                    yield p, st.st_size, st.st_mtime

    def usage(self) -> tuple[int, int]:
        files = size = 0
        for _p, s, _m in self.entries(EVICTABLE):
            files += 1
            size += s
        return files, size

    def cleanup(self, max_size: int, target: float = 0.9) -> tuple[int, int, int]:
        """Evict least-recently-used entries until under ``target * max_size``.

        Returns (evicted files, evicted bytes, remaining bytes). Callers hold
        the cleanup lock; concurrent readers may lose an entry, which is a miss.
        """
        items = sorted(self.entries(EVICTABLE), key=lambda e: e[2])
        total = sum(s for _p, s, _m in items)
        evicted = freed = 0
        limit = int(max_size * target)
        for p, s, _m in items:
            if total <= limit:
                break
            try:
                os.unlink(p)
            except OSError:
                continue  # gone already, or not ours to delete (a shared dir): it stays counted
            total -= s
            freed += s
            evicted += 1
        self._sweep_tmp()
        return evicted, freed, total

    def clear(self, verdicts: bool = False) -> tuple[int, int]:
        """Remove entries; PassListEval verdicts only if asked (each cost a suite run)."""
        files = size = 0
        for p, s, _m in list(self.entries(NAMESPACES if verdicts else EVICTABLE)):
            try:
                os.unlink(p)
                files += 1
                size += s
            except FileNotFoundError:
                pass
        self._sweep_tmp(max_age=0)
        return files, size

    def _sweep_tmp(self, max_age: float = 3600) -> None:
        """Temp files older than an hour belong to killed writers."""
        now = time.time()
        try:
            names = os.listdir(self.tmpdir)
        except OSError:
            return
        for name in names:
            p = os.path.join(self.tmpdir, name)
            try:
                if now - os.stat(p).st_mtime >= max_age:
                    os.unlink(p)
            except OSError:
                pass
