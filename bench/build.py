#!/usr/bin/env python3
"""Build-time benchmarks, always as ratios against clang -Oz measured in the same run.

    bench/build.py startup [--runs 30] [--llmcc [LABEL=]PATH ...]
        The hot path, in one interleaved run: pass-throughs (--version, a link, -E, -O0 -c)
        against the same clang call, a direct-mode hit against clang -Oz -c, and a warm
        rebuild of examples/make-hello from a clean tree against clang -Oz (and ccache's,
        if installed); medians of repeated runs. Several --llmcc compare installs.

        bench/common.py's wrapper scripts are every build's CC, so that -Oz comes after
        the package's own CFLAGS (CC="clang -Oz" with CFLAGS=-O2 is an -O2 build).

    bench/build.py rebuild --src DIR [--src DIR ...] [--jobs 2]
        Per package: clang -Oz build; llmcc cold build (empty cache, PassListEval verdicts
        already computed, as after `llmcc-admin warmup`); llmcc warm rebuild from a clean
        build tree; ccache cold and warm rebuilds (CC="ccache clang"). Sizes from llmcc's
        stats. The same wrapper scripts as above, for every compiler.

Results go to bench/results/<command>.json; docs/performance.md quotes them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# One timer, one set of tools, one way to set a build's compiler (re-exported for
# bench/model_latency.py): bench/common.py.
from common import ADMIN, BIN, LLMCC, flags_last, timed, write_wrappers  # noqa: E402

__all__ = ["ADMIN", "BIN", "LLMCC", "cmd_rebuild", "cmd_startup", "timed"]
RESULTS = os.path.join(HERE, "results")
OZ = "-Oz"
"""The flags every baseline (clang, ccache) and llmcc get last, after the package's own."""


def _median(cmd, cwd, env, runs: int) -> float:
    timed(cmd, cwd, env)  # warm the page cache
    return statistics.median(timed(cmd, cwd, env) for _ in range(runs))


def _variants(ns: argparse.Namespace) -> dict[str, str]:
    """label -> llmcc entry point; ``--llmcc LABEL=PATH`` compares installs in one run."""
    given = getattr(ns, "llmcc", None) or []
    if not given:
        return {"llmcc": LLMCC}
    out = {}
    for spec in given:
        label, sep, path = spec.partition("=")
        if not sep:
            label, path = os.path.basename(os.path.dirname(os.path.dirname(spec))) or spec, spec
        out[label] = os.path.abspath(path)
    return out


def _fresh_tree(src: str, dst: str) -> None:
    """A clean copy of *src* at the same path every time (direct-mode keys include the cwd)."""
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)


