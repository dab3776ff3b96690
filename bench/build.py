#!/usr/bin/env python3
"""Build-time benchmarks, always as ratios against clang -Oz measured in the same run.

    bench/build.py startup [--runs 30]
        llmcc's own overhead: pass-through (--version, a -O0 compile) and a direct-mode hit,
        each against the clang call it stands for; medians of repeated runs.

    bench/build.py rebuild --src DIR [--src DIR ...] [--jobs 2]
        Per package: clang -Oz build; llmcc cold build (empty cache, PassListEval verdicts
        already computed, as after `llmcc-admin warmup`); llmcc warm rebuild from a clean
        build tree; ccache cold and warm rebuilds (CC="ccache clang"). Sizes from llmcc's
        stats.

Results go to bench/results/<command>.json; docs/performance.md quotes them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.dirname(sys.executable)
LLMCC = os.path.join(BIN, "llmcc")
ADMIN = os.path.join(BIN, "llmcc-admin")
RESULTS = os.path.join(HERE, "results")


def timed(cmd: list[str], cwd: str, env: dict[str, str] | None = None) -> float:
    """Wall seconds of one successful run (bench/model_latency.py uses it too)."""
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {r.stderr.decode()[-2000:]}")
    return dt


def _median(cmd, cwd, env, runs: int) -> float:
    timed(cmd, cwd, env)  # warm the page cache
    return statistics.median(timed(cmd, cwd, env) for _ in range(runs))


def cmd_startup(ns: argparse.Namespace) -> dict:
    clang = shutil.which(ns.clang) or ns.clang
    work = tempfile.mkdtemp(prefix="llmcc-bench-")
    with open(os.path.join(work, "hello.c"), "w") as f:
        f.write('#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n')
    # The quick suite only shortens filling the cache; the timed calls are hits or pass-throughs.
    env = dict(os.environ, LLMCC_DIR=os.path.join(work, "cache"), LLMCC_CLANG=clang,
               LLMCC_EVAL="quick")  # fmt: skip
    env.pop("LLMCC_LOG", None)
    subprocess.run([ADMIN, "warmup"], env=env, check=True, stdout=subprocess.DEVNULL)
    pairs = {
        "--version (pass-through)": ([clang, "--version"], [LLMCC, "--version"]),
        "-O0 -c hello.c (pass-through)": (
            [clang, "-O0", "-c", "hello.c", "-o", "a.o"],
            [LLMCC, "-O0", "-c", "hello.c", "-o", "b.o"],
        ),
        "-O2 -c hello.c (direct-mode hit vs clang -Oz)": (
            [clang, "-O2", "-Oz", "-c", "hello.c", "-o", "a.o"],
            [LLMCC, "-O2", "-c", "hello.c", "-o", "b.o"],
        ),
    }
    rows = {}
    for name, (c, llm) in pairs.items():
        tc = _median(c, work, env, ns.runs)
        tl = _median(llm, work, env, ns.runs)
        rows[name] = {"clang_ms": round(tc * 1e3, 1), "llmcc_ms": round(tl * 1e3, 1),
                      "ratio": round(tl / tc, 2)}  # fmt: skip
        print(f"{name:48} clang {tc * 1e3:7.1f} ms   llmcc {tl * 1e3:7.1f} ms   "
              f"ratio {tl / tc:.2f}")  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    return {"startup": rows, "runs": ns.runs, "clang": clang}


def _configure(pkg: str, d: str, cc: str, env: dict[str, str]) -> list[str]:
    """Prepare the tree; returns the build command. zlib: ./configure; bzip2: plain make."""
    if os.path.exists(os.path.join(d, "configure")) and pkg.startswith("zlib"):
        subprocess.run(["./configure", "--static"], cwd=d, env=dict(env, CC=cc, CFLAGS="-O2"),
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        return ["make", f"-j{os.cpu_count() or 1}", "libz.a"]
    return ["make", f"-j{os.cpu_count() or 1}", f"CC={cc}", "CFLAGS=-O2 -D_FILE_OFFSET_BITS=64",
            "libbz2.a", "bzip2"]  # fmt: skip


def _build(src: str, cc: str, env: dict[str, str], clean_first: str | None = None) -> float:
    work = clean_first or tempfile.mkdtemp(prefix="llmcc-build-")
    d = os.path.join(work, "src")
    if os.path.exists(d):
        shutil.rmtree(d)
    shutil.copytree(src, d, symlinks=True)
    cmd = _configure(os.path.basename(src), d, cc, env)
    return timed(cmd, d, env)


def _stats(env: dict[str, str]) -> dict:
    r = subprocess.run([ADMIN, "stats", "--json"], env=env, check=True, capture_output=True)
    return json.loads(r.stdout)


def cmd_rebuild(ns: argparse.Namespace) -> dict:
    clang = shutil.which(ns.clang) or ns.clang
    out = {}
    # One-time cost per machine and LLVM, reported separately: PassListEval of the candidate
    # lists. Each package then starts from a copy of these verdicts and nothing else.
    verdicts = tempfile.mkdtemp(prefix="llmcc-verdicts-")
    venv = dict(os.environ, LLMCC_DIR=verdicts, LLMCC_CLANG=clang)
    venv.pop("LLMCC_LOG", None)
    t_warm = timed([ADMIN, "warmup"], verdicts, venv)
    for src in ns.src:
        pkg = os.path.basename(src.rstrip("/"))
        work = tempfile.mkdtemp(prefix="llmcc-rebuild-")
        shutil.copytree(verdicts, os.path.join(work, "cache"))
        env = dict(os.environ, LLMCC_DIR=os.path.join(work, "cache"), LLMCC_CLANG=clang,
                   CCACHE_DIR=os.path.join(work, "ccache"), CCACHE_NOHASHDIR="1")  # fmt: skip
        env.pop("LLMCC_LOG", None)
        # Interleave the variants so load drift hits them alike.
        t_clang = _build(src, f"{clang} -Oz", env, work)
        t_cold = _build(src, LLMCC, env, work)
        cold = _stats(env)
        subprocess.run([ADMIN, "zero-stats"], env=env, check=True, stdout=subprocess.DEVNULL)
        t_llmcc = _build(src, LLMCC, env, work)
        warm = _stats(env)
        t_ccache_cold = _build(src, f"ccache {clang} -Oz", env, work)
        t_ccache = _build(src, f"ccache {clang} -Oz", env, work)
        t_clang2 = _build(src, f"{clang} -Oz", env, work)
        base = min(t_clang, t_clang2)
        row = {
            "clang_oz_s": round(base, 2),
            "llmcc_cold_s": round(t_cold, 2),
            "llmcc_warm_s": round(t_llmcc, 2),
            "ccache_cold_s": round(t_ccache_cold, 2),
            "ccache_warm_s": round(t_ccache, 2),
            "cold_ratio": round(t_cold / base, 2),
            "warm_ratio": round(t_llmcc / base, 2),
            "warm_vs_ccache": round(t_llmcc / t_ccache, 2),
            "tus": cold["compilations"],
            "optimized": cold["optimized"],
            "bytes_oz": cold["bytes_oz"],
            "bytes_out": cold["bytes_out"],
            "warm_direct_hits": warm["direct_hits"],
        }
        row["saving_pct"] = round(100 * (1 - row["bytes_out"] / row["bytes_oz"]), 2)
        out[pkg] = row
        print(f"{pkg}: {json.dumps(row)}")
        shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(verdicts, ignore_errors=True)
    return {"rebuild": out, "warmup_s": round(t_warm, 1), "clang": clang, "jobs": os.cpu_count()}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--clang", default="clang-19")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("startup")
    s.add_argument("--runs", type=int, default=30)
    s.set_defaults(fn=cmd_startup)
    r = sub.add_parser("rebuild")
    r.add_argument("--src", action="append", required=True)
    r.set_defaults(fn=cmd_rebuild)
    ns = p.parse_args()
    result = ns.fn(ns)
    result["date"] = time.strftime("%Y-%m-%d %H:%M")
    result["load_avg"] = os.getloadavg()
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, f"{ns.cmd}.json"), "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
