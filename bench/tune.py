#!/usr/bin/env python3
"""Random search for pass lists that beat clang -Oz, and a greedy pick of a candidate set.

The paper's label pipeline in miniature: random well-nested lists (every one
vetted by llmcc's own deny-list and nesting rules), measured per TU against the
real ``clang -Oz`` object with the driver's own symbol and size checks, then a
greedy set cover that picks the K lists adding the most savings on top of the
ones already picked. Results are JSON lines, so a run can be resumed or mined
for training data.

    bench/tune.py corpus --clang clang-19 --out bench/results/corpus19
    bench/tune.py search --corpus bench/results/corpus19 --trials 300 --seed 1
    bench/tune.py select --corpus bench/results/corpus19 -k 6
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import sys
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from llmcc import checks, objinfo, procs
from llmcc.optimize import run_opt
from llmcc.passlist import PassListError, PassRegistry, vet
from llmcc.passlist.denylist import deny_reason
from llmcc.toolchain import describe, find_compiler, resolve_major

# Per-package flags as their own build systems pass them (configure defaults).
PACKAGES = {
    "zlib": (
        ["-O2", "-DHAVE_UNISTD_H", "-DHAVE_STDARG_H", "-D_LARGEFILE64_SOURCE=1"],
        ["example.c", "minigzip.c"],
    ),
    "bzip2": (["-O2", "-D_FILE_OFFSET_BITS=64"], ["dlltest.c", "spewG.c", "unzcrash.c", "mk251.c"]),
    "libyaml": (
        [
            "-O2",
            "-DHAVE_CONFIG_H",
            "-DYAML_VERSION_MAJOR=0",
            "-DYAML_VERSION_MINOR=2",
            "-DYAML_VERSION_PATCH=5",
            '-DYAML_VERSION_STRING="0.2.5"',
        ],
        [],
    ),
    "jansson": (["-O2", "-DHAVE_STDINT_H=1", "-DHAVE_UNISTD_H=1", "-DHAVE_CONFIG_H"], []),
}


def tc_for(clang: str):
    tc = resolve_major(describe(find_compiler(False, clang)))
    tc.require_tools()
    return tc


def cmd_corpus(ns: argparse.Namespace) -> None:
    """Unoptimized IR plus the -Oz reference object of every TU of the source packages."""
    tc = tc_for(ns.clang)
    os.makedirs(ns.out, exist_ok=True)
    index = []
    for pkg_dir in ns.sources:
        name = os.path.basename(pkg_dir.rstrip("/")).split("-")[0]
        flags, skip = PACKAGES.get(name, (["-O2"], []))
        inc = [
            "-I" + pkg_dir,
            "-I" + os.path.join(pkg_dir, "include"),
            "-I" + os.path.join(pkg_dir, "src"),
            *ns.cflags,
        ]
        for src in sorted(
            glob.glob(os.path.join(pkg_dir, "*.c")) + glob.glob(os.path.join(pkg_dir, "src", "*.c"))
        ):
            if os.path.basename(src) in skip:
                continue
            tu = f"{name}__{os.path.basename(src)[:-2]}"
            ll, ref = os.path.join(ns.out, tu + ".ll"), os.path.join(ns.out, tu + ".ref.o")
            base = [tc.clang, *flags, *inc, "-w", src]
            r1 = procs.run([*base, "-Oz", "-c", "-o", ref])
            r2 = procs.run(
                [*base, "-Oz", "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", "-o", ll]
            )
            if r1.ok and r2.ok:
                index.append({"tu": tu, "ll": ll, "ref": ref})
            else:
                print(f"skip {src}: {(r1 if not r1.ok else r2).summary(200)}", file=sys.stderr)
    with open(os.path.join(ns.out, "index.json"), "w") as f:
        json.dump({"clang": tc.clang, "tus": index}, f, indent=1)
    print(f"{len(index)} TUs in {ns.out}")


def pass_pool(reg: PassRegistry) -> dict[str, list[str]]:
    """Allowed transformation passes by level (analyses and denied passes excluded)."""
    pool: dict[str, list[str]] = {"module": [], "cgscc": [], "function": [], "loop": []}
    skip_prefix = ("require", "invalidate", "no-op", "print", "verify")
    for name in reg.names():
        lvl = reg.level(name)
        if lvl in pool and not deny_reason(name) and not name.startswith(skip_prefix):
            pool[lvl].append(name)
    pool["module"] += ["default<Oz>", "default<Os>", "default<O1>", "default<O2>"]
    return pool


def random_list(rng: random.Random, pool: dict[str, list[str]]) -> str:
    parts = []
    if rng.random() < 0.5:
        parts.append("default<Oz>")
    for _ in range(rng.randint(1, 6)):
        r = rng.random()
        if r < 0.2:
            parts.append(rng.choice(pool["module"]))
        elif r < 0.3:
            parts.append(f"cgscc({rng.choice(pool['cgscc'])})")
        elif r < 0.85:
            parts.append(
                "function("
                + ",".join(rng.choice(pool["function"]) for _ in range(rng.randint(1, 4)))
                + ")"
            )
        else:
            parts.append(
                "function(loop-mssa("
                + ",".join(rng.choice(pool["loop"]) for _ in range(rng.randint(1, 3)))
                + "))"
            )
    return ",".join(parts)


def _measure(job: tuple) -> dict:
    canonical, tus, tc, workdir = job
    per: dict[str, int | str] = {}
    for t in tus:
        bc = os.path.join(workdir, f"{os.getpid()}.bc")
        obj = os.path.join(workdir, f"{os.getpid()}.o")
        r = run_opt(tc.opt, canonical, t["ll"], bc, 60)
        if not r.ok:
            per[t["tu"]] = "opt-timeout" if r.timed_out else "opt-failed"
            continue
        r = procs.run(
            [
                tc.clang,
                "-Oz",
                "-Xclang",
                "-disable-llvm-optzns",
                "-w",
                "-c",
                "-x",
                "ir",
                bc,
                "-o",
                obj,
            ],
            timeout=60,
        )
        if not r.ok:
            per[t["tu"]] = "codegen-failed"
            continue
        ref, cand = objinfo.read([t["ref"], obj], tc.llvm_size, tc.llvm_nm)
        res = checks.compare(ref, cand)
        per[t["tu"]] = cand.size if res[0]["ok"] else "symbols"
    return {"list": canonical, "per": per}


def cmd_search(ns: argparse.Namespace) -> None:
    with open(os.path.join(ns.corpus, "index.json")) as f:
        index = json.load(f)
    tc = tc_for(index["clang"])
    reg = PassRegistry.from_opt(tc.opt)
    pool = pass_pool(reg)
    rng = random.Random(ns.seed)
    out = os.path.join(ns.corpus, "search.jsonl")
    seen = set()
    if os.path.exists(out):
        with open(out) as f:
            seen = {json.loads(line)["list"] for line in f if line.strip()}
    lists: list[str] = []
    extra = []
    if ns.lists:
        with open(ns.lists) as f:
            extra = [ln.strip() for ln in f if ln.strip()]
    target = ns.trials + len(extra)
    while len(lists) < target and (extra or ns.trials):
        text = extra.pop(0) if extra else random_list(rng, pool)
        try:
            canonical = vet(text, reg).text()
        except PassListError:
            continue
        if canonical not in seen:
            seen.add(canonical)
            lists.append(canonical)
    workdir = os.path.join(ns.corpus, "work")
    os.makedirs(workdir, exist_ok=True)
    jobs = [(c, index["tus"], tc, workdir) for c in lists]
    with ProcessPoolExecutor(ns.jobs) as ex, open(out, "a") as f:
        for i, res in enumerate(ex.map(_measure, jobs)):
            f.write(json.dumps(res) + "\n")
            f.flush()
            if (i + 1) % 20 == 0:
                print(f"{i + 1}/{len(jobs)} lists", file=sys.stderr)


def load_results(corpus: str) -> tuple[dict[str, int], list[dict]]:
    with open(os.path.join(corpus, "index.json")) as f:
        index = json.load(f)
    tc = tc_for(index["clang"])
    refs = objinfo.read([t["ref"] for t in index["tus"]], tc.llvm_size, tc.llvm_nm)
    base = {t["tu"]: r.size for t, r in zip(index["tus"], refs, strict=True)}
    with open(os.path.join(corpus, "search.jsonl")) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return base, rows


def _merged(corpora: list[str]) -> tuple[dict[str, int], list[dict]]:
    """Results of several corpora as one: only lists measured on all of them count."""
    base: dict[str, int] = {}
    by_list: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for c in corpora:
        b, rows = load_results(c)
        base.update(b)
        for row in rows:
            by_list.setdefault(row["list"], {}).update(row["per"])
            counts[row["list"]] = counts.get(row["list"], 0) + 1
    rows = [{"list": k, "per": v} for k, v in by_list.items() if counts[k] == len(corpora)]
    return base, rows


def cmd_select(ns: argparse.Namespace) -> None:
    base, rows = _merged(ns.corpus)
    if ns.exclude:
        rows = [r for r in rows if not any(x in r["list"] for x in ns.exclude)]
    best = dict(base)
    chosen = []
    for _ in range(ns.k):
        gain_best, pick = 0, None
        for row in rows:
            gain = sum(
                best[tu] - v for tu, v in row["per"].items() if isinstance(v, int) and v < best[tu]
            )
            if gain > gain_best:
                gain_best, pick = gain, row
        if pick is None:
            break
        chosen.append(pick["list"])
        for tu, v in pick["per"].items():
            if isinstance(v, int) and v < best[tu]:
                best[tu] = v
        print(f"+{gain_best:6d} bytes  {pick['list']}")
    tot_b, tot_n = sum(base.values()), sum(best.values())
    print(
        f"{len(rows)} lists searched; {len(chosen)} chosen: {tot_b} -> {tot_n} bytes "
        f"({100 * (tot_b - tot_n) / tot_b:.2f}% below -Oz, best of set per TU)"
    )
    if ns.json:
        with open(ns.json, "w") as f:
            json.dump({"lists": chosen, "base": tot_b, "best": tot_n}, f, indent=1)


def _savings(per: dict, base: dict[str, int]) -> int:
    """Bytes saved over -Oz by this list where it wins (the driver keeps -Oz elsewhere)."""
    return sum(base[tu] - v for tu, v in per.items() if isinstance(v, int) and v < base[tu])


def cmd_measure(ns: argparse.Namespace) -> None:
    """Apply given lists to a (held-out) corpus: per-list and best-of-set savings."""
    with open(os.path.join(ns.corpus, "index.json")) as f:
        index = json.load(f)
    tc = tc_for(index["clang"])
    reg = PassRegistry.from_opt(tc.opt)
    with open(ns.lists) as f:
        lists = [vet(ln.strip(), reg).text() for ln in f if ln.strip()]
    refs = objinfo.read([t["ref"] for t in index["tus"]], tc.llvm_size, tc.llvm_nm)
    base = {t["tu"]: r.size for t, r in zip(index["tus"], refs, strict=True)}
    workdir = os.path.join(ns.corpus, "work")
    os.makedirs(workdir, exist_ok=True)
    best = dict(base)
    with ProcessPoolExecutor(ns.jobs) as ex:
        for res in ex.map(_measure, [(c, index["tus"], tc, workdir) for c in lists]):
            for tu, v in res["per"].items():
                if isinstance(v, int) and v < best[tu]:
                    best[tu] = v
            print(f"{_savings(res['per'], base):7d} bytes  {res['list'][:110]}")
    tb, tn = sum(base.values()), sum(best.values())
    wins = sum(1 for tu in base if best[tu] < base[tu])
    print(
        f"{len(base)} TUs: {tb} -> {tn} bytes ({100 * (tb - tn) / tb:.2f}% below -Oz, "
        f"best of {len(lists)} lists per TU; {wins} TUs beat -Oz)"
    )


def cmd_minimize(ns: argparse.Namespace) -> None:
    """The paper's minimization step: drop top-level elements that do not earn their keep."""
    from llmcc.passlist import Pipeline

    with open(os.path.join(ns.corpus, "index.json")) as f:
        index = json.load(f)
    tc = tc_for(index["clang"])
    reg = PassRegistry.from_opt(tc.opt)
    refs = objinfo.read([t["ref"] for t in index["tus"]], tc.llvm_size, tc.llvm_nm)
    base = {t["tu"]: r.size for t, r in zip(index["tus"], refs, strict=True)}
    workdir = os.path.join(ns.corpus, "work")
    os.makedirs(workdir, exist_ok=True)
    cur = vet(ns.list, reg)
    score = _savings(_measure((cur.text(), index["tus"], tc, workdir))["per"], base)
    i = 0
    while i < len(cur.passes) and len(cur.passes) > 1:
        trial = Pipeline(cur.passes[:i] + cur.passes[i + 1 :])
        try:
            text = vet(trial, reg).text()
        except PassListError:
            i += 1
            continue
        s = _savings(_measure((text, index["tus"], tc, workdir))["per"], base)
        if s >= score:
            cur, score = vet(text, reg), s
        else:
            i += 1
    print(f"{score} bytes  {cur.text()}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("sources", nargs="+", help="unpacked source package directories")
    c.add_argument("--clang", default="clang-19")
    c.add_argument("--out", required=True)
    c.add_argument("--cflags", action="append", default=[], help="extra flag for every TU")
    c.set_defaults(fn=cmd_corpus)
    s = sub.add_parser("search")
    s.add_argument("--corpus", required=True)
    s.add_argument("--trials", type=int, default=200)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    s.add_argument("--lists", help="file of extra lists to try first")
    s.set_defaults(fn=cmd_search)
    k = sub.add_parser("select")
    k.add_argument("--corpus", action="append", required=True)
    k.add_argument("--exclude", action="append", default=[], help="skip lists containing this")
    k.add_argument("-k", type=int, default=6)
    k.add_argument("--json")
    k.set_defaults(fn=cmd_select)
    m = sub.add_parser("measure")
    m.add_argument("--corpus", required=True)
    m.add_argument("--lists", required=True)
    m.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    m.set_defaults(fn=cmd_measure)
    z = sub.add_parser("minimize")
    z.add_argument("--corpus", required=True)
    z.add_argument("list")
    z.set_defaults(fn=cmd_minimize)
    ns = p.parse_args()
    ns.fn(ns)


if __name__ == "__main__":
    main()
