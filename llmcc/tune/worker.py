"""The tuner's tasks: one TU's size search, run in a local process pool or on a Dask worker.

A task is a plain picklable dict holding everything it needs (the IR text, the
TU's argv, its ``-Oz`` reference info, the budget, the seed), so a worker on
another machine needs only the same LLVM. Trials run through llmcc.trial with
PassListEval skipped: the search ranks by size under the driver's checks, and
the client judges the winners again with the suite (llmcc.tune.finalize).
The result is a function of the task alone, so a local run and a Dask run
give the same rows.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile

from .. import trial
from ..candidate import Candidate, OptionsError
from ..objinfo import ObjectInfo
from ..passlist import PassListError, PassRegistry
from ..toolchain import describe, resolve_major
from . import search
from .minimize import Exhausted, minimize

_STOP = None  # a multiprocessing Event in a local pool (set on Ctrl-C)


class Interrupted(Exception):
    """The client asked the workers to stop (Ctrl-C): the task's rows are dropped."""


def init_worker(stop_event) -> None:
    """Local pool initializer: Ctrl-C is the client's to handle; the workers watch *stop_event*."""
    global _STOP
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _STOP = stop_event


def _stopped(task: dict) -> bool:
    if _STOP is not None and _STOP.is_set():
        return True
    name = task.get("dask_stop")
    if name:
        from distributed import Event

        return Event(name).is_set()
    return False


class _Session:
    """One TU inside one task: a judge without verdicts, the budget and the rows."""

    def __init__(self, task: dict, work: str) -> None:
        self.task = task
        tc = resolve_major(describe(task["clang"]))
        tc.require_tools()
        reg = PassRegistry.from_opt(tc.opt)
        self.reg = reg
        cwd = task.get("cwd")
        self.judge = trial.Judge(tc, lambda: reg, lambda: None, task["opt_timeout"],
                                 task["codegen_timeout"], cwd if cwd and os.path.isdir(cwd)
                                 else work)  # fmt: skip
        self.tu = _tu(task["argv"])
        self.ir = os.path.join(work, "tu.ll")
        with open(self.ir, "wb") as f:
            f.write(task["ir_text"].encode("utf-8", "surrogateescape"))
        self.ref: ObjectInfo = task["ref"]
        self.work = work
        self.budget = task["budget"]
        self.used = 0
        self.rows: list[dict] = []
        self.seen: dict[str, int | None] = {t: None for t in task.get("tried", ())}
        self.seen.update(task.get("known", {}))

    def measure(self, cand: Candidate | str, phase: str, source: str | None = None) -> int | None:
        """The object size with *cand* if it passes the checks (None if not); one trial."""
        text = cand.text() if isinstance(cand, Candidate) else cand
        try:
            canonical = trial.vet_candidate(text, self.reg).text()
        except (PassListError, OptionsError):
            return None  # costs no compile
        if canonical in self.seen:
            return self.seen[canonical]
        if self.used >= self.budget:
            raise Exhausted
        if _stopped(self.task):
            raise Interrupted
        self.used += 1
        t = trial.run_trial(canonical, self.judge, self.tu, self.ir, self.ref, self.work, "t",
                            verdict=False)  # fmt: skip
        size = t.size if t.ok else None
        row = {"phase": phase, "candidate": canonical, "size": t.size,
               "rejected": t.reason.value if t.reason else None}  # fmt: skip
        if source:
            row["source"] = source
        self.rows.append(row)
        self.seen[canonical] = size
        return size

    def best(self) -> tuple[Candidate, int] | None:
        ok = [r for r in self.rows if r["rejected"] is None]
        if not ok:
            return None
        r = min(ok, key=rank)
        from ..candidate import parse

        return parse(r["candidate"]), r["size"]


def rank(row: dict) -> tuple:
    """Smallest object first, then the shorter candidate, then text: a total, stable order."""
    return (row["size"], len(row["candidate"]), row["candidate"])


def _tu(argv: list[str]):
    from ..args import classify

    c = classify(argv)
    if c.passthrough is not None or len(c.units) != 1:
        raise ValueError(f"argv is not one optimizable TU ({c.passthrough})")
    return c.units[0]


def search_task(task: dict) -> dict:
    """Phase 1 on one TU: the library broadcast, random lists, minimization of the best.

    ``task["budget"]`` bounds the trials; a quarter of it (at most 25) is kept for
    minimizing, which gets whatever the random search leaves too.
    """
    work = tempfile.mkdtemp(prefix="llmcc-tune-")
    try:
        s = _Session(task, work)
        budget = s.budget
        reserve = min(25, budget // 4)
        try:
            lib = search.library()
            for i, c in enumerate(lib[: max(1, budget // 2)]):
                s.measure(c, "library", f"library#{i}")
            gen = search.random_candidates(search.rng_for(task["seed"], task["id"]), s.reg)
            draws = 0
            while s.used < budget - reserve and draws < 50 * budget:
                draws += 1
                s.measure(next(gen), "random")
            found = s.best()
            if found is not None:
                minimize(found[0], found[1], lambda c: s.measure(c, "minimize"), s.reg)
            while draws < 50 * budget:  # no winner to minimize, or budget left over
                draws += 1
                s.measure(next(gen), "random")
        except Exhausted:
            pass
        return {"id": task["id"], "state": task.get("state"), "phase": "search", "rows": s.rows,
                "trials": s.used}  # fmt: skip
    except Interrupted:
        return {"id": task["id"], "phase": "search", "interrupted": True}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cross_task(task: dict) -> dict:
    """Phase 2 on one TU: other TUs' best candidates, in the given order, within the budget.

    ``task["phase"]`` (default ``cross``) names the phase: the dense broadcast and the
    held-out measurement are the same task with a fixed list."""
    work = tempfile.mkdtemp(prefix="llmcc-tune-")
    phase = task.get("phase", "cross")
    try:
        s = _Session(task, work)
        try:
            for text in task["cross"]:
                s.measure(text, phase)
        except Exhausted:
            pass
        return {"id": task["id"], "state": task.get("state"), "phase": phase, "rows": s.rows,
                "trials": s.used}  # fmt: skip
    except Interrupted:
        return {"id": task["id"], "phase": phase, "interrupted": True}
    finally:
        shutil.rmtree(work, ignore_errors=True)
