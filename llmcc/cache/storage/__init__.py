"""Where cache entries are kept: one backend per file, behind the interface in base.py.

- ``local.py``: the cache directory (LLMCC_DIR), this machine's own tier;
- ``redis.py``: a shared Redis (LLMCC_REDIS_URL).

A backend stores framed bytes by (kind, key) and reports failures as values. Which kinds
a tier holds, and whether it shares them, is the tier list's policy (``cache/tiers.py``),
not the backend's. Importing this package imports nothing (the cache-hit path pays for
every module).
"""
