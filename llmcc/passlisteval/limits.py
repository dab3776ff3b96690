"""Time limits for one suite program, scaled to what this machine measured.

A fixed limit fails on a loaded machine: with a load average of 8 on two
cores, opt on the biggest C++ program ran past 60 s, and the list was
inconclusive for every TU. Each limit is therefore a multiple of the
program's own times as measured at suite preparation (IR emission plus the
``-O0`` build, and the ``-O0`` run), never below a floor, and multiplied by
the machine's load at evaluation time. Limits only catch hangs; a generous
one costs time only when something really hangs, a tight one costs a verdict.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

TOOL_FLOOR = 60.0
"""Seconds: the least any opt, codegen or link step of one program may take (LLMCC_EVAL_TIMEOUT)."""
TOOL_SCALE = 30.0
"""opt -verify-each takes up to ~16x a program's measured compile time here (LLVM 19, the
C++ programs of the suite); 30x leaves room for heavier lists (LLMCC_EVAL_TIMEOUT_SCALE)."""
RUN_FLOOR = 5.0
RUN_SCALE = 10.0
MAX_LOAD_FACTOR = 16.0


def load_factor() -> float:
    """How many runnable processes share each core now (1.0 on an idle machine).

    The larger of the 1- and 5-minute load averages, so that load which just
    started or just stopped still counts.
    """
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return 1.0
    cores = os.cpu_count() or 1
    return min(MAX_LOAD_FACTOR, max(1.0, max(one, five) / cores))


@dataclass(frozen=True)
class Limits:
    floor: float = TOOL_FLOOR
    scale: float = TOOL_SCALE

    def tool(self, prog: dict, load: float) -> float:
        """opt, codegen and link of *prog*: max(floor, scale x measured compile time) x load."""
        measured = float(prog.get("compile_seconds", 0.0)) + float(prog.get("build_seconds", 0.0))
        return max(self.floor, self.scale * measured) * load

    def run(self, prog: dict, load: float) -> float:
        """The program's run: ten times its measured ``-O0`` run, at least RUN_FLOOR (or the
        tool floor, where that is set lower to force timeouts)."""
        floor = min(RUN_FLOOR, self.floor)
        return max(floor, RUN_SCALE * float(prog.get("seconds", 0.1))) * load
