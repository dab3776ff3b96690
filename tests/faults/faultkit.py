"""Helpers for the fault-injection tests: forced timeouts, verdict files, a pty, a tmpfs."""

from __future__ import annotations

import contextlib
import os
import subprocess

from conftest import PRIMARY, clang, run

from llmcc.cache.stats import Stats
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.tiers import Cache, tiers_for
from llmcc.passlisteval import Evaluator
from llmcc.toolchain import describe, resolve_major

# Every PassListEval step times out at once: a loaded machine, made by configuration, so the
# outcome never depends on how loaded the test machine really is.
FORCED_TIMEOUTS = {"LLMCC_EVAL_TIMEOUT": "0.0001", "LLMCC_EVAL_TIMEOUT_SCALE": "0"}

SOURCE = """\
static int table[64];
int fill(int x) { for (int i = 0; i < 64; i++) table[i] = i * x; return table[x & 63]; }
int sum3(const int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i] * 3; return s; }
"""


def evaluator(root: str, mode: str = "quick", version: int | None = None) -> Evaluator:
    tc = resolve_major(describe(clang(version or PRIMARY)))
    cache = Cache(tiers_for(LocalStorage.open(root)), Stats())
    return Evaluator.for_toolchain(tc, root, mode, 2, cache=cache)


def verdict_path(root: str, canonical: str, mode: str = "quick") -> str:
    """Where the verdict on *canonical* lives in the cache at *root* (its suite is prepared)."""
    ev = evaluator(root, mode)
    return LocalStorage(root).path("verdict", ev.key(canonical))


def run_on_pty(cmd: list[str], cwd: str, env: dict[str, str], timeout: float = 600) -> bytes:
    """Run *cmd* with stderr on a real pseudo-terminal; returns what the terminal received."""
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave)  # fmt: skip
    os.close(slave)
    out = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], timeout)
            if not ready:
                proc.kill()
                raise TimeoutError(f"{cmd} on a pty: no output for {timeout}s")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the last writer closed the terminal
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(master)
        proc.wait(timeout)
    return out


@contextlib.contextmanager
def small_tmpfs(path: str, size: str, leave_free_kib: int | None = None):
    """A real tmpfs of *size* at *path*, optionally filled until *leave_free_kib* remain."""
    import pytest

    os.makedirs(path, exist_ok=True)
    if run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path], cwd="/").returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        if leave_free_kib is not None:
            st = os.statvfs(path)
            fill = st.f_bavail * st.f_frsize - leave_free_kib * 1024
            with open(os.path.join(path, "filler"), "wb") as f:
                f.write(b"\0" * max(0, fill))
        yield path
    finally:
        run(["umount", "-l", path], cwd="/")
