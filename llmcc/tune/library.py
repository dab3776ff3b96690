"""The pass-list library (coreset): chosen from the tuner's per-TU trials on training packages.

Coreset-NVP's observation: a small library of lists, each tried on a program,
recovers most of what a per-program search finds. This module reads the
tuner's state directories (llmcc.tune.state: every trial, per TU), builds
the savings matrix (candidate x TU: relative saving of ``.text``+``.data``
below the TU's ``clang -Oz`` reference, 0 where the candidate was rejected,
not smaller, or never tried there) and picks candidates greedily to maximize
the facility-location objective ``sum over TUs of max over picks of saving``
(monotone submodular, so greedy is within 1-1/e of the best set of that size;
lazy evaluation makes it cheap). Each pick can then be minimized on the TUs it
serves (``minimize_library``, compiles: a separate step).

Only training packages (llmcc/tune/packages.toml) may take part: a TU whose
package is held out, unknown, or not in the corpus list is skipped and counted
in the provenance, never silently used. The result is a versioned JSON file
(``llmcc/advisor/library.json`` when shipped), read by llmcc.advisor.candidates.

The matrix is sparse by construction: a random list is tried only on the TU
that drew it and on the TUs the cross-broadcast sent it to. Tune all training
packages in one state directory so the cross-broadcast spans the corpus.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..candidate import portable
from .state import TuState, info_from_json, read_json

LIBRARY_VERSION = "3"


@dataclass
class TuData:
    """One TU's trials, as the selection sees them."""

    key: str  # <state dir>:<tu id>, unique across state dirs
    package: str
    llvm: int | None
    ref_size: int
    best: dict[str, int] = field(default_factory=dict)  # candidate -> smallest accepted size
    tried: set[str] = field(default_factory=set)  # every candidate with a finished trial

    def add(self, rows: list[dict], name: Callable[[str], str] = str) -> None:
        """Take in trial rows (llmcc.tune.state); *name* maps a row's candidate to the key
        used here (e.g. :func:`llmcc.candidate.portable`)."""
        for r in rows:
            size, cand = r.get("size"), r.get("candidate")
            if not cand:
                continue
            cand = name(cand)
            self.tried.add(cand)
            if r.get("rejected") is None and isinstance(size, int) and size < self.best.get(
                cand, size + 1
            ):
                self.best[cand] = size


def _meta_for(state_dir: str, tu_id: str) -> dict | None:
    """The TU's record identity: ``tu.json`` (written by the tuner), else the record that
    ``llmcc-admin tune`` keeps inside its state directory."""
    st = TuState(state_dir, tu_id)
    meta = st.meta()
    if meta is not None:
        return meta
    rec = read_json(os.path.join(state_dir, "records", "tus", tu_id.rsplit("-", 1)[0] + ".json"))
    if rec is None:
        return None
    return {"package": rec.get("package"), "llvm": rec.get("llvm"), "source": rec.get("source")}


def read_states(state_dirs: list[str], packages=None) -> tuple[list[TuData], dict]:
    """Every training TU with a reference and finished trials; and what was skipped, why.

    *packages*: the corpus list (llmcc.tune.corpus.load_packages(); default the
    shipped packages.toml)."""
    from .corpus import load_packages, names

    pkgs = packages if packages is not None else load_packages()
    train, heldout = set(names(pkgs, "train")), set(names(pkgs, "heldout"))
    out: list[TuData] = []
    skipped: dict[str, dict[str, int]] = {"heldout": {}, "not-in-corpus": {}, "unlabelled": {},
                                          "no-reference": {}}  # fmt: skip
    for sd in state_dirs:
        root = os.path.abspath(sd)
        tus = os.path.join(root, "tus")
        try:
            ids = sorted(os.listdir(tus))
        except OSError:
            continue
        for tu_id in ids:
            meta = _meta_for(root, tu_id) or {}
            pkg = meta.get("package")
            why = ("unlabelled" if not pkg else "heldout" if pkg in heldout
                   else "not-in-corpus" if pkg not in train else None)  # fmt: skip
            if why is not None:
                skipped[why][str(pkg)] = skipped[why].get(str(pkg), 0) + 1
                continue
            st = TuState(root, tu_id)
            prep = st.load_prep()
            if prep is None or "ref" not in prep:
                skipped["no-reference"][pkg] = skipped["no-reference"].get(pkg, 0) + 1
                continue
            ref = info_from_json(prep["ref"]).size
            td = TuData(f"{root}:{tu_id}", pkg, meta.get("llvm"), ref)
            td.add(st.rows()[0])
            out.append(td)
    return out, {k: v for k, v in skipped.items() if v}


