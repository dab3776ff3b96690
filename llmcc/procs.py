"""Running the wrapped tools: timeouts, process groups, and the recursion guard.

Every child gets LLMCC_ACTIVE=1 in its environment, so an llmcc that finds
itself started by llmcc (a misconfigured LLMCC_CLANG, a ``clang`` symlink to
llmcc on PATH) stops instead of forking forever.

Every running child is registered, so that a termination (SIGTERM, SIGHUP, Ctrl-C)
can take all of them down at once with ``stop_all``: PassListEval's worker threads wait
on their children, signals reach only the main thread, and a suite program (or a
stopped, hung opt) would otherwise keep the dying process waiting for it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

from .toolchain import RECURSION_ENV

_live: set[subprocess.Popen] = set()
# Reentrant: stop_all runs in a signal handler, which may interrupt the main thread
# while it holds the lock to register a child.
_lock = threading.RLock()
_stopping = False


class Stopped(Exception):
    """The process is terminating (``stop_all``): no tool is started, a killed one is no
    result. Raised in worker threads, whose results nobody reads any more."""


@dataclass
class Result:
    argv: list[str]
    returncode: int
    stdout: bytes
    stderr: bytes
    seconds: float
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def summary(self, limit: int = 400) -> str:
        if self.timed_out:
            return f"timed out after {self.seconds:.1f}s"
        err = self.stderr.decode("utf-8", "replace").strip()
        return f"exit {self.returncode}: {err[-limit:]}" if err else f"exit {self.returncode}"


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env[RECURSION_ENV] = "1"
    if extra:
        env.update(extra)
    return env


def run(
    argv: list[str],
    timeout: float | None = None,
    cwd: str | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    """Run a tool, killing its whole process group on timeout (opt can hang).

    Raises Stopped once ``stop_all`` ran: nothing new starts, and a child it killed is
    not reported as the tool's failure (a crash would read as a verdict on a list)."""
    start = time.monotonic()
    proc: subprocess.Popen | None = None
    try:
        with _lock:
            if _stopping:
                raise Stopped(argv[0])
            try:
                proc = subprocess.Popen(
                    argv,
                    stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    cwd=cwd,
                    env=env if env is not None else child_env(),
                    start_new_session=True,
                )
            except OSError as e:
                return Result(argv, 127, b"", f"cannot run {argv[0]}: {e}".encode(), 0.0)
            _live.add(proc)
        try:
            out, err = proc.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            out, err = proc.communicate()
            return Result(argv, -9, out, err, time.monotonic() - start, timed_out=True)
        except BaseException:
            # Ctrl-C or SIGTERM reached llmcc, not the child (its own session): take it
            # down too, or it would go on writing the output after the build gave up.
            _kill(proc)
            proc.wait()
            raise
    finally:
        if proc is not None:
            with _lock:
                _live.discard(proc)
    if _stopping:
        raise Stopped(argv[0])
    return Result(argv, proc.returncode, out, err, time.monotonic() - start)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass


def stop_all() -> None:
    """Kill every running child's process group, and start no more in this process.

    For a process that is terminating: the driver's and ``llmcc-admin``'s SIGTERM and
    SIGHUP handlers, and PassListEval unwinding from Ctrl-C. Worker threads waiting on
    a child then return at once (with Stopped), so a ``ThreadPoolExecutor`` shut down
    while unwinding does not wait for suite programs to finish. Safe in a signal handler.
    """
    global _stopping
    with _lock:
        _stopping = True
        running = list(_live)
    for proc in running:
        _kill(proc)
