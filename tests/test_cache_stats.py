"""The stats a real build counts: each documented outcome reaches its counter.

Real clang, real opt, an isolated cache per test; one file per feature of the cache, after
ccache's one suite per feature (the shared tier: test_cache_remote.py)."""

from __future__ import annotations

import os

from cachekit import _compile, _ref, _workdir
from conftest import (
    LLMCC,
    make_env,
    requires_clang,
    run,
    size_of,
    stats,
)

pytestmark = requires_clang


def test_stats_json_counts_each_documented_outcome(tmp_path, warm_store):
    """Read back after real compiles: a fresh cache's zero-filled defaults have every key
    too, so only counted values show that each outcome reaches its counter."""
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    opt = _compile(env, d, "twins.c")  # optimized (a miss)
    fb = _compile(env, d, "tiny.c")  # clang -Oz: not smaller (a miss)
    os.unlink(opt)
    _compile(env, d, "twins.c")  # a direct hit
    assert run([LLMCC, "--version"], cwd=d, env=env).returncode == 0  # a pass-through
    s = stats(env)
    assert (s["compilations"], s["passthrough"], s["misses"], s["direct_hits"]) == (3, 1, 2, 1)
    # Each compile is one hit (from a tier) or one miss; the direct hit came from the local one.
    assert (s["local_hits"], s["remote_hits"]) == (1, 0)
    assert s["local_hits"] + s["remote_hits"] + s["misses"] == s["compilations"]
    assert (s["errors"], s["cache_errors"]) == (0, 0)
    # Decisions made by the pipeline (a hit replays one): one optimized, one fallback.
    assert s["optimized"] == 1 and s["fallbacks"] == {"not-smaller": 1}
    assert s["passthrough_reasons"] == {"version": 1}
    ref = {src: size_of(_ref(d, src)) for src in ("twins.c", "tiny.c")}
    assert s["bytes_oz"] == 2 * ref["twins.c"] + ref["tiny.c"]
    assert s["bytes_out"] == 2 * size_of(opt) + size_of(fb) < s["bytes_oz"]
    assert isinstance(s["model_queries"], int)
