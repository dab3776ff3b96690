"""The shared tier with real clang, real opt and a real redis-server: two machines, a
poisoned entry, a dead or killed Redis (the other cache features: tests/test_cache_*.py)."""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import time
from pathlib import Path

from cachekit import _compile, _ref, _workdir
from conftest import (
    ADMIN,
    DATA,
    LLMCC,
    make_env,
    records,
    requires_clang,
    run,
    size_of,
    stats,
)
from servers import free_port

from llmcc.cache import entries

pytestmark = requires_clang


def test_two_machines_share_pass_lists_through_redis(tmp_path, warm_store, redis_server):
    env1 = make_env(str(tmp_path / "m1"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    env2 = make_env(str(tmp_path / "m2"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    d1, d2 = _workdir(tmp_path, "src1"), _workdir(tmp_path, "src2")
    for src in ("twins.c", "tiny.c"):
        _compile(env1, d1, src)
    assert redis_server.keys()
    out = {src: _compile(env2, d2, src) for src in ("twins.c", "tiny.c")}
    s2 = stats(env2)
    # twins.c's winner comes from the shared tier; tiny.c's shared entry is "no winner",
    # which this machine decides again (docs/cache.md: a shared null is a miss).
    assert s2["remote_hits"] == 1 and s2["misses"] == 1 and s2["remote_redecided"] == 1
    assert s2["model_queries"] == 0
    assert size_of(out["twins.c"]) < size_of(_ref(d2, "twins.c"))
    assert filecmp.cmp(out["tiny.c"], _ref(d2, "tiny.c"), shallow=False)


def test_poisoned_shared_pass_list_is_revalidated(tmp_path, warm_store, redis_server):
    import redis as redis_lib

    env1 = make_env(str(tmp_path / "m1"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    d1 = _workdir(tmp_path, "src1")
    _compile(env1, d1, "twins.c")
    client = redis_lib.Redis(port=redis_server.port)
    poisoned = 0
    for key in client.keys("llmcc:pl:*"):
        plkey = key.decode().split(":", 2)[2]
        meta, _ = entries.unpack(client.get(key), kind="pl", key=plkey)
        meta["pipeline"] = "internalize,globaldce"  # breaks linkage
        # Framed for its own key: what a writer to the shared instance can always do.
        client.set(key, entries.pack(meta, kind="pl", key=plkey))
        poisoned += 1
    assert poisoned == 1
    env2 = make_env(str(tmp_path / "m2"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    d2 = _workdir(tmp_path, "src2")
    obj = _compile(env2, d2, "twins.c")
    rec = records(env2)[-1]
    assert rec["tried"][0]["rejected"] == "vet:denied"
    assert rec["tried"][0]["source"].startswith("cache:redis:")
    # Then decided here as on a miss (tests/faults/test_shared_tier.py): this machine's own
    # checked winner, or clang -Oz's object; never the poisoned list's.
    if rec["path"] != "optimized":
        assert filecmp.cmp(obj, _ref(d2, "twins.c"), shallow=False)
    assert "internalize" not in (rec.get("pipeline") or "")


def test_dead_redis_costs_nothing_but_a_counted_error(tmp_path, warm_store, redis_server):
    redis_server.stop()
    env = make_env(str(tmp_path), warm_store, LLMCC_REDIS_URL=redis_server.url)
    d = _workdir(tmp_path, "w")
    obj = _compile(env, d, "tiny.c")
    assert filecmp.cmp(obj, _ref(d, "tiny.c"), shallow=False)
    s = stats(env)
    assert s["remote_errors"] >= 1 and s["errors"] == 0


def test_dead_redis_warning_names_the_server_but_not_its_password(tmp_path, warm_store):
    url = f"redis://:hunter2@127.0.0.1:{free_port()}/0"
    env = make_env(str(tmp_path), warm_store, LLMCC_REDIS_URL=url)
    d = _workdir(tmp_path, "w")
    r = run([LLMCC, "-O2", "-c", "tiny.c"], cwd=d, env=env)
    assert r.returncode == 0
    assert b"127.0.0.1" in r.stderr and b"hunter2" not in r.stderr
    doctor = run([ADMIN, "doctor"], cwd=d, env=env)
    assert b"hunter2" not in doctor.stdout + doctor.stderr


def test_redis_killed_mid_build_leaves_every_object_correct(tmp_path, warm_store, redis_server):
    import redis as redis_lib

    env = make_env(str(tmp_path), warm_store, LLMCC_REDIS_URL=redis_server.url)
    d = tmp_path / "w"
    d.mkdir()
    srcs = []
    for i in range(6):
        (d / f"u{i}.c").write_text(
            (Path(os.path.join(DATA, "twins.c")).read_text()).replace(
                "16777619u", f"{16777619 + 2 * i}u"
            )
        )
        srcs.append(f"u{i}.c")
    procs = [
        subprocess.Popen(
            [LLMCC, "-O2", "-c", s],
            cwd=str(d),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for s in srcs
    ]
    # Killed once the build has reached it (its first lookup), not after a guessed delay.
    lookups = redis_lib.Redis(port=redis_server.port)
    deadline = time.monotonic() + 300
    while lookups.info("commandstats").get("cmdstat_get", {}).get("calls", 0) == 0:
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs)
        time.sleep(0.01)
    assert any(p.poll() is None for p in procs)  # mid-build: some compile still runs
    redis_server.proc.send_signal(signal.SIGKILL)
    for p in procs:
        _out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    # The verdicts are local: losing the shared tier costs no optimization, and a fallback
    # (which would pass a "no larger" check) is not what a dead Redis may cause.
    recs = {r["source"]: r for r in records(env)}
    assert sorted(recs) == srcs
    for s in srcs:
        ref = _ref(str(d), s)
        obj = str(d / s.replace(".c", ".o"))
        assert recs[s]["path"] == "optimized", recs[s]
        assert size_of(obj) < size_of(ref)


def test_object_entries_are_shared_through_redis_when_enabled(tmp_path, warm_store, redis_server):
    extra = {"LLMCC_REDIS_URL": redis_server.url, "LLMCC_REDIS_OBJECTS": "1"}
    env1 = make_env(str(tmp_path / "m1"), warm_store, **extra)
    env2 = make_env(str(tmp_path / "m2"), warm_store, **extra)
    d = _workdir(tmp_path, "src")
    first = Path(_compile(env1, d, "twins.c")).read_bytes()
    obj = _compile(env2, d, "twins.c")
    assert Path(obj).read_bytes() == first
    assert records(env2)[-1]["path"] == "object-hit" and records(env2)[-1]["tier"] == "redis"






