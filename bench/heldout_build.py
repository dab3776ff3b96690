"""The cold build of a held-out package with the default advisor, against clang -Oz.

    python bench/heldout_build.py libyaml [--clang clang-19] [--repeats 3] [--jobs 2]
        [--eval quick] [--topk K] [--out bench/results/heldout-build-libyaml.json]

Issue 11 asks what a fresh install's first build of code nobody tuned on costs: this
builds one held-out package of llmcc/tune/packages.toml (``make -jJ``, configured once,
each build from a clean copy of the configured tree, as bench/benchmarks.py builds) with
``clang -Oz`` and, in the same interleaved rounds, with llmcc on a fresh cache, once with
``LLMCC_MODEL=default`` (the shipped model, if one ships) and once with
``LLMCC_MODEL=candidates`` (the library alone). It only measures: nothing is tuned or
trained here, which is why a held-out package is allowed (bench/benchmarks.py refuses
them). The fresh caches start with the PassListEval verdicts of ``llmcc-admin warmup``
(paid once per machine and LLVM, reported apart), as the benchmarks' cold builds do.

Reported: the median build seconds and their ratios against clang -Oz, the geomean
``.text+.data`` per TU of each variant against the clang -Oz objects of the same run,
and the model's queries (``llmcc-admin stats``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import benchdoc  # noqa: E402
import benchmarks as B  # noqa: E402  (bench/benchmarks.py: the Builder and the build env)
import common  # noqa: E402
from common import ADMIN, LLMCC, timed  # noqa: E402

from llmcc.tune import corpus  # noqa: E402

VARIANTS = {"llmcc (default advisor)": "default", "llmcc (library only)": "candidates"}


def heldout_package(name: str) -> B.Pkg:
    (p,) = corpus.select(corpus.load_packages(), [name])
    if not p.heldout:
        raise SystemExit(f"heldout_build: {name} is a training package (bench/benchmarks.py)")
    tree, version = B.fetched(name, corpus.default_dir())
    return B.Pkg(name, "debian", version, tree, p.recipe)


def size_pct(sizes: dict[str, list[int]], oz: dict[str, list[int]]) -> float | None:
    """Geomean .text+.data per TU below clang -Oz, in percent (TUs both builds made): the
    benchmarks' own metric (benchdoc.tu_geomeans)."""
    g = benchdoc.tu_geomeans({B.OZ: oz, "variant": sizes}).get("variant")
    return None if g is None else round(100 * (1 - g), 3)


def run(ns: argparse.Namespace) -> dict:
    clang = shutil.which(ns.clang) or ns.clang
    from llmcc.toolchain import cxx_sibling

    clangxx = cxx_sibling(clang)
    pkg = heldout_package(ns.package)
    work = tempfile.mkdtemp(prefix="llmcc-heldout-build-")
    env = B.base_env(clang, ns.eval)
    cc, cxx = common.write_wrappers(os.path.join(work, "bin"))
    res: dict = {"package": pkg.name, "version": pkg.version, "machine": common.machine(clang),
                 "config": {"repeats": ns.repeats, "jobs": ns.jobs, "eval": ns.eval,
                            "topk": ns.topk}}  # fmt: skip
    try:
        verdicts = os.path.join(work, "verdicts")
        res["warmup_s"] = round(timed([ADMIN, "warmup"], work, dict(env, LLMCC_DIR=verdicts)), 1)
        b = B.Builder(pkg, work, env, cc, cxx, ns.jobs, common.toolchain(clang))
        b.configure(clang, clangxx)
        times: dict[str, list[float]] = {}
        sizes: dict[str, dict] = {}
        stats: dict[str, dict] = {}
        oz_env = b.build_env(clang, clangxx, "-Oz -g0")
        topk = {"LLMCC_TOPK": str(ns.topk)} if ns.topk is not None else {}
        for r in range(ns.repeats):
            times.setdefault(B.OZ, []).append(round(b.build(oz_env), 3))
            if r == 0:
                sizes[B.OZ] = b.sizes()
            for name, model in VARIANTS.items():
                cache = B.copy_cache(verdicts, os.path.join(b.dir, f"cache-{model}-{r}"))
                lenv = b.build_env(LLMCC, B.LLMCXX, "-Oz -g0", LLMCC_DIR=cache,
                                   LLMCC_MODEL=model, **topk)  # fmt: skip
                times.setdefault(name, []).append(round(b.build(lenv), 3))
                if r == 0:
                    sizes[name] = b.sizes()
                    keep = ("model", "compilations", "optimized")
                    stats[name] = {k: v for k, v in B.llmcc_stats(lenv).items()
                                   if k.startswith(keep)}  # fmt: skip
                # The build's model server would idle on beside the next rounds' builds.
                subprocess.run([ADMIN, "server", "stop"], env=lenv, capture_output=True)
                shutil.rmtree(cache, ignore_errors=True)
            print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()),
                  flush=True)  # fmt: skip
        oz_s = common.median(times[B.OZ])
        res["variants"] = {
            name: {
                "median_s": common.median(ts),
                "ratio_vs_oz": round(common.median(ts) / oz_s, 2) if oz_s else None,
                "times_s": ts,
                "tus": len(sizes.get(name, {})),
                "below_oz_pct": None if name == B.OZ else size_pct(sizes[name], sizes[B.OZ]),
                "stats": stats.get(name),
            }
            for name, ts in times.items()
        }
        res["shipped_model"] = not B.same_advisor()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    res["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("package", help="a held-out package of llmcc/tune/packages.toml")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--eval", default="quick", choices=("quick", "full"))
    ap.add_argument("--topk", type=int, help="LLMCC_TOPK for the builds (default: unset)")
    ap.add_argument("--out", help="results JSON (default bench/results/heldout-build-PKG.json)")
    ns = ap.parse_args(argv)
    res = run(ns)
    out = ns.out or os.path.join(B.RESULTS, f"heldout-build-{ns.package}.json")
    with open(out, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res["variants"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
