#!/usr/bin/env python3
"""Thin wrapper: the tuner lives in llmcc/tune/ and runs as ``llmcc-admin tune``.

    bench/tune.py build --budget 100 -- make -j2     # = llmcc-admin tune --budget 100 -- make -j2
    bench/tune.py records DIR [DIR...] --state S --budget 100 [--seed 1] [--jobs J]
        tune recordings made elsewhere (LLMCC_RECORD=DIR, or llmcc-admin corpus build),
        and print the summary as JSON
        --per-package M: a fixed sample of M TUs per package; --no-install: judge by the
        driver's checks only and install nothing (no PassListEval on one-off winners), as
        the held-out tuner figures in docs/tuning.md are measured

Every list is judged by llmcc.trial, the driver's own evaluation path (docs/tuning.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="llmcc-admin tune (all its options)", add_help=False)
    b.add_argument("rest", nargs=argparse.REMAINDER)
    r = sub.add_parser("records", help="tune existing recordings")
    r.add_argument("dirs", nargs="+")
    r.add_argument("--state", required=True)
    r.add_argument("--budget", type=int, default=100)
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--jobs", type=int)
    r.add_argument("--scheduler")
    r.add_argument("--per-package", type=int, metavar="M")
    r.add_argument("--no-install", action="store_true")
    ns = p.parse_args()
    if ns.cmd == "build":
        from llmcc.cli.admin import main as admin

        return admin(["tune", *ns.rest])
    from llmcc.tune import tune_records

    only = None
    if ns.per_package:
        from llmcc.tune.labels import sample
        from llmcc.tune.records import load

        only = {r.id for d in ns.dirs for r in sample(load(d)[0], ns.per_package, ns.seed)}
    s = tune_records(ns.dirs, budget=ns.budget, jobs=ns.jobs, state_dir=ns.state, seed=ns.seed,
                     scheduler=ns.scheduler, install=not ns.no_install, only=only)  # fmt: skip
    json.dump({k: v for k, v in s.items() if k != "results"}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
