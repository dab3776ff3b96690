"""The storage interface: get, put and remove framed entries; failures are values.

A backend never raises from these three: a sick cache must cost a miss or a skipped
write, never a build. It returns a :class:`Failure` instead, and the tier list
(``cache/tiers.py``) counts it, logs it and warns once. Whether the entry bytes are
whole and belong to the key is not a backend's business either: ``entries.unpack``
checks that for every tier alike, and the tier list removes a bad entry from the
backend it came from.

(Plain classes: this module is imported on the cache-hit path.)
"""

from __future__ import annotations


class Op:
    """What a :class:`Failure` did not do (its *op*, and the ``cache-<op>`` error kind)."""

    READ = "read"
    WRITE = "write"
    DELETE = "delete"


class ErrorKind:
    """The cache's ``errors_by_kind`` keys (the stats and ``llmcc-admin stats``), spelled here
    only. Stored stats shards hold these strings, so the values never change. Plain
    strings, not an enum like llmcc.outcomes.Reason: this module is on the cache-hit path,
    which does not import enum.
    """

    @staticmethod
    def failed(op: str) -> str:
        """A local tier's failed :class:`Op`: ``cache-read``, ``cache-write``, ``cache-delete``."""
        return "cache-" + op

    @staticmethod
    def damaged(tier: str | None, misfiled: bool) -> str:
        """An entry that failed its frame check in *tier* (``corrupt-local-entry``,
        ``misfiled-redis-entry``), or a direct-mode manifest with *tier* None
        (``corrupt-manifest``): misfiled is a whole entry under the wrong kind or key."""
        what = "misfiled" if misfiled else "corrupt"
        return f"{what}-{tier}-entry" if tier is not None else f"{what}-manifest"

    @classmethod
    def every(cls, tiers: tuple[str, ...]) -> frozenset[str]:
        """Every key the cache can count with tiers named *tiers* (for the stats' readers)."""
        ops = (Op.READ, Op.WRITE, Op.DELETE)
        places = (*tiers, None)
        return frozenset({cls.failed(o) for o in ops} |
                         {cls.damaged(t, m) for t in places for m in (False, True)})  # fmt: skip


class Failure:
    """An operation that did not happen, and what to tell the user about it.

    *op* is an :class:`Op`; *problem* goes into the log; *warning* is the message printed at
    most once an hour per *topic*, across processes.
    """

    __slots__ = ("op", "problem", "topic", "warning")

    def __init__(self, op: str, problem: str, warning: str, topic: str) -> None:
        self.op = op
        self.problem = problem
        self.warning = warning
        self.topic = topic

    def __repr__(self) -> str:
        return f"Failure({self.op!r}, {self.problem!r})"


class Backend:
    """One place entries live. Subclasses set *name* and *shared* and implement the three.

    *name* names the tier in decision records (``tier``), error kinds
    (:meth:`ErrorKind.damaged`) and logs. *shared* says other machines write it: its hits
    count as ``remote_hits`` and its failures as ``remote_errors``, a pass list read
    from it is re-validated as a new proposal, and what the tier list keeps local
    (manifests, verdicts, provisional decisions) never goes to it.
    """

    name = "?"
    shared = False

    def get(self, ns: str, key: str) -> bytes | Failure | None:
        """The bytes stored under (*ns*, *key*), None if there are none."""
        raise NotImplementedError

    def put(self, ns: str, key: str, data: bytes) -> int | Failure:
        """Store *data*; the change in bytes kept on this machine (what LLMCC_MAXSIZE
        limits), so 0 for a store elsewhere."""
        raise NotImplementedError

    def remove(self, ns: str, key: str) -> Failure | None:
        """Remove the entry (a corrupt or misfiled one); an absent entry is no failure."""
        raise NotImplementedError
