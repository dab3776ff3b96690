#!/usr/bin/env python3
"""Held-out figures of candidate sets, from one ``llmcc-admin tune measure`` state.

    llmcc-admin tune measure --split heldout --library POOL.json --state S   # the trials
    bench/heldout_table.py --state S [--library llmcc/advisor/library.json] [--json]

``tune measure`` tries every candidate of a pool (a superset of the libraries
compared) on every held-out TU under the driver's checks. This script reads
those trials once and prints, per candidate set, the geomean per TU of
``.text``+``.data`` below each TU's ``clang -Oz`` object: the library's best of
all its candidates, its default subset (what a cold build without a model
tries), and the six v2 lists. A set's candidate the pool did not measure is
reported as missing, never counted as a win.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from llmcc.advisor.candidates import LIBRARY_FILE, V2_CANDIDATES, load_library
from llmcc.candidate import portable
from llmcc.tune.library import TuData, coverage
from llmcc.tune.state import TuState, info_from_json


def measured(state_dir: str) -> list[TuData]:
    """Every measured TU with its candidates' accepted sizes (keys in portable form)."""
    out = []
    tus = os.path.join(state_dir, "tus")
    for name in sorted(os.listdir(tus)):
        st = TuState(state_dir, name)
        prep, meta = st.load_prep(), st.meta() or {}
        rows, phases = st.rows()
        if prep is None or "library" not in phases:
            continue
        td = TuData(name, meta.get("package") or "", meta.get("llvm"),
                    info_from_json(prep["ref"]).size)  # fmt: skip
        td.add(rows, portable)
        out.append(td)
    return out


def row(tus: list[TuData], name: str, cands: list[str]) -> dict:
    want = [portable(c) for c in cands]
    tried = set().union(*(t.tried for t in tus)) if tus else set()
    got = coverage(tus, want)
    got.update(set=name, candidates=len(want), missing=[c for c in want if c not in tried])
    got["packages"] = {p: coverage([t for t in tus if t.package == p], want)
                       ["geomean_saving_percent"] for p in sorted({t.package for t in tus})}
    return got


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--state", required=True, help="the tune measure state directory")
    p.add_argument("--library", default=LIBRARY_FILE)
    p.add_argument("--json", action="store_true")
    ns = p.parse_args()
    tus = measured(os.path.abspath(ns.state))
    version, lib, subset = load_library(ns.library)
    rows = [row(tus, f"library v{version}, all {len(lib)}", list(lib)),
            row(tus, f"library v{version}, default subset ({subset})", list(lib[:subset])),
            row(tus, "v2 six lists", list(V2_CANDIDATES))]  # fmt: skip
    if ns.json:
        json.dump(rows, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    print("| candidate set | TUs | improved | geomean below -Oz | bytes -Oz -> out |")
    print("| --- | ---: | ---: | ---: | --- |")
    for r in rows:
        miss = f" ({len(r['missing'])} not measured)" if r["missing"] else ""
        print(f"| {r['set']}{miss} | {r['tus']} | {r['improved']} | "
              f"{r['geomean_saving_percent']:.2f} % | {r['bytes_oz']:,} -> {r['bytes_out']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