def savings(tus: list[TuData], min_tried: float = 0.0) -> dict[str, dict[int, float]]:
    """The sparse savings matrix: candidate -> {TU index: relative saving below -Oz > 0}.

    *min_tried*: keep only candidates tried on at least that share of the TUs. A one-off
    random winner, tried on its own TU alone, has a large saving there and an unknown
    one everywhere else; the dense phase (``tune corpus --dense``) is what makes a
    candidate comparable."""
    m: dict[str, dict[int, float]] = {}
    if min_tried > 0:
        counts: dict[str, int] = {}
        for t in tus:
            for c in t.tried:
                counts[c] = counts.get(c, 0) + 1
        keep = {c for c, n in counts.items() if n >= min_tried * len(tus)}
    for i, t in enumerate(tus):
        if t.ref_size <= 0:
            continue
        for cand, size in t.best.items():
            if min_tried > 0 and cand not in keep:
                continue
            if size < t.ref_size:
                m.setdefault(cand, {})[i] = (t.ref_size - size) / t.ref_size
    return m


def greedy(matrix: dict[str, dict[int, float]], k: int) -> list[tuple[str, float]]:
    """Up to *k* candidates maximizing sum over TUs of the best saving among the picks
    (lazy greedy; ties go to the shorter text, then the text). Stops when nothing adds."""
    best: dict[int, float] = {}

    def gain(c: str) -> float:
        return sum(max(0.0, s - best.get(i, 0.0)) for i, s in matrix[c].items())

    heap = [(-sum(col.values()), len(c), c) for c, col in matrix.items()]
    heapq.heapify(heap)
    picks: list[tuple[str, float]] = []
    while heap and len(picks) < k:
        _neg, n, c = heapq.heappop(heap)
        g = gain(c)
        # Submodular: gains only shrink, so an up-to-date top of the heap is the best pick.
        if heap and (-g, n, c) > heap[0]:
            heapq.heappush(heap, (-g, n, c))
            continue
        if g <= 0:
            break
        picks.append((c, g))
        for i, s in matrix[c].items():
            if s > best.get(i, 0.0):
                best[i] = s
    return picks


def coverage(tus: list[TuData], chosen: list[str]) -> dict:
    """Best-of-the-library over *tus*: geomean per TU below -Oz, TUs improved, bytes."""
    logs, improved, oz, out = [], 0, 0, 0
    for t in tus:
        size = min([t.best[c] for c in chosen if c in t.best] + [t.ref_size])
        improved += size < t.ref_size
        logs.append(math.log(size / t.ref_size) if t.ref_size else 0.0)
        oz, out = oz + t.ref_size, out + size
    geo = math.exp(sum(logs) / len(logs)) if logs else 1.0
    return {"tus": len(tus), "improved": improved, "geomean_saving_percent":
            round(100 * (1 - geo), 3), "bytes_oz": oz, "bytes_out": out}  # fmt: skip


