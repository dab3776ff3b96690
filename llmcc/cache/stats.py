"""Statistics: per-process counters, appended lock-free and folded into 16 shards.

Each process collects its deltas in memory and, once at exit, appends them as one
JSON line to the log of one shard chosen by pid (``stats/NN.log``): an
``O_APPEND`` write under a *shared* ``flock``, so ``make -j`` processes never
wait for one another, and nothing is parsed or rewritten on the hot path (a
pass-through does not even import ``json``). When a log passes ``FOLD_AT`` bytes,
the writer that noticed folds it into the shard's ``NN.json`` under the shard's
lock and an exclusive lock on the log, then replaces the log with an empty one.
The shard records which log inode it has folded up to which offset, in the same
atomic write as the sums, so a fold cut short by a kill neither loses nor
double-counts a line. The locks are plain ``fcntl.flock``: filelock is what llmcc
uses for its other locks, but importing it costs ~40 ms (docs/performance.md).
"""

from __future__ import annotations

import os

SHARDS = 16
FOLD_AT = 64 * 1024
"""Log bytes after which the next writer folds the log into its shard (~1000 compiles)."""
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
    "remote_redecided",
    "cache_errors",
    "evictions",
    "evaluations",
    "provisional",
    "redecided",
    "suite_no_space",
)
MAPS = ("fallbacks", "passthrough_reasons", "errors_by_kind")
_FOLDED = "_log"
"""Shard key: [inode, offset] of the log bytes already summed into the shard."""


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
        """Append the deltas to this process's shard log (one write); fold a long log."""
        if self.empty():
            return
        shard = os.getpid() % SHARDS
        size = _append(root, shard, _encode(self.counts, self.maps))
        self.counts.clear()
        self.maps.clear()
        if size > FOLD_AT:
            update_shard(root, shard, None)


def _plain(s: str) -> bool:
    """A name that is its own JSON string body (counter names, pass-through reasons)."""
    return s.isascii() and s.isprintable() and '"' not in s and "\\" not in s


def _encode(counts: dict[str, int], maps: dict[str, dict[str, int]]) -> bytes:
    """One JSON line, formatted by hand when every name is plain: no json import on the hot
    path (a pass-through's line is ``{"passthrough":1,"passthrough_reasons":{"link":1}}``)."""
    names = [*counts, *maps, *(k for m in maps.values() for k in m)]
    if not all(_plain(k) for k in names) or not all(
        type(v) is int for v in [*counts.values(), *(v for m in maps.values() for v in m.values())]
    ):
        import json

        return (json.dumps({**counts, **maps}, separators=(",", ":")) + "\n").encode()
    parts = [f'"{k}":{v}' for k, v in counts.items()]
    for name, m in maps.items():
        parts.append(f'"{name}":{{' + ",".join(f'"{k}":{v}' for k, v in m.items()) + "}")
    return ("{" + ",".join(parts) + "}\n").encode()


def _paths(root: str, shard: int) -> tuple[str, str, str]:
    d = os.path.join(root, "stats")
    return (os.path.join(d, f"{shard:02d}.json"), os.path.join(d, f"{shard:02d}.log"),
            os.path.join(d, f"{shard:02d}.lock"))  # fmt: skip


def _open_log(path: str, exclusive: bool) -> int:
    """The current log, open and locked: a fold may have replaced the file we opened."""
    import fcntl

    for _ in range(100):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                return fd
        except FileNotFoundError:
            pass  # replaced and not yet renamed into place: try again
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    raise OSError(f"{path}: replaced by another process too often")


def _append(root: str, shard: int, line: bytes) -> int:
    """Append *line* to the shard's log; returns the log's size after it."""
    fd = _open_log(_paths(root, shard)[1], exclusive=False)
    try:
        os.write(fd, line)
        return os.fstat(fd).st_size
    finally:
        os.close(fd)


