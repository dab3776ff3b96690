"""Minimization: drop what does not help, then put what commutes in canonical order.

The paper minimizes each winner by dropping passes whose removal does not make
the object larger; the result is shorter, cheaper to run, and the same list is
found on more TUs, which the cross-broadcast and the library selection need.
Here every leaf pass is a removal step (an adaptor left empty goes too), then
the codegen options, then adjacent top-level elements are swapped into sorted
order wherever the TU's object does not grow: the canonical order where order
does not matter. Each step is one trial on the TU.
"""

from __future__ import annotations

from collections.abc import Callable

from ..candidate import MACHINE_OUTLINER, Candidate
from ..passlist import Pass, PassListError, PassRegistry, Pipeline, parse, vet

Measure = Callable[[Candidate], "int | None"]
"""Size of the TU's object with a candidate if it passes the checks, else None; raises
Exhausted when the budget is spent."""


class Exhausted(Exception):
    """The TU's budget of compilations is spent."""


def drop_leaf(pipeline: Pipeline, index: int) -> Pipeline | None:
    """*pipeline* without its *index*-th leaf pass (pre-order); None if nothing is left."""
    count = [index]

    def walk(passes: tuple[Pass, ...]) -> list[Pass]:
        out: list[Pass] = []
        for p in passes:
            if p.children is None:
                if count[0] != 0:
                    out.append(p)
                count[0] -= 1
            else:
                kids = walk(p.children)
                if kids:
                    out.append(Pass(p.name, p.params, tuple(kids)))
        return out

    kept = walk(pipeline.passes)
    return Pipeline(tuple(kept)) if kept else None


def _vetted(p: Pipeline | None, reg: PassRegistry) -> str | None:
    if p is None:
        return None
    try:
        return vet(p, reg).text()
    except PassListError:
        return None


def minimize(
    best: Candidate, size: int, measure: Measure, reg: PassRegistry
) -> tuple[Candidate, int]:
    """The smallest-and-shortest variant of *best* found within the budget (measure raises
    Exhausted when it is spent; what was found so far is returned)."""
    try:
        best, size = _drop_leaves(best, size, measure, reg)
        best, size = _options(best, size, measure)
        best, size = _canonical_order(best, size, measure, reg)
    except Exhausted:
        pass
    return best, size


def _drop_leaves(best: Candidate, size: int, measure: Measure, reg: PassRegistry):
    i = 0
    while True:
        cur = parse(best.pipeline)
        if i >= len(cur.leaves()) or len(cur.leaves()) <= 1:
            return best, size
        text = _vetted(drop_leaf(cur, i), reg)
        got = measure(Candidate(text, best.options)) if text else None
        if got is not None and got <= size:
            best, size = Candidate(text, best.options), got  # type: ignore[arg-type]
        else:
            i += 1


def _options(best: Candidate, size: int, measure: Measure):
    other = best.with_options(() if best.options else MACHINE_OUTLINER)
    got = measure(other)
    # Dropping an option that does not help is a win; adding one must pay for itself.
    if got is not None and (got < size or (got == size and not other.options)):
        return other, got
    return best, size


def _canonical_order(best: Candidate, size: int, measure: Measure, reg: PassRegistry):
    i = 0
    while True:
        top = list(parse(best.pipeline).passes)
        if i + 1 >= len(top):
            return best, size
        if top[i].text() > top[i + 1].text():
            top[i], top[i + 1] = top[i + 1], top[i]
            text = _vetted(Pipeline(tuple(top)), reg)
            got = measure(Candidate(text, best.options)) if text else None
            if got is not None and got <= size:
                best, size = Candidate(text, best.options), got  # type: ignore[arg-type]
        i += 1
