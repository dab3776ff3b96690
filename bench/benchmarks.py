#!/usr/bin/env python3
"""Regenerate docs/BENCHMARKS.md and its plots from scratch, every figure measured in this
one run beside the thing it is compared with (issue 13, item 1).

    python bench/benchmarks.py                   # default corpus; about 25 min on 2 idle cores
    python bench/benchmarks.py --quick           # make-hello, one repeat, small scaling: minutes
    python bench/benchmarks.py --render FILE     # only the document, from a results JSON

Measured, per package of the corpus (the examples, plus small Debian source packages of the
tuner's *training* split, llmcc/tune/packages.toml; a held-out package is refused):

* size per TU and per package, ``.text+.data`` (llmcc.objinfo, the checks' own measure) and
  the whole object file, for clang -Oz, clang -Os, clang -Oz with the machine outliner,
  gcc -Os, llmcc's default advisor, llmcc's library-only advisor (LLMCC_MODEL=candidates)
  and llmcc after ``llmcc-admin tune --budget N``;
* ``make -jJ`` wall time, medians over --repeats interleaved rounds: clang -Oz, llmcc with a
  cold cache (only PassListEval verdicts of the library, as after ``llmcc-admin warmup``),
  llmcc warm (a clean tree, the cache kept), llmcc pass-through (LLMCC_DISABLE=1), ccache
  and sccache cold and warm;

and once: the driver's start-up (bench/build.py startup), the model (only if one is shipped
or configured), and scaling: time and peak memory per TU from a tiny file up to duktape.c
(Debian's duktape source; measured only, never tuned or trained on), and against the number
of TUs in one ``make -jJ``.

Every build configures the package once through two wrapper scripts (bench/common.py) and is
then built with each compiler by changing the environment; the compiler's flags (``-Oz
-g0`` and so on) come last, so they override the package's own ``-O`` level. ``-g0``: the
whole-object size would otherwise be mostly debug info, which the compilers emit differently.

Sources: the corpus directory (``$LLMCC_CORPUS``, default ~/.cache/llmcc-corpus) if it holds
the package already (it is only read), else ``apt-get source`` into --cache-dir via the
corpus code. Needs: clang-N with opt/llvm-size, gcc, make, cmake; ccache and sccache if they
are to be compared (``apt-get install ccache sccache``; a missing one is reported, not
faked); dpkg-dev and a deb-src line to fetch. Timing figures need the machine to itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import common  # noqa: E402  (bench/common.py: sys.path for llmcc too)
from common import ADMIN, BIN, LLMCC, measured, timed  # noqa: E402

from llmcc.tune import corpus  # noqa: E402

LLMCXX = os.path.join(BIN, "llmc++")
RESULTS = os.path.join(HERE, "results")
DEFAULT_PACKAGES = ["make-hello", "cmake-lib", "zlib", "bzip2", "libogg"]
QUICK_PACKAGES = ["make-hello"]
TUNE_PACKAGES = ["make-hello", "cmake-lib", "bzip2", "libogg"]
EXAMPLES = {
    "make-hello": corpus.Recipe(system="make", make=(("wordstat",),)),
    "cmake-lib": corpus.Recipe(system="cmake", make=(("ringstat",),)),  # the library, no tests
}
SIZE_SCALING_LINES = [10, 150, 1000, 3000, 8000]  # duktape's src-separate files nearest these
QUICK_SIZE_SCALING_LINES = [10, 150]
COUNT_SCALING = [1, 2, 4, 8]
QUICK_COUNT_SCALING = [1, 2]

# Size variants: name -> (C compiler, C++ compiler, flags after the build's own).
OZ = "clang -Oz"
LLMCC_DEFAULT = "llmcc (default advisor)"
LLMCC_LIBRARY = "llmcc (library only)"
LLMCC_TUNE = "llmcc (tune)"


def plain_variants(clang: str, clangxx: str) -> dict[str, tuple[str, str, str]]:
    return {
        OZ: (clang, clangxx, "-Oz -g0"),
        "clang -Os": (clang, clangxx, "-Os -g0"),
        "clang -Oz -mllvm -enable-machine-outliner": (
            clang,
            clangxx,
            "-Oz -mllvm -enable-machine-outliner -g0",
        ),
        "gcc -Os": ("gcc", "g++", "-Os -g0"),
    }


@dataclass
class Pkg:
    name: str
    kind: str  # "example" or "debian"
    version: str
    tree: Path
    recipe: corpus.Recipe


def _version(src: Path) -> str:
    dscs = sorted(src.glob("*.dsc"))
    return corpus.parse_dsc(dscs[-1])["version"] if dscs else ""


def training_package(name: str) -> corpus.Package:
    """The corpus entry of *name*; a held-out or unknown package is an error (benchmarks of
    held-out code would tempt whoever reads them to tune on it)."""
    pkgs = corpus.load_packages()
    try:
        (p,) = corpus.select(pkgs, [name])
    except ValueError as e:
        raise SystemExit(f"benchmarks: {e}") from e
    if p.heldout:
        raise SystemExit(f"benchmarks: {name} is held out ({p.reason}); use training packages")
    return p


def fetched(name: str, cache_dir: str) -> tuple[Path, str]:
    """An unpacked source tree of *name*: the corpus's (read only) if it has one, else
    ``apt-get source`` into *cache_dir* through the corpus's own fetch code."""
    for root in (corpus.default_dir(), cache_dir):
        c = corpus.Corpus(root)
        if (c.src(name) / ".unpacked").is_file() and c.tree(name).is_dir():
            return c.tree(name), _version(c.src(name))
    c = corpus.Corpus(cache_dir)
    print(f"fetching {name} (apt-get source)...", flush=True)
    r = corpus.fetch_one(c, name)
    if r.get("status") != "ok":
        raise SystemExit(f"benchmarks: cannot fetch {name}: {r.get('error')}")
    return c.tree(name), r["version"]


