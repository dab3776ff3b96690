"""The default advisor until a trained model ships: a fixed subset of the shipped library.

The pass-list library (``library.json`` beside this file, versioned) is what a
model ranks (``LIBRARY``); ``llmcc-admin tune select`` chooses it over
the training corpus (llmcc/tune/library.py, docs/tuning.md). Without a model,
every TU is tried with the library's first ``default_subset`` candidates in
rank (greedy) order, at most six by default: the checks keep the smallest safe
object and the pass-list cache remembers the winner, so a cold build costs no
more trials than with the six lists before the library existed.

The file shipped today is library v3, chosen by ``llmcc-admin tune select``
over 655 tuned TUs of 38 training packages (LLVM 19; docs/tuning.md has the
command and the held-out figures). If the file is missing or unreadable the
six v2 lists are used (V2_CANDIDATES: chosen by the former ``bench/tune.py``
on zlib and bzip2), so a damaged install still builds correctly.
"""

from __future__ import annotations

import os

from .. import hashes as hashlib  # the hot path's cheap imports (llmcc/hashes.py)
from .. import jsonlite as json

LIBRARY_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "library.json")
MAX_DEFAULT_SUBSET = 6
"""Candidates tried per TU without a model: no more than the six lists before the library."""

V2_CANDIDATES: tuple[str, ...] = (
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


def library_digest(texts: tuple[str, ...] | list[str]) -> str:
    """What the library's content is, for cache identities: its candidates in order."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12]


def load_library(path: str = LIBRARY_FILE) -> tuple[str, tuple[str, ...], int]:
    """(version, candidates in rank order, default subset size) from a library file;
    the built-in v2 lists if the file is missing or malformed."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        cands = sorted(doc["candidates"], key=lambda c: int(c["rank"]))
        texts = tuple(str(c["text"]) for c in cands)
        if not texts or not all(texts):
            raise ValueError("no candidates")
        version = str(doc["version"])
        subset = int(doc.get("default_subset", MAX_DEFAULT_SUBSET))
    except (OSError, ValueError, KeyError, TypeError):
        return "2", V2_CANDIDATES, len(V2_CANDIDATES)
    return version, texts, max(1, min(subset, MAX_DEFAULT_SUBSET, len(texts)))


VERSION, LIBRARY, DEFAULT_SUBSET = load_library()
DIGEST = library_digest(LIBRARY)
CANDIDATES: tuple[str, ...] = LIBRARY[:DEFAULT_SUBSET]
"""What the default advisor tries per TU: the library's first DEFAULT_SUBSET candidates."""


class CandidateAdvisor:
    identity = f"candidates-v{VERSION}.{DIGEST}"

    def __init__(self, candidates: tuple[str, ...] = CANDIDATES) -> None:
        self.candidates = candidates

    def advise(self, ir: str):
        # Here, not at the top: a cache hit reads ``identity`` and never advises.
        from .base import Advice, Proposal

        return Advice(
            proposals=[
                Proposal(text, f"{self.identity}#{i}") for i, text in enumerate(self.candidates)
            ]
        )
