"""Evaluating one pass list against the prepared suite.

Per program: opt with ``-verify-each`` (a broken invariant is a rejection, not
a later miscompile), opt a second time and compare the bitcode (non-determinism
is a rejection), codegen through clang exactly as the driver does, link at -O0
(the paper links its tests at a conservative level), run under a timeout and
compare exit code and stdout with the program's -O0 build.

Every step runs under a limit derived from the program's own measured times
and the machine's load (llmcc.passlisteval.limits): a timeout is a failure
that says more about the machine than the list, and the verdict it makes is
inconclusive, never a rejection.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from .. import procs
from ..args import codegen_command, o0_executable_command
from ..optimize import run_opt
from ..outcomes import INCONCLUSIVE, Reason
from .limits import Limits, load_factor
from .progress import Heartbeat
from .suite import Program, compiler_for

DEFAULT_LIMITS = Limits()


def _eval_one(
    prog: dict,
    canonical: str,
    clang: str,
    opt: str,
    suite_dir: str,
    work: str,
    cancelled: threading.Event,
    options: tuple[str, ...] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> dict | None:
    """None if the program passes; else a failure record."""
    if cancelled.is_set():
        return None
    load = load_factor()  # now, not at the start: load comes and goes during a long suite
    tool_limit, limit = limits.tool(prog, load), limits.run(prog, load)
    name = prog["name"]
    ll = os.path.join(suite_dir, name + ".ll")
    bc1, bc2 = os.path.join(work, name + ".1.bc"), os.path.join(work, name + ".2.bc")
    obj, exe = os.path.join(work, name + ".o"), os.path.join(work, name + ".exe")

    def fail(kind: Reason, detail: str) -> dict:
        # The plain string: verdicts are stored, and their repr goes into records' details.
        return {"program": name, "failure": kind.value, "detail": detail[-600:]}

    over = f"{tool_limit:.3g}s (load x{load:.1f})"
    r = run_opt(opt, canonical, ll, bc1, tool_limit, verify_each=True)
    if r.timed_out:
        return fail(Reason.OPT_TIMEOUT, f"opt ran over {over}")
    if not r.ok:
        return fail(Reason.OPT_FAILED, r.summary())
    r = run_opt(opt, canonical, ll, bc2, tool_limit)
    if r.timed_out:
        return fail(Reason.OPT_TIMEOUT, f"second opt run over {over}")
    if not r.ok:
        return fail(Reason.OPT_FAILED_SECOND_RUN, r.summary())
    with open(bc1, "rb") as f1, open(bc2, "rb") as f2:
        if f1.read() != f2.read():
            return fail(Reason.NONDETERMINISTIC, "two opt runs gave different bitcode")
    cc = compiler_for(clang, prog.get("lang", "c"))
    r = procs.run([cc, *codegen_command(["-w"], bc1, obj, options=options)], timeout=tool_limit)
    if r.timed_out or r.returncode == 127:
        return fail(Reason.TOOL_UNAVAILABLE, r.summary())  # load or a failed fork, not the list
    if not r.ok:
        return fail(Reason.CODEGEN_FAILED, r.summary())
    r = procs.run([cc, *o0_executable_command([], obj, exe)], timeout=tool_limit)
    if r.timed_out or r.returncode == 127:
        return fail(Reason.TOOL_UNAVAILABLE, r.summary())
    if not r.ok:
        return fail(Reason.LINK_FAILED, r.summary())
    run = procs.run([exe], timeout=limit, cwd=work)
    if run.timed_out:
        return fail(Reason.RUN_TIMEOUT, f"ran over {limit:.1f}s (reference {prog.get('seconds')}s)")
    if run.returncode == 127 and not run.stdout:
        return fail(Reason.TOOL_UNAVAILABLE, run.summary())  # could not be started
    if run.returncode < 0:
        return fail(Reason.CRASH, f"killed by signal {-run.returncode}")
    if run.returncode != prog["rc"]:
        return fail(
            Reason.WRONG_EXIT,
            f"exit {run.returncode}, expected {prog['rc']}: "
            + run.stderr.decode("utf-8", "replace"),
        )
    if run.stdout.decode("utf-8", "replace") != prog["stdout"]:
        return fail(Reason.WRONG_OUTPUT, "stdout differs from the -O0 build")
    for p in (bc1, bc2, obj, exe):
        try:
            os.unlink(p)
        except OSError:
            pass
    return None


def outcome_text(failures: list[dict]) -> str:
    """How a terminal or a progress line names a verdict: a timeout is never a rejection."""
    if not failures:
        return "passed"
    if all(f["failure"] in INCONCLUSIVE for f in failures):
        return "inconclusive (timeout)"
    return f"rejected ({failures[0]['failure']} in {failures[0]['program']})"


def evaluate(
    canonical: str,
    clang: str,
    opt: str,
    suite_dir: str,
    manifest: dict,
    jobs: int,
    stop_early: bool = True,
    options: tuple[str, ...] = (),
    limits: Limits | None = None,
    progress_after: float | None = None,
) -> dict:
    """The verdict on *canonical* (a vetted pipeline, without the always-inline prefix)
    with the candidate's codegen *options* on every program's codegen.

    *limits*: the time limits' floor and scale (default: llmcc.passlisteval.limits');
    *progress_after*: seconds before the terminal heartbeat's first line."""
    start = time.monotonic()
    work = tempfile.mkdtemp(prefix="llmcc-eval-")
    cancelled = threading.Event()
    failures: list[dict] = []
    lim = limits or DEFAULT_LIMITS
    ex = ThreadPoolExecutor(max(1, jobs))
    hb = Heartbeat(f"PassListEval {canonical[:70]}", len(manifest["programs"]), progress_after)
    try:
        hb.__enter__()
        futs = [
            ex.submit(_eval_one, p, canonical, clang, opt, suite_dir, work, cancelled, options, lim)
            for p in manifest["programs"]
        ]
        for fut in as_completed(futs):
            res = fut.result()
            hb.step()
            if res is not None:
                failures.append(res)
                if stop_early:
                    cancelled.set()
    except (KeyboardInterrupt, SystemExit):
        # Ctrl-C or SIGTERM (the driver's handler raises SystemExit): the process is
        # going down. Running programs are killed, not waited for, and no verdict is made.
        procs.stop_all()
        raise
    finally:
        # Queued programs are dropped; a stop_all above ends the running ones.
        cancelled.set()
        ex.shutdown(wait=True, cancel_futures=True)
        hb.__exit__()
        shutil.rmtree(work, ignore_errors=True)
    failures.sort(key=lambda f: f["program"])
    hb.finish(outcome_text(failures))
    return {
        "pipeline": canonical,
        **({"options": list(options)} if options else {}),
        "passed": not failures,
        "failures": failures,
        "programs": len(manifest["programs"]),
        "seconds": round(time.monotonic() - start, 2),
        "complete": not (stop_early and failures),
    }


__all__ = ["Program", "evaluate"]
