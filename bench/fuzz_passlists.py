#!/usr/bin/env python3
"""Hunt for miscompiling pass lists: random well-formed pipelines through PassListEval.

Every list is vetted by llmcc's own rules first (so this searches the space the
driver could actually use), then evaluated against the whole suite with
``stop_early=False`` so every failing program is recorded. Failures are the most
valuable tests this project owns: reduce them (creduce) into
``llmcc/passlisteval/regressions/``.

    bench/fuzz_passlists.py --clang clang-16 --trials 50 --out bench/results/fuzz16.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from llmcc.passlist import PassListError, PassRegistry, vet
from llmcc.passlisteval import Evaluator
from llmcc.toolchain import describe, find_compiler, resolve_major
from llmcc.tune.search import pass_pool, random_text


def tc_for(clang: str):
    tc = resolve_major(describe(find_compiler(False, clang)))
    tc.require_tools()
    return tc

# Deny-listed for their miscompile/crash history (llmcc/passlist/denylist.py), never in -Oz.
RISKY = (
    "newgvn",
    "gvn-hoist",
    "gvn-sink",
    "loop-interchange",
    "loop-flatten",
    "loop-fusion",
    "loop-unroll-and-jam",
    "flattencfg",
    "dfa-jump-threading",
    "attributor",
    "attributor-light",
    "iroutliner",
)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--clang", default="clang-19")
    p.add_argument("--trials", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--mode", choices=("full", "quick"), default="full")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--root", help="suite/verdict directory (default: a temp dir)")
    p.add_argument("--out", required=True)
    p.add_argument(
        "--risky",
        action="store_true",
        help="also draw the deny-listed passes with miscompile history (newgvn, "
        "attributor, ...): only nested, not vetted; shows what the suite catches",
    )
    p.add_argument("--without", action="append", default=[], metavar="PASS",
                   help="with --risky: leave this one out (gvn-sink's non-determinism masks "
                   "the rest)")  # fmt: skip
    ns = p.parse_args()
    tc = tc_for(ns.clang)
    reg = PassRegistry.from_opt(tc.opt)
    pool = pass_pool(reg)
    if ns.risky:
        for name in (n for n in RISKY if n not in ns.without):
            lvl = reg.level(name)
            if lvl in pool:
                pool[lvl] += [name] * 4  # drawn often enough to matter
    names = [n for level in pool.values() for n in level]
    rng = random.Random(ns.seed)
    root = ns.root or tempfile.mkdtemp(prefix="llmcc-fuzz-")
    ev = Evaluator.for_toolchain(tc, root, ns.mode, ns.jobs)
    m = ev.manifest()
    print(f"suite: {len(m['programs'])} programs, LLVM {tc.major}", file=sys.stderr)
    found = 0
    t0 = time.monotonic()
    with open(ns.out, "a") as out:
        done = 0
        while done < ns.trials:
            try:
                text = random_text(rng, names)  # the tuner's generator (llmcc.tune.search)
                canonical = (reg.nest(text) if ns.risky else vet(text, reg)).text()
            except PassListError:
                continue
            v = ev.verdict(canonical, stop_early=False)
            done += 1
            found += not v["passed"]
            out.write(json.dumps({"llvm": tc.major, **v}) + "\n")
            out.flush()
            state = "ok  " if v["passed"] else "FAIL"
            print(f"[{done}/{ns.trials}] {state} {v['seconds']:6.1f}s {canonical[:100]}",
                  file=sys.stderr)  # fmt: skip
            for f in v["failures"][:5]:
                print(f"      {f['program']}: {f['failure']}", file=sys.stderr)
    print(f"{ns.trials} lists, {found} rejected, {time.monotonic() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