def select(state_dirs: list[str], k: int = 64, packages=None, subset: int = 6,
           command: list[str] | None = None, min_tried: float = 0.0) -> dict:  # fmt: skip
    """The library document chosen from *state_dirs* (training packages only)."""
    tus, skipped = read_states(state_dirs, packages)
    picks = greedy(savings(tus, min_tried), k)
    chosen = [c for c, _g in picks]
    n = max(1, len(tus))
    return {
        "version": LIBRARY_VERSION,
        "label": f"v{LIBRARY_VERSION}: greedy facility location over {len(tus)} training TUs",
        "llvm": sorted({t.llvm for t in tus if t.llvm is not None}),
        "default_subset": min(subset, len(chosen)) if chosen else 0,
        "candidates": [
            {
                "text": portable(c),  # the stored form: vets on every LLVM
                "rank": i,
                "train_gain": round(g, 6),
                "train_gain_percent": round(100 * g / n, 4),
            }
            for i, (c, g) in enumerate(picks)
        ],
        "provenance": {
            "command": command or ["llmcc-admin", "tune", "select", *state_dirs, "-k", str(k)],
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "state_dirs": [os.path.abspath(s) for s in state_dirs],
            "corpus_packages": sorted({t.package for t in tus}),
            "skipped_tus": skipped,
            "train_coverage": coverage(tus, chosen),
            "objective": "sum over TUs of max relative saving below clang -Oz (.text+.data)",
            "minimized": False,
            "min_tried": min_tried,
        },
    }


def write(doc: dict, path: str) -> None:
    from ..fsutil import write_atomic

    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_atomic(path, (json.dumps(doc, indent=1) + "\n").encode())


# ---------------------------------------------------------------------- minimization


def _served(tus: list[TuData], chosen: list[str]) -> dict[str, list[TuData]]:
    """Each pick's TUs: those where it is the best of the library (ties: the earlier pick)."""
    out: dict[str, list[TuData]] = {c: [] for c in chosen}
    for t in tus:
        sizes = [(t.best[c], i, c) for i, c in enumerate(chosen) if c in t.best]
        if sizes and min(sizes)[0] < t.ref_size:
            out[min(sizes)[2]].append(t)
    return out


