"""Unchecked settings (issue 14, item 6): a bad value is one warning naming it, and the
default applies; never a negative limit. An unreachable advisor is said out loud, by
``doctor`` (a real request) and once per build.
"""

from __future__ import annotations

import http.server
import json
import os
import threading

import pytest
from conftest import ADMIN, LLMCC, clang, make_env, records, requires_clang, run
from servers import free_port

from llmcc import config
from llmcc.cli.admin import size_text
from llmcc.config import Config

BAD = [
    ("LLMCC_MAXSIZE", "-5", "max_size", 5 << 30),
    ("LLMCC_MAXSIZE", "0", "max_size", 5 << 30),
    ("LLMCC_MAXSIZE", "lots", "max_size", 5 << 30),
    ("LLMCC_OPT_TIMEOUT", "abc", "opt_timeout", 60.0),
    ("LLMCC_OPT_TIMEOUT", "0", "opt_timeout", 60.0),
    ("LLMCC_OPT_TIMEOUT", "-1", "opt_timeout", 60.0),
    ("LLMCC_CODEGEN_TIMEOUT", "nan", "codegen_timeout", 120.0),
    ("LLMCC_REDIS_TIMEOUT", "0", "redis_timeout", 0.5),
    ("LLMCC_REDIS_TTL", "-5", "redis_ttl", 30 * 24 * 3600),
    ("LLMCC_REDIS_TTL", "soon", "redis_ttl", 30 * 24 * 3600),
    ("LLMCC_MODEL_TIMEOUT", "inf", "model_timeout", 60.0),
    ("LLMCC_MODEL_CONTEXT", "-1", "model_context", 16384),
    ("LLMCC_MODEL_MAX_TOKENS", "x", "model_max_tokens", 256),
    ("LLMCC_EVAL_JOBS", "0", "eval_jobs", os.cpu_count() or 1),
    ("LLMCC_EVAL_JOBS", "2.5", "eval_jobs", os.cpu_count() or 1),
    ("LLMCC_SERVER_IDLE", "-1", "server_idle", 600.0),
    ("LLMCC_SERVER_START_TIMEOUT", "0", "server_start_timeout", 120.0),
    ("LLMCC_SERVER_THREADS", "-2", "server_threads", 0),
    ("LLMCC_MODEL_RETRY_AFTER", "0", "model_retry_after", 30.0),
    ("LLMCC_EVAL_TIMEOUT", "-3", "eval_timeout", 60.0),
    ("LLMCC_EVAL_TIMEOUT_SCALE", "abc", "eval_timeout_scale", 30.0),
    ("LLMCC_PROGRESS_AFTER", "-1", "progress_after", 5.0),
]


@pytest.fixture
def fresh_warnings(monkeypatch):
    monkeypatch.setattr(config, "_WARNED", set())
    monkeypatch.setattr(config, "PROBLEMS", {})


@pytest.mark.parametrize(("name", "value", "field", "default"), BAD,
                         ids=[f"{n}={v}" for n, v, _f, _d in BAD])  # fmt: skip
def test_a_bad_setting_is_one_warning_and_the_default(
    capsys, fresh_warnings, name, value, field, default
):
    cfg = Config.from_env({name: value})
    assert getattr(cfg, field) == default
    err = capsys.readouterr().err
    assert err.count("llmcc: warning:") == 1 and name in err and repr(value) in err
    assert getattr(Config.from_env({name: value}), field) == default
    assert capsys.readouterr().err == ""  # once per process, not once per read


def test_good_settings_pass_silently(capsys, fresh_warnings):
    cfg = Config.from_env({"LLMCC_MAXSIZE": "500M", "LLMCC_OPT_TIMEOUT": "0.5",
                           "LLMCC_REDIS_TTL": "7d", "LLMCC_SERVER_IDLE": "0",
                           "LLMCC_EVAL_JOBS": "3", "LLMCC_MODEL_CONTEXT": ""})  # fmt: skip
    assert (cfg.max_size, cfg.opt_timeout, cfg.redis_ttl) == (500 << 20, 0.5, 7 * 86400)
    assert (cfg.server_idle, cfg.eval_jobs, cfg.model_context) == (0.0, 3, 16384)
    assert capsys.readouterr().err == "" and config.PROBLEMS == {}


