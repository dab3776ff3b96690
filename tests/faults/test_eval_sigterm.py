"""SIGTERM while PassListEval runs suite programs (issue 14: SIGTERM at random points,
during a first-use evaluation): llmcc stops at once instead of waiting for the running
programs, leaves no child, temp dir or verdict for the interrupted list, and dies of the
signal; the compile's object is clang -Oz's.

No timing assertion. The evaluation's opt is frozen with SIGSTOP before llmcc gets
SIGTERM, and every step's limit is an hour: a process that waits for its running
programs to finish waits that hour (before the fix, the worker thread waited on the
frozen opt and the unwinding main thread on the worker; ``llmcc-admin check-passes``
died at once and orphaned it), one that kills them ends. The 90-second bound on that
wait is only against a hang.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from conftest import (
    ADMIN,
    LLMCC,
    PRIMARY,
    base_env,
    clang,
    records,
    requires_clang,
    run,
    seed_cache,
)
from faultkit import SOURCE

from llmcc.cache.stats import Stats
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.tiers import Cache, tiers_for

pytestmark = requires_clang

LIST = "default<Oz>,function(sroa,early-cse)"


def _stat(pid: int) -> tuple[str, int, int, str] | None:
    """(state, ppid, pgrp, start time) from /proc, or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[1]), int(fields[2]), fields[19]


def _cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def _children(ppid: int) -> dict[int, tuple[str, int, int, str]]:
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(int(name))
            if st is not None and st[1] == ppid:
                out[int(name)] = st
    return out


def _alive(pid: int, start: str) -> bool:
    """The same process (not a recycled pid), neither reaped nor a zombie."""
    st = _stat(pid)
    return st is not None and st[3] == start and st[0] not in "ZX"


