"""Keeping the local tier under LLMCC_MAXSIZE: LRU eviction under a filelock.

The running size total lives in the stats shards (``cache_bytes``), so the
check after each writing compile costs sixteen small reads; the walk over the
cache happens only when the total passes the limit, and only one process at a
time does it.
"""

from __future__ import annotations

import os

from . import stats as _stats
from .storage.local import LocalStorage


def _set_size(root: str, total: int) -> None:
    """After a full walk the true size is known: store it in shard 0, zero the rest."""
    for shard in range(_stats.SHARDS):
        size = total if shard == 0 else 0
        _stats.update_shard(root, shard, lambda data, size=size: {**data, "cache_bytes": size})


def cleanup(local: LocalStorage, max_size: int, log=None) -> tuple[int, int, int]:
    from filelock import FileLock, Timeout

    lock = FileLock(os.path.join(local.root, "cleanup.lock"), timeout=0)
    try:
        with lock:
            evicted, freed, remaining = local.cleanup(max_size)
            _set_size(local.root, remaining)
    except Timeout:
        return 0, 0, -1  # another process is already cleaning up
    except OSError as e:
        # Eviction is housekeeping: a compile that got this far has its object already.
        if log is not None:
            log("eviction_failed", error=str(e))
        return 0, 0, -1
    if log is not None and evicted:
        log("eviction", files=evicted, bytes=freed, remaining=remaining)
    if evicted:
        s = _stats.Stats()
        s.add("evictions", evicted)
        s.flush(local.root)
    return evicted, freed, remaining


def maybe_cleanup(local: LocalStorage, max_size: int, log=None) -> None:
    total = _stats.read(local.root).get("cache_bytes", 0)
    if total > max_size:
        cleanup(local, max_size, log)


def recount(local: LocalStorage) -> int:
    """Walk the cache and store its true size (``llmcc-admin stats`` after manual edits)."""
    _files, size = local.usage()
    _set_size(local.root, size)
    return size
