"""``llmcc-admin tune [--budget N] [--jobs J] [--state DIR] [--scheduler URL] -- <build>``;
``llmcc-admin tune select --state DIR... -k 64 --out FILE``: the library (llmcc.tune.library);
``llmcc-admin tune corpus|labels``: labels for a recorded corpus (llmcc.tune.labels)."""

from __future__ import annotations

import argparse
import os
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--budget", type=int, default=100, metavar="N",
                   help="trials (opt + codegen + checks) per TU (default 100)")  # fmt: skip
    p.add_argument("--jobs", type=int, metavar="J",
                   help="local worker processes (default: all cores)")  # fmt: skip
    p.add_argument("--state", metavar="DIR", default=".llmcc-tune",
                   help="recording and progress, for resuming (default ./.llmcc-tune)")  # fmt: skip
    p.add_argument("--seed", type=int, default=1, help="random lists per TU follow this seed")
    p.add_argument("--scheduler", metavar="tcp://HOST:8786",
                   help="run the trials on a Dask distributed cluster "
                   "(pip install 'llmcc[tune]')")  # fmt: skip
    p.add_argument("--rebuild", action="store_true",
                   help="record the build again even if --state holds a finished one")  # fmt: skip
    p.add_argument("--no-build", action="store_true",
                   help="tune what --state has recorded, without running the build")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("command", nargs=argparse.REMAINDER, help="-- the build command, e.g. make -j2")


def main(ns: argparse.Namespace) -> int:
    from .run import build_done, record_build, tune_records

    command = list(ns.command)
    if command[:1] == ["select"]:  # llmcc-admin tune select: the library (llmcc.tune.library)
        from . import library

        sp = argparse.ArgumentParser(prog="llmcc-admin tune select",
                                     description=library.__doc__.splitlines()[0])  # fmt: skip
        library.add_arguments(sp)
        return library.main(sp.parse_args(command[1:]))
    if command[:1] == ["measure"]:  # the library alone on a corpus split (held-out figures)
        from .library import measure_main

        return measure_main(command[1:])
    if command[:1] == ["corpus"]:  # labels for a recorded corpus (llmcc.tune.labels)
        from .labels import main_corpus

        return main_corpus(command[1:])
    if command[:1] == ["labels"]:
        from .labels import main_labels

        return main_labels(command[1:])
    if command[:1] == ["--"]:
        command = command[1:]
    state = os.path.abspath(ns.state)
    records = os.path.join(state, "records")
    if ns.budget < 1:
        sys.exit("llmcc-admin tune: --budget must be at least 1")
    if not ns.no_build and (ns.rebuild or not build_done(state)):
        if not command:
            sys.exit("llmcc-admin tune: give the build command after --, e.g. "
                     "llmcc-admin tune -- make -j2")  # fmt: skip
        print(f"llmcc-admin tune: recording the build: {' '.join(command)}", file=sys.stderr)
        rc = record_build(command, state)
        if rc != 0:
            print(f"llmcc-admin tune: the build failed (exit {rc}); fix it, or tune what it "
                  "recorded with --no-build", file=sys.stderr)  # fmt: skip
            return rc
    summary = tune_records(records, budget=ns.budget, jobs=ns.jobs, state_dir=state,
                           seed=ns.seed, scheduler=ns.scheduler)  # fmt: skip
    if summary["tus"] == 0:
        print("llmcc-admin tune: no TU was recorded: build through llmcc (make CC=llmcc) from a "
              "clean tree (make clean), so that every TU is compiled", file=sys.stderr)  # fmt: skip
        return 1
    if ns.json:
        import json

        json.dump(summary, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        _print(summary)
    return 0 if not summary["transient"] else 3


def _print(s: dict) -> None:
    for r in sorted(s["results"], key=lambda r: r.get("source", "")):
        if "transient" in r:
            print(f"  {r['source']}: not decided ({r['transient']}); rerun to judge it again")
            continue
        pct = 100 * (r["ref_size"] - r["size"]) / r["ref_size"] if r["ref_size"] else 0.0
        what = r["winner"] or f"clang -Oz ({r['fallback']})"
        print(f"  {pct:6.2f}%  {r['ref_size']:>8} -> {r['size']:>8}  {r['source']}  {what}")
    print(f"{s['installed']} of {s['tus']} TUs installed in the cache, {s['improved']} below -Oz; "
          f"geomean {s['geomean_saving_percent']:.2f}% below -Oz per TU; budget {s['budget']}, "
          f"{s['seconds']}s")  # fmt: skip
    for p in s["problems"]:
        print(f"  problem: {p}")
