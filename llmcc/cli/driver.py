"""``llmcc`` / ``llmc++``: the compiler driver builds call instead of clang.

Start-up is on every compile's critical path, so this module imports only the
standard library and llmcc's light modules until it knows the call is one it
optimizes; a pass-through replaces the process with clang (``execv``), which
keeps stdout, stderr, exit code and signals exactly clang's.
"""

from __future__ import annotations

import os
import sys

from ..args import SOURCE_LANG, auto_color, classify, size_build
from ..config import Config
from ..toolchain import (
    RECURSION_ENV,
    ToolchainError,
    cxx_sibling,
    describe,
    find_compiler,
    is_llmcc_script,
    resolve_major,
    which,
)


def _exec(compiler: str, args: list[str]) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(compiler, [compiler, *args])
    except OSError as e:
        sys.stderr.write(f"llmcc: error: cannot run {compiler}: {e.strerror}\n")
        return 127
    return 127  # not reached


def _launcher_compiler(args: list[str]) -> str | None:
    """``llmcc clang-19 -c x.c``: argv[1] names the compiler (CMake's COMPILER_LAUNCHER)."""
    if not args or args[0].startswith(("-", "@")):
        return None
    first = args[0]
    if os.path.splitext(first)[1] in SOURCE_LANG or os.path.splitext(first)[1] in (".o", ".s"):
        return None
    return which(first, skip_llmcc=False)


def _is_clang(path: str) -> bool:
    """clang, clang++, clang-19, x86_64-linux-gnu-clang-19; not clang-cl, clang-tidy, clang-cpp."""
    import re
    import shutil

    pattern = re.compile(r"(?:^|-)clang(?:\+\+)?(?:-\d+(?:\.\d+)*)?$")
    name = os.path.basename(path)
    if "clang" in name:
        return bool(pattern.search(name))  # clang-cl and clang-cpp link to clang itself
    real = os.path.realpath(shutil.which(path) or path)  # cc, c++: alternatives to clang
    return bool(pattern.search(os.path.basename(real)))


def main(argv: list[str] | None = None) -> int:
    return _main(sys.argv if argv is None else argv, cxx=False)


def main_cxx(argv: list[str] | None = None) -> int:
    return _main(sys.argv if argv is None else argv, cxx=True)


def _main(argv: list[str], cxx: bool) -> int:
    cxx = cxx or os.path.basename(argv[0]).endswith("++")
    args = argv[1:]
    if os.environ.get(RECURSION_ENV):
        sys.stderr.write(
            "llmcc: error: llmcc was started by llmcc itself (LLMCC_CLANG, PATH or a "
            "launcher points back at llmcc); set LLMCC_CLANG to a real clang\n"
        )
        return 2
    cfg = Config.from_env()

    compiler = _launcher_compiler(args)
    if compiler is not None:
        args = args[1:]
        while compiler is not None and is_llmcc_script(compiler):
            # "llmcc llmcc clang -c x.c", as ccache allows.
            compiler = _launcher_compiler(args)
            if compiler is not None:
                args = args[1:]
        if compiler is not None and not _is_clang(compiler):
            return _exec(compiler, args)  # only clang can be optimized
    if compiler is None:
        try:
            if cxx and cfg.clangxx is None and cfg.clang is not None:
                # llmc++ with only LLMCC_CLANG set: the clang++ of that same LLVM install.
                compiler = cxx_sibling(find_compiler(False, cfg.clang))
            else:
                compiler = find_compiler(cxx, cfg.clangxx if cxx else cfg.clang)
        except ToolchainError as e:
            sys.stderr.write(f"{e}\n")
            return 127

    if cfg.disable:
        return _exec(compiler, args)
    verdict = classify(args)
    if verdict.passthrough is not None:
        _count_passthrough(cfg, verdict.passthrough)
        return _exec(compiler, args)
    try:
        rc = _optimize(cfg, compiler, args, verdict.units)
    except _Terminated as t:
        return _die_by(t.signum)  # temp dirs, locks and the child's group went while unwinding
    except Exception as e:
        # A bug in llmcc must never cost a build: hand the whole call to clang as a size build.
        sys.stderr.write(f"llmcc: internal error ({type(e).__name__}: {e}); running clang -Oz\n")
        return _exec(compiler, size_build(args))
    # A clang that died of a signal (procs reports -N): die of it too, so that the shell
    # sees 128+N and a parent's waitpid sees WIFSIGNALED, exactly as with clang.
    return _die_by(-rc) if rc < 0 else rc


