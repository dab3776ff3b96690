"""The cache as the pipeline sees it: a list of tiers, each a backend and the kinds it holds.

Lookups walk the tiers in order (this machine's directory first) and stop at the
first whole entry; writes go to every tier that holds the kind. The sharing policy
(docs/cache.md) is the ``kinds`` of each tier, set in :func:`tiers_for`:

- the local tier holds every kind;
- a shared tier holds pass lists, and objects only with LLMCC_REDIS_OBJECTS=1;
- manifests (they name local paths) and PassListEval verdicts (from a shared store a
  verdict is a claim, not a proof) are never shared, nor is a provisional decision;
- nothing read from a shared tier is copied into the local one here: a shared pass
  list is re-validated by the pipeline, which then stores it like its own decision,
  and a shared object cannot be re-checked, so it stays out of the local tier;
- a shared pass-list entry is only ever a winner to re-validate: a shared "no winner"
  is a miss, and a shared list that fails here is decided again without the shared
  tier; either way this machine's decision then replaces the shared entry.

A corrupt, misfiled or old-format entry is removed from the tier it came from. Every
failure is a miss or a skipped write, counted, never an exception. A new kind of
store is a backend in ``storage/`` plus one line in :func:`tiers_for`.
"""

from __future__ import annotations

import os
import sys
import time

from .entries import CorruptEntry, MisfiledEntry, StaleEntry, pack, unpack
from .stats import Stats
from .storage.base import Backend, ErrorKind, Failure
from .storage.local import CacheUnavailable, LocalStorage, ReadOnlyCache

TYPE_CHECKING = False  # typing's own constant, without importing typing
if TYPE_CHECKING:  # collections.abc pulls in collections, operator, reprlib...: ~2 ms a hit
    from collections.abc import Iterator

EVERY_KIND = frozenset({"pl", "obj", "man", "verdict"})
SHARED_PASSLISTS = frozenset({"pl"})
SHARED_OBJECTS = frozenset({"pl", "obj"})
"""What a shared tier holds: pass lists (re-validated on every machine that reads them),
and objects too where the team trusts everyone who writes the store (opt-in)."""


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


class Tier:
    """One backend in the lookup order and the entry kinds it holds (its sharing policy)."""

    __slots__ = ("backend", "hits", "kinds")

    def __init__(self, backend: Backend, kinds: frozenset[str]) -> None:
        self.backend = backend
        self.kinds = kinds
        self.hits = "remote_hits" if backend.shared else "local_hits"
        """The statistics counter a hit from this tier adds to."""

    @property
    def name(self) -> str:
        """What decision records (``tier``) and error kinds call this tier."""
        return self.backend.name

    @property
    def shared(self) -> bool:
        """Other machines write it: what comes from it is a claim to re-check."""
        return self.backend.shared

    def __repr__(self) -> str:
        return f"Tier({self.name!r}, {sorted(self.kinds)})"


def tiers_for(local: LocalStorage | None, cfg=None) -> list[Tier]:
    """The lookup order and sharing policy for *local* and the shared stores *cfg* names
    (llmcc.config.Config; None: no shared store, as admin commands that judge lists)."""
    tiers = [Tier(local, EVERY_KIND)] if local is not None else []
    if cfg is not None and cfg.redis_url:
        from .storage.redis import DEFAULT_TTL, RedisStorage  # redis itself: on first use

        redis = RedisStorage(cfg.redis_url, cfg.redis_timeout, cfg.redis_ttl or DEFAULT_TTL)
        tiers.append(Tier(redis, SHARED_OBJECTS if cfg.redis_objects else SHARED_PASSLISTS))
    return tiers


