"""One vocabulary for every reason: why a candidate was rejected, why a suite program
failed a list, what kept the advisor from answering and why a TU fell back to ``clang -Oz``.

No other module spells a reason: producers (llmcc.trial, llmcc.checks, PassListEval,
the model client, the pipeline, the tuner) and consumers (the summary, the caching
decisions, the stats, the report) name members, and each member says what its
consumers used to keep in private lists:

``transient``  it says more about the machine (load, a failed fork, a missing
    verdict store, a model server down) than about the code: an outcome that
    depended on it is not cached, so the next build tries again.
``remember``   it is a verdict on *this code* worth caching as "no list wins"
    (the checks ran and no candidate beat -Oz), so a rebuild does not try again.
``inconclusive``  a suite program's failure that leaves a PassListEval verdict
    inconclusive (a timeout, a tool that could not start), never a rejection.

The values are the strings the decision records, the stats, the verdicts and the
cache have always used, so entries and records written before read the same.
Pass-through reasons are the exception: they are ``llmcc.args``' classification
tables, on the pass-through path, which must not pay for this module's import.
(An Enum: ``re`` imports ``enum`` anyway; the class costs a miss under a millisecond.)
"""

from __future__ import annotations

from enum import StrEnum

_T = "transient"
_R = "remember"
_I = "inconclusive"
_TRAITS = frozenset({_T, _R, _I})


def member_name(value: str) -> str:
    """The member name of a record string: ``check:bss`` → ``CHECK_BSS``."""
    return value.upper().replace(":", "_").replace("-", "_")


def _declare_checks(namespace) -> None:
    """Add every check's members to :class:`Reason` while its body runs (*namespace* is
    the class body's, so these are members like the others): ``check:<name>``, the
    rejection, and the check's *fallback*, a ``remember`` TU fallback. llmcc.checks
    declares them next to each predicate, so a new check is one module."""
    from .checks import CHECKS

    for c in CHECKS:
        rejection = "check:" + c.name
        namespace[member_name(rejection)] = rejection
        namespace[member_name(c.fallback)] = (c.fallback, _R)


class Reason(StrEnum):
    """A rejection (one candidate), a suite program's failure, an advisor's problem or a
    fallback (the TU); the value is the record string."""

    transient: bool
    remember: bool
    inconclusive: bool

    def __new__(cls, value: str, *traits: str) -> Reason:
        if not set(traits) <= _TRAITS:
            raise ValueError(f"unknown traits {traits} for {value!r}")
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.transient = _T in traits
        obj.remember = _R in traits
        obj.inconclusive = _I in traits
        return obj

    @property
    def check(self) -> str | None:
        """For a ``check:*`` rejection, the name :func:`llmcc.checks.compare` reports."""
        return self.value.removeprefix("check:") if self.value.startswith("check:") else None

    # -- one candidate on one TU (llmcc.trial), in the order the trial meets them ------
    VET_SYNTAX = "vet:syntax"
    VET_UNKNOWN_PASS = "vet:unknown-pass"
    VET_DENIED = "vet:denied"
    VET_BAD_NESTING = "vet:bad-nesting"
    VET_BAD_PARAMS = "vet:bad-params"
    VET_TOO_LONG = "vet:too-long"
    VET_OPTIONS = "vet:options"
    """Codegen options outside the allow-list (llmcc.candidate.ALLOWED_OPTIONS)."""
    NO_VERDICT_STORE = "no-verdict-store", _T
    """A read-only cache: no verdict can be stored, so none is made (also a verdict's reason)."""
    SUITE_INCOMPLETE = "suite-incomplete", _T
    """The suite lost its own programs (a noexec cache dir): fail closed, for now."""
    PASSLISTEVAL_INCONCLUSIVE = "passlisteval-inconclusive", _T
    PASSLISTEVAL = "passlisteval"
    OPT_TIMEOUT = "opt-timeout", _T, _I
    OPT_FAILED = "opt-failed"
    CODEGEN_TIMEOUT = "codegen-timeout", _T
    CODEGEN_FAILED = "codegen-failed"
    OBJINFO_FAILED = "objinfo-failed", _T
    # The checks: each declares its rejection and TU fallback in llmcc.checks (see
    # _declare_checks): CHECK_SYMBOLS, CHECK_REFERENCES, CHECK_SMALLER, CHECK_BSS, and the
    # remembered SYMBOLS_DIFFER, NEW_REFERENCES, NOT_SMALLER, BSS_LARGER.
    _declare_checks(locals())

    # -- PassListEval: one suite program's failure (llmcc.passlisteval.evaluate) ---------
    # ``inconclusive``: the machine (load, a failed fork) and not the list may be to blame;
    # a verdict made only of these is inconclusive, never a rejection. OPT_TIMEOUT and
    # CODEGEN_FAILED (above) are program failures too.
    OPT_FAILED_SECOND_RUN = "opt-failed-second-run"
    NONDETERMINISTIC = "nondeterministic"
    TOOL_UNAVAILABLE = "tool-unavailable", _T, _I
    LINK_FAILED = "link-failed"
    RUN_TIMEOUT = "run-timeout", _T, _I
    CRASH = "crash"
    WRONG_EXIT = "wrong-exit"
    WRONG_OUTPUT = "wrong-output"
    SUITE_NO_SPACE = "suite-no-space", _T
    """No disk space to prepare the suite (a verdict's failure and an ``errors_by_kind`` key)."""

    # -- the advisor's problems (llmcc.server.client, llmcc.advisor.model) ----------------
    # ``transient``: it says nothing about the TU, so no "no winner" entry is cached.
    MODEL_UNAVAILABLE = "model-unavailable", _T
    MODEL_TIMEOUT = "model-timeout", _T
    MODEL_ERROR = "model-error", _T
    BAD_API_KEY = "bad-api-key", _T
    CONTEXT_TOO_LONG = "context-too-long"
    UNPARSEABLE_ANSWER = "unparseable-answer"

    # -- the TU: why its output is clang -Oz's (the ``fallback`` field) -------------------
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
    UNKNOWN = "unknown"
    """A fallback record without its reason (the stats key and the report's label)."""

    # -- a pass-list entry without a winner: its provenance ------------------------------
    NO_CANDIDATE_SMALLER = "no-candidate-smaller"
    """A remembered verdict (a ``remember`` fallback): the checks ran and nothing beat -Oz."""

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


