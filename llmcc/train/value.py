"""``python -m llmcc.train value``: fit the model's value head (advisor/value.py) and measure it.

1. every training row's IR features and the tuner's saving of each library candidate;
2. *k* and *alpha* chosen by leave-one-package-out on the training rows only (each
   training package in turn is ranked by a head fitted on the others), never on the
   held-out packages, whose figures must stay honest;
3. the head fitted on all training rows, written as ``value-head.json`` into the model
   directory, its hash into ``llmcc-model.json`` (so the cache identity follows it);
4. the held-out proxy, as ``measure`` reports the ranking: the head's first k + 1 trials,
   and the model's answer plus the head's top k, beside the library's fixed order.
"""

from __future__ import annotations

import json
import math
import os

from ..advisor import encoding, value
from . import train as T

GRID = tuple((k, a) for k in (10, 20, 40, 80) for a in (0.0, 0.3, 0.6))
"""(k, alpha) pairs the choice tries; alpha 1 would be the fixed greedy order."""


def add_arguments(ap) -> None:
    ap.add_argument("--data", required=True, help="the dataset directory (train/heldout.jsonl)")
    ap.add_argument("--model", required=True, help="the model directory to add the head to")
    ap.add_argument("--topk", type=int, default=3, help="ranked trials after the answer")
    ap.add_argument("--k", type=int, default=None, help="neighbours (default: chosen)")
    ap.add_argument("--alpha", type=float, default=None, help="global weight (default: chosen)")


def table(rows: list[dict], library: list[str]) -> tuple[list[list[float]], list[list[float]]]:
    """(features, savings) of each row, the IR taken from its prompt as the driver's."""
    xs = [value.features(encoding.ir_of_prompt(r["prompt"]) or "") for r in rows]
    sav = [value.savings(1.0, T.library_ratios(r, library)) for r in rows]
    return xs, sav


def pct(saved: list[float]) -> float:
    """Geomean % below -Oz (``train._pct``) from per-TU savings (``log(oz / size)``)."""
    return T._pct([math.exp(-s) for s in saved]) or 0.0


def best_of(sav: list[float], library: list[str], tried: list[str]) -> float:
    return max([0.0] + [sav[library.index(c)] for c in tried if c in library])


def choose(rows: list[dict], xs, sav, library: list[str], n: int) -> tuple[tuple, dict]:
    """The (k, alpha) of :data:`GRID` whose first *n* trials save most, leave-one-package-out
    over *rows*; ties to the earlier pair. Returns it and every pair's figure."""
    got: dict[tuple, list[float]] = {g: [] for g in GRID}
    pkgs = sorted({str(r.get("package")) for r in rows})
    for p in pkgs:
        inside = [i for i, r in enumerate(rows) if str(r.get("package")) != p]
        head = value.ValueHead(value.fit([xs[i] for i in inside], [sav[i] for i in inside],
                                         library, 1, 0.0))  # fmt: skip
        for i, r in enumerate(rows):
            if str(r.get("package")) != p:
                continue
            for g in GRID:
                tried = head.rank_features(xs[i], n, k=g[0], alpha=g[1])
                got[g].append(best_of(sav[i], library, tried))
    figures = {f"{k},{a}": pct(v) for (k, a), v in got.items()}
    best = max(GRID, key=lambda g: (pct(got[g]), -GRID.index(g)))
    return best, figures


def measure(head: value.ValueHead, rows: list[dict], library: list[str], topk: int,
            answers: list[str | None] | None = None) -> dict:  # fmt: skip
    """Held-out proxy figures of *head*: its first topk + 1, the answer + its top k (as the
    driver proposes: a plain -Oz answer is not tried), and the library's fixed order."""
    xs, sav = table(rows, library)
    alone, fixed, combo = [], [], []
    for i, x in enumerate(xs):
        alone.append(best_of(sav[i], library, head.rank_features(x, topk + 1)))
        fixed.append(best_of(sav[i], library, library[: topk + 1]))
        if answers is not None:
            a = answers[i]
            tried = ([a] if a and a != encoding.NO_WIN else []) + head.after_answer(x, a, topk)
            combo.append(best_of(sav[i], library, tried))
    out = {"rows": len(rows), f"value_first{topk + 1}_below_oz_pct": pct(alone),
           f"library_first{topk + 1}_below_oz_pct": pct(fixed)}  # fmt: skip
    if answers is not None:
        out[f"answer_plus_value_top{topk}_below_oz_pct"] = pct(combo)
    return out


def main(ns) -> int:
    train_rows = T._load(os.path.join(ns.data, "train.jsonl"))
    held_rows = T._load(os.path.join(ns.data, "heldout.jsonl"))
    meta = T.encoding_meta(ns.model)
    library = list(meta.get("library") or [])
    if not train_rows or not library:
        raise SystemExit(f"value: need training rows in {ns.data} and a library in {ns.model}")
    xs, sav = table(train_rows, library)
    n = ns.topk + 1
    if ns.k is None or ns.alpha is None:
        (k, alpha), figures = choose(train_rows, xs, sav, library, n)
        T._log(f"value head: k={k} alpha={alpha} chosen leave-one-package-out: {figures}")
    else:
        (k, alpha), figures = (ns.k, ns.alpha), {}
    doc = value.fit(xs, sav, library, k, alpha)
    path = os.path.join(ns.model, value.FILE)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
    head = value.ValueHead(doc)
    report: dict = {"k": k, "alpha": alpha, "train_rows": len(train_rows),
                    "choice_leave_one_package_out": figures}  # fmt: skip
    if held_rows:
        answers = [s["answer"] for s in T.score_rows(ns.model, held_rows)]
        report["heldout"] = measure(head, held_rows, library, ns.topk, answers)
        T._log(f"value head, held-out proxy: {report['heldout']}")
    meta["value_head_sha256"] = T.sha256_files([path])
    meta["value_head"] = report
    T._write_meta(ns.model, meta)
    return 0