def _minimize_one(job: dict) -> dict:
    """Minimize one pick against the sum of its served TUs' sizes (a process-pool task)."""
    import shutil
    import tempfile

    from ..candidate import parse
    from ..config import Config
    from .minimize import Exhausted, minimize
    from .records import load_one
    from .run import _task
    from .worker import _Session

    cfg = Config.from_env()
    work = tempfile.mkdtemp(prefix="llmcc-libmin-")
    sessions = []
    try:
        for i, (state_dir, tu_id) in enumerate(job["tus"]):
            st = TuState(state_dir, tu_id)
            meta, prep = st.meta() or {}, st.load_prep()
            if not meta.get("record_json") or prep is None:
                continue
            rec = load_one(meta["record_json"])
            d = os.path.join(work, str(i))
            os.makedirs(d)
            sessions.append(_Session(_task(rec, prep, cfg, job["budget"], 1), d))
        if not sessions:
            return {"text": job["text"], "minimized": job["text"], "tus": 0}
        spent = [0]

        def measure(c) -> int | None:
            total = 0
            for s in sessions:
                if spent[0] >= job["budget"]:
                    raise Exhausted
                before = s.used
                got = s.measure(c, "library-minimize")
                spent[0] += s.used - before
                if got is None:
                    return None
                total += got
            return total

        start = measure(parse(job["text"]))
        if start is None:  # the pick fails on a TU it was credited for: keep it as it is
            return {"text": job["text"], "minimized": job["text"], "tus": len(sessions)}
        got, _size = minimize(parse(job["text"]), start, measure, sessions[0].reg)
        return {"text": job["text"], "minimized": got.text(), "tus": len(sessions),
                "trials": spent[0]}  # fmt: skip
    except Exhausted:
        return {"text": job["text"], "minimized": job["text"], "tus": len(sessions)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def minimize_library(doc: dict, state_dirs: list[str], budget: int = 200, max_tus: int = 8,
                     jobs: int | None = None, packages=None) -> dict:  # fmt: skip
    """*doc* with each candidate minimized on (up to *max_tus* of) the training TUs it serves:
    a pass goes when dropping it does not make their summed size grow (llmcc.tune.minimize).
    *budget*: compilations per pick. Needs the TUs' records where ``tu.json`` says they are.
    Duplicates that minimization creates are merged (the earlier rank stays)."""
    from concurrent.futures import ProcessPoolExecutor

    tus, _skipped = read_states(state_dirs, packages)
    chosen = [c["text"] for c in doc["candidates"]]
    served = _served(tus, chosen)
    jobs_ = []
    for c in chosen:
        picked = sorted(served[c], key=lambda t: -t.ref_size)[:max_tus]
        jobs_.append({"text": c, "budget": budget,
                      "tus": [tuple(t.key.rsplit(":", 1)) for t in picked]})  # fmt: skip
    with ProcessPoolExecutor(max(1, jobs or os.cpu_count() or 1)) as ex:
        results = list(ex.map(_minimize_one, jobs_))
    seen: set[str] = set()
    cands = []
    for c, r in zip(doc["candidates"], results, strict=True):
        text = r["minimized"]
        if text in seen:
            continue
        seen.add(text)
        cands.append({**c, "text": text, "rank": len(cands),
                      **({"minimized_from": c["text"]} if text != c["text"] else {})})  # fmt: skip
    out = dict(doc, candidates=cands)
    out["default_subset"] = min(doc.get("default_subset", 6), len(cands))
    out["provenance"] = dict(doc.get("provenance", {}), minimized=True,
                             minimize_budget=budget, minimize_max_tus=max_tus)  # fmt: skip
    return out


# ---------------------------------------------------------------------- command line


def add_arguments(p) -> None:
    p.add_argument("states", nargs="*", metavar="STATE_DIR",
                   help="tuner state directories (tune --state, tune_records)")  # fmt: skip
    p.add_argument("--state", dest="more_states", action="extend", nargs="+", default=[],
                   metavar="DIR", help="the same, as an option")  # fmt: skip
    p.add_argument("-k", type=int, default=64, help="library size (default 64)")
    p.add_argument("--subset", type=int, default=6,
                   help="candidates tried per TU without a model (at most 6)")  # fmt: skip
    p.add_argument("--out", default="library.json", metavar="FILE",
                   help="where to write it; llmcc/advisor/library.json ships it")  # fmt: skip
    p.add_argument("--minimize", action="store_true",
                   help="then minimize each pick on the TUs it serves (compiles)")  # fmt: skip
    p.add_argument("--minimize-budget", type=int, default=200, metavar="N")
    p.add_argument("--min-tried", type=float, default=0.0, metavar="SHARE",
                   help="only candidates tried on at least this share of the TUs (e.g. 0.5)")
    p.add_argument("--jobs", type=int, metavar="J")


def main(ns) -> int:
    ns.states = [*ns.states, *ns.more_states]
    if not ns.states:
        sys.exit("llmcc-admin tune select: give the tuner state directories (--state DIR ...)")
    doc = select(ns.states, ns.k, subset=ns.subset, command=["llmcc-admin", *sys.argv[1:]],
                 min_tried=ns.min_tried)  # fmt: skip
    cov = doc["provenance"]["train_coverage"]
    for why, per in doc["provenance"]["skipped_tus"].items():
        print(f"skipped ({why}): " + ", ".join(f"{p} {n}" for p, n in sorted(per.items())),
              file=sys.stderr)  # fmt: skip
    if not doc["candidates"]:
        print("llmcc-admin tune select: no training TU has a candidate below -Oz; nothing "
              "written", file=sys.stderr)  # fmt: skip
        return 1
    if ns.minimize:
        doc = minimize_library(doc, ns.states, ns.minimize_budget, jobs=ns.jobs)
    write(doc, ns.out)
    print(
        f"{len(doc['candidates'])} candidates over {cov['tus']} training TUs "
        f"({', '.join(doc['provenance']['corpus_packages'])}): best of the library "
        f"{cov['geomean_saving_percent']:.2f}% below -Oz per TU (in sample); wrote {ns.out}"
    )
    return 0


# ---------------------------------------------------------------------- held-out figure


def _measure_one(job: dict) -> dict:
    from .worker import cross_task

    return cross_task(job)


def measure(record_jsons: list[str], library_file: str, state_dir: str,
            jobs: int | None = None) -> dict:  # fmt: skip
    """Best of the library per TU (every candidate tried under the driver's checks; not
    PassListEval), geomean of ``.text``+``.data`` below each TU's ``clang -Oz`` object.
    Resumable: each TU's trials go to *state_dir* (phase ``library``) as they finish."""
    import shutil
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    from ..advisor.candidates import load_library
    from ..config import Config
    from ..trial import Judge
    from . import finalize
    from .records import load_one
    from .run import _Env, _task, tu_state

    cfg = Config.from_env()
    env = _Env(cfg, None)
    version, texts, _n = load_library(library_file)
    recs, preps, problems = [], {}, []
    for path in record_jsons:
        work = tempfile.mkdtemp(prefix="llmcc-libmeasure-")
        try:
            rec = load_one(path)
            st = tu_state(state_dir, rec)
            if st.meta() is None:
                st.save_meta({"record": rec.id, "package": rec.package, "source": rec.source,
                              "llvm": rec.llvm, "record_json": path})  # fmt: skip
            prep = finalize.prepare(rec, Judge.for_context(env.context(rec.clang)),
                                    tu_state(state_dir, rec), work)  # fmt: skip
            recs.append(rec)
            preps[rec.id] = prep
        except Exception as e:  # one bad record must not stop the figure
            problems.append(f"{path}: {type(e).__name__}: {e}")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    todo = [r for r in recs if "library" not in tu_state(state_dir, r).rows()[1]]
    tasks = [_task(r, preps[r.id], env.cfg, len(texts), 1, cross=list(texts), phase="library")
             for r in todo]
    with ProcessPoolExecutor(max(1, jobs or os.cpu_count() or 1)) as ex:
        for r, res in zip(todo, ex.map(_measure_one, tasks), strict=True):
            tu_state(state_dir, r).append("library", res["rows"], res["trials"])
    tus = []
    for r in recs:
        ref = info_from_json(preps[r.id]["ref"]).size
        td = TuData(r.id, r.package or "", r.llvm, ref)
        for row in tu_state(state_dir, r).rows()[0]:
            # This command's own rows only (their batch is "library-..."), not the tuner's.
            if row.get("rejected") is None and str(row.get("batch")).startswith("library-"):
                td.best[row["candidate"]] = min(row["size"], td.best.get(row["candidate"], ref))
        tus.append(td)
    out = coverage(tus, sorted({c for t in tus for c in t.best}))
    out.update(library_version=version, packages=sorted({t.package for t in tus}),
               problems=problems)  # fmt: skip
    return out


def measure_main(argv: list[str]) -> int:
    """``llmcc-admin tune measure --corpus DIR [--split heldout] [--library FILE] --state S``."""
    import argparse

    from ..advisor.candidates import LIBRARY_FILE
    from .corpus import default_dir, tu_records

    p = argparse.ArgumentParser(
        prog="llmcc-admin tune measure", description="the library's best per TU on a corpus split"
    )
    p.add_argument("--corpus", default=default_dir(), metavar="DIR")
    p.add_argument("--split", default="heldout", choices=("heldout", "train"))
    p.add_argument("--library", default=LIBRARY_FILE, metavar="FILE")
    p.add_argument("--state", required=True, metavar="DIR", help="progress, for resuming")
    p.add_argument("--jobs", type=int, metavar="J")
    ns = p.parse_args(argv)
    got = measure([str(r) for r in tu_records(ns.corpus, ns.split)], ns.library,
                  os.path.abspath(ns.state), ns.jobs)  # fmt: skip
    json.dump(got, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0 if got["tus"] else 1