def resolve(name: str, cache_dir: str) -> Pkg:
    if name in EXAMPLES:
        return Pkg(name, "example", "", Path(common.ROOT) / "examples" / name, EXAMPLES[name])
    p = training_package(name)
    tree, version = fetched(name, cache_dir)
    return Pkg(name, "debian", version, tree, p.recipe)


def base_env(clang: str, eval_mode: str) -> dict[str, str]:
    """The environment of every build: none of the caller's compiler or llmcc settings."""
    drop = (
        "MAKEFLAGS",
        "MFLAGS",
        "MAKELEVEL",
        "CFLAGS",
        "CXXFLAGS",
        "CPPFLAGS",
        "LDFLAGS",
        "CC",
        "CXX",
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LLMCC_", "CCACHE_", "SCCACHE_", "BENCH_")) and k not in drop
    }
    env.update(
        PATH=BIN + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        LC_ALL="C",
        LLMCC_CLANG=clang,
        LLMCC_EVAL=eval_mode,
    )
    return env


def copy_cache(src: str, dst: str) -> str:
    """A fresh llmcc cache holding only *src*'s verdicts (what ``warmup`` computed)."""
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("server", "stats*"))
    return dst


def llmcc_stats(env: dict[str, str]) -> dict:
    r = subprocess.run([ADMIN, "stats", "--json"], env=env, check=True, capture_output=True)
    return json.loads(r.stdout)


