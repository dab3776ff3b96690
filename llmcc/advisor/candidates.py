"""The default advisor until a trained model ships: a fixed set of checked candidate lists.

Every TU is tried with ``default<Oz>`` (the split route sometimes beats the
single clang -Oz run) and each list below; the checks keep the smallest safe
object, and the pass-list cache remembers the winner so a rebuild tries one.

The lists were chosen by ``bench/tune.py``: a random search of 400 vetted,
well-nested pipelines on zlib and bzip2 (LLVM 19), a greedy set cover of the
per-TU winners over those and libyaml/jansson, then the paper's minimization
step. Best of the six per TU: 4.41% below -Oz on zlib+bzip2 (in sample), 0.46%
on libyaml+jansson (held out). docs/tuning.md has the commands and the numbers.
"""

from __future__ import annotations

from .base import Advice, Proposal

VERSION = "2"
CANDIDATES: tuple[str, ...] = (
    # The split route itself: sometimes smaller than the single clang -Oz run.
    "default<Oz>",
    # Less inlining than -Oz: wins on TUs where -Oz's inliner duplicates big bodies.
    "default<O1>,cgscc(inline)",
    "function(mem2reg,instsimplify,instcombine),function(loop-mssa(loop-instsimplify)),"
    "cgscc(inline)",
    "function(lower-switch,loop-unroll,mem2reg)",
    # -Oz plus extra cleanup and loop-invariant code motion.
    "default<Oz>,function(early-cse,mergereturn,mergeicmps,tailcallelim),"
    "function(loop-mssa(lnicm),loop(loop-versioning-licm,simple-loop-unswitch))",
    # -Oz plus merging of identical functions, which -Oz does not do.
    "default<Oz>,mergefunc",
)


class CandidateAdvisor:
    identity = f"candidates-v{VERSION}"

    def __init__(self, candidates: tuple[str, ...] = CANDIDATES) -> None:
        self.candidates = candidates

    def advise(self, ir: str) -> Advice:
        return Advice(
            proposals=[
                Proposal(text, f"{self.identity}#{i}") for i, text in enumerate(self.candidates)
            ]
        )


class FixedAdvisor:
    """``LLMCC_MODEL=passes:<pipeline>``: one pinned list, still vetted, evaluated and checked.

    For users who found a list by hand (or with bench/tune.py) and for tests
    that need a specific, possibly broken, proposal.
    """

    def __init__(self, text: str) -> None:
        import hashlib

        self.text = text
        self.identity = f"passes:{hashlib.blake2b(text.encode(), digest_size=10).hexdigest()}"

    def advise(self, ir: str) -> Advice:
        return Advice(proposals=[Proposal(self.text, "pinned")])
