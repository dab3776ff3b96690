"""The model server: OpenAI-compatible completions on a private Unix socket, optionally TCP.

Endpoints: ``POST /v1/completions``, ``GET /v1/models``, ``GET /health``: the
subset of the OpenAI API that vLLM, llama.cpp and TGI also serve, so the
driver has one client for local and remote models. One llmcc extension,
``POST /v1/rank`` (``{"prompt", "candidates": [...]}`` → each candidate's
log-likelihood as the answer, and its score: the mean log-likelihood less the
model's trained library-order prior, best first), lets the driver rank the library's
candidates without importing a model; other servers answer it 404, and the
driver then uses the answer alone.

Access. The Unix socket is created 0600 inside a 0700 directory, and each
connection's peer uid is checked (SO_PEERCRED), so only the user who started
the server can use it. TCP (``--listen``) needs an API key
(``Authorization: Bearer``), compared in constant time; it is plain HTTP, so
outside a trusted network put it behind a TLS proxy or an ssh tunnel.

Decoding is always greedy, as the FTD models are meant to be used:
``temperature`` and ``top_p`` are accepted and ignored.

Lifetime. It exits after ``--idle`` seconds without requests, on SIGTERM, and
by itself (exit 70) if one generation runs past ``--max-request-seconds``,
so a hung model cannot hold the socket forever.
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import signal
import socket
import socketserver
import struct
import sys
import threading
import time
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..fsutil import write_atomic

log = logging.getLogger("llmcc.server")

MAX_REQUEST_BYTES = 8 << 20
MAX_TOKENS_CAP = 2048
MAX_STOP = 8
MAX_CANDIDATES = 256
ANSWER_CACHE = 512
"""Recent answers kept: a retry or a second client with the same TU costs nothing."""


def _error(status: int, message: str, kind: str, code: str | None = None) -> tuple[int, dict]:
    return status, {"error": {"message": message, "type": kind, "param": None, "code": code}}


class Service:
    """Everything but HTTP: request checks, the exact context check, one generation at a time."""

    def __init__(self, backend, name: str) -> None:
        self.backend = backend
        self.name = name
        self.started = time.time()
        self.requests = 0
        self.in_flight = 0
        self.busy_since: float | None = None
        self.last_activity = time.monotonic()
        self._count = threading.Lock()
        self._generate = threading.Lock()
        self._answers: OrderedDict[tuple, dict] = OrderedDict()

    def idle_expired(self, now: float, idle: float) -> bool:
        """True when no request is in flight and none has been for more than *idle*
        seconds at *now* (a ``time.monotonic()`` value: :func:`serve` passes the clock, so
        tests can pass explicit times). *idle* 0 means never."""
        return idle > 0 and self.in_flight == 0 and now - self.last_activity > idle

    def health(self) -> dict:
        return {
            "status": "ok",
            "model": self.name,
            "pid": os.getpid(),
            "uptime": round(time.time() - self.started, 1),
            "requests": self.requests,
            "in_flight": self.in_flight,
            "context": self.backend.context,
        }

    def models(self) -> dict:
        return {
            "object": "list",
            "data": [
                {
                    "id": self.name,
                    "object": "model",
                    "created": int(self.started),
                    "owned_by": "llmcc",
                    "max_model_len": self.backend.context,
                }
            ],
        }

    def complete(self, body: object) -> tuple[int, dict]:
        return self._counted(self._complete, body)

    def rank(self, body: object) -> tuple[int, dict]:
        return self._counted(self._rank, body)

    def _counted(self, handler, body: object) -> tuple[int, dict]:
        """Run one request while it counts as in flight: the idle exit must not race it."""
        with self._count:
            self.in_flight += 1
            self.requests += 1
        try:
            return handler(body)
        finally:
            with self._count:
                self.in_flight -= 1
                self.last_activity = time.monotonic()

    def _rank(self, body: object) -> tuple[int, dict]:
        if not isinstance(body, dict):
            return _error(400, "the body must be a JSON object", "invalid_request_error")
        prompt, cands = body.get("prompt"), body.get("candidates")
        if not isinstance(prompt, str):
            return _error(400, "'prompt' must be one string", "invalid_request_error")
        if not (
            isinstance(cands, list)
            and 0 < len(cands) <= MAX_CANDIDATES
            and all(isinstance(c, str) and c.strip() for c in cands)
        ):
            return _error(
                400,
                f"'candidates' must be 1 to {MAX_CANDIDATES} non-empty strings",
                "invalid_request_error",
            )
        if body.get("model") not in (None, "", self.name):
            return _error(404, f"this server has '{self.name}'", "invalid_request_error",
                          "model_not_found")  # fmt: skip
        if not hasattr(self.backend, "rank"):
            return _error(404, "this model cannot rank", "invalid_request_error")
        key = ("rank", prompt, tuple(cands))
        with self._generate:
            self.busy_since = time.monotonic()
            try:
                doc = self._answers.get(key)
                if doc is None:
                    n = self.backend.count_tokens(prompt)
                    if n >= self.backend.context:
                        return _error(400, f"the prompt has {n} tokens; the model takes "
                                      f"{self.backend.context}", "invalid_request_error",
                                      "context_length_exceeded")  # fmt: skip
                    t0 = time.monotonic()
                    scores, n = self.backend.rank(prompt, cands)
                    rows = [
                        {"index": i, "candidate": c, "logprob": round(lp, 4), "tokens": t,
                         "score": round(self.backend.score(c, lp, t), 6)}
                        for i, (c, (lp, t)) in enumerate(zip(cands, scores, strict=True))
                    ]  # fmt: skip
                    rows.sort(key=lambda r: (-r["score"], r["index"]))
                    doc = {"data": rows, "usage": {"prompt_tokens": n}}
                    log.info("ranked %d candidates on %d tokens in %.3fs", len(cands), n,
                             time.monotonic() - t0)  # fmt: skip
                    self._remember(key, doc)
                else:
                    self._answers.move_to_end(key)
            finally:
                self.busy_since = None
        return 200, {"object": "rank", "model": self.name, **doc}

    def _remember(self, key, answer: dict) -> None:
        """Keep *answer* for a repeated request, dropping the oldest past ANSWER_CACHE."""
        self._answers[key] = answer
        while len(self._answers) > ANSWER_CACHE:
            self._answers.popitem(last=False)

    def _complete(self, body: object) -> tuple[int, dict]:
        if not isinstance(body, dict):
            return _error(400, "the body must be a JSON object", "invalid_request_error")
        prompt = body.get("prompt")
        if isinstance(prompt, list) and len(prompt) == 1:
            prompt = prompt[0]
        if not isinstance(prompt, str):
            return _error(400, "'prompt' must be one string", "invalid_request_error")
        max_tokens = body.get("max_tokens", 16)
        if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
            return _error(400, "'max_tokens' must be a positive integer", "invalid_request_error")
        max_tokens = min(max_tokens, MAX_TOKENS_CAP)
        stop = body.get("stop") or []
        if isinstance(stop, str):
            stop = [stop]
        if not (isinstance(stop, list) and all(isinstance(s, str) and s for s in stop)):
            return _error(
                400, "'stop' must be a string or a list of strings", "invalid_request_error"
            )
        if len(stop) > MAX_STOP:
            return _error(400, f"at most {MAX_STOP} stop sequences", "invalid_request_error")
        model = body.get("model")
        if model not in (None, "", self.name):
            return _error(
                404,
                f"The model '{model}' does not exist; this server has '{self.name}'",
                "invalid_request_error",
                "model_not_found",
            )
        key = (prompt, max_tokens, tuple(stop))
        with self._generate:  # tokenizer and session are not shared between threads
            self.busy_since = time.monotonic()
            try:
                choice = self._answers.get(key)
                if choice is None:
                    n = self.backend.count_tokens(prompt)
                    if getattr(self.backend, "encodes", False):
                        # The model fits the prompt to its own context; the answer gets the rest
                        # (it ends at ``<code>`` long before).
                        max_tokens = max(1, min(max_tokens, self.backend.context - n))
                    if n + max_tokens > self.backend.context:
                        return _error(
                            400,
                            f"This model's maximum context length is {self.backend.context} "
                            f"tokens. However, you requested {n + max_tokens} tokens ({n} in "
                            f"the prompt, {max_tokens} for the completion).",
                            "invalid_request_error",
                            "context_length_exceeded",
                        )
                    t0 = time.monotonic()
                    g = self.backend.generate(prompt, max_tokens, stop)
                    choice = {
                        "text": g.text,
                        "finish_reason": g.finish_reason,
                        "usage": {
                            "prompt_tokens": g.prompt_tokens,
                            "completion_tokens": g.completion_tokens,
                            "total_tokens": g.prompt_tokens + g.completion_tokens,
                        },
                    }
                    log.info(
                        "generated %d+%d tokens in %.3fs (%s)",
                        g.prompt_tokens,
                        g.completion_tokens,
                        time.monotonic() - t0,
                        g.finish_reason,
                    )
                    self._remember(key, choice)
                else:
                    self._answers.move_to_end(key)
            finally:
                self.busy_since = None
        return 200, {
            "id": f"cmpl-{os.getpid()}-{self.requests}",
            "object": "text_completion",
            "created": int(time.time()),
            "model": self.name,
            "choices": [
                {
                    "index": 0,
                    "text": choice["text"],
                    "logprobs": None,
                    "finish_reason": choice["finish_reason"],
                }
            ],
            "usage": choice["usage"],
        }


class Handler(BaseHTTPRequestHandler):
    server_version = "llmcc-server"
    protocol_version = "HTTP/1.0"  # one request per connection: nothing to leak between clients
    # Reading the request and writing the answer, not generating it: a client that connects
    # and sends nothing (or a stranger on --listen) cannot hold a thread forever.
    timeout = 30

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        svc: Service = self.server.service  # type: ignore[attr-defined]
        if path == "/health":
            if self._allowed(need_key=False):
                self._send(200, svc.health())
        elif path == "/v1/models":
            if self._allowed(need_key=True):
                self._send(200, svc.models())
        else:
            self._send(*_error(404, f"no route {path}", "invalid_request_error"))

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0]
        if path not in ("/v1/completions", "/v1/rank"):
            self._send(*_error(404, f"no route {path}", "invalid_request_error"))
            return
        if not self._allowed(need_key=True):
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send(*_error(411, "Content-Length required", "invalid_request_error"))
            return
        if not 0 <= length <= MAX_REQUEST_BYTES:
            self._send(*_error(413, "request too large", "invalid_request_error"))
            return
        try:
            body = json.loads(self.rfile.read(length))
        except (ValueError, RecursionError):
            self._send(*_error(400, "the body is not JSON", "invalid_request_error"))
            return
        svc: Service = self.server.service  # type: ignore[attr-defined]
        try:
            self._send(*(svc.rank(body) if path == "/v1/rank" else svc.complete(body)))
        except Exception as e:  # a model failure is the client's fallback, not our exit
            log.exception("generation failed")
            self._send(*_error(500, f"generation failed: {type(e).__name__}", "server_error"))

    def _allowed(self, need_key: bool) -> bool:
        key = getattr(self.server, "api_key", None)
        if key is None:  # the Unix socket: the same user only
            uid = _peer_uid(self.connection)
            if uid is not None and uid != os.getuid():
                self._send(*_error(403, "not your server", "invalid_request_error"))
                return False
            return True
        if not need_key:
            return True
        given = self.headers.get("Authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {key}".encode()):
            return True
        self._send(
            *_error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key")
        )
        return False

    def _send(self, status: int, doc: dict) -> None:
        data = json.dumps(doc).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (its timeout); nothing to tell it

    def log_message(self, fmt: str, *args) -> None:
        log.info("%s %s", self.address_string(), fmt % args)


def _peer_uid(sock: socket.socket) -> int | None:
    try:
        creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):
        return None
    return struct.unpack("3i", creds)[1]


class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    request_queue_size = 64  # a make -j64 burst

    def server_bind(self) -> None:
        old = os.umask(0o177)  # born 0600: no window in which others could connect
        try:
            self.socket.bind(self.server_address)
        finally:
            os.umask(old)

    def get_request(self):
        conn, _ = self.socket.accept()
        return conn, ("unix", 0)


class TCPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


def bind_unix(path: str, service: Service) -> UnixServer:
    """Bind *path*, replacing a dead server's socket (clients start servers under a lock)."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(5)  # a stopped server's full backlog would otherwise block us forever
    try:
        probe.connect(path)
        raise OSError(f"another server is serving on {path}")
    except (FileNotFoundError, ConnectionRefusedError):
        pass
    except TimeoutError as e:
        raise OSError(f"a server on {path} accepts no connections; not replacing it") from e
    finally:
        probe.close()
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    srv = UnixServer(path, Handler)
    srv.service = service  # type: ignore[attr-defined]
    srv.api_key = None  # type: ignore[attr-defined]
    return srv


