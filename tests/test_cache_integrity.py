"""Entry integrity: damaged entries are counted misses, and concurrent builds leave only whole
entries.

Real clang, real opt, an isolated cache per test; one file per feature of the cache, after
ccache's one suite per feature (the shared tier: test_cache_remote.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cachekit import _compile, _ref, _workdir
from conftest import (
    DATA,
    LLMCC,
    make_env,
    records,
    requires_clang,
    size_of,
    stats,
)

from llmcc.cache import entries

pytestmark = requires_clang


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