class _Terminated(SystemExit):
    """A termination signal, raised in the main thread so that unwinding cleans up first."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _on_signal(signum: int, _frame) -> None:
    import signal

    signal.signal(signum, signal.SIG_IGN)  # a second one must not cut the cleanup short
    # Every running child first (PassListEval's worker threads wait on suite programs,
    # which a signal to this main thread would not stop). Not imported here: no module
    # loaded, no child started through it.
    procs = sys.modules.get("llmcc.procs")
    if procs is not None:
        procs.stop_all()
    raise _Terminated(signum)


def _die_by(signum: int) -> int:
    """End this process by *signum* with its default action, as the compiler it stands for.

    Returns 128+N only if the signal did not end the process (its default is to ignore).
    """
    import signal

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    try:
        signal.signal(signum, signal.SIG_DFL)
    except (OSError, ValueError):
        pass  # SIGKILL and SIGSTOP have no handler to reset
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signum})
        os.kill(os.getpid(), signum)
    except (OSError, ValueError):
        pass
    return 128 + signum


def _count_passthrough(cfg: Config, reason: str) -> None:
    if cfg.cache_dir is None or not cfg.cache_enabled:
        return
    from ..cache.stats import Stats

    s = Stats()
    s.add("passthrough")
    s.add_to("passthrough_reasons", reason)
    try:
        s.flush(cfg.cache_dir)
    except Exception:  # counting must never cost a pass-through compile
        pass


def _optimize(cfg: Config, compiler: str, args: list[str], units) -> int:
    try:
        # The C module under ``signal``: the same calls, without the enum import that costs
        # a cache hit ~1 ms. Handlers get an int signal number from either.
        import _signal as signal
    except ImportError:
        import signal

    from ..advisor.backends import identity
    from ..cache.stats import Stats
    from ..cache.tiers import Cache, warn_once
    from ..record import Logger

    # SIGTERM (make -k cancelled, a CI timeout) and SIGHUP become an exception, so that
    # procs.run takes its child's process group down with llmcc instead of orphaning it and
    # the temp dirs go; _main then dies of the same signal. Ignored ones (nohup) stay ignored.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _on_signal)
    tc = describe(compiler)
    # Diagnostics in colour where clang would colour them: llmcc captures clang's stderr.
    if units and auto_color(units[0].argv, os.environ, os.isatty(2), tc.major):
        for tu in units:
            tu.color = True
    stats = Stats()
    log = Logger(cfg.log_path)
    if cfg.record_dir:
        # A recording build for `llmcc-admin tune`: the IR and how to rebuild, then -Oz only.
        from ..recording import record_units

        return record_units(cfg, resolve_major(tc), units, log)
    missing = tc.missing_tools()
    if missing:
        warn_once(
            f"{', '.join(missing)} not found beside {tc.real}; compiling with clang -Oz "
            f"only (install llvm-{tc.major or 'N'}; 'llmcc-admin doctor' shows details)",
            "tools:" + tc.real,
        )
    try:
        advisor_id = identity(cfg)
    except ValueError as e:
        warn_once(str(e) + "; using the built-in candidates", "model:" + cfg.model)
        advisor_id = identity(cfg, "candidates")
        cfg = cfg.replace(model="candidates")
    root = cfg.cache_dir if cfg.cache_enabled else None
    cache = Cache.open(root, cfg, stats, log)
    from .. import fastpath

    compiler_id = tc.identity()
    ctx = None
    rc = 0
    for tu in units:
        try:
            dkey = fastpath.direct_key(cache, cfg, compiler_id, advisor_id, tu)
            meta = fastpath.try_hit(cache, dkey, tu) if dkey is not None else None
        except Exception as e:  # a failed lookup is a miss; _one still compiles the TU
            log("direct_error", source=tu.source, error=repr(e))
            dkey, meta = None, None
        if meta is not None:
            _record_hit(stats, log, tu, meta)
            continue
        if ctx is None:
            from ..context import Context

            # An unversioned install (/usr/local/bin/clang) says its LLVM version only when
            # asked; the pass registry and the pass-list key need it. Misses only.
            tc = resolve_major(tc)
            ctx = Context(cfg, tc, cache, stats, log, advisor_id)
        rc_tu = _one(ctx, tu, dkey)
        if rc_tu != 0 and rc == 0:
            rc = rc_tu
    try:
        _finish(cache, stats, log, cfg, ctx)
    except Exception as e:  # housekeeping after every output is in place
        log("finish_error", error=repr(e))
    return rc


def _record_hit(stats, log, tu, meta: dict) -> None:
    stats.add("compilations")
    if isinstance(meta.get("bytes_oz"), int) and isinstance(meta.get("bytes_out"), int):
        stats.add("bytes_oz", meta["bytes_oz"])
        stats.add("bytes_out", meta["bytes_out"])
    log("decision", source=tu.source, output=tu.output, path="direct-hit", tier="local",
        argv=tu.argv, cwd=os.getcwd(),
        **{k: meta.get(k) for k in ("pipeline", "provenance", "fallback", "bytes_oz", "bytes_out",
                                    "suite", "provisional")
           if meta.get(k) is not None})  # fmt: skip


def _one(ctx, tu, dkey: str | None) -> int:
    from ..pipeline import Pipeline

    p = Pipeline(ctx, tu)  # its outcome is assembled by llmcc.decision: read here, not written
    try:
        out = p.run(dkey)
    except Exception as e:  # the build must get clang -Oz's result, whatever broke here
        out = p.internal_error(e)
    finally:
        p.cleanup()
    if out.returncode == 0 and out.bytes_oz is not None and out.bytes_out is not None:
        ctx.stats.add("bytes_oz", out.bytes_oz)
        ctx.stats.add("bytes_out", out.bytes_out)
    ctx.log("decision", **out.record())
    return out.returncode


def _finish(cache, stats, log, cfg: Config, ctx) -> None:
    evaluations = ctx.evaluations() if ctx is not None else 0
    if evaluations:
        stats.add("evaluations", evaluations)
    if not cache.writable:
        return
    if cache.bytes_written:
        stats.add("cache_bytes", cache.bytes_written)
    try:
        stats.flush(cache.local.root)
    except OSError as e:
        log("stats_error", problem=str(e))
        return
    if cache.bytes_written > 0:
        from ..cache import maintenance

        maintenance.maybe_cleanup(cache.local, cfg.max_size, log)
