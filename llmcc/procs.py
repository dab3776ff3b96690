"""Running the wrapped tools: timeouts, process groups, and the recursion guard.

Every child gets LLMCC_ACTIVE=1 in its environment, so an llmcc that finds
itself started by llmcc (a misconfigured LLMCC_CLANG, a ``clang`` symlink to
llmcc on PATH) stops instead of forking forever.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass

from .toolchain import RECURSION_ENV


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
    """Run a tool, killing its whole process group on timeout (opt can hang)."""
    start = time.monotonic()
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
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        out, err = proc.communicate()
        return Result(argv, -9, out, err, time.monotonic() - start, timed_out=True)
    except BaseException:
        # Ctrl-C or SIGTERM reached llmcc, not the child (its own session): take it down
        # too, or it would go on writing the output after the build gave up.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        proc.wait()
        raise
    return Result(argv, proc.returncode, out, err, time.monotonic() - start)
