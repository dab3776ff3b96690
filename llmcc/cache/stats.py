"""Statistics: per-process counters merged into 16 shard files, as ccache does.

Each process collects its deltas in memory and merges them once, at exit, into
one shard chosen by pid, under that shard's lock. Sixteen shards keep ``make
-j`` processes from queueing on one file. The shard lock is a plain
``fcntl.flock``: filelock is what llmcc uses for its other locks, but importing
it costs ~40 ms, which a cache hit cannot afford (docs/performance.md).
"""

from __future__ import annotations

import json
import os

SHARDS = 16
COUNTERS = (
    "compilations",
    "passthrough",
    "local_hits",
    "remote_hits",
    "direct_hits",
    "object_hits",
    "misses",
    "model_queries",
    "optimized",
    "bytes_oz",
    "bytes_out",
    "errors",
    "remote_errors",
    "cache_errors",
    "evictions",
    "evaluations",
    "provisional",
    "redecided",
    "suite_no_space",
)
MAPS = ("fallbacks", "passthrough_reasons", "errors_by_kind")


class Stats:
    """In-process deltas."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.maps: dict[str, dict[str, int]] = {}

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def add_to(self, mapname: str, key: str, n: int = 1) -> None:
        m = self.maps.setdefault(mapname, {})
        m[key] = m.get(key, 0) + n

    def empty(self) -> bool:
        return not self.counts and not self.maps

    def flush(self, root: str) -> None:
        if self.empty():
            return

        def merge(current: dict) -> dict:
            for k, v in self.counts.items():
                current[k] = current.get(k, 0) + v
            for mname, m in self.maps.items():
                target = current.setdefault(mname, {})
                for k, v in m.items():
                    target[k] = target.get(k, 0) + v
            return current

        update_shard(root, os.getpid() % SHARDS, merge)
        self.counts.clear()
        self.maps.clear()


def update_shard(root: str, shard: int, change) -> None:
    """Read-modify-write one shard under its lock, so concurrent writers lose no counts."""
    import fcntl

    from ..fsutil import write_atomic

    d = os.path.join(root, "stats")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, f"{shard:02d}.json")
    with open(os.path.join(d, f"{shard:02d}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = change(_load(path))
        write_atomic(path, json.dumps(data, sort_keys=True).encode())


def _load(path: str) -> dict:
    try:
        with open(path) as f:
            data = json.load(f)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        # A garbled shard loses its counts, never the build.
        return {}


def read(root: str) -> dict:
    """Sum of all shards, with every documented key present."""
    total: dict = {k: 0 for k in COUNTERS}
    for m in MAPS:
        total[m] = {}
    d = os.path.join(root, "stats")
    for shard in range(SHARDS):
        data = _load(os.path.join(d, f"{shard:02d}.json"))
        for k, v in data.items():
            if isinstance(v, dict):
                target = total.setdefault(k, {})
                for kk, vv in v.items():
                    if isinstance(vv, int):
                        target[kk] = target.get(kk, 0) + vv
            elif isinstance(v, int):
                total[k] = total.get(k, 0) + v
    return total


KEEP_ON_ZERO = ("cache_bytes",)
"""Not statistics but bookkeeping: the running size total survives ``zero-stats``."""


def zero(root: str) -> None:
    if not os.path.isdir(os.path.join(root, "stats")):
        return
    for shard in range(SHARDS):
        update_shard(root, shard, lambda data: {k: v for k, v in data.items() if k in KEEP_ON_ZERO})