def _read_from(path: str, offset: int) -> tuple[bytes, int]:
    """The log's whole lines from *offset*, and the offset after the last of them."""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read()
    except OSError:
        return b"", offset
    end = data.rfind(b"\n") + 1  # a torn last line (disk full) is skipped, not misread
    return data[:end], offset + end


def _add_lines(total: dict, data: bytes) -> None:
    import json

    for line in data.splitlines():
        try:
            _add(total, json.loads(line))
        except ValueError:
            pass  # a garbled line loses its counts, never the build


def _add(total: dict, data) -> None:
    if not isinstance(data, dict):
        return
    for k, v in data.items():
        if k == _FOLDED:
            continue
        if isinstance(v, dict):
            target = total.setdefault(k, {})
            if not isinstance(target, dict):
                continue
            for kk, vv in v.items():
                if type(vv) is int:
                    target[kk] = target.get(kk, 0) + vv
        elif type(v) is int and not isinstance(total.get(k, 0), dict):
            total[k] = total.get(k, 0) + v


def _folded(data: dict, ino: int) -> int:
    """Offset in the log with inode *ino* up to which *data* (a shard) already counts it."""
    mark = data.get(_FOLDED)
    if isinstance(mark, list) and len(mark) == 2 and mark[0] == ino and type(mark[1]) is int:
        return mark[1]
    return 0  # another inode: the log was replaced after everything in it was folded


def update_shard(root: str, shard: int, change) -> None:
    """Fold the shard's log into its sums, then apply *change* (None: none), atomically.

    Under the shard's lock and an exclusive lock on its log, so concurrent writers
    lose no counts; zero-stats and the size bookkeeping go through here too.
    """
    import fcntl
    import json

    from ..fsutil import write_atomic

    path, log, lockpath = _paths(root, shard)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(lockpath, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        fd = _open_log(log, exclusive=True)
        try:
            ino = os.fstat(fd).st_ino
            data = _load(path)
            lines, end = _read_from(log, _folded(data, ino))
            _add_lines(data, lines)
            if change is not None:
                data = change(data)
            data[_FOLDED] = [ino, end]
            write_atomic(path, json.dumps(data, sort_keys=True).encode())
            # Every line is in the shard now: start an empty log. Writers that opened the
            # old one see its inode gone from the path and reopen; the mark above says
            # nothing of the new inode, so its lines all count.
            if end > 0:
                write_atomic(log, b"")
                data[_FOLDED] = [os.stat(log).st_ino, 0]
                write_atomic(path, json.dumps(data, sort_keys=True).encode())
        finally:
            os.close(fd)


def _load(path: str) -> dict:
    import json

    try:
        with open(path) as f:
            data = json.load(f)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        # A garbled shard loses its counts, never the build.
        return {}


def read(root: str) -> dict:
    """Sum of all shards and their logs, with every documented key present."""
    total: dict = {k: 0 for k in COUNTERS}
    for m in MAPS:
        total[m] = {}
    for shard in range(SHARDS):
        path, log, _lock = _paths(root, shard)
        if not os.path.exists(path) and not os.path.exists(log):
            continue
        try:
            fd = _open_log(log, exclusive=False)  # no fold between the two reads below
        except OSError:
            fd = None  # a read-only cache: read what is there
        try:
            data = _load(path)
            _add(total, data)
            ino = os.fstat(fd).st_ino if fd is not None else _ino(log)
            _add_lines(total, _read_from(log, _folded(data, ino))[0])
        finally:
            if fd is not None:
                os.close(fd)
    return total


def _ino(path: str) -> int:
    try:
        return os.stat(path).st_ino
    except OSError:
        return -1


KEEP_ON_ZERO = ("cache_bytes",)
"""Not statistics but bookkeeping: the running size total survives ``zero-stats``."""


def zero(root: str) -> None:
    if not os.path.isdir(os.path.join(root, "stats")):
        return
    for shard in range(SHARDS):
        update_shard(root, shard, lambda data: {k: v for k, v in data.items() if k in KEEP_ON_ZERO})