def cmd_startup(ns: argparse.Namespace) -> dict:
    """The hot path: every call a build makes through llmcc that ends in clang or a hit.

    One interleaved run: per round, every call once per variant, so load drift hits them
    alike; medians over the rounds. Pass-throughs (--version, a link, -E, -O0 -c) against
    the same clang call; a direct-mode hit against ``clang -Oz -c``; a warm rebuild of
    examples/make-hello from a clean tree (4 hits and a link) against ``make CC="clang -Oz"``
    and, where installed, ccache's warm rebuild of the same tree.
    """
    runs = ns.runs
    clang = shutil.which(ns.clang) or ns.clang
    variants = _variants(ns)
    hello_src = getattr(ns, "tree", None) or os.path.join(os.path.dirname(HERE), "examples",
                                                          "make-hello")  # fmt: skip
    jobs = str(getattr(ns, "jobs", None) or 2)
    work = tempfile.mkdtemp(prefix="llmcc-bench-")
    bench_cc, _ = write_wrappers(os.path.join(work, "bin"))  # $BENCH_CC, then -Oz
    with open(os.path.join(work, "hello.c"), "w") as f:
        f.write('#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n')
    base = dict(os.environ, LLMCC_CLANG=clang, LLMCC_EVAL="quick")
    base.pop("LLMCC_LOG", None)
    clang_env = {**base, **flags_last(clang, OZ)}  # the tree's make: CC=bench-cc
    subprocess.run([clang, "-c", "hello.c", "-o", "ref.o"], cwd=work, check=True)
    # The quick suite only shortens filling the cache; the timed calls are hits or pass-throughs.
    verdicts = os.path.join(work, "verdicts")
    if getattr(ns, "verdicts", None):  # bench/benchmarks.py: the warmup it already paid for
        shutil.copytree(ns.verdicts, verdicts, ignore=shutil.ignore_patterns("server", "stats*"))
    venv = dict(base, LLMCC_DIR=verdicts)
    admin0 = os.path.join(os.path.dirname(next(iter(variants.values()))), "llmcc-admin")
    subprocess.run([admin0 if os.path.exists(admin0) else ADMIN, "warmup"], env=venv, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    envs: dict[str, dict[str, str]] = {}
    for label, exe in variants.items():
        env = dict(base, LLMCC_DIR=os.path.join(work, f"cache-{label}"), **flags_last(exe, OZ))
        shutil.copytree(verdicts, env["LLMCC_DIR"])
        envs[label] = env
        # Fill: the hit's entry, and the tree's (a cold build at the path the rebuilds use).
        subprocess.run([exe, "-O2", "-c", "hello.c", "-o", f"fill-{label}.o"], cwd=work, env=env,
                       check=True)  # fmt: skip
        tree = os.path.join(work, f"tree-{label}")
        _fresh_tree(hello_src, tree)
        subprocess.run(["make", f"-j{jobs}", f"CC={bench_cc}"], cwd=tree, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    # (name, clang's command, llmcc's command with {cc} for the variant, tree or None)
    calls = [
        ("--version (pass-through)", [clang, "--version"], ["{cc}", "--version"], None),
        ("link hello.o (pass-through)", [clang, "ref.o", "-o", "a.out"],
         ["{cc}", "ref.o", "-o", "b.out"], None),
        ("-E hello.c (pass-through)", [clang, "-E", "hello.c", "-o", "a.i"],
         ["{cc}", "-E", "hello.c", "-o", "b.i"], None),
        ("-O0 -c hello.c (pass-through)", [clang, "-O0", "-c", "hello.c", "-o", "a.o"],
         ["{cc}", "-O0", "-c", "hello.c", "-o", "b.o"], None),
        ("-O2 -c hello.c (direct-mode hit vs clang -Oz)",
         [clang, "-O2", "-Oz", "-c", "hello.c", "-o", "a.o"],
         ["{cc}", "-O2", "-c", "hello.c", "-o", "b.o"], None),
        (f"make -j{jobs} make-hello, warm, clean tree (vs clang -Oz)",
         ["make", f"-j{jobs}", f"CC={bench_cc}"], ["make", f"-j{jobs}", f"CC={bench_cc}"],
         "tree"),
    ]  # fmt: skip
    ccache = shutil.which("ccache")
    cenv = dict(base, CCACHE_DIR=os.path.join(work, "ccache"), CCACHE_NOHASHDIR="1",
                **flags_last(f"{ccache} {clang}", OZ))  # fmt: skip
    if ccache:
        for _ in range(2):  # a cold build, then a warm one: the cache is filled
            _fresh_tree(hello_src, os.path.join(work, "tree-ccache"))
            subprocess.run(["make", f"-j{jobs}", f"CC={bench_cc}"],
                           cwd=os.path.join(work, "tree-ccache"), env=cenv, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
    times: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str], list[float]] = {}

    def one(name: str, who: str, cmd: list[str], env: dict[str, str], tree: str | None) -> None:
        cwd = work
        if tree:
            cwd = os.path.join(work, f"tree-{who}")
            _fresh_tree(hello_src, cwd)  # untimed
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.setdefault((name, who), []).append(timed(cmd, cwd, env))
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU seconds of the call and its children: what load inflates least.
        cpu.setdefault((name, who), []).append(r1.ru_utime - r0.ru_utime + r1.ru_stime
                                               - r0.ru_stime)  # fmt: skip

    for rnd in range(runs + 1):  # round 0 warms the page cache and is dropped
        for name, c, llm, tree in calls:
            one(name, "clang", c, clang_env, tree)
            for label, exe in variants.items():
                one(name, label, [a.replace("{cc}", exe) for a in llm], envs[label], tree)
            if tree and ccache:
                one(name, "ccache", ["make", f"-j{jobs}", f"CC={bench_cc}"], cenv, tree)
        if rnd == 0:
            times.clear()
            cpu.clear()
    med = {k: statistics.median(v) for k, v in times.items()}
    mcpu = {k: statistics.median(v) for k, v in cpu.items()}
    by_variant: dict[str, dict] = {}
    for label in [*variants, *(["ccache"] if ccache else [])]:
        rows = {}
        for name, *_ in calls:
            if (name, label) not in med:
                continue
            tc, tl = med[(name, "clang")], med[(name, label)]
            cc, cl = mcpu[(name, "clang")], mcpu[(name, label)]
            rows[name] = {"clang_ms": round(tc * 1e3, 1), "llmcc_ms": round(tl * 1e3, 1),
                          "ratio": round(tl / tc, 2), "clang_cpu_ms": round(cc * 1e3, 1),
                          "llmcc_cpu_ms": round(cl * 1e3, 1),
                          "cpu_ratio": round(cl / cc, 2) if cc else None}  # fmt: skip
        by_variant[label] = rows
    for name, *_ in calls:
        tc = med[(name, "clang")]
        got = [(label, med[(name, label)], mcpu[(name, label)] / (mcpu[(name, "clang")] or 1))
               for label in by_variant if (name, label) in med]  # fmt: skip
        cells = "   ".join(f"{label} {t * 1e3:7.1f} ms ({t / tc:.2f}, cpu {c:.2f})"
                           for label, t, c in got)  # fmt: skip
        print(f"{name:56} clang {tc * 1e3:7.1f} ms   {cells}")
    # The rebuilds must have been hits: a figure made of misses would say nothing.
    hits = {}
    for label, exe in variants.items():
        admin = os.path.join(os.path.dirname(exe), "llmcc-admin")
        r = subprocess.run([admin if os.path.exists(admin) else ADMIN, "stats", "--json"],
                           env=envs[label], capture_output=True, check=True)  # fmt: skip
        s = json.loads(r.stdout)
        hits[label] = {k: s.get(k) for k in ("compilations", "direct_hits", "misses",
                                             "passthrough")}  # fmt: skip
        if s.get("misses", 0) > 5:  # the two fills' TUs only (hello.c, 4 make-hello files)
            raise SystemExit(f"{label}: the warm calls missed the cache: {hits[label]}")
    shutil.rmtree(work, ignore_errors=True)
    first = next(iter(variants))
    return {"startup": by_variant[first], "variants": by_variant, "stats": hits, "runs": runs,
            "clang": clang, "llmcc": variants, "ccache": ccache, "python": sys.version.split()[0],
            "cpus": os.cpu_count()}  # fmt: skip


def _configure(pkg: str, d: str, cc: str, env: dict[str, str]) -> list[str]:
    """Prepare the tree; returns the build command. zlib: ./configure; bzip2: plain make."""
    if os.path.exists(os.path.join(d, "configure")) and pkg.startswith("zlib"):
        subprocess.run(["./configure", "--static"], cwd=d, env=dict(env, CC=cc, CFLAGS="-O2"),
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        return ["make", f"-j{os.cpu_count() or 1}", "libz.a"]
    return ["make", f"-j{os.cpu_count() or 1}", f"CC={cc}", "CFLAGS=-O2 -D_FILE_OFFSET_BITS=64",
            "libbz2.a", "bzip2"]  # fmt: skip


def _build(src: str, compiler: str, env: dict[str, str], clean_first: str | None = None) -> float:
    """Seconds of one build of a fresh copy of *src* (in *clean_first*/src) by *compiler*
    (``clang-19``, ``ccache clang-19``, llmcc) with ``-Oz`` after the package's flags."""
    work = clean_first or tempfile.mkdtemp(prefix="llmcc-build-")
    d = os.path.join(work, "src")
    if os.path.exists(d):
        shutil.rmtree(d)
    shutil.copytree(src, d, symlinks=True)
    cc, _ = write_wrappers(os.path.join(work, "bin"))
    env = {**env, **flags_last(compiler, OZ)}
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
        t_clang = _build(src, clang, env, work)
        t_cold = _build(src, LLMCC, env, work)
        cold = _stats(env)
        subprocess.run([ADMIN, "zero-stats"], env=env, check=True, stdout=subprocess.DEVNULL)
        t_llmcc = _build(src, LLMCC, env, work)
        warm = _stats(env)
        t_ccache_cold = _build(src, f"ccache {clang}", env, work)
        t_ccache = _build(src, f"ccache {clang}", env, work)
        t_clang2 = _build(src, clang, env, work)
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
    s.add_argument("--llmcc", action="append", metavar="[LABEL=]PATH",
                   help="an llmcc entry point to measure (repeat to compare installs in one run; "
                   "default: the one beside this Python)")  # fmt: skip
    s.add_argument("--tree", help="the make project to rebuild (default: examples/make-hello)")
    s.add_argument("--jobs", type=int, default=2)
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
