"""A winner is installed only once its opt runs again, with ``-verify-each``, to the same bytes.

The trials run plain opt; only the winner pays for ``-verify-each`` (llmcc.trial.confirm).
A real pass that breaks an invariant mid-pipeline, or an opt that is not deterministic, is
not at hand, so these tests wrap the real opt in a FAKE (a Python script beside a clang
shim in a private bindir, found by toolchain discovery as a real install would be) that
misbehaves only when it is asked to ``-verify-each``. PassListEval is off: its verdicts are
keyed by the opt binary, and the fake is not the opt they were earned with.
"""

from __future__ import annotations

import filecmp
import os
import stat
import sys

import pytest
from conftest import DATA, LLMCC, PRIMARY, base_env, clang, records, requires_clang, run

pytestmark = requires_clang

FAKE_OPT = """#!{python}
# FAKE opt for tests/faults/test_winner_confirmation.py: the real one, except that under
# -verify-each it {what}.
import os, sys
REAL = {real!r}
args = sys.argv[1:]
if "-verify-each" in args:
    pipeline = next(a for a in args if a.startswith("-passes="))
    if {breaks!r} in pipeline:
        sys.stderr.write("Broken module found, compilation aborted! (fake)\\n")
        sys.exit(1)
    if {nondeterministic!r}:
        import subprocess
        rc = subprocess.call([REAL, *args])
        with open(args[args.index("-o") + 1], "ab") as f:
            f.write(b"\\0")
        sys.exit(rc)
os.execv(REAL, [REAL, *args])
"""


def _bindir(tmp_path, breaks: str = "\0never", nondeterministic: bool = False) -> str:
    """A clang shim, the FAKE opt and the real llvm-size/llvm-nm, as one LLVM install."""
    real_bin = os.path.dirname(os.path.realpath(clang()))
    d = tmp_path / "bin"
    d.mkdir()
    shim = d / f"clang-{PRIMARY}"
    shim.write_text(f'#!/bin/sh\nexec {real_bin}/clang "$@"\n')
    what = (f"fails on a pipeline with {breaks!r}" if not nondeterministic
            else "writes different bitcode")  # fmt: skip
    (d / "opt").write_text(FAKE_OPT.format(python=sys.executable, real=f"{real_bin}/opt",
                                           what=what, breaks=breaks,
                                           nondeterministic=nondeterministic))  # fmt: skip
    for p in (shim, d / "opt"):
        p.chmod(p.stat().st_mode | stat.S_IXUSR)
    for tool in ("llvm-size", "llvm-nm"):
        os.symlink(f"{real_bin}/{tool}", d / tool)
    return str(shim)


def _compile(tmp_path, shim: str, name: str = "twins.c", **extra: str) -> tuple[dict, str]:
    env = base_env(str(tmp_path), LLMCC_CLANG=shim, LLMCC_EVAL="off", **extra)
    out = str(tmp_path / "out.o")
    r = run([LLMCC, "-O2", "-c", os.path.join(DATA, name), "-o", out], str(tmp_path), env)
    assert r.returncode == 0, r.stderr.decode()
    return records(env)[-1], out


def _oz(tmp_path, name: str = "twins.c") -> str:
    ref = str(tmp_path / "oz.o")
    r = run([clang(), "-O2", "-Oz", "-c", os.path.join(DATA, name), "-o", ref], str(tmp_path))
    assert r.returncode == 0, r.stderr.decode()
    return ref


def test_a_winner_that_fails_verify_each_gives_way_to_the_next_smallest(tmp_path):
    rec, _ = _compile(tmp_path, _bindir(tmp_path, breaks="mergefunc"))
    assert rec["path"] == "optimized", rec
    assert "mergefunc" not in rec["pipeline"]
    tried = rec["tried"]
    merged = [t for t in tried if "mergefunc" in t["pipeline"]]
    broken = [t for t in merged if t.get("rejected") == "opt-failed"]
    assert all("-verify-each" in t["detail"] for t in broken)
    # The smallest trial was a mergefunc list (on twins.c it is), rejected only on confirming.
    assert broken and min(t["size"] for t in broken) < rec["bytes_out"], tried
    others = [t for t in tried if t not in merged and not t.get("rejected")]
    assert rec["bytes_out"] == min(t["size"] for t in others)


FAULTS = [({"breaks": "passes"}, "opt-failed"),
          ({"nondeterministic": True}, "nondeterministic-opt")]


@pytest.mark.parametrize("fault, fallback", FAULTS)
def test_a_build_whose_every_winner_fails_confirmation_is_clang_oz_and_so_is_the_next(
    tmp_path, fault, fallback
):
    shim = _bindir(tmp_path, **fault)
    rec, out = _compile(tmp_path, shim)
    assert rec["path"] == "fallback" and rec["fallback"] == fallback, rec
    oz = _oz(tmp_path)
    assert filecmp.cmp(out, oz, shallow=False)
    os.unlink(out)
    again, _ = _compile(tmp_path, shim)  # the -Oz object is cached as any fallback's is
    assert again["path"] == "direct-hit" and again["fallback"] == fallback, again
    assert filecmp.cmp(out, oz, shallow=False)


def test_a_shared_list_that_fails_confirmation_here_is_decided_again_and_replaced(
    tmp_path, redis_server
):
    """Machine m1's winner (a mergefunc list) reaches m2 through Redis; m2's opt fails it
    under -verify-each, so m2 decides without the shared tier and its winner replaces it."""
    import redis
    from conftest import stats

    from llmcc.cache import entries

    shared = {"LLMCC_REDIS_URL": redis_server.url}
    m1, m2 = tmp_path / "m1", tmp_path / "m2"
    m1.mkdir()
    m2.mkdir()
    first, _ = _compile(m1, _bindir(m1), **shared)
    assert first["path"] == "optimized" and "mergefunc" in first["pipeline"], first
    rec, _ = _compile(m2, _bindir(m2, breaks="mergefunc"), **shared)
    assert rec["path"] == "optimized" and "mergefunc" not in rec["pipeline"], rec
    assert rec["tried"][0]["rejected"] == "opt-failed"  # the shared list, confirmed first
    assert stats(base_env(str(m2)))["remote_redecided"] == 1
    client = redis.Redis(port=redis_server.port)
    (raw,) = client.keys("llmcc:pl:*")
    _prefix, ns, key = raw.decode().split(":", 2)
    assert entries.unpack(client.get(raw), kind=ns, key=key)[0]["pipeline"] == rec["pipeline"]
