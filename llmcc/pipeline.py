"""The per-TU pipeline: direct lookup → IR → object lookup → reference → choose → install.

Data flows one way. Each step is a function of the previous steps' results;
only ``install`` touches the user's output after the reference compile wrote
it. The reference compile is the user's own command with ``-Oz`` appended, run
into the user's output path: its diagnostics, exit code and dependency file are
exactly clang's, and if anything later fails, what stays on disk is exactly
what ``clang -Oz`` produced.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass

from . import diagnostics, ir, objinfo, outcomes, procs, provisional, trial
from .advisor.base import Proposal
from .args import TranslationUnit
from .cache import direct, keys
from .cache.tiers import Cache
from .candidate import parse as parse_candidate
from .decision import Choice, Installed, Outcome, Steps, assemble
from .fsutil import read as _read
from .fsutil import write_atomic
from .outcomes import Reason
from .passlist import PassRegistry
from .passlist.load import load_registry
from .record import Logger
from .toolchain import Toolchain

_transient = trial.transient_failure


@dataclass
class Context:
    """Per-process state shared by the TUs of one invocation."""

    cfg: object
    tc: Toolchain
    cache: Cache
    stats: object
    log: Logger
    advisor_identity: str
    _advisor: object = None
    _registry: PassRegistry | None = None
    _evaluator: object = None

    def advisor(self):
        if self._advisor is None:
            from .advisor.select import make

            self._advisor = make(self.cfg)
        return self._advisor

    def registry(self) -> PassRegistry:
        if self._registry is None:
            self._registry = load_registry(self.tc, self.cache)
        return self._registry

    def put_passlist(
        self,
        key: str,
        pipeline: str | None,
        provenance: str | None,
        share: bool = True,
        sizes: dict | None = None,
        provisional: dict | None = None,
    ) -> None:
        """*provisional*: the decision was made while a candidate was unavailable (see
        llmcc.provisional); such an entry stays local, and is decided again later."""
        meta = {
            "pipeline": pipeline,
            "provenance": provenance,
            "advisor": self.advisor_identity,
            "llvm": self.tc.major,
            "sizes": sizes or {},
        }
        if provisional is not None:
            meta["provisional"] = provisional
            share = False
        self.cache.put_passlist(key, meta, share=share)

    def built_evaluator(self):
        """The evaluator if a trial already needed it, else None (never prepares the suite)."""
        return self._evaluator

    def evaluations(self) -> int:
        """How many lists this process ran through PassListEval (for the stats)."""
        return self._evaluator.evaluations if self._evaluator is not None else 0

    def evaluator(self):
        if self._evaluator is None:
            from .passlisteval import Evaluator

            root = self.cache.local.root if self.cache.local is not None else None
            if root is None:
                return None
            self._evaluator = Evaluator.for_toolchain(
                self.tc, root, self.cfg.eval_mode, self.cfg.eval_jobs, cache=self.cache,
                log=self.log, cfg=self.cfg,
            )  # fmt: skip
        return self._evaluator


def passlist_key(ir_text: str, advisor_identity: str, llvm_major: int | None) -> str:
    """The pass-list cache key of a TU's unoptimized IR (the driver and the tuner use this)."""
    from .advisor import prompt

    return keys.passlist_key(
        ir.digest(ir.normalize(ir_text)), advisor_identity, prompt.VERSION, llvm_major,
        ir.triple(ir_text), ir.NORMALIZATION_VERSION,
    )  # fmt: skip


def _emit(stderr: bytes) -> None:
    if stderr:
        try:
            sys.stderr.buffer.write(stderr)
            sys.stderr.flush()
        except OSError:
            pass  # `2>&1 | head` closed it; clang would have lost the text the same way


