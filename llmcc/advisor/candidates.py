"""The default advisor until a trained model ships: a fixed set of checked candidate lists.

Every TU is tried with ``default<Oz>`` (the split route sometimes beats the
single clang -Oz run) and each list below; the checks keep the smallest safe
object, and the pass-list cache remembers the winner so a rebuild tries one.

The lists were chosen by ``bench/tune.py``: a random search over well-nested
pipelines on zlib and bzip2 with LLVM 19, followed by a greedy set cover of the
per-TU winners. See docs/tuning.md for the search and its numbers.
"""

from __future__ import annotations

from .base import Advice, Proposal

VERSION = "1"
CANDIDATES: tuple[str, ...] = (
    "default<Oz>",
    "default<Oz>,function(loop-simplify,loop-mssa(licm),loop-rotate<no-header-duplication>,"
    "indvars,loop-deletion,simplifycfg)",
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
