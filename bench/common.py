"""Helpers shared by the bench/ scripts: the machine, medians, time and memory of a
command, compiler wrappers, objects and their sizes.

Sizes come from ``llmcc.objinfo.read`` (llvm-size/llvm-nm of the wrapped LLVM), the same
function the driver's checks use, so a benchmark's ``.text+.data`` is the checks' own.
Every script times a build with ``timed`` (or ``measured``, which adds peak memory), and
sets a build's compiler with ``write_wrappers`` and ``flags_last``: ``CC="clang -Oz"``
together with a package's ``CFLAGS=-O2`` is an -O2 build, the compiler's flags must come
after the package's own.
"""

from __future__ import annotations

import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Every tool a benchmark starts inherits this environment. llmcc is measured as a user runs it,
# from its bytecode: with PYTHONDONTWRITEBYTECODE (set in some dev shells) an editable
# checkout has no .pyc, and every llmcc call compiled its modules from source again (a
# pass-through took 67 ms instead of 53 ms here). An installed wheel's .pyc are read anyway.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
for _p in (ROOT, HERE):
    if _p not in sys.path:
        sys.path.insert(0, _p)

BIN = os.path.dirname(sys.executable)
LLMCC = os.path.join(BIN, "llmcc")
ADMIN = os.path.join(BIN, "llmcc-admin")

__all__ = [
    "ADMIN",
    "BIN",
    "LLMCC",
    "flags_last",
    "geomean",
    "machine",
    "measured",
    "median",
    "new_objects",
    "object_sizes",
    "percentile",
    "timed",
    "toolchain",
    "write_wrappers",
]


def timed(cmd: list[str], cwd: str, env: dict[str, str] | None = None) -> float:
    """Wall seconds of one successful run."""
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {r.stderr.decode()[-2000:]}")
    return dt


def median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def percentile(xs: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..1), as bench/model_latency.py reports p95."""
    if not xs:
        return None
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def geomean(ratios: list[float]) -> float | None:
    """Geometric mean of positive ratios: the project's per-TU size summary."""
    r = [x for x in ratios if x > 0]
    return math.exp(sum(math.log(x) for x in r) / len(r)) if r else None


def measured(
    cmd: list[str], cwd: str, env: dict[str, str] | None = None, timeout: float | None = None
) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one successful run.

    The peak is ``wait4``'s ``ru_maxrss``: the largest single process of the command's
    tree (Linux folds waited-for descendants in), not the sum of processes alive at once.
    """
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = b""
    deadline = None if timeout is None else t0 + timeout
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(p.stderr, selectors.EVENT_READ)
    while True:  # drain stderr without communicate(), which would reap the child itself
        left = None if deadline is None else max(0.0, deadline - time.perf_counter())
        if left == 0.0:
            p.kill()
            break
        if not sel.select(left):
            continue
        chunk = os.read(p.stderr.fileno(), 65536)
        if not chunk:
            break
        err = (err + chunk)[-4000:]
    sel.close()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stderr.close()
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {err.decode()[-2000:]}")
    return dt, int(ru.ru_maxrss)


def _first_line(cmd: list[str]) -> str | None:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = (r.stdout or r.stderr).strip().splitlines()
    return out[0].strip() if out else None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _mem_gib() -> float | None:
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def machine(clang: str) -> dict:
    """What the figures were measured on: to be read next to every one of them."""
    llvm = {}
    for major in (16, 19, 22):
        if shutil.which(f"clang-{major}"):
            llvm[f"clang-{major}"] = _first_line([f"clang-{major}", "--version"])
    commit = _first_line(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    dirty = _first_line(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"])
    if commit and dirty:
        commit += " (with uncommitted changes)"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _mem_gib(),
        "load_avg_start": [round(x, 2) for x in os.getloadavg()],
        "os": _first_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "clang": clang,
        "llvm": llvm,
        "gcc": _first_line(["gcc", "--version"]),
        "ccache": _first_line(["ccache", "--version"]) if shutil.which("ccache") else None,
        "sccache": _first_line(["sccache", "--version"]) if shutil.which("sccache") else None,
        "make": _first_line(["make", "--version"]),
        "llmcc_commit": commit,
    }


WRAPPER = '#!/bin/sh\n# bench: the compiler and flags of this build come from the environment\nexec ${BENCH_%s:?} "$@" ${BENCH_FLAGS}\n'  # noqa: E501


def write_wrappers(bin_dir: str) -> tuple[str, str]:
    """``bench-cc``/``bench-c++``: run ``$BENCH_CC`` (``$BENCH_CXX``) with the build's
    arguments and then ``$BENCH_FLAGS``.

    A package is configured once through them and then built with each compiler by
    changing the environment only. The flags go last so that they win over the package's
    own ``-O`` level (``-O2 ... -Oz`` is ``-Oz``), for clang, gcc and llmcc alike.
    """
    os.makedirs(bin_dir, exist_ok=True)
    paths = []
    for name, var in (("bench-cc", "CC"), ("bench-c++", "CXX")):
        p = os.path.join(bin_dir, name)
        with open(p, "w") as f:
            f.write(WRAPPER % var)
        os.chmod(p, 0o755)
        paths.append(p)
    return paths[0], paths[1]


def flags_last(cc: str, flags: str, cxx: str | None = None) -> dict[str, str]:
    """The environment that makes ``write_wrappers``' scripts run *cc* (*cxx*, default *cc*)
    with *flags* after the build's own arguments: ``flags_last("clang-19", "-Oz")`` is a
    ``clang -Oz`` build whatever ``-O`` level the package's CFLAGS say."""
    return {"BENCH_CC": cc, "BENCH_CXX": cxx or cc, "BENCH_FLAGS": flags}


def list_objects(tree: str) -> set[str]:
    """Relative paths of every ``*.o`` under *tree*."""
    out = set()
    for d, _dirs, files in os.walk(tree):
        for n in files:
            if n.endswith(".o"):
                out.add(os.path.relpath(os.path.join(d, n), tree))
    return out


def new_objects(tree: str, before: set[str]) -> list[str]:
    """Objects the build made: those not in the configured tree it started from."""
    return sorted(list_objects(tree) - before)


def toolchain(clang: str):
    """The wrapped LLVM's toolchain (its llvm-size and llvm-nm), as the driver finds it."""
    from llmcc.toolchain import describe, find_compiler, resolve_major

    tc = resolve_major(describe(find_compiler(False, clang)))
    tc.require_tools()
    return tc


def object_sizes(tree: str, rels: list[str], tc) -> dict[str, list[int]]:
    """rel -> [.text+.data, file bytes], measured by llmcc's own objinfo.read."""
    from llmcc.objinfo import read

    out: dict[str, list[int]] = {}
    for i in range(0, len(rels), 200):
        chunk = rels[i : i + 200]
        paths = [os.path.join(tree, r) for r in chunk]
        for r, p, info in zip(chunk, paths, read(paths, tc.llvm_size, tc.llvm_nm), strict=True):
            out[r] = [info.size, Path(p).stat().st_size]
    return out
