"""Real packages built with CC=llmcc, their own test suites, and every object checked.

For every object llmcc produced, the test re-runs the TU's own command with clang and
``-Oz`` and compares: an optimized object must be strictly smaller with the same strong
symbols, a fallback object must be byte-identical.
"""

from __future__ import annotations

import filecmp
import os
import shutil

import pytest
from conftest import LLMCC, clang, make_env, records, requires_clang, run, size_of, stats
from conftest import strong_symbols as symbols
from debsrc import debian_source

from llmcc.args import replace_output

pytestmark = [pytest.mark.slow, requires_clang]


def _check_objects(env, tmp_path) -> dict[str, int]:
    """Compare every surviving output with a fresh clang -Oz compile of the same TU."""
    counts = {"optimized": 0, "fallback": 0}
    seen = set()
    for rec in records(env):
        out = os.path.join(rec["cwd"], rec["output"])
        if rec["returncode"] != 0 or not os.path.exists(out) or out in seen:
            continue
        seen.add(out)
        ref = str(tmp_path / "ref.o")
        argv = [a for a in replace_output(rec["argv"], ref) if a not in ("-MD", "-MMD", "-MP")]
        r = run([clang(), *argv, "-Oz"], cwd=rec["cwd"])
        assert r.returncode == 0, r.stderr
        if rec["path"] in ("optimized",) or rec.get("pipeline"):
            assert size_of(out) < size_of(ref), out
            assert symbols(out) == symbols(ref), out
            counts["optimized"] += 1
        else:
            assert filecmp.cmp(out, ref, shallow=False), out
            counts["fallback"] += 1
    return counts


def _fresh(pkg: str, tmp_path) -> str:
    src = debian_source(pkg)
    dst = str(tmp_path / os.path.basename(src))
    shutil.copytree(src, dst, symlinks=True)
    return dst


def test_zlib_configure_make_and_make_test_with_llmcc(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store, CC=LLMCC)
    d = _fresh("zlib", tmp_path)
    for step in (["./configure"], ["make", "-j2"], ["make", "test"]):
        r = run(step, cwd=d, env=env, timeout=3600)
        assert r.returncode == 0, (step, r.stdout[-2000:], r.stderr[-2000:])
    assert b"*** zlib test OK ***" in r.stdout
    counts = _check_objects(env, tmp_path)
    assert counts["optimized"] + counts["fallback"] >= 15
    s = stats(env)
    assert s["errors"] == 0 and s["bytes_out"] <= s["bytes_oz"]
    print(f"zlib: {counts}, {s['bytes_oz']} -> {s['bytes_out']} bytes")


def test_bzip2_make_cc_llmcc_and_make_test(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _fresh("bzip2", tmp_path)
    r = run(["make", "-j2", f"CC={LLMCC}"], cwd=d, env=env, timeout=3600)
    assert r.returncode == 0, r.stderr[-2000:]
    r = run(["make", "test", f"CC={LLMCC}"], cwd=d, env=env, timeout=3600)
    assert r.returncode == 0, (r.stdout[-2000:], r.stderr[-2000:])
    assert b"looks like it's working" in r.stdout or b"If you got this far" in r.stdout
    counts = _check_objects(env, tmp_path)
    assert counts["optimized"] + counts["fallback"] >= 7
    s = stats(env)
    assert s["errors"] == 0 and s["bytes_out"] <= s["bytes_oz"]
    print(f"bzip2: {counts}, {s['bytes_oz']} -> {s['bytes_out']} bytes")
