"""The model server's lifetime rules, with explicit clocks and events, and how admin finds
and stops servers (the unit layer).

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


# -- finding and stopping servers by their state files (llmcc.server.control, psutil) -----

_SERVING = "import signal, sys, time\n{setup}print('ready', flush=True)\ntime.sleep(120)\n"


def _fake_server(ignore_term: bool = False):
    """A real process whose command line is a model server's (``llmcc.server.app`` in its
    argv), started and ready (its signal handlers set) before the test goes on."""
    import subprocess
    import sys

    setup = "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n" if ignore_term else ""
    proc = subprocess.Popen([sys.executable, "-c", _SERVING.format(setup=setup),
                             "llmcc.server.app"], stdout=subprocess.PIPE)  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    return proc


def _state(tmp_path, proc, started: float | None = None) -> str:
    import json
    import os

    import psutil

    from llmcc.server.paths import state_dir

    d = state_dir(str(tmp_path))
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "k.json")
    sock = os.path.join(d, "k.sock")
    open(sock, "w").close()
    when = psutil.Process(proc.pid).create_time() + 0.5 if started is None else started
    with open(path, "w") as f:
        json.dump({"pid": proc.pid, "socket": sock, "started": when}, f)
    return path


def test_a_state_file_names_a_server_only_while_its_process_serves(tmp_path):
    import os

    from llmcc.server import control

    proc = _fake_server()
    try:
        _state(tmp_path, proc)
        (doc,) = control.servers(str(tmp_path))
        assert doc["alive"] and control.server_process(doc).pid == proc.pid
        # The same pid, but not a server: this test's own process.
        assert control.server_process({**doc, "pid": os.getpid(), "started": None}) is None
    finally:
        proc.kill()
        proc.wait()
    assert control.servers(str(tmp_path))[0]["alive"] is False  # gone


def test_a_reused_pid_is_not_the_server_that_wrote_the_state(tmp_path):
    """A process started after the state file was written cannot have written it, even with
    a server's command line: the pid was reused."""
    from llmcc.server import control

    proc = _fake_server()
    try:
        import psutil

        created = psutil.Process(proc.pid).create_time()
        _state(tmp_path, proc, started=created - 60)
        (doc,) = control.servers(str(tmp_path))
        assert doc["alive"] is False and control.stop_all(str(tmp_path)) == []
        assert proc.poll() is None  # not ours to stop
    finally:
        proc.kill()
        proc.wait()


def test_stop_all_terminates_a_server_and_removes_its_files(tmp_path):
    import os

    import psutil

    from llmcc.server import control

    proc = _fake_server()
    try:
        state = _state(tmp_path, proc)
        sock = control.servers(str(tmp_path))[0]["socket"]
        assert control.stop_all(str(tmp_path)) == [proc.pid]
        # Gone (psutil reaped it: it is this test's child, so Popen cannot see its status).
        assert not psutil.pid_exists(proc.pid) or psutil.Process(proc.pid).ppid() != os.getpid()
        assert not os.path.exists(state) and not os.path.exists(sock)
    finally:
        proc.kill()
        proc.wait()


def test_stop_all_kills_a_server_that_ignores_sigterm(tmp_path):
    import os

    import psutil

    from llmcc.server import control

    proc = _fake_server(ignore_term=True)
    try:
        _state(tmp_path, proc)
        assert control.stop_all(str(tmp_path), wait=0.2) == [proc.pid]
        # Gone, though it ignores SIGTERM: the SIGKILL after *wait* ended it.
        assert not psutil.pid_exists(proc.pid) or psutil.Process(proc.pid).ppid() != os.getpid()
        assert control.servers(str(tmp_path)) == []
    finally:
        proc.kill()
        proc.wait()


def test_the_driver_side_of_control_never_imports_psutil():
    """A compile that asks the model imports llmcc.server.control for LocalServer.ensure:
    psutil is for the admin side (servers, stop_all) only."""
    import subprocess
    import sys

    code = ("import sys, llmcc.server.control as c\n"
            "c.LocalServer('/nonexistent', None)\n"
            "assert 'psutil' not in sys.modules, 'psutil on the driver side'\n")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True)


class _FakeRanker:
    """A fake backend (no model can be asked for exact scores): raw log-probabilities that
    favour "b", and a score that, like a trained prior, reverses them."""

    context = 1000
    encodes = False

    def count_tokens(self, prompt: str) -> int:
        return 1

    def rank(self, prompt: str, candidates: list[str]):
        return [(-1.0 if c == "b" else -2.0, 1) for c in candidates], 1

    def score(self, candidate: str, logprob: float, tokens: int) -> float:
        return -logprob


def test_rank_orders_by_the_backends_score_not_the_raw_likelihood():
    status, doc = Service(_FakeRanker(), "m").rank({"prompt": "p", "candidates": ["a", "b"]})
    assert status == 200
    assert [r["candidate"] for r in doc["data"]] == ["a", "b"]
    assert [r["logprob"] for r in doc["data"]] == [-2.0, -1.0]
