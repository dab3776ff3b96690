"""The model server's lifetime rules, with explicit clocks and events (the unit layer).

The server exits after ``--idle`` seconds without requests, but never while one is in
flight. Measured end to end with a short idle limit, that depends on how fast the
machine answers; here the decision gets explicit times, and a request is held open by
an event. tests/test_model.py runs the real server with the real model.
"""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

from llmcc.server.app import Service


class _HeldBackend:
    """A backend whose generation waits for the test: the request stays in flight."""

    context = 1000
    encodes = False

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def count_tokens(self, prompt: str) -> int:
        return len(prompt)

    def generate(self, prompt: str, max_tokens: int, stop: list[str]):
        self.started.set()
        assert self.release.wait(60), "the test never released the request"
        return SimpleNamespace(text=" mergefunc", finish_reason="stop", prompt_tokens=1,
                               completion_tokens=2)  # fmt: skip


def test_idle_exit_comes_only_after_the_idle_limit_has_passed():
    s = Service(_HeldBackend(), "m")
    s.last_activity = 1000.0
    assert not s.idle_expired(1000.0 + 29.9, 30)
    assert not s.idle_expired(1000.0 + 30.0, 30)  # "more than", not "at"
    assert s.idle_expired(1000.0 + 30.1, 30)


def test_idle_zero_means_the_server_never_exits_for_idleness():
    s = Service(_HeldBackend(), "m")
    s.last_activity = 0.0
    assert not s.idle_expired(1e9, 0)


def test_a_request_in_flight_holds_off_the_idle_exit_and_restarts_the_clock():
    backend = _HeldBackend()
    s = Service(backend, "m")
    s.last_activity = 0.0
    result: list = []
    worker = threading.Thread(target=lambda: result.append(s.complete({"prompt": "x"})))
    worker.start()
    try:
        assert backend.started.wait(60)
        # Long past the limit by any clock, but a generation is running: no exit.
        assert s.in_flight == 1 and not s.idle_expired(1e9, 1)
        before = time.monotonic()
    finally:
        backend.release.set()
        worker.join(60)
    ((status, doc),) = result
    assert status == 200 and doc["choices"][0]["text"] == " mergefunc"
    assert s.in_flight == 0 and s.last_activity >= before  # the clock restarts at the end
    assert not s.idle_expired(s.last_activity + 1, 2)
    assert s.idle_expired(s.last_activity + 3, 2)


def test_a_refused_request_also_counts_as_activity():
    """A client that keeps sending malformed requests keeps the server up: it is in use."""
    s = Service(_HeldBackend(), "m")
    s.last_activity = 0.0
    status, _doc = s.complete("not an object")
    assert status == 400 and s.requests == 1 and s.last_activity > 0.0


# -- the circuit breaker: one timeout per outage -------------------------------------------


def test_a_down_mark_lasts_exactly_its_retry_window(tmp_path):
    from llmcc.server.breaker import clear_down, is_down, mark_down

    sdir, base = str(tmp_path / "server"), "http://127.0.0.1:9/v1"
    assert is_down(sdir, base) is None
    before = time.time()
    mark_down(sdir, base, "timed out", seconds=30)
    after = time.time()
    assert is_down(sdir, base, now=before + 29) == "timed out"
    assert is_down(sdir, base, now=after + 30.01) is None  # expired: the next client retries
    assert is_down(sdir, "unix:/other.sock", now=before) is None  # per endpoint
    clear_down(sdir, base)  # a server that starts again clears its mark
    assert is_down(sdir, base, now=before) is None


def test_a_damaged_down_mark_never_blocks_the_endpoint(tmp_path):
    from llmcc.server.breaker import _down_path, is_down, mark_down

    sdir, base = str(tmp_path / "server"), "unix:/x.sock"
    mark_down(sdir, base, "x")
    with open(_down_path(sdir, base), "w") as f:
        f.write('{"until": "soon"')
    assert is_down(sdir, base) is None


def test_the_retry_window_is_a_setting():
    from llmcc.config import Config
    from llmcc.server.breaker import DOWN_SECONDS
    from llmcc.server.control import LocalServer

    assert Config.from_env({}).model_retry_after == DOWN_SECONDS == 30.0
    cfg = Config.from_env({"LLMCC_MODEL_RETRY_AFTER": "3600", "LLMCC_DIR": "/nonexistent"})
    assert LocalServer.from_config(cfg, "/nonexistent/model").retry_after == 3600.0
    from llmcc.advisor.model import ModelAdvisor

    assert ModelAdvisor.from_config(cfg, "http", "http://127.0.0.1:9/v1").retry_after == 3600.0


# -- the server's command line: one function for the auto-start and `server run` -----------


def test_auto_start_and_server_run_get_one_command_line_that_the_server_parses(tmp_path):
    from llmcc.server.app import build_parser
    from llmcc.server.control import LocalServer

    model = tmp_path / "m"
    model.mkdir()
    srv = LocalServer(str(model), str(tmp_path / "cache"), idle=42.0, threads=3, context=512)
    spawned = srv.app_args("127.0.0.1:9000")
    foreground = srv.app_args("127.0.0.1:9000", log=False)
    assert spawned == [
        "--model", srv.model_dir, "--name", "m", "--socket", srv.socket, "--state", srv.state,
        "--log", srv.log, "--idle", "42.0", "--threads", "3", "--context", "512",
        "--listen", "127.0.0.1:9000",
    ]  # fmt: skip
    assert foreground == [a for a in spawned if a not in ("--log", srv.log)]
    ns = build_parser().parse_args(spawned)
    assert (ns.model, ns.socket, ns.state, ns.log, ns.idle, ns.threads, ns.context, ns.listen) == (
        srv.model_dir, srv.socket, srv.state, srv.log, 42.0, 3, 512, "127.0.0.1:9000")  # fmt: skip
    assert build_parser().parse_args(foreground).log is None  # logs to the terminal
    plain = LocalServer(str(model), str(tmp_path / "cache")).app_args()
    assert "--threads" not in plain and "--context" not in plain and "--listen" not in plain
