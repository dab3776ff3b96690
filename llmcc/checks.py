"""Per-TU checks: is a candidate object a safe, real improvement on the -Oz reference?

The reference is the real ``clang -Oz`` object of the same TU with the user's
flags. A candidate must define the same strong external symbols (what the rest
of the program links against; weak and linkonce symbols may legitimately come
and go), need nothing from elsewhere that the reference did not (a freestanding
build that supplies only what -Oz needed must still link: optimizers like to
invent calls to memset or bcmp), and be strictly smaller in .text+.data, with
.bss no larger.
PassListEval (llmcc.passlisteval) covers the semantic side before any of this.

Each check declares its own reasons where it is written: ``@check(name, fallback,
rank)`` registers it in :data:`CHECKS`, and llmcc.outcomes makes the
``check:<name>`` rejection and the remembered TU *fallback* members of
:class:`llmcc.outcomes.Reason` from that table (so this module imports nothing of
llmcc: outcomes imports it). Adding a check is one decorated function here and its
tests; the trial, the summary, the caching decision, the tuner and the stats follow.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing's own flag, without importing typing on a miss
if TYPE_CHECKING:
    from collections.abc import Callable

    from .objinfo import ObjectInfo

    Predicate = Callable[[ObjectInfo, ObjectInfo], tuple[bool, str]]


class Check:
    """One check: its name, the TU fallback its failure is, and its predicate.

    *rank* orders the summary of a TU whose every candidate failed (llmcc.outcomes'
    ``summarize``): the lowest-ranked failure seen names the fallback, most informative
    first. The order of declaration is the order :func:`compare` runs and reports in.
    """

    __slots__ = ("fallback", "name", "rank", "test")

    def __init__(self, name: str, fallback: str, rank: int, test: Predicate) -> None:
        self.name, self.fallback, self.rank, self.test = name, fallback, rank, test


CHECKS: list[Check] = []
"""Every check, in the order they run (the first failing one is the rejection)."""


def check(name: str, fallback: str, rank: int) -> Callable[[Predicate], Predicate]:
    """Declare the decorated ``(ref, cand) -> (ok, detail)`` as check *name*."""

    def register(test: Predicate) -> Predicate:
        if any(c.name == name for c in CHECKS):
            raise ValueError(f"check {name!r} declared twice")
        if hasattr(sys.modules.get("llmcc.outcomes"), "Reason"):  # made once, at import
            raise RuntimeError(f"check {name!r} declared after llmcc.outcomes was built")
        CHECKS.append(Check(name, fallback, rank, test))
        return test

    return register


@check("symbols", fallback="symbols-differ", rank=1)
def _same_interface(ref: ObjectInfo, cand: ObjectInfo) -> tuple[bool, str]:
    """The same strong external symbols: a vanished one is a link error elsewhere, an
    extra one may clash at link time."""
    missing = sorted(ref.strong - cand.strong)
    extra = sorted(cand.strong - ref.strong)
    ok = not missing and not extra
    return ok, "" if ok else f"missing={missing[:5]} extra={extra[:5]}"


@check("references", fallback="new-references", rank=2)
def _no_new_references(ref: ObjectInfo, cand: ObjectInfo) -> tuple[bool, str]:
    """No undefined symbol the reference did not need (an invented memset or bcmp)."""
    new_refs = sorted(cand.undefined - ref.undefined)
    return not new_refs, f"new undefined={new_refs[:5]}" if new_refs else ""


@check("smaller", fallback="not-smaller", rank=0)
def _smaller(ref: ObjectInfo, cand: ObjectInfo) -> tuple[bool, str]:
    """Strictly smaller .text+.data: a tie goes to -Oz. Ranked first in the summary: a list
    that was safe and simply did not beat -Oz is the normal outcome for small TUs."""
    return cand.size < ref.size, f"{cand.size} vs {ref.size} bytes (.text+.data)"


@check("bss", fallback="bss-larger", rank=3)
def _bss_no_larger(ref: ObjectInfo, cand: ObjectInfo) -> tuple[bool, str]:
    """A smaller .text bought with a larger .bss is no win."""
    return cand.bss <= ref.bss, f"{cand.bss} vs {ref.bss}"


def compare(ref: ObjectInfo, cand: ObjectInfo) -> list[dict]:
    """Every check's result, in order; a failing entry's ``check`` names its
    :class:`llmcc.outcomes.Reason` (``check:<name>``), which says how the TU falls back."""
    results = []
    for c in CHECKS:
        ok, detail = c.test(ref, cand)
        results.append({"check": c.name, "ok": ok, "detail": detail})
    return results


def passed(results: list[dict]) -> bool:
    return all(r["ok"] for r in results)


def first_failure(results: list[dict]) -> str | None:
    for r in results:
        if not r["ok"]:
            return r["check"]
    return None