class Pipeline:
    """One TU through the steps; each step returns its value into :attr:`steps`, and
    :func:`llmcc.decision.assemble` alone writes the :class:`Outcome` from them."""

    def __init__(self, ctx: Context, tu: TranslationUnit) -> None:
        self.ctx = ctx
        self.tu = tu
        self.cwd = os.getcwd()
        self.steps = Steps()
        self.tmp: str | None = None
        self.start_ns = time.time_ns()
        self._t0 = time.monotonic()

    # -- helpers ---------------------------------------------------------------

    def _tmp(self, name: str) -> str:
        if self.tmp is None:
            self.tmp = tempfile.mkdtemp(prefix="llmcc-")
        return os.path.join(self.tmp, name)

    def cleanup(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _clang(self, argv: list[str], timeout: float | None = None) -> procs.Result:
        return procs.run([self.ctx.tc.clang, *argv], timeout=timeout)

    def outcome(self) -> Outcome:
        """The TU's outcome as its steps so far make it (llmcc.decision.assemble)."""
        return assemble(self.tu.source, self.tu.output, self.tu.argv, self.cwd, self.steps,
                        round(time.monotonic() - self._t0, 3))  # fmt: skip

    # -- steps -------------------------------------------------------------------

    def emit_ir(self) -> tuple[str, str, list[str]] | None:
        """(IR text, IR-step stderr, include files) or None if clang could not emit IR."""
        ll, d = self._tmp("tu.ll"), self._tmp("tu.d")
        r = self._clang(self.tu.ir_argv(ll, d), timeout=self.ctx.cfg.codegen_timeout)
        if not r.ok:
            self.steps.ir_failure = r.summary()
            return None
        from .depfile import parse as parse_dep

        try:
            includes = parse_dep(_read(d).decode("utf-8", "surrogateescape"))
        except OSError:
            includes = []
        return (
            _read(ll).decode("utf-8", "surrogateescape"),
            r.stderr.decode("utf-8", "surrogateescape"),
            includes,
        )

    def reference(self) -> procs.Result:
        """The user's compile as a size build, straight into the user's output."""
        r = self._clang(self.tu.reference_argv())
        self.steps.reference_rc = r.returncode  # before emitting: a closed stderr must not hide it
        _emit(r.stderr)
        return r

    def reference_object(self) -> str:
        """Path of the -Oz reference *object* (a separate compile for -S)."""
        if not self.tu.emit_asm:
            return self.tu.output
        p = self._tmp("ref.o")
        r = self._clang(self.tu.object_argv(p), timeout=self.ctx.cfg.codegen_timeout)
        if not r.ok:
            raise RuntimeError(f"reference object compile failed: {r.summary()}")
        return p

    # -- choosing ----------------------------------------------------------------

    def choose(self, ir_text: str, ref_path: str, shared: bool = True) -> Choice:
        """The winner among the proposals for this TU, or why there is none.

        The :class:`Choice` is in :attr:`steps` from its start: a bug half-way leaves the
        reference's size and the trials so far in the record. *shared* False: decide
        without the shared tier (its list failed here).
        """
        c = self.ctx
        ch = self.steps.choice = Choice()
        tc = c.tc
        if tc.opt is None or tc.llvm_size is None or tc.llvm_nm is None:
            ch.fallback = Reason.MISSING_LLVM_TOOLS
            return ch
        ref_info = objinfo.read([ref_path], tc.llvm_size, tc.llvm_nm)[0]
        ch.bytes_oz = ch.bytes_out = ref_info.size
        pkey = passlist_key(ir_text, c.advisor_identity, tc.major)
        entry = c.cache.get_passlist(pkey, shared)
        if entry is not None and entry[0].get("provisional") is not None:
            if provisional.stale(c.cache, entry[0]["provisional"]):
                # Decided while a candidate was missing, and it can be judged now (or the
                # retry time came): decide again, as on a miss.
                c.stats.add("redecided")
                c.log("redecide", source=self.tu.source, provisional=entry[0]["provisional"])
                entry = None
            else:
                ch.provisional = entry[0]["provisional"]
        first_use = True
        if entry is not None:
            meta, tier = entry
            ch.tier = tier.name
            c.stats.add(tier.hits)
            winner = meta.get("pipeline")
            if winner is None:
                ch.fallback = Reason.CACHED_NO_WINNER
                ch.provenance = meta.get("provenance")
                return ch
            if not isinstance(winner, str):
                ch.fallback = Reason.CORRUPT_PASSLIST_ENTRY
                return ch
            proposals = [Proposal(winner, f"cache:{tier.name}:{meta.get('provenance', '?')}")]
            # A shared entry is re-validated from scratch: names, verdict, verifier.
            first_use = tier.shared
        else:
            c.stats.add("misses")
            # For the record (and the training data drawn from records): the paper's size
            # measure of the input. Only on a pass-list miss, where it costs ~5% of the work.
            ch.ir_instructions = ir.count_instructions(ir_text)
            advice = c.advisor().advise(ir_text)
            if advice.model_queried:
                c.stats.add("model_queries")
            if advice.problem:
                ch.tried.append({"advisor": advice.problem})
            ch.transient = bool(advice.transient)
            proposals = advice.proposals
            if not proposals:
                ch.fallback = advice.problem or Reason.NO_PROPOSALS
                if not ch.transient:
                    c.put_passlist(pkey, None, advice.problem)
                return ch

        ll = self._tmp("tu.ll")
        best: dict | None = None
        for i, prop in enumerate(proposals):
            res = self._try(prop, i, ll, ref_info, first_use)
            ch.tried.append(res.pop("record"))
            if res and (best is None or res["size"] < best["size"]):
                best = {**res, "provenance": prop.source}
        reasons = [t.get("rejected") for t in ch.tried if t.get("rejected")]
        ch.suite = self._suite(ch.tried)
        missing = self._missing(ch.tried)
        if missing is not None:
            # A candidate could not be judged (load, a full disk): the decision stands for
            # now, marked, so that neither this entry nor its object pins a worse choice.
            ch.provisional = missing
            c.stats.add("provisional")
        if best is None:
            ch.fallback = outcomes.summarize(reasons)
            if entry is not None and entry[1].shared and missing is None and not ch.transient:
                # A shared list that fails here for what it is (deny-listed, rejected, not
                # smaller), not for the machine's state: decide as on a miss, without the
                # shared tier, and that decision replaces the entry there (docs/cache.md).
                c.cache.distrusted(pkey, entry[1], str(ch.fallback))
                again = self.choose(ir_text, ref_path, shared=False)
                again.tried[:0] = ch.tried
                return again
            if entry is None and not ch.transient and missing is not None:
                c.put_passlist(pkey, None, ch.fallback, provisional=missing)
            elif entry is None and not ch.transient and ch.fallback in outcomes.REMEMBERED:
                # Only a verdict on this code is worth remembering, not a passing trouble.
                c.put_passlist(pkey, None, Reason.NO_CANDIDATE_SMALLER)
            return ch
        if first_use:
            same, transient = self._deterministic(best["canonical"], ll, best["bitcode"])
            if transient:
                ch.transient = True  # load, not the list: the next build tries again
            if not same:
                ch.fallback = Reason.NONDETERMINISTIC_OPT
                return ch
        ch.winner, ch.provenance, ch.bytes_out = best, best["provenance"], best["size"]
        if entry is None or entry[1].shared:  # a shared list, re-validated: now ours too
            c.put_passlist(
                pkey,
                best["canonical"],
                best["provenance"],
                sizes={"oz": ref_info.size, "out": best["size"]},
                provisional=missing,
            )
        return ch

    def _missing(self, tried: list[dict]) -> dict | None:
        """The provisional mark for the candidates rejected for a transient reason, or None.

        An inconclusive verdict is watched by its key, and retried when it expires; any
        other transient rejection (a per-TU timeout, no suite) after provisional.RETRY_S.
        """
        ev = self.ctx.built_evaluator()
        now = time.time()
        missing, retry = [], None
        for t in tried:
            reason = t.get("rejected")
            if reason not in outcomes.TRANSIENT:
                continue
            m: dict = {"pipeline": t.get("pipeline"), "reason": reason, "verdict": None}
            when = now + provisional.RETRY_S
            if (
                ev is not None
                and isinstance(t.get("pipeline"), str)
                and (reason == Reason.PASSLISTEVAL_INCONCLUSIVE)
            ):
                try:
                    cand = parse_candidate(t["pipeline"])
                    pending = ev.pending(cand.pipeline, cand.options)
                except ValueError:
                    pending = {}
                m["verdict"] = pending.get("verdict")
                when = pending.get("retry_after", when)
            retry = when if retry is None else min(retry, when)
            missing.append(m)
        if not missing:
            return None
        assert retry is not None
        return provisional.mark(missing, retry)

    def _suite(self, tried: list[dict]) -> dict | None:
        """Which suite judged this TU's candidates, for the decision record."""
        ev = self.ctx.built_evaluator()
        if ev is None or getattr(ev, "mode", "off") == "off":
            return None
        info = ev.suite_info()
        weaker = sorted({t["pipeline"] for t in tried if t.get("pipeline") in ev.served_weaker})
        if weaker:
            # Verdicts earned before csmith was installed: valid until `warmup --reevaluate`.
            info["weaker_suite"] = ev.weaker_info()
            info["weaker_verdicts"] = weaker
        return info

    def _try(self, prop: Proposal, i: int, ll: str, ref_info, first_use: bool) -> dict:
        """One proposal through llmcc.trial, the evaluation path every judge shares."""
        t = trial.run_trial(prop.text, trial.Judge.for_context(self.ctx), self.tu, ll, ref_info,
                            os.path.dirname(self._tmp("tu.ll")), f"cand{i}",
                            verify_each=first_use)  # fmt: skip
        rec = t.record(prop.source)
        if not t.ok:
            return {"record": rec}
        assert t.candidate is not None
        return {
            "record": rec,
            "object": t.object,
            "size": t.size,
            "canonical": t.canonical,
            "bitcode": t.bitcode,
            "options": t.candidate.options,
        }

    def _deterministic(self, canonical: str, ll: str, bc: str) -> tuple[bool, bool]:
        """Run the winner's opt again: (two runs gave the same bitcode, a failure was transient)."""
        return trial.deterministic(trial.Judge.for_context(self.ctx),
                                   parse_candidate(canonical).pipeline, ll, bc,
                                   self._tmp("again.bc"))  # fmt: skip

    # -- the whole TU ---------------------------------------------------------------

    def run(self, dkey: str | None) -> Outcome:
        """Compile the TU after a direct-mode miss; *dkey* records its manifest (None: don't)."""
        c, tu, steps = self.ctx, self.tu, self.steps
        got_ir = self.emit_ir()
        if got_ir is None:
            # Most often invalid source: the user's compile reports it exactly as clang would.
            self.reference()
            return self.outcome()
        ir_text, ir_stderr, includes = got_ir
        c.stats.add("compilations")
        okey = keys.object_key(ir_text, tu.codegen_flags(), c.tc.identity(), c.advisor_identity,
                               c.cfg.eval_mode)  # fmt: skip
        hit = c.cache.get_object(okey)
        if (
            hit is not None
            and hit[0].get("ir_stderr") == ir_stderr
            # An object from a provisional decision is not served once it can be bettered.
            and provisional.holds(c.cache, hit[0])
            # Plain diagnostics cannot be coloured for a terminal: then compile again.
            and diagnostics.replay(hit[0], tu.color) is not None
        ):
            meta, blob, tier = hit
            if self._install_object_hit(blob):
                _emit(diagnostics.replay(meta, tu.color).encode("utf-8", "surrogateescape"))
                steps.hit = (meta, tier.name)
                c.stats.add("object_hits")
                c.stats.add(tier.hits)
                diag = {k: meta[k] for k in (diagnostics.PLAIN, diagnostics.COLOR) if k in meta}
                self.store_manifest(dkey, includes, okey, diag)
                return self.outcome()
        r = self.reference()
        if not r.ok:
            return self.outcome()
        # The plain text (and the coloured bytes, if the compile ran coloured): a hit may
        # print into a log as well as into a terminal.
        diag = diagnostics.stored(r.stderr.decode("utf-8", "surrogateescape"), tu.color)
        ref_path = self.reference_object()
        choice = self.choose(ir_text, ref_path)
        steps.installed = self.install(choice)
        out = self.outcome()
        if steps.cacheable:
            meta = {"ir_stderr": ir_stderr, **diag, **out.decision()}
            c.cache.put_object(okey, meta, steps.installed.blob)
            self.store_manifest(dkey, includes, okey, diag)
        return out

    def internal_error(self, e: Exception) -> Outcome:
        """The outcome after a bug anywhere in :meth:`run` (call it while handling *e*): the
        reference's, compiled now if it had not run; the build gets clang -Oz's result."""
        import traceback

        c, steps = self.ctx, self.steps
        c.stats.add("errors")
        c.stats.add_to("errors_by_kind", type(e).__name__)
        c.log("internal_error", source=self.tu.source, error=repr(e),
              traceback=traceback.format_exc()[-2000:])  # fmt: skip
        if steps.reference_rc is None:
            self.reference()
        steps.error = True
        if steps.reference_rc == 0:
            # The reference compile wrote the output; candidates only replace it atomically.
            c.stats.add_to("fallbacks", Reason.INTERNAL_ERROR)
        return self.outcome()

    def _install_object_hit(self, blob: bytes) -> bool:
        """Write a cached object and, if asked for, the user's dependency file.

        The reference compile did not run, so the dependency file comes from a
        preprocessor-only run with the user's own dependency flags.
        """
        if self.tu.depfile is not None:
            r = self._clang(self.tu.depfile_argv(), timeout=self.ctx.cfg.codegen_timeout)
            if not r.ok:
                return False
        write_atomic(self.tu.output, blob)
        return True

    def install(self, choice: Choice) -> Installed:
        """Put the winner in place (or keep the reference); the final bytes and the path."""
        c, tu, winner = self.ctx, self.tu, choice.winner
        if winner is None:
            c.stats.add_to("fallbacks", choice.fallback or Reason.UNKNOWN)
            return Installed("fallback", _read(tu.output))
        obj = winner["object"]
        if tu.emit_asm:
            asm = self._tmp("final.s")
            r = self._clang(
                tu.codegen_argv(winner["bitcode"], asm, asm=True,
                                options=winner.get("options", ())),
                timeout=c.cfg.codegen_timeout,
            )  # fmt: skip
            if not r.ok:
                c.stats.add_to("fallbacks", Reason.ASM_CODEGEN_FAILED)
                return Installed("fallback", _read(tu.output), Reason.ASM_CODEGEN_FAILED,
                                 transient=_transient(r))  # fmt: skip
            obj = asm
        write_atomic(tu.output, _read(obj))
        c.stats.add("optimized")
        return Installed("optimized", _read(tu.output))

    def store_manifest(
        self, dkey: str | None, includes: list[str], okey: str, diag: dict[str, str]
    ) -> None:
        """*diag*: the diagnostics fields (llmcc.diagnostics.stored) a direct hit replays."""
        c = self.ctx
        if dkey is None or not c.cache.holds("man"):
            return
        try:
            digests = direct.digest_files(includes, not_after_ns=self.start_ns)
        except direct.NotCacheable as e:
            c.log("direct_skip", source=self.tu.source, reason=str(e))
            return
        variant = {"includes": digests, "object_key": okey, **diag}
        if self.tu.depfile is not None:
            try:
                variant["depfile"] = _read(self.tu.depfile).decode("utf-8", "surrogateescape")
            except OSError:
                return
        c.cache.put_manifest_bytes(
            dkey, direct.add_variant(c.cache.get_manifest_bytes(dkey), variant, dkey)
        )
