"""Finding shared entries that cost a team size: ``llmcc-admin clear --remote-poisoned``.

A pass-list entry in Redis is re-validated before use, so a hostile one cannot
make a build wrong; and a ``null`` or failing one is decided again by each machine
that meets it, whose decision then replaces it (llmcc.cache.tiers). What is left
is the time: every machine that has not decided that TU yet meets the bad entry
once. This sweep removes them for the whole team at once. A ``null`` entry ("no
list beat -Oz here") cannot be told from a planted one, and one that is removed
by mistake costs a single re-evaluation, so all of them go. Object
entries cannot be checked without rebuilding: only damaged or misfiled frames
are removed. Entries of an older frame version are left for the llmcc that
wrote them (newer ones read them as misses).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .entries import CorruptEntry, StaleEntry, unpack

SHARED_KINDS = ("pl", "obj")


def classify(ns: str, key: str, data: bytes | None, vet: Callable[[str, object], str]) -> str:
    """Why the shared entry should go ("null", "unparseable", "unvettable", "corrupt"),
    or why it stays ("ok", "stale", "unchecked", "other-kind").

    *vet(pipeline, llvm)* returns "ok", "unvettable" or "unchecked" (no such LLVM here).
    """
    if ns not in SHARED_KINDS:
        return "other-kind"
    if data is None:
        return "ok"  # expired between SCAN and GET
    try:
        meta, _blob = unpack(data, kind=ns, key=key)
    except StaleEntry:
        return "stale"
    except CorruptEntry:
        return "corrupt"  # damaged, foreign or misfiled: no reader can use it
    if ns == "obj":
        return "ok"
    pipeline = meta.get("pipeline")
    if pipeline is None:
        return "null"
    if not isinstance(pipeline, str) or not pipeline.strip():
        return "unparseable"
    return vet(pipeline, meta.get("llvm"))


REMOVE = frozenset({"null", "unparseable", "unvettable", "corrupt"})


def sweep(remote, vet: Callable[[str, object], str], dry_run: bool = False) -> Counter:
    """Classify every llmcc entry in *remote* (a RedisStorage) and remove the poisoned ones.

    Returns a count per class. Connection problems raise: the caller says so.
    """
    counts: Counter = Counter()
    for ns, key, data in remote.scan():
        what = classify(ns, key, data, vet)
        counts[what] += 1
        if what in REMOVE and not dry_run:
            remote.remove_raw(ns, key)
    return counts