def _freeze(proc: subprocess.Popen, wanted, limit: float = 900) -> tuple[int, list[str]]:
    """Wait until llmcc runs a child whose argv is *wanted*, and stop its process group."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        for pid, st in _children(proc.pid).items():
            argv = _cmdline(pid)
            if argv and wanted(argv):
                try:
                    os.killpg(st[2], signal.SIGSTOP)
                except OSError:
                    continue  # it finished meanwhile; the next one
                if _alive(pid, st[3]):
                    return pid, argv
        time.sleep(0.02)
    _out, err = proc.communicate() if proc.poll() is not None else (b"", b"")
    pytest.fail(f"no such child seen (exit {proc.poll()}): {err.decode()[-800:]}")


def _evaluation_opt(argv: list[str]) -> bool:
    return os.path.basename(argv[0]).startswith("opt") and any("llmcc-eval-" in a for a in argv)


def _preparing_clang(argv: list[str]) -> bool:
    return os.path.basename(argv[0]).startswith("clang") and any(
        os.sep + "passlisteval" + os.sep in a for a in argv
    )


def _terminate(proc: subprocess.Popen, frozen: int) -> tuple[bytes, list[int]]:
    """SIGTERM to llmcc; its stderr and which of its children (then) are still alive.
    The frozen child is killed whatever happens: never a stopped process left behind."""
    children = {p: st[3] for p, st in _children(proc.pid).items()}
    assert frozen in children
    try:
        proc.send_signal(signal.SIGTERM)
        try:
            _out, err = proc.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            pytest.fail("llmcc waited for a frozen child after SIGTERM")
        return err, [p for p, start in children.items() if _alive(p, start)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        try:
            os.killpg(frozen, signal.SIGKILL)
        except OSError:
            pass


@pytest.fixture
def suite_root(tmp_path, warm_store) -> str:
    root = str(tmp_path / "cache")
    os.makedirs(root)
    seed_cache(warm_store.suite(PRIMARY), root)
    return root


def _verdicts(root: str) -> list[dict]:
    """Every verdict entry in the cache, read through the cache (a torn one is None)."""
    cache = Cache(tiers_for(LocalStorage.open(root)), Stats())
    out = []
    vdir = os.path.join(root, "verdict")
    for _sub, _dirs, files in os.walk(vdir):
        for key in files:
            out.append(cache.get_verdict(key))
    return out


@pytest.mark.parametrize("command", ["compile", "check-passes"])
def test_sigterm_during_passlisteval_kills_the_suite_programs_and_stores_no_verdict(
    tmp_path, suite_root, command
):
    d = tmp_path / "w"
    d.mkdir()
    (d / "t.c").write_text(SOURCE)
    # An hour's limit per step: a process that waits for its running programs waits that
    # long for the frozen opt (procs' timeout would end it), one that kills them does not.
    env = dict(base_env(str(tmp_path)), LLMCC_DIR=suite_root, TMPDIR=str(tmp_path / "tmp"),
               LLMCC_EVAL_TIMEOUT="3600")  # fmt: skip
    os.makedirs(env["TMPDIR"])
    argv = {
        "compile": [LLMCC, "-O2", "-c", "t.c", "-o", "t.o"],
        "check-passes": [ADMIN, "check-passes", LIST, "--mode", "quick"],
    }[command]
    proc = subprocess.Popen(argv, cwd=str(d), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    pid, opt_argv = _freeze(proc, _evaluation_opt)
    passes = next(a for a in opt_argv if a.startswith("-passes=")).split("=", 1)[1]
    err, left = _terminate(proc, pid)
    assert proc.returncode == -signal.SIGTERM, err.decode()[-800:]
    assert left == []  # the frozen opt too: killed, not orphaned
    # Its temp dirs went (the evaluation's work dir, the compile's), and no entry is torn.
    assert [n for n in os.listdir(env["TMPDIR"]) if n.startswith("llmcc-")] == []
    assert os.listdir(os.path.join(suite_root, "tmp")) == []
    # Only whole verdicts, one per finished evaluation; none for the interrupted list.
    stored = _verdicts(suite_root)
    assert None not in stored
    finished = records(env, "passlisteval")
    assert len(stored) == len(finished)
    interrupted = passes.removeprefix("always-inline,")
    assert interrupted not in {v["pipeline"] for v in stored}
    if command == "compile":
        # The reference compile had written clang -Oz's object; it is still that object.
        ref = tmp_path / "ref.o"
        assert run([clang(), "-O2", "-Oz", "-c", "t.c", "-o", str(ref)], cwd=str(d)).returncode == 0
        assert (d / "t.o").read_bytes() == ref.read_bytes()


def test_sigterm_during_suite_preparation_kills_its_compiles_and_leaves_no_manifest(tmp_path):
    """The first compile on a new machine prepares the suite: a clang of the preparation is
    frozen (its own limit is 120 s, longer than the bound on llmcc's exit)."""
    d = tmp_path / "w"
    d.mkdir()
    (d / "t.c").write_text(SOURCE)
    env = dict(base_env(str(tmp_path)), TMPDIR=str(tmp_path / "tmp"))
    os.makedirs(env["TMPDIR"])
    proc = subprocess.Popen([LLMCC, "-O2", "-c", "t.c", "-o", "t.o"], cwd=str(d), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    pid, _argv = _freeze(proc, _preparing_clang)
    err, left = _terminate(proc, pid)
    assert proc.returncode == -signal.SIGTERM, err.decode()[-800:]
    assert left == []
    assert [n for n in os.listdir(env["TMPDIR"]) if n.startswith("llmcc-")] == []
    root = env["LLMCC_DIR"]
    manifests = [f for _d, _s, files in os.walk(root) for f in files if f == "manifest.json"]
    assert manifests == [] and _verdicts(root) == []
    assert records(env, "passlisteval") == []
    ref = tmp_path / "ref.o"
    assert run([clang(), "-O2", "-Oz", "-c", "t.c", "-o", str(ref)], cwd=str(d)).returncode == 0
    assert (d / "t.o").read_bytes() == ref.read_bytes()