class Cache:
    def __init__(self, tiers: list[Tier], stats: Stats, log=None) -> None:
        self.tiers = tiers
        self.stats = stats
        self.log = log or (lambda event, **kw: None)
        self.bytes_written = 0
        self.local: LocalStorage | None = next(
            (t.backend for t in tiers if isinstance(t.backend, LocalStorage)), None
        )
        """The cache directory: the suite, the pass registry and the stats live there too."""

    @classmethod
    def open(cls, root: str | None, cfg, stats: Stats, log=None) -> Cache:
        """The tiers for cache directory *root* (None: uncached) and the shared stores in
        *cfg* (None: none); an unusable directory is one warning, never an error."""
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
        return cls(tiers_for(local, cfg), stats, log)

    # -- generic -------------------------------------------------------------

    def holds(self, ns: str) -> bool:
        """Some tier keeps entries of kind *ns* (no tier for manifests: no direct mode)."""
        return any(ns in t.kinds for t in self.tiers)

    def _reads(self, ns: str, key: str, shared: bool = True) -> Iterator[tuple[Tier, bytes | None]]:
        """(tier, what it holds) in tier order, over the tiers that keep *ns* (only the
        unshared ones without *shared*); a tier that fails is counted and skipped. Lazy: a
        caller that stops asks no further tier."""
        for tier in self.tiers:
            if ns not in tier.kinds or (tier.shared and not shared):
                continue
            data = tier.backend.get(ns, key)
            if isinstance(data, Failure):
                self._failed(tier, data)
                continue
            yield tier, data

    def _get(self, ns: str, key: str, shared: bool = True) -> tuple[dict, bytes, Tier] | None:
        """The first whole entry in tier order; a damaged one is removed where it was."""
        for tier, data in self._reads(ns, key, shared):
            got = self._unpack(data, tier.name, ns, key)
            if got is not None:
                return got[0], got[1], tier
            if data is not None:
                # Removed from the tier it came from, or every reader would keep tripping on it.
                self._remove(tier, ns, key)
        return None

    def _get_bytes(self, ns: str, key: str) -> bytes | None:
        """Raw bytes for kinds that their reader unpacks itself (direct-mode manifests)."""
        for _tier, data in self._reads(ns, key):
            if data is not None:
                return data
        return None

    def _remove(self, tier: Tier, ns: str, key: str) -> None:
        failed = tier.backend.remove(ns, key)
        if failed is not None:
            self._failed(tier, failed)

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
            kind = ErrorKind.damaged(tier, isinstance(e, MisfiledEntry))
            self.stats.add_to("errors_by_kind", kind)
            self.log("corrupt_entry", tier=tier, ns=ns, key=key, problem=str(e))
            return None

    def _put_bytes(self, ns: str, key: str, data: bytes, share: bool = True) -> None:
        """Into every tier that holds *ns*; with *share* False, only into unshared ones."""
        for tier in self.tiers:
            if ns not in tier.kinds or (tier.shared and not share):
                continue
            got = tier.backend.put(ns, key, data)
            if isinstance(got, Failure):
                self._failed(tier, got)
            else:
                self.bytes_written += got

    def _put(self, ns: str, key: str, meta: dict, blob: bytes = b"", share: bool = True) -> None:
        self._put_bytes(ns, key, pack(meta, blob, kind=ns, key=key), share)

    def _failed(self, tier: Tier, f: Failure) -> None:
        """Counted, logged and warned about once an hour; the build goes on without it."""
        if tier.shared:
            self.stats.add("remote_errors")
            self.log("remote_error", problem=f.problem)
        else:
            self.stats.add("cache_errors")
            self.stats.add_to("errors_by_kind", ErrorKind.failed(f.op))
            self.log("cache_error", op=f.op, problem=f.problem)
        warn_once(f.warning, f.topic)

    # -- typed accessors -------------------------------------------------------

    def get_passlist(self, key: str, shared: bool = True) -> tuple[dict, Tier] | None:
        """This TU's decision: this machine's own, else a shared winner to re-validate.

        A shared entry without a winning list (``null``: "nothing beat -Oz", or anything
        but a list) is a miss. It is a claim that could only cost size, and a planted or
        outdated one would keep the TU at -Oz on every machine for good; deciding here
        instead costs what a build without the shared tier costs, and the pipeline then
        stores its own decision in every tier, replacing the shared one. *shared* False:
        this machine's tiers only (the pipeline, after a shared list failed its checks).
        """
        got = self._get("pl", key, shared)
        if got is None:
            return None
        meta, _blob, tier = got
        if tier.shared and not isinstance(meta.get("pipeline"), str):
            self.distrusted(key, tier, "no winner")
            return None
        return meta, tier

    def distrusted(self, key: str, tier: Tier, why: str) -> None:
        """A shared pass-list entry this machine decides again instead of using (counted
        as ``remote_redecided``); its own decision then replaces the entry."""
        self.stats.add("remote_redecided")
        self.log("remote_redecided", tier=tier.name, key=key, problem=why)

    def put_passlist(self, key: str, meta: dict, share: bool = True) -> None:
        self._put("pl", key, meta, share=share)

    def get_object(self, key: str) -> tuple[dict, bytes, Tier] | None:
        # A shared object is not copied into the local tier: it cannot be re-checked
        # without rebuilding it, and a tampered one would outlive the repair of the shared
        # store. The local tier holds only objects this machine built (docs/cache.md).
        return self._get("obj", key)

    def put_object(self, key: str, meta: dict, blob: bytes) -> None:
        self._put("obj", key, meta, blob)

    def get_manifest_bytes(self, key: str) -> bytes | None:
        return self._get_bytes("man", key)

    @property
    def writable(self) -> bool:
        return self.local is not None and self.local.writable

    def put_manifest_bytes(self, key: str, data: bytes) -> None:
        self._put_bytes("man", key, data)

    def manifest_damaged(self, key: str, e: CorruptEntry) -> None:
        """A direct-mode manifest that failed its frame check: counted, logged, removed."""
        self.stats.add("cache_errors")
        self.stats.add_to("errors_by_kind", ErrorKind.damaged(None, isinstance(e, MisfiledEntry)))
        for tier in self.tiers:
            if "man" in tier.kinds:
                self.log("corrupt_entry", tier=tier.name, ns="man", key=key, problem=str(e))
                self._remove(tier, "man", key)
                break

    def get_verdict(self, key: str) -> dict | None:
        got = self._get("verdict", key)
        return got[0] if got is not None else None

    def put_verdict(self, key: str, meta: dict) -> None:
        # Not counted against the size limit (see storage.local.EVICTABLE).
        before = self.bytes_written
        self._put("verdict", key, meta)
        self.bytes_written = before
