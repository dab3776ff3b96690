"""The per-TU pipeline: direct lookup → IR → object lookup → reference → choose → install.

Data flows one way. Each step is a function of the previous steps' results
(choose and install are modules of their own: llmcc.choose, llmcc.install);
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

from . import choose as choose_step
from . import diagnostics, procs, provisional
from . import install as install_step
from .args import TranslationUnit
from .cache import direct, keys
from .context import Context
from .decision import Choice, Installed, Outcome, Steps, assemble
from .fsutil import read as _read
from .outcomes import Reason


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

    def choose(self, ir_text: str, ref_path: str) -> Choice:
        """llmcc.choose: the winner among the TU's proposals, or why there is none."""
        return choose_step.choose(self.ctx, self.tu, self.steps, self._tmp, ir_text, ref_path)

    def install(self, choice: Choice) -> Installed:
        """llmcc.install: the winner over the reference, or the reference kept."""
        return install_step.install(self.ctx, self.tu, choice, self._tmp)

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
            if install_step.object_hit(c, tu, blob):
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
