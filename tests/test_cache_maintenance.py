"""Maintenance: the size limit's LRU eviction (verdicts never evicted), clear and zero-stats.

Real clang, real opt, an isolated cache per test; one file per feature of the cache, after
ccache's one suite per feature (the shared tier: test_cache_remote.py)."""

from __future__ import annotations

import os
from pathlib import Path

from cachekit import _compile, _workdir
from conftest import (
    ADMIN,
    DATA,
    make_env,
    records,
    requires_clang,
    run,
    stats,
)

pytestmark = requires_clang


def test_size_limit_evicts_least_recently_used(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store, LLMCC_MAXSIZE="16K")
    d = tmp_path / "w"
    d.mkdir()
    base = Path(os.path.join(DATA, "twins.c")).read_text()
    for i in range(8):  # about 3 KB of entries each: half again over the limit
        (d / f"e{i}.c").write_text(base.replace("2166136261u", f"{2166136261 - i}u"))
        _compile(env, str(d), f"e{i}.c")
    s = stats(env)
    assert s["evictions"] > 0
    used = sum(
        os.path.getsize(os.path.join(dp, f))
        for ns in ("pl", "obj", "man")
        for dp, _d, fs in os.walk(os.path.join(env["LLMCC_DIR"], ns))
        for f in fs
    )
    assert used <= 16 * 1024
    # Verdicts are never evicted: each one cost a PassListEval run.
    assert os.listdir(os.path.join(env["LLMCC_DIR"], "verdict"))
    # The most recent compile is still a hit; the oldest was evicted.
    _compile(env, str(d), "e7.c")
    assert records(env)[-1]["path"] == "direct-hit"
    _compile(env, str(d), "e0.c")
    assert records(env)[-1]["path"] not in ("direct-hit", "object-hit")


def test_clear_and_zero_stats(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    _compile(env, d, "tiny.c")
    assert stats(env)["compilations"] == 1
    assert run([ADMIN, "zero-stats"], cwd=d, env=env).returncode == 0
    assert stats(env)["compilations"] == 0
    r = run([ADMIN, "clear"], cwd=d, env=env)
    assert r.returncode == 0 and b"removed" in r.stdout
    _compile(env, d, "tiny.c")
    assert records(env)[-1]["path"] != "direct-hit"
