"""The model's value head: which library candidates to try on a TU, from the training TUs
most like it.

The likelihood ranking of the small model never beat the library's own order (its trained
prior settled on that order: docs/model-card.md), so the ranked trials were the fixed ones.
This head is the value-prediction half of Coreset-NVP (Liang et al., 2023): a TU is a
vector of IR statistics (:func:`features`: size, shape and an AutoPhase-style
instruction-kind mix); its *k* nearest training TUs carry the tuner's measured saving of
every library candidate; the trials are the candidates that together save most on those
neighbours, chosen greedily (facility location, as ``tune select`` built the library),
with weight *alpha* kept on the whole training set so a few odd neighbours cannot push
out what wins everywhere. The answer the model already gave counts as tried.

Pure Python on purpose: it runs in the driver on a miss (a few ms for ~600 training TUs),
where importing numpy would cost more than the ranking; the trainer (llmcc/train/value.py)
fits and evaluates with these same functions.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence

from . import encoding

FILE = "value-head.json"
VERSION = 1
OPS = ("alloca", "load", "store", "getelementptr", "call", "br", "icmp", "fcmp", "add", "sub",
       "mul", "sdiv", "udiv", "srem", "urem", "and", "or", "xor", "shl", "lshr", "ashr", "sext",
       "zext", "trunc", "select", "switch", "ret", "fadd", "fmul", "fsub", "fdiv", "sitofp",
       "fptosi", "uitofp", "ptrtoint", "inttoptr", "unreachable", "phi", "invoke", "bitcast",
       "fpext", "fptrunc", "memcall")  # fmt: skip
"""Instruction kinds whose share of the TU's instructions is a feature (``memcall``: calls
to ``llvm.mem*``, which the outliner and inliner candidates treat very differently)."""


def features(ir: str) -> list[float]:
    """The TU's statistics: 8 of its size and shape (log-scaled), then each of :data:`OPS`'
    share of its instructions."""
    top, funcs = encoding.parse(ir)
    kinds: Counter[str] = Counter()
    for f in funcs:
        for inst in f.insts:
            op = encoding.opcode(inst)
            kinds["memcall" if op == "call" and "@llvm.mem" in inst else op] += 1
    n = sum(kinds.values()) or 1
    nf = len(funcs) or 1
    internal = sum(1 for f in funcs if " internal " in f.header or " private " in f.header)
    shape = [
        math.log1p(n),
        math.log1p(len(funcs)),
        math.log1p(sum(1 for ln in top if ln.startswith("@"))),  # globals
        math.log1p(sum(1 for ln in top if ln.startswith("declare"))),
        internal / nf,
        math.log1p(sum(f.blocks for f in funcs) / nf),
        math.log1p(max((len(f.insts) for f in funcs), default=0)),
        math.log1p(n / nf),
    ]
    return shape + [kinds[op] / n for op in OPS]


def savings(oz: float, sizes: Sequence[float | None]) -> list[float]:
    """Each candidate's saving on one TU, ``log(oz / size)``, 0 where it does not win or was
    rejected: a trial that loses costs time, never size (the reference stays)."""
    return [max(0.0, math.log(oz / s)) if s and oz else 0.0 for s in sizes]


class ValueHead:
    """A fitted head (:func:`fit`'s document): standardized training points and their
    savings, per library candidate."""

    def __init__(self, doc: dict) -> None:
        self.candidates: list[str] = list(doc["candidates"])
        self.mean: list[float] = doc["mean"]
        self.sd: list[float] = doc["sd"]
        self.points: list[list[float]] = doc["points"]
        self.savings: list[list[float]] = doc["savings"]
        self.k = int(doc["k"])
        self.alpha = float(doc["alpha"])
        width = 8 + len(OPS)
        if doc.get("version") != VERSION or len(self.points) != len(self.savings):
            raise ValueError("not a value head of this llmcc")
        if len(self.mean) != width or len(self.sd) != width or not self.points or any(
            len(p) != width for p in self.points
        ):
            raise ValueError("value head: not this llmcc's features")
        if any(len(s) != len(self.candidates) for s in self.savings):
            raise ValueError("value head: savings and candidates disagree")
        self._wins = [[(t, s[j]) for t, s in enumerate(self.savings) if s[j] > 0]
                      for j in range(len(self.candidates))]  # fmt: skip
        """Per candidate, the training TUs it wins on and by how much (most win on few)."""

    @classmethod
    def load(cls, model_dir: str) -> ValueHead | None:
        """The head shipped with a model directory; None if it has none (or an unreadable
        one: the advisor then ranks through the server, as before heads existed)."""
        try:
            with open(os.path.join(model_dir, FILE), encoding="utf-8") as f:
                return cls(json.load(f))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def rank(self, ir: str, n: int, tried: Iterable[str] = ()) -> list[str]:
        """The *n* candidates to try on *ir* after *tried* (the model's answer), best first."""
        return self.rank_features(features(ir), n, tried)

    def after_answer(self, x: Sequence[float], answer: str | None, topk: int) -> list[str]:
        """What the advisor tries after the model's *answer* on a TU with features *x*: the
        top *topk*, one more if the answer is plain -Oz (``encoding.NO_WIN``: not tried, it
        would only rebuild the reference). The one rule for the driver and the trainer."""
        n = topk + (answer == encoding.NO_WIN)
        return self.rank_features(x, n, [answer] if answer else [])

    def rank_features(self, x: Sequence[float], n: int, tried: Iterable[str] = (), *,
                      k: int | None = None, alpha: float | None = None) -> list[str]:  # fmt: skip
        """:meth:`rank` from :func:`features`' vector (*k*, *alpha*: the trainer's trials)."""
        k = self.k if k is None else k
        alpha = self.alpha if alpha is None else alpha
        z = [(a - m) / s for a, m, s in zip(x, self.mean, self.sd, strict=True)]
        dist = sorted((sum((a - b) ** 2 for a, b in zip(z, p, strict=True)), i)
                      for i, p in enumerate(self.points))  # fmt: skip
        weight = [alpha / len(self.points)] * len(self.points)
        near = dist[:k]
        for _, i in near:
            weight[i] += (1.0 - alpha) / len(near)
        done = set(tried)
        # What is tried already saves on each training TU (the answer, if a candidate).
        cur = [0.0] * len(self.points)
        for j, cand in enumerate(self.candidates):
            if cand in done:
                for t, s in self._wins[j]:
                    cur[t] = max(cur[t], s)
        out: list[str] = []
        for _ in range(n):
            best, best_gain = -1, -1.0
            for j, cand in enumerate(self.candidates):
                if cand in done:
                    continue
                gain = sum(weight[t] * (s - cur[t]) for t, s in self._wins[j] if s > cur[t])
                if gain > best_gain:  # ties keep the library's order
                    best, best_gain = j, gain
            if best < 0:
                break
            out.append(self.candidates[best])
            done.add(self.candidates[best])
            for t, s in self._wins[best]:
                cur[t] = max(cur[t], s)
        return out


def fit(xs: Sequence[Sequence[float]], sav: Sequence[Sequence[float]], candidates: Sequence[str],
        k: int, alpha: float) -> dict:  # fmt: skip
    """The head's document from training TUs' features and savings."""
    cols = list(zip(*xs, strict=True))
    mean = [sum(c) / len(c) for c in cols]
    sd = [max(1e-6, math.sqrt(sum((a - m) ** 2 for a in c) / len(c)))
          for c, m in zip(cols, mean, strict=True)]  # fmt: skip
    points = [[round((a - m) / s, 5) for a, m, s in zip(x, mean, sd, strict=True)] for x in xs]
    return {"version": VERSION, "candidates": list(candidates), "k": k, "alpha": alpha,
            "mean": mean, "sd": sd, "points": points,
            "savings": [[round(v, 6) for v in s] for s in sav]}  # fmt: skip
