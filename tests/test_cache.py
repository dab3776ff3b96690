"""The content-hash cache with real clang, real opt and a real redis-server."""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import (
    ADMIN,
    DATA,
    LLMCC,
    clang,
    make_env,
    records,
    requires_clang,
    run,
    size_of,
    stats,
)
from servers import free_port, readonly

from llmcc import ir
from llmcc.cache import entries

pytestmark = requires_clang


def _workdir(tmp_path, name: str, files=("twins.c", "tiny.c")) -> str:
    d = tmp_path / name
    d.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(os.path.join(DATA, f), d)
    return str(d)


def _compile(env, cwd: str, src: str, out: str | None = None, flags=("-O2",)):
    out = out or src.replace(".c", ".o")
    r = run([LLMCC, *flags, "-c", src, "-o", out], cwd=cwd, env=env)
    assert r.returncode == 0, r.stderr.decode()
    return os.path.join(cwd, out)


def _ref(cwd: str, src: str, flags=("-O2",)) -> str:
    out = os.path.join(cwd, src.replace(".c", ".ref.o"))
    assert run([clang(), *flags, "-Oz", "-c", src, "-o", out], cwd=cwd).returncode == 0
    return out


def _emit_ir(cwd: str, src: str, flags: list[str]) -> str:
    r = run([clang(), *flags, "-Oz", "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", src,
             "-o", "-"], cwd=cwd)  # fmt: skip
    assert r.returncode == 0
    return r.stdout.decode()


def test_normalized_ir_ignores_build_dir_and_debug_info(tmp_path):
    a, b = _workdir(tmp_path, "a"), _workdir(tmp_path, "deeper/b")
    plain = ir.normalize(_emit_ir(a, "twins.c", ["-O2"]))
    assert ir.normalize(_emit_ir(b, os.path.join(b, "twins.c"), ["-O2"])) == plain
    assert ir.normalize(_emit_ir(a, "twins.c", ["-O2", "-g"])) == plain
    other = ir.normalize(_emit_ir(a, "tiny.c", ["-O2"]))
    assert other != plain
    # What reaches codegen is kept: a different constant is a different key.
    (tmp_path / "a" / "twins2.c").write_text(
        (tmp_path / "a" / "twins.c").read_text().replace("16777619u", "16777609u")
    )
    assert ir.normalize(_emit_ir(a, "twins2.c", ["-O2"])) != plain