class TCPServer6(TCPServer):
    address_family = socket.AF_INET6


def bind_tcp(listen: str, api_key: str, service: Service) -> TCPServer:
    host, _, port = listen.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    srv = (TCPServer6 if ":" in host else TCPServer)((host, int(port)), Handler)
    srv.service = service  # type: ignore[attr-defined]
    srv.api_key = api_key  # type: ignore[attr-defined]
    return srv


def serve(
    service: Service,
    servers: list,
    idle: float,
    max_request: float,
    stop: threading.Event | None = None,
) -> None:
    """Serve until idle, a signal or *stop*; the caller cleans up."""
    stop = stop or threading.Event()
    for srv in servers:
        threading.Thread(
            target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        ).start()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, lambda *_: stop.set())
    tick = 1.0 if idle <= 0 else min(1.0, idle / 4)
    while not stop.wait(tick):
        now = time.monotonic()
        busy = service.busy_since
        if busy is not None and now - busy > max_request:
            log.error("a generation has run %.0fs (limit %.0fs): exiting", now - busy, max_request)
            logging.shutdown()
            os._exit(70)
        if service.idle_expired(now, idle):
            log.info("idle for %.0fs: exiting", now - service.last_activity)
            stop.set()
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def _remove_if_ours(path: str | None, check) -> None:
    if not path:
        return
    try:
        if check(path):
            os.unlink(path)
    except OSError:
        pass


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="llmcc-server", description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="a directory made by optimum-cli export onnx")
    ap.add_argument("--name", help="the model id to serve (default: the directory's name)")
    ap.add_argument("--socket", help="Unix socket path (created 0600)")
    ap.add_argument("--listen", help="also serve TCP on HOST:PORT (needs an API key)")
    ap.add_argument("--api-key", help="key for --listen (default: $LLMCC_SERVER_API_KEY)")
    ap.add_argument(
        "--idle", type=float, default=600.0, help="exit after this many idle seconds (0: never)"
    )
    ap.add_argument("--max-request-seconds", type=float, default=600.0)
    ap.add_argument("--threads", type=int, default=0, help="onnxruntime threads (0: all cores)")
    ap.add_argument(
        "--context", type=int, default=0, help="refuse longer prompts (tokens; 0: the model's)"
    )
    ap.add_argument("--state", help="write pid, socket and address here while serving")
    ap.add_argument("--log", help="append the log here (default: stderr)")
    return ap


