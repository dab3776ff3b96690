"""Finding, auto-starting and stopping the local model server; ``llmcc-admin server``.

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
import signal
import socket
import stat
import subprocess
import sys
import time

from ..fsutil import write_atomic
from .client import UNAVAILABLE, ModelError

MAX_SOCKET_PATH = 100
DOWN_SECONDS = 30.0
"""After a timeout or a failed start, clients skip the model this long instead of each waiting."""


def state_dir(cache_dir: str | None) -> str:
    if cache_dir:
        return os.path.join(cache_dir, "server")
    return os.path.join(_tmp_base(), "server")


def _tmp_base() -> str:
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"llmcc-{os.getuid()}")


def private_dir(path: str) -> str:
    """Create *path* 0700, or refuse one that someone else could use (a socket lives there)."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        raise ModelError(UNAVAILABLE, f"{path} is not a directory owned by this user")
    if st.st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


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
        from ..advisor.select import dir_stamp

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
            sock = os.path.join(base or _tmp_base(), f"{key}.sock")
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

    def _options(self) -> list[str]:
        out = ["--threads", str(self.threads)] if self.threads else []
        return out + (["--context", str(self.context)] if self.context else [])

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
        argv = [
            sys.executable,
            "-m",
            "llmcc.server.app",
            "--model",
            self.model_dir,
            "--name",
            self.name,
            "--socket",
            self.socket,
            "--state",
            self.state,
            "--log",
            self.log,
            "--idle",
            str(self.idle),
        ]
        argv += self._options()
        env = dict(os.environ)
        if listen:
            argv += ["--listen", listen]
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


# -- the circuit breaker: one timeout per outage, not one per TU --------------------------


def _down_path(sdir: str, base: str) -> str:
    digest = hashlib.blake2b(base.encode(), digest_size=6).hexdigest()
    return os.path.join(sdir, f"down-{digest}")


def mark_down(sdir: str, base: str, reason: str, seconds: float = DOWN_SECONDS) -> None:
    """Remember for *seconds* (``LLMCC_MODEL_RETRY_AFTER``) that *base* (in state dir
    *sdir*) failed."""
    path = _down_path(sdir, base)
    try:
        private_dir(os.path.dirname(path))
        doc = {"until": time.time() + seconds, "reason": reason}
        write_atomic(path, json.dumps(doc).encode())
    except (OSError, ModelError):
        pass


def is_down(sdir: str, base: str, now: float | None = None) -> str | None:
    """The reason the endpoint was marked down, if its mark has not expired at *now*
    (a ``time.time()`` value; the current time unless a test passes an explicit one)."""
    try:
        with open(_down_path(sdir, base)) as f:
            doc = json.load(f)
        until = float(doc["until"])
        return str(doc["reason"]) if until > (time.time() if now is None else now) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_down(sdir: str, base: str) -> None:
    try:
        os.unlink(_down_path(sdir, base))
    except OSError:
        pass


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
        doc["alive"] = _is_server(doc.get("pid"))
        doc["health"] = _health(doc.get("socket")) if doc["alive"] else None
        out.append(doc)
    return out


def _is_server(pid: object) -> bool:
    """The pid is alive and is a model server (pids get reused)."""
    if not isinstance(pid, int):
        return False
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read()
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except OSError:
            return False
    # Auto-started servers run the module; `llmcc-admin server run` (or start --foreground)
    # serves in the admin process itself.
    return b"llmcc.server.app" in argv or (
        b"llmcc-admin" in argv and (b"\0run" in argv or b"\0--foreground" in argv)
    )


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
    stopped = []
    for doc in servers(cache_dir):
        pid = doc.get("pid")
        if doc["alive"] and isinstance(pid, int):
            for sig in (signal.SIGTERM, signal.SIGCONT):  # CONT: a stopped one must see TERM
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass
            deadline = time.monotonic() + wait
            while _is_server(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if _is_server(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            stopped.append(pid)
        for path in (doc["state"], doc.get("socket")):
            if path and not _is_server(pid):
                try:
                    os.unlink(path)
                except OSError:
                    pass
    return stopped


def main(ns) -> int:
    """``llmcc-admin server start|stop|status|run``."""
    from ..config import Config

    cfg = Config.from_env()
    if ns.action == "status":
        return _status(cfg, getattr(ns, "json", False))
    if ns.action == "stop":
        pids = stop_all(cfg.cache_dir)
        print(f"stopped {', '.join(map(str, pids))}" if pids else "no model server was running")
        return 0
    model_dir = getattr(ns, "model", None) or _configured_model(cfg)
    if model_dir is None:
        sys.stderr.write("llmcc-admin server: LLMCC_MODEL is not onnx:<dir>; give --model DIR\n")
        return 2
    if not os.path.isdir(model_dir):
        sys.stderr.write(f"llmcc-admin server: {model_dir} is not a directory\n")
        return 2
    listen = getattr(ns, "listen", None)
    api_key = getattr(ns, "api_key", None) or os.environ.get("LLMCC_SERVER_API_KEY")
    if listen and not api_key:
        sys.stderr.write(
            "llmcc-admin server: --listen needs --api-key (or $LLMCC_SERVER_API_KEY)\n"
        )
        return 2
    idle = cfg.server_idle if getattr(ns, "idle", None) is None else ns.idle
    srv = LocalServer.from_config(cfg, model_dir, idle, getattr(ns, "threads", None))
    if ns.action == "run" or getattr(ns, "foreground", False):
        from . import app

        private_dir(srv.dir)
        private_dir(os.path.dirname(srv.socket))
        argv = [
            "--model",
            srv.model_dir,
            "--name",
            srv.name,
            "--socket",
            srv.socket,
            "--state",
            srv.state,
            "--idle",
            str(idle),
        ]
        argv += srv._options()
        if listen:
            os.environ["LLMCC_SERVER_API_KEY"] = api_key or ""
            argv += ["--listen", listen]
        return app.main(argv)
    clear_down(srv.dir, srv.base)
    running = next(
        (d for d in servers(cfg.cache_dir) if d.get("socket") == srv.socket and d["alive"]), None
    )
    if running is not None and listen and running.get("listen") is None:
        sys.stderr.write(
            f"llmcc-admin server: pid {running['pid']} already serves "
            f"{srv.name} without --listen; run 'llmcc-admin server stop' first\n"
        )
        return 1
    try:
        started = srv.ensure(listen, api_key)
    except ModelError as e:
        sys.stderr.write(f"llmcc-admin server: {e.detail}\n")
        return 1
    print(("started" if started else "already running") + f": {srv.name} on {srv.socket}")
    return _status(cfg, False) if started else 0


def _configured_model(cfg) -> str | None:
    from ..advisor.select import spec

    try:
        kind, target = spec(cfg.model)
    except ValueError:
        return None
    return target if kind == "onnx" else None


def _status(cfg, as_json: bool) -> int:
    docs = servers(cfg.cache_dir)
    if as_json:
        json.dump(docs, sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    elif not docs:
        print("no model server")
    for d in docs if not as_json else []:
        h = d.get("health") or {}
        state = "serving" if h else ("not answering" if d["alive"] else "dead (stale state)")
        where = ", ".join(x for x in (d.get("socket"), d.get("listen")) if x)
        print(f"{d.get('name')}: {state}, pid {d.get('pid')}, {where}")
        if h:
            print(
                f"  uptime {h.get('uptime')}s, {h.get('requests')} requests, "
                f"context {h.get('context')} tokens; log {d.get('log')}"
            )
    return 0 if any(d.get("health") for d in docs) else 1