def test_second_build_dir_reuses_the_pass_list(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    a, b = _workdir(tmp_path, "a"), _workdir(tmp_path, "b")
    _compile(env, a, "twins.c", flags=("-O2", "-g", f"-ffile-prefix-map={a}=."))
    _compile(env, b, os.path.join(b, "twins.c"), "twins.o")
    s = stats(env)
    assert s["misses"] == 1 and s["local_hits"] == 1
    assert records(env)[-1]["path"] == "optimized"


def test_warm_rebuild_is_a_direct_hit_with_identical_output(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    first = _compile(env, d, "twins.c")
    saved = Path(first).read_bytes()
    os.unlink(first)
    _compile(env, d, "twins.c")
    assert Path(first).read_bytes() == saved
    assert records(env)[-1]["path"] == "direct-hit"
    s = stats(env)
    assert s["direct_hits"] == 1 and s["compilations"] == 2 and s["misses"] == 1


def test_direct_hit_and_pass_through_import_no_model_runtime(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    os.unlink(_compile(env, d, "twins.c"))
    prof = dict(env, PYTHONPROFILEIMPORTTIME="1")
    hit = run([LLMCC, "-O2", "-c", "twins.c", "-o", "twins.o"], cwd=d, env=prof)
    assert hit.returncode == 0 and records(env)[-1]["path"] == "direct-hit"
    through = run([LLMCC, "-O0", "-c", "twins.c", "-o", "p.o"], cwd=d, env=prof)
    assert through.returncode == 0
    for r, must in ((hit, "llmcc.fastpath"), (through, "llmcc.cli.driver")):
        names = [ln.rsplit("|", 1)[-1].strip() for ln in r.stderr.decode().splitlines()
                 if ln.startswith("import time:")]  # fmt: skip
        modules = set(names)
        assert must in modules
        heavy = {m for m in modules if m.split(".")[0] in ("torch", "transformers", "onnxruntime",
                                                           "optimum", "numpy")}  # fmt: skip
        assert not heavy
        # What llmcc itself imports (after site, which an editable install makes import re):
        # none of the stdlib modules that cost the hot path milliseconds (llmcc/jsonlite.py,
        # llmcc/hashes.py, docs/performance.md; collections: llmcc/cache/tiers.py).
        own = set(names[names.index("site") + 1 :])
        assert not own & {"json", "re", "enum", "hashlib", "filelock", "subprocess", "tempfile",
                          "collections"}  # fmt: skip


def test_changed_header_is_a_direct_miss(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = tmp_path / "w"
    d.mkdir()
    (d / "k.h").write_text("#define K 3\n")
    (d / "m.c").write_text('#include "k.h"\nint f(int x) { return x * K; }\n')
    _compile(env, str(d), "m.c")
    (d / "k.h").write_text("#define K 5\n")
    obj = _compile(env, str(d), "m.c")
    assert records(env)[-1]["path"] != "direct-hit"
    assert filecmp.cmp(obj, _ref(str(d), "m.c"), shallow=False)


def test_time_macros_are_never_replayed(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = tmp_path / "w"
    d.mkdir()
    (d / "t.c").write_text("const char *built(void) { return __TIME__; }\n")
    _compile(env, str(d), "t.c")
    _compile(env, str(d), "t.c")
    assert [r["path"] for r in records(env)].count("direct-hit") == 0
    assert records(env, "direct_skip")


def test_two_machines_share_pass_lists_through_redis(tmp_path, warm_store, redis_server):
    env1 = make_env(str(tmp_path / "m1"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    env2 = make_env(str(tmp_path / "m2"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    d1, d2 = _workdir(tmp_path, "src1"), _workdir(tmp_path, "src2")
    for src in ("twins.c", "tiny.c"):
        _compile(env1, d1, src)
    assert redis_server.keys()
    out = {src: _compile(env2, d2, src) for src in ("twins.c", "tiny.c")}
    s2 = stats(env2)
    assert s2["remote_hits"] == 2 and s2["misses"] == 0 and s2["model_queries"] == 0
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
    assert filecmp.cmp(obj, _ref(d2, "twins.c"), shallow=False)
    rec = records(env2)[-1]
    assert rec["tier"] == "redis" and rec["tried"][0]["rejected"] == "vet:denied"


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


def test_corrupt_entries_are_logged_misses(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    good = Path(_compile(env, d, "twins.c")).read_bytes()
    root = env["LLMCC_DIR"]
    damaged = 0
    for ns in ("pl", "obj", "man"):
        for dirpath, _dirs, files in os.walk(os.path.join(root, ns)):
            for i, name in enumerate(files):
                p = os.path.join(dirpath, name)
                data = Path(p).read_bytes()
                with open(p, "wb") as f:
                    # Alternate truncation and garbling.
                    f.write(data[: len(data) // 2] if i % 2 == 0 else data[:10] + b"\xff" * 40)
                damaged += 1
    assert damaged >= 3
    for name in os.listdir(os.path.join(root, "registry")):  # opt --print-passes, cut short
        p = os.path.join(root, "registry", name)
        Path(p).write_bytes(Path(p).read_bytes()[:150])
    obj = _compile(env, d, "twins.c")
    assert Path(obj).read_bytes() == good
    s = stats(env)
    assert s["cache_errors"] >= 1 and s["errors"] == 0
    assert records(env, "corrupt_entry")


def test_read_only_cache_dir_is_read_but_not_written_with_one_warning(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    marker_glob = f"llmcc-{os.getuid()}-warned-"
    for f in os.listdir("/tmp"):
        if f.startswith(marker_glob):
            os.unlink(os.path.join("/tmp", f))
    with readonly(env["LLMCC_DIR"]):
        r1 = run([LLMCC, "-O2", "-c", "tiny.c"], cwd=d, env=env)
        r2 = run([LLMCC, "-O2", "-c", "twins.c"], cwd=d, env=env)
    assert r1.returncode == 0 and r2.returncode == 0
    assert r1.stderr.count(b"warning") == 1 and b"storing nothing" in r1.stderr
    assert r2.stderr == b""  # said once, not once per compile
    assert filecmp.cmp(os.path.join(d, "tiny.o"), _ref(d, "tiny.c"), shallow=False)
    # The verdicts already in the read-only cache still let llmcc optimize.
    assert size_of(os.path.join(d, "twins.o")) < size_of(_ref(d, "twins.c"))
    assert not os.path.exists(os.path.join(env["LLMCC_DIR"], "pl"))


def test_unwritable_and_unreadable_cache_builds_uncached(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    env["LLMCC_DIR"] = str(blocker / "cache")
    env["TMPDIR"] = str(tmp_path / "tmp")  # the once-an-hour warning marker: this test's own
    os.makedirs(env["TMPDIR"])
    d = _workdir(tmp_path, "w")
    first = run([LLMCC, "-O2", "-c", "twins.c"], cwd=d, env=env)
    second = run([LLMCC, "-O2", "-c", "tiny.c"], cwd=d, env=env)
    assert first.returncode == 0 and second.returncode == 0
    assert first.stderr.count(b"llmcc: warning:") == 1
    assert b"building without the local cache" in first.stderr
    assert second.stderr == b""  # said once per build, not once per compile
    # No cache, no verdict store: nothing can be proven safe, so both are clang -Oz's.
    for src in ("twins.c", "tiny.c"):
        obj = os.path.join(d, src.replace(".c", ".o"))
        assert filecmp.cmp(obj, _ref(d, src), shallow=False)
    assert [r["path"] for r in records(env)] == ["fallback", "fallback"]


def test_no_home_and_no_llmcc_dir_still_builds(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    for k in ("LLMCC_DIR", "HOME", "XDG_CACHE_HOME"):
        env.pop(k, None)
    d = _workdir(tmp_path, "w")
    r = run([LLMCC, "-O2", "-c", "tiny.c"], cwd=d, env=env)
    assert r.returncode == 0
    assert filecmp.cmp(os.path.join(d, "tiny.o"), _ref(d, "tiny.c"), shallow=False)


def test_concurrent_builds_lose_nothing_and_stats_add_up(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store, LLMCC_LOG=str(tmp_path / "log.jsonl"))
    d = tmp_path / "w"
    d.mkdir()
    base = Path(os.path.join(DATA, "twins.c")).read_text()
    jobs = []
    for i in range(8):
        (d / f"v{i}.c").write_text(base.replace("2166136261u", f"{2166136261 - i}u"))
        jobs += [(f"v{i}.c", f"v{i}.{k}.o") for k in range(2)]  # two racers per TU
    jobs += [("v0.c", f"v0.extra{k}.o") for k in range(4)]  # and a crowd on one TU
    procs = [
        subprocess.Popen(
            [LLMCC, "-O2", "-c", s, "-o", o],
            cwd=str(d),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for s, o in jobs
    ]
    for p in procs:
        _out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err
    assert len(jobs) >= 16
    for s, o in jobs:
        ref = _ref(str(d), s)
        assert size_of(str(d / o)) <= size_of(ref)
    s = stats(env)
    assert s["compilations"] == len(jobs)
    assert s["local_hits"] + s["remote_hits"] + s["misses"] == len(jobs)
    assert s["errors"] == 0 and s["cache_errors"] == 0
    assert len(records(env)) == len(jobs)
    # Every entry on disk is whole.
    for ns in ("pl", "obj", "man", "verdict"):
        for dirpath, _dirs, files in os.walk(os.path.join(env["LLMCC_DIR"], ns)):
            for name in files:
                entries.unpack(Path(os.path.join(dirpath, name)).read_bytes(), kind=ns, key=name)


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


def test_object_entries_are_shared_through_redis_when_enabled(tmp_path, warm_store, redis_server):
    extra = {"LLMCC_REDIS_URL": redis_server.url, "LLMCC_REDIS_OBJECTS": "1"}
    env1 = make_env(str(tmp_path / "m1"), warm_store, **extra)
    env2 = make_env(str(tmp_path / "m2"), warm_store, **extra)
    d = _workdir(tmp_path, "src")
    first = Path(_compile(env1, d, "twins.c")).read_bytes()
    obj = _compile(env2, d, "twins.c")
    assert Path(obj).read_bytes() == first
    assert records(env2)[-1]["path"] == "object-hit" and records(env2)[-1]["tier"] == "redis"


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


def test_absurdly_nested_header_is_a_corrupt_entry_not_a_crash():
    # Valid framing and checksum around a header json.loads cannot parse without recursing
    # past Python's limit: what a poisoned Redis tier could serve.
    header = b"[" * 100_000 + b"]" * 100_000
    binding = b"pl\0k"
    payload = (len(binding).to_bytes(2, "little") + binding + len(header).to_bytes(4, "little")
               + header)  # fmt: skip
    import hashlib

    digest = hashlib.blake2b(payload, digest_size=16).digest()
    with pytest.raises(entries.CorruptEntry, match="RecursionError"):
        entries.unpack(entries.MAGIC + digest + payload, kind="pl", key="k")


def test_object_key_separates_suite_modes():
    from llmcc.cache import keys

    args = ("define void @f() { ret void }", ["-c"], "clang", "candidates-v2")
    assert keys.object_key(*args, "full") != keys.object_key(*args, "off")