def main(argv: list[str] | None = None) -> int:
    ns = build_parser().parse_args(argv)
    api_key = ns.api_key or os.environ.get("LLMCC_SERVER_API_KEY") or None
    if ns.listen and not api_key:
        sys.stderr.write("llmcc server: --listen needs --api-key or $LLMCC_SERVER_API_KEY\n")
        return 2
    if not ns.socket and not ns.listen:
        sys.stderr.write("llmcc server: nothing to serve on (give --socket and/or --listen)\n")
        return 2
    handler = logging.FileHandler(ns.log) if ns.log else logging.StreamHandler()
    handler.setFormatter(logging.Formatter(f"%(asctime)s [{os.getpid()}] %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    name = ns.name or os.path.basename(os.path.realpath(ns.model))
    log.info("loading %s from %s", name, ns.model)
    t0 = time.monotonic()
    from .onnx_backend import OnnxBackend

    try:
        backend = OnnxBackend(ns.model, ns.threads)
    except Exception:
        log.exception("cannot load the model")
        return 1
    if ns.context > 0:  # e.g. to bound attention memory on CPU
        backend.context = min(backend.context, ns.context)
    log.info(
        "loaded in %.1fs on %s; context %d tokens",
        time.monotonic() - t0,
        backend.provider,
        backend.context,
    )
    service = Service(backend, name)
    servers: list = []
    try:
        if ns.listen:
            servers.append(bind_tcp(ns.listen, api_key, service))
        if ns.socket:
            servers.append(bind_unix(ns.socket, service))
    except OSError as e:
        log.error("cannot listen: %s", e)
        return 1
    sock_ino = os.stat(ns.socket).st_ino if ns.socket else None
    listen = None
    if ns.listen:
        host, port = servers[0].server_address[:2]
        listen = f"{host}:{port}"
    if ns.state:
        write_atomic(
            ns.state,
            json.dumps(
                {
                    "pid": os.getpid(),
                    "socket": ns.socket,
                    "listen": listen,
                    "model": os.path.realpath(ns.model),
                    "name": name,
                    "log": ns.log,
                    "started": time.time(),
                }
            ).encode(),
            mode=0o600,
        )
    log.info("serving %s on %s", name, ", ".join(x for x in (ns.socket, listen) if x))
    try:
        serve(service, servers, ns.idle, ns.max_request_seconds)
    finally:
        _remove_if_ours(ns.socket, lambda p: os.stat(p).st_ino == sock_ino)
        _remove_if_ours(ns.state, lambda p: _state_pid(p) == os.getpid())
        log.info("stopped after %d requests", service.requests)
    return 0


def _state_pid(path: str) -> int | None:
    try:
        with open(path) as f:
            return json.load(f).get("pid")
    except (OSError, ValueError):
        return None


if __name__ == "__main__":
    sys.exit(main())
