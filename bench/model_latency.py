#!/usr/bin/env python3
"""Model latency per TU and cold-build cost with a model advisor, on zlib.

    bench/model_latency.py --zlib /tmp/src/zlib-1.2.13.dfsg --model DIR [--jobs 2]
    bench/model_latency.py --zlib ... --build-fixture   # builds llmcc-test-tiny first

1. Latency: with the local model server warm (started and answering), every
   zlib library TU's IR (as llmcc emits it) goes through ``ModelAdvisor.advise``;
   p50/p95 over the TUs that were sent to the model, and what became of each.
2. Cold build, all in one run: ``make libz.a`` with ``clang -Oz``; with llmcc
   from an empty cache and no server running (the first build a user sees:
   server start-up included); and from an empty cache with the server already
   up. PassListEval verdicts are computed beforehand (``llmcc-admin warmup``),
   as the docs tell users to do once. Ratios are against the clang -Oz build.

Writes docs/model-latency.md (--markdown) and prints the same table. The
model is named in the output: numbers from ``llmcc-test-tiny`` (a test
fixture) say what the machinery costs, not what a real FTD model costs.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

from build import ADMIN, LLMCC  # noqa: E402  (bench/build.py: the same tools, the same timer)
from build import timed as _run  # noqa: E402
from llmcc.args import ir_command  # noqa: E402

ZLIB_FLAGS = ["-O2", "-D_LARGEFILE64_SOURCE=1", "-DHAVE_HIDDEN"]
ZLIB_LIB = [
    "adler32.c", "crc32.c", "deflate.c", "infback.c", "inffast.c", "inflate.c", "inftrees.c",
    "trees.c", "zutil.c", "compress.c", "uncompr.c", "gzclose.c", "gzlib.c", "gzread.c",
    "gzwrite.c",
]  # fmt: skip


def _env(cache: str, model: str, clang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMCC_")}
    env.update(LLMCC_DIR=cache, LLMCC_CLANG=clang, LLMCC_MODEL=f"onnx:{model}",
               LLMCC_EVAL="quick", LLMCC_SERVER_IDLE="120")  # fmt: skip
    return env


def _copy_clean(src: str, dst: str) -> str:
    """A copy of a source tree without build products: every build here starts cold."""
    shutil.copytree(src, dst)
    for pattern in ("*.o", "*.lo", "*.a", "*.so*"):
        for p in glob.glob(os.path.join(dst, pattern)):
            os.unlink(p)
    return dst


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


def latency(zlib: str, model: str, clang: str, cache: str) -> dict:
    """Per TU: IR size, advise() seconds and outcome, with the server warm."""
    from llmcc.advisor.model import ModelAdvisor
    from llmcc.config import Config

    env = _env(cache, model, clang)
    _run([ADMIN, "server", "stop"], zlib, env)
    _run([ADMIN, "server", "start"], zlib, env)
    cfg = Config.from_env(env)
    adv = ModelAdvisor.from_config(cfg, "onnx", model)
    adv.advise("; warm-up\n")  # the first generate pays for onnxruntime's own warm-up
    rows = []
    for src in ZLIB_LIB:
        ir = subprocess.run(
            [clang, *ir_command(ZLIB_FLAGS, src, "-")], cwd=zlib, capture_output=True,
            text=True, check=True,
        ).stdout  # fmt: skip  (llmcc.args: the IR exactly as the driver emits it)
        a = adv.advise(ir)
        rows.append({"tu": src, "ir_chars": len(ir), "seconds": a.seconds,
                     "queried": a.model_queried, "problem": a.problem,
                     "pipeline": a.proposals[0].text if a.proposals else None})  # fmt: skip
        print(f"  {src:12} {len(ir):8} chars  {a.seconds:7.3f}s  "
              f"{a.problem or a.proposals[0].text}", flush=True)  # fmt: skip
    _run([ADMIN, "server", "stop"], zlib, env)
    queried = [r["seconds"] for r in rows if r["queried"]]
    return {
        "rows": rows,
        "queried": len(queried),
        "p50": round(statistics.median(queried), 3) if queried else None,
        "p95": round(_pct(queried, 0.95), 3) if queried else None,
    }


def cold_builds(zlib: str, model: str, clang: str, work: str, jobs: int) -> dict:
    warm = os.path.join(work, "verdicts")
    env = _env(warm, model, clang)
    print("  computing PassListEval verdicts (llmcc-admin warmup)...", flush=True)
    _run([ADMIN, "warmup"], work, env)

    def tree(name: str) -> str:
        d = _copy_clean(zlib, os.path.join(work, name))
        _run(["./configure", "--static"], d, dict(os.environ, CC=clang))
        return d

    def fresh_cache(name: str) -> dict[str, str]:
        cache = os.path.join(work, name)
        shutil.copytree(warm, cache, ignore=shutil.ignore_patterns("server", "stats*"))
        return _env(cache, model, clang)

    make = ["make", f"-j{jobs}", "libz.a"]
    out = {}
    d = tree("oz")
    out["clang -Oz"] = _run([*make, f"CC={clang}", f"CFLAGS={' '.join(ZLIB_FLAGS)} -Oz"], d)
    print(f"  clang -Oz: {out['clang -Oz']:.1f}s", flush=True)

    d, env = tree("cold"), fresh_cache("cache-cold")
    _run([ADMIN, "server", "stop"], d, env)
    out["llmcc, server not running"] = _run([*make, f"CC={LLMCC}",
                                             f"CFLAGS={' '.join(ZLIB_FLAGS)}"], d, env)  # fmt: skip
    stats_cold = json.loads(subprocess.run([ADMIN, "stats", "--json"], env=env,
                                           capture_output=True, check=True).stdout)  # fmt: skip
    _run([ADMIN, "server", "stop"], d, env)
    print(f"  llmcc, server not running: {out['llmcc, server not running']:.1f}s", flush=True)

    d, env = tree("warm"), fresh_cache("cache-warm")
    _run([ADMIN, "server", "start"], d, env)
    out["llmcc, server warm"] = _run([*make, f"CC={LLMCC}", f"CFLAGS={' '.join(ZLIB_FLAGS)}"],
                                     d, env)  # fmt: skip
    _run([ADMIN, "server", "stop"], d, env)
    print(f"  llmcc, server warm: {out['llmcc, server warm']:.1f}s", flush=True)

    # The same pipeline without a model: what the model itself adds.
    d, env = tree("candidates"), dict(fresh_cache("cache-candidates"), LLMCC_MODEL="candidates")
    key = "llmcc, no model (LLMCC_MODEL=candidates)"
    out[key] = _run([*make, f"CC={LLMCC}", f"CFLAGS={' '.join(ZLIB_FLAGS)}"], d, env)
    print(f"  {key}: {out[key]:.1f}s", flush=True)
    return {"seconds": out, "stats_cold": stats_cold}


def markdown(res: dict) -> str:
    lat, build = res["latency"], res["build"]
    base = build["seconds"]["clang -Oz"]
    st = build["stats_cold"]
    saved = st["bytes_oz"] - st["bytes_out"]
    lines = [
        "# Model latency and cold-build cost (zlib)",
        "",
        f"Measured by `bench/model_latency.py` on {res['machine']} with {res['clang']}, "
        f"`make -j{res['jobs']} libz.a`, {res['date']}. Load average (1 min) at the start "
        f"and end: {res['load'][0]:.1f} and {res['load'][1]:.1f}; on a shared machine the "
        "ratios move with it.",
        "",
        f"**Model: `{res['model_name']}`** ({res['model_note']}).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| TUs sent to the model (of {len(lat['rows'])}) | {lat['queried']} |",
        f"| model latency per TU, p50 (server warm) | {lat['p50']} s |",
        f"| model latency per TU, p95 (server warm) | {lat['p95']} s |",
    ]
    for name, secs in build["seconds"].items():
        lines.append(f"| cold build, {name} | {secs:.1f} s ({secs / base:.2f}x clang -Oz) |")
    lines += [
        f"| bytes saved below -Oz (.text+.data, cold build) | {saved} of {st['bytes_oz']} |",
        "",
        "Per TU (server warm; a skipped TU costs the driver's estimate only):",
        "",
        "| TU | IR chars | seconds | outcome |",
        "|---|---|---|---|",
    ]
    for r in lat["rows"]:
        lines.append(f"| {r['tu']} | {r['ir_chars']} | {r['seconds']} | "
                     f"{r['problem'] or '`' + r['pipeline'] + '`'} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--zlib", required=True, help="an unpacked zlib source tree")
    ap.add_argument("--model", help="an optimum ONNX export directory")
    ap.add_argument("--build-fixture", action="store_true",
                    help="build llmcc-test-tiny (tests/model_fixture.py) and use it")  # fmt: skip
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--markdown", help="write the table here (e.g. docs/model-latency.md)")
    ns = ap.parse_args()
    clang = shutil.which(ns.clang) or ns.clang
    work = tempfile.mkdtemp(prefix="llmcc-model-bench-")
    model = ns.model
    if ns.build_fixture:
        model = os.path.join(work, "llmcc-test-tiny")
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "model_fixture.py"), model,
                        "--clang", clang], check=True, capture_output=True)  # fmt: skip
    if not model:
        ap.error("give --model DIR or --build-fixture")
    name = os.path.basename(os.path.realpath(model))
    fixture = os.path.isfile(os.path.join(model, "FIXTURE.txt"))
    load_start = os.getloadavg()[0]
    src = _copy_clean(ns.zlib, os.path.join(work, "zlib"))
    print("latency, server warm:", flush=True)
    lat = latency(src, model, clang, os.path.join(work, "cache-latency"))
    print("cold builds:", flush=True)
    build = cold_builds(ns.zlib, model, clang, work, ns.jobs)
    res = {
        "latency": lat, "build": build, "model_name": name, "clang": os.path.basename(clang),
        "model_note": "a two-layer test fixture that always answers the same list: it measures "
        "llmcc's machinery, not a real FTD model" if fixture else "user-supplied ONNX export",
        "machine": f"{os.cpu_count()} cores, {platform.machine()}", "jobs": ns.jobs,
        "date": time.strftime("%Y-%m-%d"),
        "load": (load_start, os.getloadavg()[0]),
    }  # fmt: skip
    text = markdown(res)
    print(text)
    if ns.markdown:
        with open(ns.markdown, "w") as f:
            f.write(text)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