class Builder:
    """One package: configured once (through the wrappers, with clang -Oz behind them),
    then rebuilt from that configured tree, at the same path, for every measurement."""

    def __init__(
        self, pkg: Pkg, work: str, env: dict[str, str], cc: str, cxx: str, jobs: int, tc
    ) -> None:
        self.pkg, self.jobs, self.tc = pkg, jobs, tc
        self.dir = os.path.join(work, pkg.name)
        self.tree = os.path.join(self.dir, "tree")
        self.pristine = os.path.join(self.dir, "configured")
        self.env = {**env, "CC": cc, "CXX": cxx, **pkg.recipe.env}
        self.cc, self.cxx = cc, cxx

    def configure(self, clang: str, clangxx: str) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        ignore = shutil.ignore_patterns("*.o", "*.d", "wordstat", "build", "_llmcc_build")
        shutil.copytree(
            self.pkg.tree,
            self.tree,
            symlinks=True,
            ignore=ignore if self.pkg.kind == "example" else None,
        )
        top = Path(self.tree) / self.pkg.recipe.subdir
        system = self.pkg.recipe.system or corpus.detect_system(top)
        if system is None:
            raise SystemExit(f"benchmarks: no build system found in {top}")
        env = {**self.env, **common.flags_last(clang, "-Oz -g0", clangxx)}
        steps = corpus.plan(system, top, self.pkg.recipe, self.cc, self.cxx, self.jobs, env)
        first_make = next(i for i, s in enumerate(steps) if s[0][0] == "make")
        for argv, cwd, step_env in steps[:first_make]:
            timed(argv, str(cwd), step_env)
        # The make steps' own environment (autotools adds CFLAGS=-O2) minus the variant.
        self.steps = [
            (argv, str(cwd), {k: v for k, v in e.items() if not k.startswith("BENCH_")})
            for argv, cwd, e in steps[first_make:]
        ]
        shutil.copytree(self.tree, self.pristine, symlinks=True)
        self.before = common.list_objects(self.tree)

    def build_env(self, cc: str, cxx: str, flags: str, **extra: str) -> dict[str, str]:
        return {**self.env, **common.flags_last(cc, flags, cxx), **extra}

    def build(self, variant_env: dict[str, str]) -> float:
        """Seconds of the make steps, from a clean copy of the configured tree."""
        shutil.rmtree(self.tree)
        shutil.copytree(self.pristine, self.tree, symlinks=True)
        total = 0.0
        for argv, cwd, step_env in self.steps:
            total += timed(argv, cwd, {**step_env, **variant_env})
        return total

    def make_script(self) -> str:
        """The make steps as one shell command (for ``llmcc-admin tune -- sh -c ...``)."""
        return " && ".join(
            f"cd {shlex.quote(cwd)} && {shlex.join(argv)}" for argv, cwd, _ in self.steps
        )

    def sizes(self) -> dict[str, list[int]]:
        return common.object_sizes(self.tree, common.new_objects(self.tree, self.before), self.tc)


