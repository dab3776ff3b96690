"""Finding, auto-starting and stopping the local model server (``llmcc-admin server``
in cli/admin.py drives it; the skip-after-failure marks are ``breaker.py``).

One server per (model directory, cache directory). Its files live in
``<cache>/server/`` (0700): ``<key>.json`` (pid, socket, address while it
serves), ``<key>.lock`` (held while one client starts it, so a ``make -j``
burst starts exactly one), ``<key>.log``; and ``<key>.sock``, unless that
path is too long for AF_UNIX (108 bytes), in which case the socket goes to
``$XDG_RUNTIME_DIR/llmcc/`` or ``${TMPDIR:-/tmp}/llmcc-<uid>/`` (0700, checked).

The driver side (``LocalServer.ensure``) uses the standard library and
filelock only.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time

from .breaker import DOWN_SECONDS, is_down, mark_down
from .client import UNAVAILABLE, ModelError
from .paths import private_dir, state_dir, tmp_base

MAX_SOCKET_PATH = 100


def model_name(model_dir: str) -> str:
    return os.path.basename(os.path.realpath(model_dir).rstrip("/")) or "model"


class LocalServer:
    """The server for one model directory and one cache directory."""

    def __init__(
        self,
        model_dir: str,
        cache_dir: str | None,
        idle: float = 600.0,
        start_timeout: float = 120.0,
        threads: int = 0,
        context: int = 0,
        retry_after: float = DOWN_SECONDS,
    ) -> None:
        self.model_dir = os.path.realpath(model_dir)
        self.name = model_name(model_dir)
        self.dir = state_dir(cache_dir)
        self.idle = idle
        self.start_timeout = start_timeout
        self.threads = threads
        self.context = context
        self.retry_after = retry_after
        """After a failed start, clients skip this server for that long (:func:`mark_down`)."""
        # The model files' stamp is in the key: a re-export gets a fresh server instead of
        # answers from the old weights in memory (the old server idles out).
        from ..advisor.identity import dir_stamp

        key = hashlib.blake2b(
            f"{dir_stamp(self.model_dir)}\0{os.path.realpath(self.dir)}".encode(), digest_size=6
        ).hexdigest()
        self.key = key
        self.state = os.path.join(self.dir, f"{key}.json")
        self.lock = os.path.join(self.dir, f"{key}.lock")
        self.log = os.path.join(self.dir, f"{key}.log")
        sock = os.path.join(self.dir, f"{key}.sock")
        if len(sock.encode()) > MAX_SOCKET_PATH:
            runtime = os.environ.get("XDG_RUNTIME_DIR")
            base = os.path.join(runtime, "llmcc") if runtime and os.path.isdir(runtime) else None
            sock = os.path.join(base or tmp_base(), f"{key}.sock")
        self.socket = sock

    @classmethod
    def from_config(
        cls, cfg, model_dir: str, idle: float | None = None, threads: int | None = None
    ) -> LocalServer:
        return cls(
            model_dir,
            cfg.cache_dir,
            cfg.server_idle if idle is None else idle,
            cfg.server_start_timeout,
            threads or cfg.server_threads,
            cfg.model_context,
            cfg.model_retry_after,
        )

    def app_args(self, listen: str | None = None, log: bool = True) -> list[str]:
        """The server's command line (``llmcc.server.app``'s arguments), for the auto-start
        and for ``llmcc-admin server run``. *log*: append to ``<key>.log`` (a detached
        server); without it the server logs to stderr (one in the foreground)."""
        argv = ["--model", self.model_dir, "--name", self.name, "--socket", self.socket,
                "--state", self.state]  # fmt: skip
        if log:
            argv += ["--log", self.log]
        argv += ["--idle", str(self.idle)]
        if self.threads:
            argv += ["--threads", str(self.threads)]
        if self.context:
            argv += ["--context", str(self.context)]
        return argv + (["--listen", listen] if listen else [])

    @property
    def base(self) -> str:
        return "unix:" + self.socket

    def alive(self) -> bool:
        """Something accepts connections on the socket (a hung server does too: that costs
        the request's timeout, once, see :func:`mark_down`)."""
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(2.0)
        try:
            s.connect(self.socket)
            return True
        except OSError:
            return False
        finally:
            s.close()

    def ensure(self, listen: str | None = None, api_key: str | None = None) -> bool:
        """Start the server unless one answers; True if this call started it.

        Raises :class:`ModelError` (model-unavailable) if it cannot be started in time,
        or at all: an unwritable state dir or a failed spawn is a fallback, not a crash.
        """
        try:
            return self._ensure(listen, api_key)
        except OSError as e:
            raise ModelError(UNAVAILABLE, f"cannot start the model server: {e}") from e

    def _ensure(self, listen: str | None, api_key: str | None) -> bool:
        if self.alive():
            return False
        if not os.path.isfile(os.path.join(self.model_dir, "model.onnx")):
            # Checked here, not in the server: starting one to find out costs seconds.
            raise ModelError(UNAVAILABLE, f"no model.onnx in {self.model_dir}")
        private_dir(self.dir)
        private_dir(os.path.dirname(self.socket))
        from filelock import FileLock, Timeout

        try:
            with FileLock(self.lock, timeout=self.start_timeout + 5):
                if self.alive():  # another client started it while we waited
                    return False
                down = is_down(self.dir, self.base)
                if down is not None:  # a start just failed: do not pay for another now
                    raise ModelError(UNAVAILABLE, f"not restarting the server yet: {down}")
                try:
                    self._spawn(listen, api_key)
                except ModelError as e:
                    mark_down(self.dir, self.base, e.detail, self.retry_after)
                    raise
                return True
        except Timeout as e:
            raise ModelError(UNAVAILABLE, f"timed out waiting for {self.lock}") from e

    def _spawn(self, listen: str | None, api_key: str | None) -> None:
        argv = [sys.executable, "-m", "llmcc.server.app", *self.app_args(listen)]
        env = dict(os.environ)
        if listen:
            env["LLMCC_SERVER_API_KEY"] = api_key or ""  # not on the command line: ps shows it
        fd = os.open(self.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            # Its own session, no inherited pipes: `make` must not wait for it, nor a
            # terminal's ^C reach it.
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=fd,
                stderr=fd,
                cwd="/",
                env=env,
                start_new_session=True,
            )
        finally:
            os.close(fd)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.alive():
                proc.returncode = 0  # detached on purpose: no "still running" warning
                return
            rc = proc.poll()
            if rc is not None:
                raise ModelError(
                    UNAVAILABLE, f"the model server exited ({rc}) while starting; see {self.log}"
                )
            time.sleep(0.05)
        proc.returncode = 0
        raise ModelError(
            UNAVAILABLE,
            f"the model server is not ready after "
            f"{self.start_timeout:g}s (LLMCC_SERVER_START_TIMEOUT); see {self.log}",
        )


# -- llmcc-admin server ------------------------------------------------------------------


def servers(cache_dir: str | None) -> list[dict]:
    """State files of this cache directory's servers, with ``alive`` and ``health``."""
    d = state_dir(cache_dir)
    out = []
    try:
        names = sorted(n for n in os.listdir(d) if n.endswith(".json"))
    except OSError:
        return []
    for n in names:
        path = os.path.join(d, n)
        try:
            with open(path) as f:
                doc = json.load(f)
        except (OSError, ValueError):
            continue
        doc["state"] = path
        doc["alive"] = server_process(doc) is not None
        doc["health"] = _health(doc.get("socket")) if doc["alive"] else None
        out.append(doc)
    return out


def server_process(doc: dict):
    """The running model server a state file describes (a ``psutil.Process``), or None.

    Pids get reused: the pid must belong to a process that was already running when the
    server wrote its state (``started``), and that process must be a model server.
    psutil reads both portably (not /proc by hand); it is imported here only, on the
    admin side: no compile imports this function.
    """
    import psutil

    pid = doc.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool):
        return None
    try:
        proc = psutil.Process(pid)
        started = doc.get("started")
        # create_time is the kernel's, in 10 ms ticks: a second of slack is ample, and a
        # pid reused after the state was written starts later than that.
        if isinstance(started, int | float) and proc.create_time() > started + 1.0:
            return None
        argv = proc.cmdline()
    except psutil.Error:  # gone, a zombie, or another user's (never our server)
        return None
    return proc if _serves(argv) else None


