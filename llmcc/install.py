"""Install: the TU's final bytes in the user's output, in one rename, or the reference kept.

The last step of the per-TU chain (llmcc.pipeline), and with the reference compile the
only one that writes the user's output: the winner of choose replaces clang -Oz's object
atomically (for ``-S``, its assembly is generated first, and a failure there keeps the
reference), and an object hit is written the same way with its dependency file. It
returns an :class:`Installed`; the outcome is assembled from it (llmcc.decision).
"""

from __future__ import annotations

from collections.abc import Callable

from . import procs, trial
from .args import TranslationUnit
from .context import Context
from .decision import Choice, Installed
from .fsutil import read as _read
from .fsutil import write_atomic
from .outcomes import Reason


def _clang(ctx: Context, argv: list[str], timeout: float | None = None) -> procs.Result:
    return procs.run([ctx.tc.clang, *argv], timeout=timeout)


def install(ctx: Context, tu: TranslationUnit, choice: Choice,
            tmp: Callable[[str], str]) -> Installed:  # fmt: skip
    """Put the winner in place (or keep the reference); the final bytes and the path. *tmp*
    names a file in the TU's temp directory."""
    winner = choice.winner
    if winner is None:
        ctx.stats.add_to("fallbacks", choice.fallback or Reason.UNKNOWN)
        return Installed("fallback", _read(tu.output))
    obj = winner["object"]
    if tu.emit_asm:
        asm = tmp("final.s")
        r = _clang(
            ctx,
            tu.codegen_argv(winner["bitcode"], asm, asm=True,
                            options=winner.get("options", ())),
            timeout=ctx.cfg.codegen_timeout,
        )  # fmt: skip
        if not r.ok:
            ctx.stats.add_to("fallbacks", Reason.ASM_CODEGEN_FAILED)
            return Installed("fallback", _read(tu.output), Reason.ASM_CODEGEN_FAILED,
                             transient=trial.transient_failure(r))  # fmt: skip
        obj = asm
    write_atomic(tu.output, _read(obj))
    ctx.stats.add("optimized")
    return Installed("optimized", _read(tu.output))


def object_hit(ctx: Context, tu: TranslationUnit, blob: bytes) -> bool:
    """Write a cached object and, if asked for, the user's dependency file.

    The reference compile did not run, so the dependency file comes from a
    preprocessor-only run with the user's own dependency flags.
    """
    if tu.depfile is not None:
        r = _clang(ctx, tu.depfile_argv(), timeout=ctx.cfg.codegen_timeout)
        if not r.ok:
            return False
    write_atomic(tu.output, blob)
    return True
