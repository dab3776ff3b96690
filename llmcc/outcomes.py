"""One vocabulary for why a candidate was rejected and why a TU fell back to ``clang -Oz``.

Each reason says two things its consumers used to keep in private lists:

``transient``  it says more about the machine (load, a failed fork, a missing
    verdict store) than about the code: an outcome that depended on it is not
    cached, so the next build tries again.
``remember``   it is a verdict on *this code* worth caching as "no list wins"
    (the checks ran and no candidate beat -Oz), so a rebuild does not try again.

The values are the strings the decision records, the stats and the cache have
always used; records written before this module existed read the same.
(An Enum: ``re`` imports ``enum`` anyway, so this costs the compile nothing.)
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """A rejection (one candidate) or a fallback (the TU); the value is the record string."""

    transient: bool
    remember: bool

    def __new__(cls, value: str, transient: bool = False, remember: bool = False) -> Reason:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.transient = transient
        obj.remember = remember
        return obj

    # -- one candidate on one TU (llmcc.trial), in the order the trial meets them ------
    VET_SYNTAX = "vet:syntax"
    VET_UNKNOWN_PASS = "vet:unknown-pass"
    VET_DENIED = "vet:denied"
    VET_BAD_NESTING = "vet:bad-nesting"
    VET_BAD_PARAMS = "vet:bad-params"
    VET_TOO_LONG = "vet:too-long"
    VET_OPTIONS = "vet:options"
    """Codegen options outside the allow-list (llmcc.candidate.ALLOWED_OPTIONS)."""
    NO_VERDICT_STORE = "no-verdict-store", True
    SUITE_INCOMPLETE = "suite-incomplete", True
    PASSLISTEVAL_INCONCLUSIVE = "passlisteval-inconclusive", True
    PASSLISTEVAL = "passlisteval"
    OPT_TIMEOUT = "opt-timeout", True
    OPT_FAILED = "opt-failed"
    CODEGEN_TIMEOUT = "codegen-timeout", True
    CODEGEN_FAILED = "codegen-failed"
    OBJINFO_FAILED = "objinfo-failed", True
    CHECK_SYMBOLS = "check:symbols"
    CHECK_REFERENCES = "check:references"
    CHECK_SMALLER = "check:smaller"
    CHECK_BSS = "check:bss"

    # -- PassListEval's per-program failures (llmcc.passlisteval.evaluate) --------------
    RUN_TIMEOUT = "run-timeout", True
    TOOL_UNAVAILABLE = "tool-unavailable", True

    # -- the TU: why its output is clang -Oz's (the ``fallback`` field) -------------------
    NOT_SMALLER = "not-smaller", False, True
    SYMBOLS_DIFFER = "symbols-differ", False, True
    NEW_REFERENCES = "new-references", False, True
    BSS_LARGER = "bss-larger", False, True
    PASSLISTEVAL_REJECTED = "passlisteval-rejected"
    VET_REJECTED = "vet-rejected"
    NO_CANDIDATE = "no-candidate"
    NO_PROPOSALS = "no-proposals"
    NONDETERMINISTIC_OPT = "nondeterministic-opt"
    MISSING_LLVM_TOOLS = "missing-llvm-tools"
    CACHED_NO_WINNER = "cached-no-winner"
    CORRUPT_PASSLIST_ENTRY = "corrupt-passlist-entry"
    IR_EMISSION_FAILED = "ir-emission-failed"
    ASM_CODEGEN_FAILED = "asm-codegen-failed"
    INTERNAL_ERROR = "internal-error"

    @classmethod
    def of_vet(cls, code: str | None) -> Reason:
        """The rejection for a :class:`llmcc.passlist.Rejected` code (``syntax`` if unknown)."""
        try:
            return cls("vet:" + (code or "syntax"))
        except ValueError:
            return cls.VET_SYNTAX

    @classmethod
    def of_check(cls, check: str | None) -> Reason:
        """The rejection for the first failing :func:`llmcc.checks.compare` entry."""
        return cls("check:" + (check or "smaller"))

    @classmethod
    def lookup(cls, value: str | None) -> Reason | None:
        """The member for a record string, None for strings from elsewhere (an advisor's)."""
        try:
            return cls(value) if value else None
        except ValueError:
            return None


TRANSIENT: frozenset[str] = frozenset(r.value for r in Reason if r.transient)
"""Record strings whose outcome must not be cached."""
REMEMBERED: frozenset[str] = frozenset(r.value for r in Reason if r.remember)
"""TU fallbacks cached as "no candidate wins" for this code."""

# Rejection → the TU's fallback when every candidate was rejected, most informative
# first: "not-smaller" means some list was safe and simply did not beat -Oz, the
# normal outcome for small TUs.
_SUMMARY: tuple[tuple[str, Reason], ...] = (
    ("check:smaller", Reason.NOT_SMALLER),
    ("check:symbols", Reason.SYMBOLS_DIFFER),
    ("check:references", Reason.NEW_REFERENCES),
    ("check:bss", Reason.BSS_LARGER),
    # Before the rejections' prefix: an inconclusive verdict (a timeout) is no rejection.
    ("passlisteval-inconclusive", Reason.PASSLISTEVAL_INCONCLUSIVE),
    ("passlisteval", Reason.PASSLISTEVAL_REJECTED),
    ("opt-timeout", Reason.OPT_TIMEOUT),
    ("opt-failed", Reason.OPT_FAILED),
    ("codegen-timeout", Reason.CODEGEN_TIMEOUT),
    ("codegen-failed", Reason.CODEGEN_FAILED),
    ("no-verdict-store", Reason.NO_VERDICT_STORE),
    ("vet:", Reason.VET_REJECTED),
)


def summarize(reasons: list[str | None]) -> str:
    """The fallback for a TU whose every candidate was rejected (a record string).

    Prefix matches, so a PassListEval rejection reason added later still summarizes
    as ``passlisteval-rejected``; a reason no rule knows is passed on as it is.
    """
    rs = [str(r) for r in reasons if r]
    if not rs:
        return Reason.NO_CANDIDATE.value
    for prefix, reason in _SUMMARY:
        if any(r.startswith(prefix) for r in rs):
            return reason.value
    return rs[0]