def _doctor(env: dict, cwd: str):
    r = run([ADMIN, "doctor"], cwd=cwd, env=env)
    return r.stdout.decode(), r.stderr.decode()


def _line(out: str, what: str) -> str:
    found = [ln for ln in out.splitlines() if f"] {what}" in ln]
    assert len(found) == 1, out
    return found[0]


@requires_clang
def test_negative_maxsize_neither_empties_the_cache_nor_shows_in_doctor(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store, LLMCC_MAXSIZE="-5")
    d = tmp_path / "w"
    d.mkdir()
    (d / "t.c").write_text("int twice(int x) { return 2 * x; }\n")
    for _ in range(2):
        r = run([LLMCC, "-O2", "-c", "t.c"], cwd=str(d), env=env)
        assert r.returncode == 0 and r.stderr.decode().count("LLMCC_MAXSIZE") == 1
    # A limit of -5 bytes evicted everything after each compile: no hit ever.
    assert records(env)[-1]["path"] == "direct-hit"
    out, err = _doctor(env, str(d))
    assert f"(limit {size_text(5 << 30)})" in _line(out, "cache") and "limit -" not in out
    assert "[FAIL] setting: LLMCC_MAXSIZE='-5'" in out and err.count("LLMCC_MAXSIZE") == 1


@requires_clang
@pytest.mark.parametrize("model", ["http", "onnx"])
def test_doctor_says_an_unreachable_advisor_is_unreachable(tmp_path, warm_store, model):
    spec = f"http://127.0.0.1:{free_port()}/v1" if model == "http" else "onnx:/nonexistent"
    env = make_env(str(tmp_path), warm_store, LLMCC_MODEL=spec)
    out, _err = _doctor(env, str(tmp_path))
    line = _line(out, "advisor")
    assert line.startswith("[FAIL]") and "unreachable" in line


class _Models(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"data": [{"id": "tiny-ftd"}]}).encode()
        self.send_response(200 if self.path == "/v1/models" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@requires_clang
def test_doctor_reaches_a_listening_model_server(tmp_path, warm_store):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Models)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        env = make_env(str(tmp_path), warm_store,
                       LLMCC_MODEL=f"http://127.0.0.1:{srv.server_address[1]}/v1")  # fmt: skip
        line = _line(_doctor(env, str(tmp_path))[0], "advisor")
    finally:
        srv.shutdown()
    assert line.startswith("[ok") and "reachable, serves tiny-ftd" in line


@requires_clang
@pytest.mark.parametrize("model", ["http", "onnx"])
def test_unreachable_advisor_warns_once_per_build_and_builds_clang_oz(tmp_path, warm_store, model):
    spec = f"http://127.0.0.1:{free_port()}/v1" if model == "http" else "onnx:/nonexistent"
    env = make_env(str(tmp_path), warm_store, LLMCC_MODEL=spec, TMPDIR=str(tmp_path / "tmp"))
    os.makedirs(env["TMPDIR"])
    d = tmp_path / "w"
    d.mkdir()
    errs = []
    for i in range(3):
        (d / f"u{i}.c").write_text(f"int f{i}(int x) {{ return x * {i + 3} + {i}; }}\n")
        r = run([LLMCC, "-O2", "-c", f"u{i}.c"], cwd=str(d), env=env)
        assert r.returncode == 0
        errs.append(r.stderr.decode())
        ref = tmp_path / f"u{i}.ref.o"
        assert run([clang(), "-O2", "-Oz", "-c", f"u{i}.c", "-o", str(ref)],
                   cwd=str(d)).returncode == 0  # fmt: skip
        assert (d / f"u{i}.o").read_bytes() == ref.read_bytes()
    assert "unreachable" in errs[0] and errs[0].count("llmcc: warning:") == 1
    assert errs[1:] == ["", ""]  # rate-limited: one warning per build, not per TU
