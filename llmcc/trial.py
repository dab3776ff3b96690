"""One candidate on one TU: the single evaluation path.

The driver, ``llmcc-admin check-passes``, the tuner and the bench scripts all
judge a candidate with :func:`run_trial`, so a list the tuner calls a win is
one the driver would accept:

1. vet: the pass list through llmcc.passlist (names, deny-list, nesting), the
   codegen options through the allow-list (llmcc.candidate);
2. verdict: PassListEval on the (list, options) pair;
3. opt, ``always-inline`` first (llmcc.optimize); a winner's opt again with
   ``-verify-each``, to the same bytes (:func:`confirm`);
4. codegen through clang with the user's flags and the candidate's options
   (the command line comes from llmcc.args);
5. the driver's checks against the ``-Oz`` reference (llmcc.checks).

Every rejection is a :class:`llmcc.outcomes.Reason`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from . import candidate as _candidate
from . import checks, objinfo, procs
from .args import TranslationUnit
from .fsutil import read as _read
from .objinfo import ObjectInfo
from .optimize import run_opt
from .outcomes import Reason
from .passlist import PassListError, PassRegistry, vet
from .toolchain import Toolchain


def transient_failure(r: procs.Result) -> bool:
    """A failure that says more about the machine than the candidate: a timeout, or a
    process that could not be started (fork or exec failed: procs reports 127)."""
    return r.timed_out or r.returncode == 127


@dataclass
class Judge:
    """What a trial needs besides the candidate and the TU.

    ``registry`` and ``evaluator`` are called only when a trial gets that far: the
    driver builds them lazily (a vet rejection never prepares the suite).
    """

    tc: Toolchain
    registry: Callable[[], PassRegistry]
    evaluator: Callable[[], object | None]
    """An llmcc.passlisteval.Evaluator, or None where no verdict can be stored."""
    opt_timeout: float = 60.0
    codegen_timeout: float = 120.0
    cwd: str | None = None
    """Where clang runs (the TU's build directory); None: this process's."""

    @classmethod
    def for_context(cls, ctx) -> Judge:
        """The driver's judge: a context.Context's toolchain, registry, verdicts and timeouts."""
        return cls(ctx.tc, ctx.registry, ctx.evaluator, ctx.cfg.opt_timeout,
                   ctx.cfg.codegen_timeout)  # fmt: skip


@dataclass
class TrialResult:
    """The outcome of one candidate on one TU; ``reason`` is None when it won."""

    text: str
    """The candidate as proposed (cut to 400 characters)."""
    candidate: _candidate.Candidate | None = None
    """Vetted: canonical pipeline and allowed options."""
    reason: Reason | None = None
    detail: str = ""
    size: int | None = None
    checks: list[dict] = field(default_factory=list)
    object: str | None = None
    bitcode: str | None = None
    verdict: dict | None = None
    verdict_checked: bool = False
    """False when the caller skipped PassListEval (the tuner's size-only search)."""

    @property
    def ok(self) -> bool:
        return self.reason is None

    @property
    def transient(self) -> bool:
        return self.reason is not None and self.reason.transient

    @property
    def canonical(self) -> str:
        """The candidate's canonical text form (the proposal text before vetting)."""
        return self.candidate.text() if self.candidate is not None else self.text

    def record(self, source: str | None = None) -> dict:
        """The ``tried`` entry of a decision record (the strings records always had)."""
        rec: dict = {"pipeline": self.canonical}
        if source is not None:
            rec["source"] = source
        if self.reason is not None:
            rec["rejected"] = self.reason.value
        if self.detail:
            rec["detail"] = self.detail
        if self.size is not None:
            rec["size"] = self.size
        if self.checks:
            rec["checks"] = self.checks
        return rec


def _clang(judge: Judge, argv: list[str]) -> procs.Result:
    return procs.run([judge.tc.clang, *argv], timeout=judge.codegen_timeout, cwd=judge.cwd)


def vet_candidate(text: str, registry: PassRegistry) -> _candidate.Candidate:
    """The canonical candidate for *text*, or raise PassListError/OptionsError."""
    cand = _candidate.parse(text)
    return _candidate.Candidate(vet(cand.pipeline, registry).text(), cand.options)


def run_trial(
    text: str,
    judge: Judge,
    tu: TranslationUnit | None,
    ir_path: str | None,
    ref: ObjectInfo | None,
    work: str,
    tag: str = "cand",
    *,
    verdict: bool = True,
    verdict_kw: dict | None = None,
    opted: dict[str, str] | None = None,
) -> TrialResult:
    """Try candidate *text* on the TU whose unoptimized IR is *ir_path*.

    *ref* is the TU's ``-Oz`` reference object info; outputs go to
    ``<work>/<tag>.bc`` and ``.o``; a winner is installed only after :func:`confirm`.
    *verdict*: False skips PassListEval, for a size-only
    search whose winners are judged again with it. With ``tu=None`` the trial
    stops after the verdict (check-passes without a TU); *verdict_kw* goes to
    ``Evaluator.verdict`` (check-passes: run every program, evaluate again). *opted*: the
    bitcode each pipeline's opt already wrote for this TU, filled in here; a candidate that
    differs from an earlier one only in its codegen options (the library holds such pairs)
    reuses it instead of running the same opt again.
    """
    res = TrialResult(text[:400])
    try:
        cand = vet_candidate(text, judge.registry())
    except _candidate.OptionsError as e:
        res.reason, res.detail = Reason.VET_OPTIONS, str(e)[:300]
        return res
    except PassListError as e:
        res.reason, res.detail = Reason.of_vet(getattr(e, "reason", None)), str(e)[:300]
        return res
    res.candidate = cand
    if verdict:
        ev = judge.evaluator()
        if ev is None:
            res.reason = Reason.NO_VERDICT_STORE
            return res
        v = ev.verdict(cand.pipeline, options=cand.options, **(verdict_kw or {}))
        res.verdict, res.verdict_checked = v, True
        if not v.get("passed"):
            res.reason = Reason.lookup(v.get("reason")) or (
                Reason.PASSLISTEVAL_INCONCLUSIVE if v.get("inconclusive") else Reason.PASSLISTEVAL
            )
            res.detail = str(v.get("failures", [])[:2])[:300]
            return res
    if tu is None:
        return res
    assert ir_path is not None and ref is not None
    tc = judge.tc
    bc, obj = os.path.join(work, tag + ".bc"), os.path.join(work, tag + ".o")
    if opted is not None and cand.pipeline in opted:
        bc = opted[cand.pipeline]
    else:
        r = run_opt(tc.opt, cand.pipeline, ir_path, bc, judge.opt_timeout)
        if not r.ok:
            res.reason = Reason.OPT_TIMEOUT if transient_failure(r) else Reason.OPT_FAILED
            res.detail = r.summary(200)
            return res
        if opted is not None:
            opted[cand.pipeline] = bc
    r = _clang(judge, tu.codegen_argv(bc, obj, options=cand.options))
    if not r.ok:
        res.reason = Reason.CODEGEN_TIMEOUT if transient_failure(r) else Reason.CODEGEN_FAILED
        res.detail = r.summary(200)
        return res
    try:
        info = objinfo.read([obj], tc.llvm_size, tc.llvm_nm)[0]
    except objinfo.ObjInfoError as e:
        res.reason, res.detail = Reason.OBJINFO_FAILED, str(e)[:200]
        return res
    results = checks.compare(ref, info)
    res.size, res.checks = info.size, results
    if not checks.passed(results):
        res.reason = Reason.of_check(checks.first_failure(results))
        return res
    res.object, res.bitcode = obj, bc
    return res


VERIFY_EACH_COST = 4
"""``-verify-each`` over a plain opt of the same list and TU (4.1x on libyaml's scanner.c):
the confirmation's time limit is the trial's times this, so a TU whose opt fits its limit
is not refused for the verifier's share."""


def confirm(judge: Judge, pipeline: str, ir_path: str, bc: str, again: str) -> Reason | None:
    """The winner's opt once more, with ``-verify-each``: None when the IR verifies after
    every pass and the bitcode is the trial's byte for byte, else why not (a timeout is
    ``OPT_TIMEOUT``, transient: it says nothing about the list).

    Only a winner is installed, so only a winner pays for ``-verify-each`` (4x opt's time on
    libyaml's scanner.c, LLVM 22): the search's trials run plain opt, which still verifies
    its output, and this second run is the determinism check as well.
    """
    limit = judge.opt_timeout * VERIFY_EACH_COST
    r = run_opt(judge.tc.opt, pipeline, ir_path, again, limit, verify_each=True)
    if not r.ok:
        return Reason.OPT_TIMEOUT if transient_failure(r) else Reason.OPT_FAILED
    return None if _read(bc) == _read(again) else Reason.NONDETERMINISTIC_OPT


class PrepareError(RuntimeError):
    """The TU's IR or reference object could not be built (the compile itself fails)."""


@dataclass
class Prepared:
    """A TU ready for trials: its IR (as the driver emits it) and its ``-Oz`` reference."""

    ir_path: str
    ir_text: str
    ir_stderr: str
    ref_path: str
    ref: ObjectInfo
    ref_stderr: str


def prepare(judge: Judge, tu: TranslationUnit, work: str) -> Prepared:
    """Emit the TU's IR and its reference object into *work* (for the tuner and check-passes;
    the driver's own reference goes straight into the user's output)."""
    ll, dep, ref = (os.path.join(work, n) for n in ("tu.ll", "tu.d", "ref.o"))
    r = _clang(judge, tu.ir_argv(ll, dep))
    if not r.ok:
        raise PrepareError(f"IR emission failed: {r.summary(300)}")
    ir_stderr = r.stderr.decode("utf-8", "surrogateescape")
    r = _clang(judge, tu.object_argv(ref))
    if not r.ok:
        raise PrepareError(f"reference compile failed: {r.summary(300)}")
    info = objinfo.read([ref], judge.tc.llvm_size, judge.tc.llvm_nm)[0]
    return Prepared(ll, _read(ll).decode("utf-8", "surrogateescape"), ir_stderr, ref, info,
                    r.stderr.decode("utf-8", "surrogateescape"))  # fmt: skip