class Sccache:
    """An sccache server of this run only: its own port and directory."""

    PORT = "4399"

    def __init__(self, d: str) -> None:
        self.env = {
            "SCCACHE_DIR": d,
            "SCCACHE_SERVER_PORT": self.PORT,
            "SCCACHE_IDLE_TIMEOUT": "0",
            "SCCACHE_CACHE_SIZE": "2G",
        }

    def restart(self, base: dict[str, str], fresh: bool) -> None:
        self.stop(base)
        if fresh:
            shutil.rmtree(self.env["SCCACHE_DIR"], ignore_errors=True)
        subprocess.run(
            ["sccache", "--start-server"],
            env={**base, **self.env},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self, base: dict[str, str]) -> None:
        subprocess.run(
            ["sccache", "--stop-server"],
            env={**base, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def same_advisor() -> bool:
    """Whether LLMCC_MODEL=default is the library-only advisor (no model shipped)."""
    from llmcc.advisor.select import spec

    return spec("default") == spec("candidates")


def bench_package(pkg: Pkg, ns: argparse.Namespace, ctx: dict) -> dict:
    clang, clangxx, work, env = ctx["clang"], ctx["clangxx"], ctx["work"], ctx["env"]
    b = Builder(pkg, work, env, ctx["cc"], ctx["cxx"], ns.jobs, ctx["tc"])
    print(f"== {pkg.name}: configure", flush=True)
    b.configure(clang, clangxx)
    out: dict = {"kind": pkg.kind, "version": pkg.version, "sizes": {}, "times": {}, "notes": []}
    times: dict[str, list[float]] = out["times"]
    plain = plain_variants(clang, clangxx)
    llmcc_flags = "-Oz -g0"
    oz_env = b.build_env(*plain[OZ])

    def t(name: str, secs: float) -> None:
        times.setdefault(name, []).append(round(secs, 3))
        print(f"   {name:28} {secs:8.2f} s", flush=True)

    for r in range(ns.repeats):
        print(f"-- {pkg.name}: round {r + 1} of {ns.repeats}", flush=True)
        t(OZ, b.build(oz_env))
        if r == 0:
            out["sizes"][OZ] = b.sizes()
        cache = copy_cache(ctx["verdicts"], os.path.join(b.dir, f"cache-{r}"))
        log = os.path.join(b.dir, f"llmcc-{r}.jsonl")
        lenv = b.build_env(LLMCC, LLMCXX, llmcc_flags, LLMCC_DIR=cache, LLMCC_LOG=log)
        t("llmcc cold", b.build(lenv))
        if r == 0:
            out["sizes"][LLMCC_DEFAULT] = b.sizes()
            from llmcc import report

            doc = report.build(report.read_records(log)) if os.path.exists(log) else None
            out["cold_report"] = doc and {
                "summary": doc["summary"],
                "fallback_reasons": doc["fallback_reasons"],
            }
        subprocess.run([ADMIN, "zero-stats"], env=lenv, check=True, stdout=subprocess.DEVNULL)
        t("llmcc warm", b.build(lenv))
        st = llmcc_stats(lenv)
        out.setdefault("warm_stats", []).append(
            {
                k: st.get(k)
                for k in ("compilations", "direct_hits", "object_hits", "misses", "passthrough")
            }
        )
        t("llmcc pass-through", b.build({**lenv, "LLMCC_DISABLE": "1"}))
        if shutil.which("ccache"):
            cdir = os.path.join(b.dir, "ccache")
            shutil.rmtree(cdir, ignore_errors=True)
            cenv = b.build_env(
                f"ccache {clang}",
                f"ccache {clangxx}",
                "-Oz -g0",
                CCACHE_DIR=cdir,
                CCACHE_NOHASHDIR="1",
            )
            t("ccache cold", b.build(cenv))
            t("ccache warm", b.build(cenv))
        if shutil.which("sccache"):
            sc = Sccache(os.path.join(b.dir, "sccache"))
            sc.restart(env, fresh=True)
            senv = b.build_env(f"sccache {clang}", f"sccache {clangxx}", "-Oz -g0", **sc.env)
            try:
                t("sccache cold", b.build(senv))
                t("sccache warm", b.build(senv))
            finally:
                sc.stop(env)
        shutil.rmtree(cache, ignore_errors=True)

    print(f"-- {pkg.name}: size variants", flush=True)
    for name, (cc, cxx, flags) in plain.items():
        if name != OZ:
            b.build(b.build_env(cc, cxx, flags))
            out["sizes"][name] = b.sizes()
    if same_advisor():
        out["sizes"][LLMCC_LIBRARY] = out["sizes"][LLMCC_DEFAULT]
        out["notes"].append(
            "library only = default advisor: no model is shipped, so "
            "LLMCC_MODEL=default is the library's candidates"
        )
    else:
        cache = copy_cache(ctx["verdicts"], os.path.join(b.dir, "cache-library"))
        b.build(b.build_env(LLMCC, LLMCXX, llmcc_flags, LLMCC_DIR=cache, LLMCC_MODEL="candidates"))
        out["sizes"][LLMCC_LIBRARY] = b.sizes()
    if ns.tune_budget > 0 and pkg.name in ns.tune_packages:
        out["tune"] = tune(b, ns, ctx, llmcc_flags)
        out["sizes"][LLMCC_TUNE] = b.sizes()
    elif ns.tune_budget > 0:
        out["tune_skipped"] = (
            "not run here (not in --tune-packages: its cost would not fit the run's 30 minutes)"
        )
    shutil.rmtree(b.dir, ignore_errors=True)
    return out


def tune(b: Builder, ns: argparse.Namespace, ctx: dict, flags: str) -> dict:
    """``llmcc-admin tune --budget N -- <the make steps>``, then a clean rebuild from the
    tuned cache: the objects a user's next build gets. One tune cache serves every package,
    so a verdict one package earned is not paid for again."""
    print(f"-- {b.pkg.name}: llmcc-admin tune --budget {ns.tune_budget}", flush=True)
    cache = ctx["tune_cache"]
    state = os.path.join(b.dir, "tune-state")
    env = b.build_env(LLMCC, LLMCXX, flags, LLMCC_DIR=cache)
    shutil.rmtree(b.tree)
    shutil.copytree(b.pristine, b.tree, symlinks=True)
    step_env = {**b.steps[0][2], **env}
    t0 = time.perf_counter()
    r = subprocess.run(
        [
            ADMIN,
            "tune",
            "--budget",
            str(ns.tune_budget),
            "--jobs",
            str(ns.jobs),
            "--state",
            state,
            "--json",
            "--",
            "sh",
            "-c",
            b.make_script(),
        ],
        cwd=b.tree,
        env=step_env,
        capture_output=True,
        text=True,
    )
    secs = time.perf_counter() - t0
    if r.returncode not in (0, 3):
        raise SystemExit(f"llmcc-admin tune failed ({r.returncode}): {r.stderr[-3000:]}")
    summary = json.loads(r.stdout)
    subprocess.run([ADMIN, "zero-stats"], env=env, check=True, stdout=subprocess.DEVNULL)
    rebuild = b.build(env)
    st = llmcc_stats(env)
    print(f"   tune {secs:.1f} s, rebuild {rebuild:.2f} s", flush=True)
    return {
        "budget": ns.tune_budget,
        "seconds": round(secs, 1),
        "rebuild_seconds": round(rebuild, 2),
        "undecided": r.returncode == 3,
        "summary": {k: v for k, v in summary.items() if k != "results"},
        "rebuild_stats": {
            k: st.get(k) for k in ("compilations", "object_hits", "direct_hits", "misses")
        },
    }


def startup(clang: str, runs: int, jobs: int, verdicts: str) -> dict:
    """bench/build.py's start-up benchmark (the hot path's own; not duplicated here), handed
    this run's verdicts so that it need not run its own warmup."""
    import build

    return build.cmd_startup(
        argparse.Namespace(clang=clang, runs=runs, jobs=jobs, verdicts=verdicts)
    )


def model(ns: argparse.Namespace, clang: str, zlib: Pkg | None, work: str, verdicts: str) -> dict:
    """Per-TU latency (bench/model_latency.py's), the server's peak memory and make -j
    throughput on zlib, if a model is there.

    Not exercised in the session that wrote it: no model was shipped yet (issue 11)."""
    from llmcc.advisor.select import spec

    setting = ns.model or "default"
    kind, target = spec(setting)
    if kind not in ("onnx",):
        return {
            "status": "skipped",
            "setting": setting,
            "advisor": kind,
            "why": "no model is shipped (llmcc/model/ is empty: issue 11 is open) and none "
            "was given (--model DIR), so there is no model latency, memory or throughput "
            "to measure; the default advisor is the library's candidate lists",
        }
    if zlib is None:
        return {
            "status": "skipped",
            "why": "the model figures are measured on zlib, which is not in this run's corpus",
        }
    import model_latency

    src = model_latency._copy_clean(str(zlib.tree), os.path.join(work, "model-zlib"))
    cache = os.path.join(work, "model-cache")
    lat = model_latency.latency(src, target, clang, cache)
    # Throughput and server memory: a cold make -jJ of zlib with the server started first.
    env = model_latency._env(
        copy_cache(verdicts, os.path.join(work, "model-cache-build")), target, clang
    )
    d = model_latency._copy_clean(str(zlib.tree), os.path.join(work, "model-zlib-build"))
    timed(["./configure", "--static"], d, dict(os.environ, CC=clang))
    timed([ADMIN, "server", "start"], d, env)
    secs = timed(["make", f"-j{ns.jobs}", f"CC={LLMCC}", "CFLAGS=-O2", "libz.a"], d, env)
    peak = []
    sdir = os.path.join(env["LLMCC_DIR"], "server")
    for f in Path(sdir).glob("*.json") if os.path.isdir(sdir) else []:
        try:
            pid = json.loads(f.read_text()).get("pid")
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak.append(int(line.split()[1]))
        except (OSError, ValueError, TypeError):
            continue
    st = llmcc_stats(env)
    timed([ADMIN, "server", "stop"], d, env)
    return {
        "status": "measured",
        "model": os.path.basename(os.path.realpath(target)),
        "fixture": os.path.isfile(os.path.join(target, "FIXTURE.txt")),
        "p50_s": lat["p50"],
        "p95_s": lat["p95"],
        "queried": lat["queried"],
        "tus": len(lat["rows"]),
        "server_peak_kib": max(peak) if peak else None,
        "make_seconds": round(secs, 2),
        "model_queries": st.get("model_queries"),
        "compilations": st.get("compilations"),
        "tus_per_s": round(st.get("compilations", 0) / secs, 3) if secs else None,
    }


def line_count(path: str | Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def duktape_files(cache_dir: str, targets: list[int]) -> tuple[list[tuple[str, int]], str, str]:
    """(path, lines) of duktape's src-separate files nearest the target line counts, then
    its one-file duktape.c; the version. Measured only: nothing here is tuned or trained."""
    tree, version = fetched("duktape", cache_dir)
    sep = tree / "src-separate"
    files = [(str(p), line_count(p)) for p in sorted(sep.glob("*.c"))]
    picked = []
    for n in targets:
        best = min(files, key=lambda f: abs(f[1] - n))
        if best not in picked:
            picked.append(best)
    one = tree / "src" / "duktape.c"
    return picked, str(one), version


def ir_bytes(clang: str, src: str) -> int:
    from llmcc.args import ir_command

    r = subprocess.run(
        [clang, *ir_command(["-O2"], src, "-")],
        capture_output=True,
        check=True,
        cwd=os.path.dirname(src),
    )
    return len(r.stdout)


def scaling(ns: argparse.Namespace, ctx: dict) -> dict:
    clang, env, work = ctx["clang"], ctx["env"], os.path.join(ctx["work"], "scaling")
    os.makedirs(work, exist_ok=True)
    targets = QUICK_SIZE_SCALING_LINES if ns.quick else SIZE_SCALING_LINES
    files, big, version = duktape_files(ns.cache_dir, targets)
    if not ns.quick:
        files.append((big, line_count(big)))
    rows = []
    for src, lines in files:
        print(f"== scaling: {os.path.basename(src)} ({lines} lines)", flush=True)
        cwd = os.path.dirname(src)
        obj = os.path.join(work, "t.o")
        row = {"tu": os.path.basename(src), "lines": lines, "ir_bytes": ir_bytes(clang, src)}
        reps = 1 if lines > 5000 else ns.repeats  # the big ones once: the budget is 30 min
        oz = [measured([clang, "-O2", "-c", src, "-o", obj, "-Oz"], cwd, env) for _ in range(reps)]
        row["clang_oz"] = {
            "s": round(common.median([x[0] for x in oz]), 3),
            "rss_kib": max(x[1] for x in oz),
        }
        cold, warm = [], []
        for i in range(reps):
            cache = copy_cache(ctx["verdicts"], os.path.join(work, f"cache-{i}"))
            e = dict(env, LLMCC_DIR=cache)
            cold.append(measured([LLMCC, "-O2", "-c", src, "-o", obj], cwd, e))
            warm.append(measured([LLMCC, "-O2", "-c", src, "-o", obj], cwd, e))
            shutil.rmtree(cache, ignore_errors=True)
        for name, xs in (("llmcc_cold", cold), ("llmcc_warm", warm)):
            row[name] = {
                "s": round(common.median([x[0] for x in xs]), 3),
                "rss_kib": max(x[1] for x in xs),
            }
        print(
            f"   clang -Oz {row['clang_oz']['s']:.2f} s, llmcc cold {row['llmcc_cold']['s']:.2f}"
            f" s, warm {row['llmcc_warm']['s']:.2f} s",
            flush=True,
        )
        rows.append(row)
    # Number of TUs: N salted copies of one mid-size file (salted: no copy is a cache hit).
    mid = files[min(2, len(files) - 1)][0]
    counts = []
    for n in QUICK_COUNT_SCALING if ns.quick else COUNT_SCALING:
        d = os.path.join(work, f"n{n}")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        objs = []
        for k in range(n):
            with open(os.path.join(d, f"tu{k}.c"), "w") as f:
                f.write(f'#include "{mid}"\nint bench_salt_{k}(void) {{ return {k}; }}\n')
            objs.append(f"tu{k}.o")
        with open(os.path.join(d, "Makefile"), "w") as f:
            # $(OPT) last: "clang -Oz -O2" would be an -O2 build
            f.write(f"all: {' '.join(objs)}\n%.o: %.c\n\t$(CC) -O2 -c $< -o $@ $(OPT)\n")
        row = {"tus": n}
        subprocess.run(["rm", "-f", *objs], cwd=d, check=True)
        row["clang_oz_s"] = round(
            timed(["make", f"-j{ns.jobs}", f"CC={clang}", "OPT=-Oz"], d, env), 3
        )
        cache = copy_cache(ctx["verdicts"], os.path.join(work, "cache-n"))
        subprocess.run(["rm", "-f", *objs], cwd=d, check=True)
        row["llmcc_cold_s"] = round(
            timed(["make", f"-j{ns.jobs}", f"CC={LLMCC}"], d, dict(env, LLMCC_DIR=cache)), 3
        )
        shutil.rmtree(cache, ignore_errors=True)
        print(
            f"   {n} TUs: clang -Oz {row['clang_oz_s']:.2f} s, llmcc cold "
            f"{row['llmcc_cold_s']:.2f} s",
            flush=True,
        )
        counts.append(row)
    return {
        "duktape_version": version,
        "by_size": rows,
        "by_count": counts,
        "count_tu": os.path.basename(mid),
    }


def reduced(ns: argparse.Namespace, names: list[str]) -> list[str]:
    """How this run differs from the default one (the document says so at the top)."""
    if ns.quick:
        return []
    out = []
    if names != DEFAULT_PACKAGES:
        out.append(f"packages {', '.join(names)} instead of {', '.join(DEFAULT_PACKAGES)}")
    if ns.repeats < 3:
        out.append(f"{ns.repeats} round(s) instead of 3")
    if ns.no_scaling:
        out.append("no scaling section")
    if ns.tune_budget != 8 or ns.tune_packages != TUNE_PACKAGES:
        out.append(f"tune budget {ns.tune_budget} on {', '.join(ns.tune_packages) or 'nothing'}")
    if ns.reuse_verdicts:
        out.append("PassListEval verdicts reused from an earlier run")
    return out


def run(ns: argparse.Namespace) -> dict:
    started = time.perf_counter()
    clang = shutil.which(ns.clang) or ns.clang
    from llmcc.toolchain import cxx_sibling

    clangxx = cxx_sibling(clang)
    res: dict = {"mode": "quick" if ns.quick else "full", "machine": common.machine(clang)}
    names = (
        ns.packages.split(",")
        if ns.packages
        else (QUICK_PACKAGES if ns.quick else DEFAULT_PACKAGES)
    )
    pkgs = [resolve(n, ns.cache_dir) for n in names]  # fetch (and refuse held-out) first
    work = tempfile.mkdtemp(prefix="llmcc-benchmarks-")
    env = base_env(clang, ns.eval)
    cc, cxx = common.write_wrappers(os.path.join(work, "bin"))
    res["config"] = {
        "packages": names,
        "repeats": ns.repeats,
        "jobs": ns.jobs,
        "eval": ns.eval,
        "tune_budget": ns.tune_budget,
        "startup_runs": ns.startup_runs,
        "tune_packages": [n for n in names if n in ns.tune_packages],
        "reduced": reduced(ns, names),
    }
    try:
        verdicts = os.path.join(work, "verdicts")
        keep = os.path.join(ns.cache_dir, f"verdicts-{os.path.basename(clang)}-{ns.eval}")
        if ns.reuse_verdicts and os.path.isdir(keep):
            copy_cache(keep, verdicts)
            res["warmup_reused"] = keep
        print(f"== llmcc-admin warmup (LLMCC_EVAL={ns.eval})", flush=True)
        res["warmup_s"] = round(timed([ADMIN, "warmup"], work, dict(env, LLMCC_DIR=verdicts)), 1)
        if ns.reuse_verdicts:
            copy_cache(verdicts, keep)
        ctx = {
            "clang": clang,
            "clangxx": clangxx,
            "work": work,
            "env": env,
            "cc": cc,
            "cxx": cxx,
            "tc": common.toolchain(clang),
            "verdicts": verdicts,
            "tune_cache": copy_cache(verdicts, os.path.join(work, "cache-tune")),
        }
        phases = res["phase_s"] = {"warmup": res["warmup_s"]}
        res["packages"] = {}
        for p in pkgs:
            t0 = time.perf_counter()
            res["packages"][p.name] = bench_package(p, ns, ctx)
            phases[p.name] = round(time.perf_counter() - t0, 1)
        print("== start-up (bench/build.py startup)", flush=True)
        t0 = time.perf_counter()
        res["startup"] = startup(clang, ns.startup_runs, ns.jobs, verdicts)
        phases["startup"] = round(time.perf_counter() - t0, 1)
        print("== model", flush=True)
        zlib = next((p for p in pkgs if p.name == "zlib"), None)
        t0 = time.perf_counter()
        res["model"] = model(ns, clang, zlib, work, verdicts)
        phases["model"] = round(time.perf_counter() - t0, 1)
        if not ns.no_scaling:
            t0 = time.perf_counter()
            res["scaling"] = scaling(ns, ctx)
            phases["scaling"] = round(time.perf_counter() - t0, 1)
    finally:
        if not ns.keep:
            shutil.rmtree(work, ignore_errors=True)
    res["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    res["wall_s"] = round(time.perf_counter() - started, 1)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--quick",
        action="store_true",
        help="make-hello only, one round, tune budget 1, two small scaling files",
    )
    ap.add_argument(
        "--out",
        help="the document (default docs/BENCHMARKS.md; with --quick "
        "bench/results/quick/BENCHMARKS.md)",
    )
    ap.add_argument("--img-dir", help="PNG plots (default: benchmarks/ beside --out)")
    ap.add_argument("--json", help="results file (default bench/results/benchmarks[-quick].json)")
    ap.add_argument("--render", metavar="JSON", help="only write the document from a results file")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--packages", help="comma-separated: examples and training packages")
    ap.add_argument("--repeats", type=int, help="timed rounds per package (default 3; quick 1)")
    ap.add_argument("--jobs", type=int, default=2, help="make -jJ (default 2)")
    ap.add_argument(
        "--eval",
        default="quick",
        choices=("quick", "full"),
        help="LLMCC_EVAL of every llmcc build (default quick: the full suite "
        "costs ~100 s per list here; docs/performance.md)",
    )
    ap.add_argument("--tune-budget", type=int, help="trials per TU (default 8; quick 1; 0: skip)")
    ap.add_argument(
        "--tune-packages",
        default=",".join(TUNE_PACKAGES),
        help="packages tuned (default %(default)s; 'all'); each new winning list "
        "costs one PassListEval, so zlib's 15 TUs do not fit the 30 minutes",
    )
    ap.add_argument("--startup-runs", type=int, help="runs per start-up call (default 20; quick 5)")
    ap.add_argument("--model", help="LLMCC_MODEL for the model section (default: the shipped one)")
    ap.add_argument("--no-scaling", action="store_true")
    ap.add_argument(
        "--cache-dir",
        default=os.path.join(os.path.expanduser("~"), ".cache", "llmcc-bench"),
        help="where sources missing from the corpus are fetched",
    )
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument(
        "--reuse-verdicts",
        action=argparse.BooleanOptionalAction,
        help="start from the PassListEval verdicts an earlier run kept in "
        "--cache-dir, and keep this run's there (default: with --quick only; the "
        "full run computes them, and reports the cost)",
    )
    ns = ap.parse_args(argv)
    import benchdoc

    quick_dir = os.path.join(RESULTS, "quick")
    out = ns.out or (
        os.path.join(quick_dir, "BENCHMARKS.md")
        if ns.quick
        else os.path.join(common.ROOT, "docs", "BENCHMARKS.md")
    )
    img = ns.img_dir or os.path.join(os.path.dirname(os.path.abspath(out)), "benchmarks")
    if ns.render:
        with open(ns.render) as f:
            res = json.load(f)
    else:
        ns.repeats = ns.repeats or (1 if ns.quick else 3)
        ns.tune_budget = ns.tune_budget if ns.tune_budget is not None else (1 if ns.quick else 8)
        ns.startup_runs = ns.startup_runs or (5 if ns.quick else 20)
        ns.tune_packages = (
            ns.tune_packages.split(",")
            if ns.tune_packages != "all"
            else [
                p
                for p in (
                    ns.packages.split(",") if ns.packages else DEFAULT_PACKAGES + QUICK_PACKAGES
                )
            ]
        )
        if ns.reuse_verdicts is None:
            ns.reuse_verdicts = ns.quick
        res = run(ns)
        path = ns.json or os.path.join(RESULTS, f"benchmarks{'-quick' if ns.quick else ''}.json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(res, f, indent=1, sort_keys=True)
            f.write("\n")
        print(f"results: {path}", flush=True)
    for p in benchdoc.render(res, out, img):
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