def _serves(argv: list[str]) -> bool:
    """Auto-started servers run the module; ``llmcc-admin server run`` (or ``start
    --foreground``) serves in the admin process itself."""
    if "llmcc.server.app" in argv:
        return True
    admin = any(os.path.basename(a) == "llmcc-admin" for a in argv)
    return admin and ("run" in argv[1:] or "--foreground" in argv[1:])


def _health(sock: str | None) -> dict | None:
    if not sock:
        return None
    from .client import Endpoint

    try:
        return Endpoint("unix:" + sock).request("GET", "/health", None, timeout=3.0)
    except ModelError:
        return None


def stop_all(cache_dir: str | None, wait: float = 10.0) -> list[int]:
    """SIGTERM every server of this cache directory (SIGKILL after *wait*); their pids."""
    import psutil

    stopped = []
    for doc in servers(cache_dir):
        proc = server_process(doc) if doc["alive"] else None
        if proc is not None:
            try:
                proc.terminate()
                proc.resume()  # SIGCONT: a stopped server must see the TERM
            except psutil.Error:
                pass
            _gone, alive = psutil.wait_procs([proc], timeout=wait)
            for p in alive:
                try:
                    p.kill()
                except psutil.Error:
                    pass
            psutil.wait_procs(alive, timeout=wait)
            stopped.append(proc.pid)
        if server_process(doc) is None:
            for path in (doc["state"], doc.get("socket")):
                if path:
                    try:
                        os.unlink(path)
                    except OSError:
                        pass
    return stopped