TRANSIENT: frozenset[str] = frozenset(r for r in Reason if r.transient)
"""Record strings whose outcome must not be cached."""
REMEMBERED: frozenset[str] = frozenset(r for r in Reason if r.remember)
"""TU fallbacks cached as "no candidate wins" for this code."""
INCONCLUSIVE: frozenset[str] = frozenset(r for r in Reason if r.inconclusive)
"""Suite program failures that make a verdict inconclusive (PassListEval)."""

# Rejection → the TU's fallback when every candidate was rejected, most informative
# first: "not-smaller" means some list was safe and simply did not beat -Oz, the
# normal outcome for small TUs.
def _check_rows() -> tuple[tuple[str, Reason], ...]:
    from .checks import CHECKS

    return tuple((Reason.of_check(c.name), Reason(c.fallback))
                 for c in sorted(CHECKS, key=lambda c: c.rank))  # fmt: skip


_SUMMARY: tuple[tuple[str, Reason], ...] = (
    # The checks, by their rank (llmcc.checks): CHECK_SMALLER → NOT_SMALLER first.
    *_check_rows(),
    # Before the rejections' prefix: an inconclusive verdict (a timeout) is no rejection.
    (Reason.PASSLISTEVAL_INCONCLUSIVE, Reason.PASSLISTEVAL_INCONCLUSIVE),
    (Reason.PASSLISTEVAL, Reason.PASSLISTEVAL_REJECTED),
    (Reason.OPT_TIMEOUT, Reason.OPT_TIMEOUT),
    (Reason.OPT_FAILED, Reason.OPT_FAILED),
    (Reason.CODEGEN_TIMEOUT, Reason.CODEGEN_TIMEOUT),
    (Reason.CODEGEN_FAILED, Reason.CODEGEN_FAILED),
    (Reason.NO_VERDICT_STORE, Reason.NO_VERDICT_STORE),
    ("vet:", Reason.VET_REJECTED),
)


def fallback_of(rejection: Reason) -> Reason | None:
    """The TU fallback a lone *rejection* summarizes to (None: passed on as it is)."""
    for prefix, reason in _SUMMARY:
        if rejection.startswith(prefix):
            return reason
    return None


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
