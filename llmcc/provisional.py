"""Provisional decisions: made while a candidate was unavailable for a transient reason.

A TU's decision (its pass-list entry and the object made from it) is final
only if every candidate got a fair hearing. When one could not be judged (an
inconclusive PassListEval verdict, opt or codegen timing out, a suite that
could not be prepared), the decision is stored with a mark::

    {"missing": [{"pipeline": ..., "reason": ..., "verdict": <verdict key or null>}],
     "retry_after": <unix time>}

and re-decided on a later lookup as soon as a missing candidate's verdict
exists (it was evaluated since, by another TU or ``llmcc-admin warmup``) or
the retry time has passed. Without it a slow first build left a worse object
behind for good (issue 15: 314 bytes where 260 were available).

Imported on the cache-hit path: standard library only, one small file read
per missing candidate.
"""

from __future__ import annotations

import time

RETRY_S = 600.0
"""Re-decide after this long when no verdict can be watched (per-TU opt or codegen
timeouts, a suite without space): a few seconds of opt per TU, once in a while."""


def mark(missing: list[dict], retry_after: float) -> dict:
    return {"missing": missing, "retry_after": round(retry_after, 3)}


def stale(cache, provisional: object, now: float | None = None) -> bool:
    """True when a provisional decision must be made again (a garbled mark included)."""
    if not isinstance(provisional, dict):
        return True
    try:
        if (time.time() if now is None else now) >= float(provisional.get("retry_after", 0)):
            return True
        missing = provisional.get("missing") or []
        for m in missing:
            key = m.get("verdict") if isinstance(m, dict) else None
            if key:
                v = cache.get_verdict(key)
                if isinstance(v, dict) and not v.get("inconclusive"):
                    return True  # judged since: passed or rejected, the choice may change
    except (TypeError, ValueError, AttributeError):
        return True
    return False


def holds(cache, meta: dict) -> bool:
    """A cached decision (pass-list or object entry meta) may be used as it is."""
    p = meta.get("provisional") if isinstance(meta, dict) else None
    return p is None or not stale(cache, p)
