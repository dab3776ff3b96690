"""Where the tuner's candidates come from: the library broadcast and random well-formed lists.

Random lists are drawn as the LLM Compiler autotuner draws them: up to 50
passes, each uniformly from the passes llmcc may run (transformations known to
this opt and allowed by the deny-list), half of them after ``default<Oz>``;
lengths are skewed short, since the paper's minimized winners average under
four passes. ``vet`` nests the flat list the way opt demands, so every list
drawn is well formed, and one it rejects is drawn again (it costs no compile).
A fraction of the lists carry the machine outliner.
"""

from __future__ import annotations

import hashlib
import random

from ..advisor.candidates import LIBRARY
from ..candidate import MACHINE_OUTLINER, Candidate, parse
from ..passlist import PassListError, PassRegistry, vet
from ..passlist.denylist import deny_reason

MAX_PASSES = 50
MEAN_EXTRA = 6.0
P_OZ = 0.5
P_OUTLINER = 0.3
SKIP_PREFIX = ("require", "invalidate", "no-op", "print", "verify")
PRESETS = ("default<Oz>", "default<Os>", "default<O1>", "default<O2>")


def pass_pool(reg: PassRegistry) -> dict[str, list[str]]:
    """Allowed transformation passes by level (analyses and denied passes excluded)."""
    pool: dict[str, list[str]] = {"module": [], "cgscc": [], "function": [], "loop": []}
    for name in reg.names():
        lvl = reg.level(name)
        if lvl in pool and not deny_reason(name) and not name.startswith(SKIP_PREFIX):
            pool[lvl].append(name)
    pool["module"] += list(PRESETS)
    return pool


def rng_for(seed: int, tu_id: str, phase: str = "search") -> random.Random:
    """A TU's own generator: the same lists wherever (and in whatever order) it is tuned."""
    digest = hashlib.sha256(f"{seed}:{tu_id}:{phase}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "little"))


def random_text(rng: random.Random, names: list[str], max_passes: int = MAX_PASSES) -> str:
    """One flat list (nested later by vet): default<Oz> half the time, then random passes."""
    n = min(max_passes, 1 + int(rng.expovariate(1 / MEAN_EXTRA)))
    if rng.random() < P_OZ:
        return ",".join(["default<Oz>", *(rng.choice(names) for _ in range(max(1, n - 1)))])
    return ",".join(rng.choice(names) for _ in range(n))


def random_candidates(rng: random.Random, reg: PassRegistry, max_passes: int = MAX_PASSES):
    """An endless stream of vetted, canonical random candidates (may repeat)."""
    pool = pass_pool(reg)
    names = sorted({n for level in pool.values() for n in level})
    while True:
        text = random_text(rng, names, max_passes)
        outline = rng.random() < P_OUTLINER
        try:
            pipeline = vet(text, reg).text()
        except PassListError:
            continue
        yield Candidate(pipeline, MACHINE_OUTLINER if outline else ())


def library() -> list[Candidate]:
    """The library broadcast: the shipped library (all of it, in rank order; the search caps
    it at half the budget) and each with the machine outliner; ``default<Oz>`` with the
    outliner second, since it is the outliner's cheapest test."""
    plain = [parse(t) for t in LIBRARY]  # a library entry may carry codegen options
    outlined = [c.with_options(MACHINE_OUTLINER) for c in plain]
    return [plain[0], outlined[0], *plain[1:], *outlined[1:]]
