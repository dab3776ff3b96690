"""The warm path: a direct-mode hit, served before any heavy module is imported.

On a hit llmcc runs no clang at all: it hashes the source and the include
files named in the manifest, copies the cached object out, and replays the
diagnostics and dependency file the original compile produced. Everything
imported here must be cheap (docs/performance.md has the measurements).
"""

from __future__ import annotations

import os
import sys

from . import diagnostics
from .args import TranslationUnit
from .cache import direct, keys
from .cache.entries import CorruptEntry, StaleEntry
from .cache.tiers import Cache
from .fsutil import write_atomic
from .provisional import holds as _decision_holds


def direct_key(
    cache: Cache, cfg, compiler_identity: str, advisor_identity: str, tu: TranslationUnit
) -> str | None:
    if not cfg.direct_mode or not cache.holds("man"):
        return None
    try:
        src_digest = keys.file_digest(tu.source)
    except OSError:
        return None
    return keys.direct_key(compiler_identity, os.getcwd(), tu.argv, src_digest, dict(os.environ),
                           advisor_identity, cfg.eval_mode)  # fmt: skip


def try_hit(cache: Cache, dkey: str, tu: TranslationUnit) -> dict | None:
    """Serve *tu* from the cache; returns the stored decision fields, or None on a miss."""
    data = cache.get_manifest_bytes(dkey)
    if data is None:
        return None
    try:
        variant = direct.find(data, dkey)
    except StaleEntry:
        return None  # an older llmcc's manifest: a plain miss, rewritten after the compile
    except CorruptEntry as e:
        cache.manifest_damaged(dkey, e)  # counted, logged, removed: a miss
        return None
    if variant is None:
        return None
    # Plain text only, for a terminal that clang would colour: compile again, coloured.
    text = diagnostics.replay(variant, tu.color)
    if text is None:
        return None
    got = cache.get_object(variant["object_key"])
    if got is None:
        return None
    meta, blob, tier = got
    if not _decision_holds(cache, meta):
        return None  # a provisional decision that can be bettered now: decide it again
    write_atomic(tu.output, blob)
    if tu.depfile and isinstance(variant.get("depfile"), str):
        write_atomic(tu.depfile, variant["depfile"].encode("utf-8", "surrogateescape"))
    stderr = text.encode("utf-8", "surrogateescape")
    if stderr:
        sys.stderr.buffer.write(stderr)
        sys.stderr.flush()
    cache.stats.add("direct_hits")
    cache.stats.add(tier.hits)
    return meta
