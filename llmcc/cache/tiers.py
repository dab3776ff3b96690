"""The cache as the pipeline sees it: local tier first, then Redis, with the sharing policy.

Policy (docs/cache.md): pass-list entries go to both tiers; object entries go
to Redis only with LLMCC_REDIS_OBJECTS=1; manifests and PassListEval verdicts
stay local, because a verdict from a shared store is a claim, not a proof.
Every failure here is a miss or a skipped write, counted, never an exception.
"""

from __future__ import annotations

import os
import sys
import time

from .entries import CorruptEntry, MisfiledEntry, StaleEntry, pack, unpack
from .local import CacheUnavailable, LocalStorage, ReadOnlyCache
from .remote import DEFAULT_TTL, RemoteStorage
from .stats import Stats


def warn_once(message: str, topic: str) -> None:
    """Print a warning at most once an hour per topic, across processes.

    A 500-TU build with a read-only cache should say so once, not 500 times.
    """
    import hashlib
    import tempfile

    tag = hashlib.blake2b(topic.encode(), digest_size=8).hexdigest()
    marker = os.path.join(tempfile.gettempdir(), f"llmcc-{os.getuid()}-warned-{tag}")
    try:
        if time.time() - os.stat(marker).st_mtime < 3600:
            return
    except OSError:
        pass
    try:
        with open(marker, "w"):
            pass
    except OSError:
        pass
    sys.stderr.write(f"llmcc: warning: {message}\n")


class Cache:
    def __init__(
        self,
        local: LocalStorage | None,
        remote: RemoteStorage | None,
        stats: Stats,
        remote_objects: bool = False,
        log=None,
    ) -> None:
        self.local = local
        self.remote = remote
        self.stats = stats
        self.remote_objects = remote_objects
        self.log = log or (lambda event, **kw: None)
        self.bytes_written = 0

    @classmethod
    def open(cls, root: str | None, redis_url: str | None, stats: Stats, **kw) -> Cache:
        local = None
        if root is not None:
            try:
                local = LocalStorage.open(root)
            except ReadOnlyCache as e:
                local = e.storage
                warn_once(f"cache directory {e}; reading it but storing nothing", root)
            except CacheUnavailable as e:
                warn_once(f"cache directory {e}; building without the local cache", root)
        else:
            warn_once("no cache directory (HOME and LLMCC_DIR unset); building uncached", "nodir")
        timeout = kw.pop("redis_timeout", 0.5)
        ttl = kw.pop("redis_ttl", None) or DEFAULT_TTL
        remote = RemoteStorage(redis_url, timeout, ttl) if redis_url else None
        return cls(local, remote, stats, **kw)

    # -- generic -------------------------------------------------------------

    def _get_local(self, ns: str, key: str) -> tuple[dict, bytes] | None:
        if self.local is None:
            return None
        try:
            data = self.local.get(ns, key)
        except OSError as e:
            self._error("read", e)
            return None
        got = self._unpack(data, "local", ns, key)
        if got is None and data is not None:
            self.local.delete(ns, key)
        return got

    def _get_remote(self, ns: str, key: str) -> tuple[dict, bytes] | None:
        if self.remote is None or not self.remote.available:
            return None
        data = self.remote.get(ns, key)
        self._note_remote()
        got = self._unpack(data, "redis", ns, key)
        if got is None and data is not None:
            # Removed from the tier it came from, or every machine would keep tripping on it.
            self.remote.delete(ns, key)
            self._note_remote()
        return got

    def _unpack(
        self, data: bytes | None, tier: str, ns: str, key: str
    ) -> tuple[dict, bytes] | None:
        """A corrupt or misfiled entry is a counted, logged miss; an old format a plain one."""
        if data is None:
            return None
        try:
            return unpack(data, kind=ns, key=key)
        except StaleEntry:
            return None
        except CorruptEntry as e:
            self.stats.add("cache_errors")
            what = "misfiled" if isinstance(e, MisfiledEntry) else "corrupt"
            self.stats.add_to("errors_by_kind", f"{what}-{tier}-entry")
            self.log("corrupt_entry", tier=tier, ns=ns, key=key, problem=str(e))
            return None

    def _put(self, ns: str, key: str, meta: dict, blob: bytes = b"", remote: bool = False) -> None:
        data = pack(meta, blob, kind=ns, key=key)
        if self.local is not None:
            try:
                self.bytes_written += self.local.put(ns, key, data)
            except OSError as e:
                self._error("write", e)
        if remote and self.remote is not None and self.remote.available:
            self.remote.put(ns, key, data)
            self._note_remote()

    def _note_remote(self) -> None:
        assert self.remote is not None
        while self.remote.errors:
            err = self.remote.errors.pop()
            self.stats.add("remote_errors")
            self.log("remote_error", problem=err)
            warn_once(
                f"Redis at {self.remote.shown_url} unavailable ({err}); using the local cache",
                "redis:" + self.remote.url,
            )

    def _error(self, op: str, e: OSError) -> None:
        self.stats.add("cache_errors")
        self.stats.add_to("errors_by_kind", f"cache-{op}")
        self.log("cache_error", op=op, problem=str(e))
        warn_once(
            f"cache {op} failed in {self.local.root if self.local else '?'}: "
            f"{e.strerror or e}; continuing without caching",
            f"{op}:{e.errno}",
        )

    # -- typed accessors -------------------------------------------------------

    def get_passlist(self, key: str) -> tuple[dict, str] | None:
        got = self._get_local("pl", key)
        if got is not None:
            return got[0], "local"
        got = self._get_remote("pl", key)
        if got is not None:
            return got[0], "redis"
        return None

    def put_passlist(self, key: str, meta: dict, share: bool = True) -> None:
        self._put("pl", key, meta, remote=share)

    def get_object(self, key: str) -> tuple[dict, bytes, str] | None:
        got = self._get_local("obj", key)
        if got is not None:
            return got[0], got[1], "local"
        if self.remote_objects:
            got = self._get_remote("obj", key)
            if got is not None:
                # Not copied into the local tier: an object cannot be re-checked without
                # rebuilding it, and a tampered one would outlive the repair of Redis. The
                # local tier holds only objects this machine built (docs/cache.md).
                return got[0], got[1], "redis"
        return None

    def put_object(self, key: str, meta: dict, blob: bytes) -> None:
        self._put("obj", key, meta, blob, remote=self.remote_objects)

    def get_manifest_bytes(self, key: str) -> bytes | None:
        if self.local is None:
            return None
        try:
            return self.local.get("man", key)
        except OSError as e:
            self._error("read", e)
            return None

    @property
    def writable(self) -> bool:
        return self.local is not None and self.local.writable

    def put_manifest_bytes(self, key: str, data: bytes) -> None:
        if not self.writable:
            return
        try:
            self.bytes_written += self.local.put("man", key, data)
        except OSError as e:
            self._error("write", e)

    def drop_manifest(self, key: str) -> None:
        if self.local is not None:
            self.local.delete("man", key)

    def get_verdict(self, key: str) -> dict | None:
        got = self._get_local("verdict", key)
        return got[0] if got is not None else None

    def put_verdict(self, key: str, meta: dict) -> None:
        # Not counted against the size limit (see local.EVICTABLE).
        before = self.bytes_written
        self._put("verdict", key, meta)
        self.bytes_written = before
