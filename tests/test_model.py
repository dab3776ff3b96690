"""The model advisor, end to end: prompt, answer parsing, the client, the local server.

Everything is real: the real ``llmcc`` driver and clang, the real model
server serving ``llmcc-test-tiny`` (a tiny Llama network built, trained and
exported with optimum by tests/model_fixture.py: a test fixture, not a
model), and, for failure modes a model cannot be asked to produce, a scripted
OpenAI-compatible HTTP server (tests/model_fixture_scripted.py).
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import model_fixture
import pytest
from conftest import (
    ADMIN,
    DATA,
    LLMCC,
    PRIMARY,
    SUITE_PARTS,
    base_env,
    check_tus_against_oz,
    clang,
    imported_modules,
    make_env,
    records,
    requires_clang,
    run,
    seed_cache,
    size_of,
    stats,
    strong_symbols,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_fixture_scripted import ScriptedServer, completion, error
from servers import free_port

from llmcc.advisor import prompt, response
from llmcc.passlist import parse

FTD = "[INST] Tell me how to optimize this LLVM-IR for object file size:\n\n<code>{}</code> [/INST]"
"""Meta's flag-tuning template, typed in again here so that a change to prompt.py shows."""
TINY = model_fixture.NAME
MODEL_PIPELINE = "default<Oz>,mergefunc"
HEAVY = ("torch", "transformers", "onnxruntime", "optimum")


# -- the prompt and the answer (no model needed) ----------------------------------------


def test_prompt_is_byte_identical_to_the_ftd_template():
    ir = 'define i32 @f() {\n  %1 = call i32 @g({ptr} "{ir}")\n  ret i32 %1\n}\n'
    assert prompt.build(ir).encode() == FTD.format(ir).encode()
    assert prompt.build("") == FTD.format("")


REALISTIC = (
    " Run passes -p 'module(default<Oz>,function(instcombine<no-verify-fixpoint>),mergefunc)'"
    " to get instruction count 162 and binary size 1089 bytes:\n\n<code>; ModuleID = 'x.c'\n"
    "define i32 @f() {\n  ret i32 0\n}\n</code>"
)


def test_realistic_ftd_answer_parses_to_the_intended_pipeline():
    assert response.parse_answer(REALISTIC) == (
        "default<Oz>,function(instcombine<no-verify-fixpoint>),mergefunc"
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            "Run passes -passes=function(sroa,early-cse),globaldce to get size 3",
            "function(sroa,early-cse),globaldce",
        ),
        ("-passes=function(sroa,early-cse),globaldce.", "function(sroa,early-cse),globaldce"),
        ('Run passes -p "cgscc(inline)" to get binary size 40 bytes', "cgscc(inline)"),
        ("Use `opt -passes='module(default<Oz>)' in.ll`", "default<Oz>"),
        ("```\nmodule(default<Oz>,mergefunc)\n```", "default<Oz>,mergefunc"),
        ("Passes: instcombine, then 12 instructions", "instcombine"),
        ("Run passes mergefunc to get instruction count 3", "mergefunc"),
        ("default<Oz>,mergefunc", "default<Oz>,mergefunc"),
        ("To shrink it (module(default<Oz>)) is enough", "default<Oz>"),
    ],
)
def test_answer_presentations_parse(answer, expected):
    assert response.parse_answer(answer) == expected


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "I cannot help with that.",
        "binary size 1234 bytes, instruction count 17",
        "Run passes -p '' to get nothing",
        "Run passes -p 'function(instcombine' to get",
        "<code>define i32 @f() { ret i32 0 }</code> -p 'mergefunc'",
        "e.g., see the manual.",
        "-Oz -mllvm -x",
    ],
)
def test_answers_without_a_pass_list_parse_to_none(answer):
    assert response.parse_answer(answer) is None


def test_answer_cut_by_the_token_limit_is_not_trusted():
    assert response.parse_answer("Run passes -p default<Oz>,merge", complete=False) is None
    assert response.parse_answer("Run passes -p 'default<Oz>' to get", complete=False) == (
        "default<Oz>"
    )


_NAME = st.one_of(
    st.sampled_from(["instcombine", "mergefunc", "sroa", "gvn", "licm", "loop-rotate", "a.b"]),
    # Names end in a letter or digit, as LLVM's do: "x." at the end of a sentence is "x".
    st.from_regex(r"[a-z]([a-z0-9_.\-]{0,7}[a-z0-9])?", fullmatch=True),
)
_LEAF = st.builds(
    lambda n, p: n + (f"<{p}>" if p else ""),
    _NAME,
    st.sampled_from([None, "Oz", "max-iterations=3", "no-verify;memssa"]),
)
_PASS = st.recursive(
    _LEAF,
    lambda kids: st.builds(
        lambda a, ks: f"{a}({','.join(ks)})",
        st.sampled_from(["module", "function", "cgscc", "loop-mssa"]),
        st.lists(kids, min_size=1, max_size=3),
    ),
    max_leaves=6,
)
_PIPELINE = st.lists(_PASS, min_size=1, max_size=4).map(",".join)
_PRESENTATIONS = [
    "Run passes -p '{p}' to get instruction count {n} and binary size {m} bytes:\n\n<code>{j}",
    'Run passes -p "{p}" to get binary size {m} bytes. <code>{j}</code>',
    "opt -passes={p} in.ll -o out.bc gives {n} instructions <code>{j}",
    "Use `{p}`. It gives {m} bytes.<code>{j}",
    "```\n{p}\n```\nbinary size {m}<code>{j}",
    "Passes: {p}\nbinary size {m} bytes\n<code>{j}",
    "Run passes {p} to get binary size {m} bytes\n<code>{j}",
    "{p}",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _PIPELINE,
    st.sampled_from(_PRESENTATIONS),
    st.integers(0, 10**6),
    st.text(max_size=80),
)
def test_pipeline_is_found_in_any_presentation(pipeline, template, n, junk):
    answer = template.format(p=pipeline, n=n, m=n * 3, j=junk + " -p 'gvn' `sroa`")
    assert response.parse_answer(answer) == parse(pipeline).text()


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.text(alphabet="abz-_.<>(),;=:'\"` \n\t01p", max_size=200),
        st.binary(max_size=40),
        st.none(),
    ),
    st.booleans(),
)
def test_parser_never_raises_and_returns_only_canonical_pipelines(answer, complete):
    got = response.parse_answer(answer, complete=complete)
    if got is not None:
        assert parse(got).text() == got


def test_advisor_identity_is_select_identity_and_follows_the_model_files(tmp_path):
    from llmcc.advisor import select
    from llmcc.advisor.model import ModelAdvisor
    from llmcc.config import Config

    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "model.onnx").write_bytes(b"v1")

    def cfg_for(model: str, **env: str) -> Config:
        return Config.from_env({"LLMCC_MODEL": model, "LLMCC_DIR": str(tmp_path / "c"), **env})

    for model in (f"onnx:{tmp_path / 'm'}", "http://127.0.0.1:9/v1"):
        cfg = cfg_for(model)
        kind, target = select.spec(model)
        assert ModelAdvisor.from_config(cfg, kind, target).identity == select.identity(cfg)
        # "no list" answers depend on the budget, so another budget is another identity.
        assert select.identity(cfg_for(model, LLMCC_MODEL_CONTEXT="4096")) != select.identity(cfg)
    before = select.identity(cfg_for(f"onnx:{tmp_path / 'm'}"))
    (tmp_path / "m" / "model.onnx").write_bytes(b"v22")
    assert select.identity(cfg_for(f"onnx:{tmp_path / 'm'}")) != before


# -- the context budget ------------------------------------------------------------------


@requires_clang
def test_context_policy_strips_debug_info_before_skipping(tmp_path):
    src = os.path.join(DATA, "twins.c")
    r = run([clang(), "-g", "-Oz", "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", src,
             "-o", "-"], cwd=str(tmp_path))  # fmt: skip
    ir = r.stdout.decode()
    assert "!DI" in ir
    from llmcc.ir import strip_debug

    stripped = strip_debug(ir)
    need_full = prompt.estimate_tokens(prompt.build(ir)) + 100
    need_stripped = prompt.estimate_tokens(prompt.build(stripped)) + 100
    assert need_stripped < need_full
    assert prompt.fit(ir, need_full, 100) == (ir, False)
    assert prompt.fit(ir, need_stripped, 100) == (stripped, True)
    assert prompt.fit(ir, need_stripped - 1, 100) == (None, True)


def test_token_estimate_counts_four_characters_per_token_plus_bos():
    text = "x" * 4000
    assert prompt.estimate_tokens(text) == 1001  # 4 chars per token, plus BOS


# -- helpers for the driver tests -------------------------------------------------------


@pytest.fixture(scope="module")
def warm_primary(tmp_path_factory, warm_store) -> str:
    """A PassListEval verdict (quick suite) for the list the model and scripted servers answer.

    It is a built-in candidate, so the session's warm store has earned it already (the
    advisors here try only their answer: the other verdicts change nothing). Otherwise
    check-passes earns it on a copy of the session's prepared suite. Preparing the suite
    again here cost a minute, evaluating the list again most of another."""
    if PRIMARY is None:
        pytest.skip("no clang-N/opt-N installed")
    from llmcc.advisor.candidates import CANDIDATES

    d = str(tmp_path_factory.mktemp("warm-model"))
    if MODEL_PIPELINE in CANDIDATES:
        seed_cache(warm_store[PRIMARY], d)
        return d
    seed_cache(warm_store.suite(PRIMARY), d, SUITE_PARTS)
    env = base_env(d)
    env["LLMCC_DIR"] = d
    r = run([ADMIN, "check-passes", MODEL_PIPELINE, "--mode", "quick"], cwd=d, env=env,
            timeout=1800)  # fmt: skip
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    return d


def _env(tmp: str, warm: str, **extra: str) -> dict[str, str]:
    return make_env(tmp, {PRIMARY: warm}, **{"LLMCC_SERVER_IDLE": "300", **extra})


def _compile(d, env, name: str, flags=("-O2",)):
    """Compile *name* (from DATA unless already in *d*) with llmcc and with clang -Oz.

    Returns (llmcc object, reference object, llmcc result).
    """
    d.mkdir(exist_ok=True)
    if not os.path.exists(d / name):
        shutil.copy(os.path.join(DATA, name), d / name)
    stem = os.path.splitext(name)[0]
    r = run([LLMCC, *flags, "-c", name, "-o", f"{stem}.o"], cwd=str(d), env=env)
    ref = run([clang(), *flags, "-Oz", "-c", name, "-o", f"{stem}.ref.o"], cwd=str(d))
    assert ref.returncode == 0
    return str(d / f"{stem}.o"), str(d / f"{stem}.ref.o"), r


def _decision(env, name: str) -> dict:
    return [r for r in records(env) if r["source"] == name][-1]


def _big_source(path, functions: int = 150) -> None:
    """A TU whose IR is far past 16k tokens by any count (about 1 KB of IR per function)."""
    body = "".join(
        f"int f{i}(int x) {{ int s = {i}; for (int j = 0; j < x; j++) s += (j * {i}) ^ (s >> 3);"
        f" return s; }}\n"
        for i in range(functions)
    )
    path.write_text(body)


def _fell_back_exactly(out: str, ref: str, r) -> bool:
    return r.returncode == 0 and filecmp.cmp(out, ref, shallow=False)


# -- a scripted OpenAI-compatible server: what real servers may answer -------------------


@requires_clang
def test_request_is_greedy_bounded_and_carries_the_exact_prompt(tmp_path, warm_primary):
    answer = f" Run passes -p 'module({MODEL_PIPELINE})' to get binary size 90 bytes:\n\n"
    with ScriptedServer(completion(answer), api_key="k1") as srv:
        env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=srv.url, LLMCC_API_KEY="k1")
        out, ref, r = _compile(tmp_path / "w", env, "twins.c")
    assert r.returncode == 0, r.stderr
    (req,) = srv.completions()
    body = req["body"]
    assert body["temperature"] == 0 and 0 < body["max_tokens"] <= 256
    assert "<code>" in body["stop"]
    assert body["model"] == "scripted-ftd"  # discovered from /v1/models
    assert req["headers"]["Authorization"] == "Bearer k1"
    ir = run([clang(), "-O2", "-Oz", "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm",
              "twins.c", "-o", "-"], cwd=str(tmp_path / "w")).stdout.decode()  # fmt: skip
    assert body["prompt"] == FTD.format(ir)
    rec = _decision(env, "twins.c")
    assert rec["path"] == "optimized" and rec["provenance"] == "model:scripted-ftd"
    assert rec["pipeline"] == MODEL_PIPELINE
    assert size_of(out) < size_of(ref) and strong_symbols(out) == strong_symbols(ref)
    assert stats(env)["model_queries"] == 1


def _ranking_server(answer: str) -> ScriptedServer:
    """A scripted server answering *answer* and ranking the library backwards."""

    def reply(req: dict) -> tuple[int, bytes]:
        if req["path"] == "/v1/rank":
            cands = req["body"]["candidates"]
            rows = [{"index": i, "candidate": c, "score": float(i)} for i, c in enumerate(cands)]
            return 200, json.dumps({"object": "rank", "data": rows[::-1]}).encode()
        return completion(f" Run passes -p '{answer}'\n\n<code>")

    return ScriptedServer(reply)


@pytest.mark.parametrize("answer", ["default<Oz>", "function(sroa),mergefunc"])
def test_a_plain_oz_answer_is_not_tried_and_its_trial_goes_to_the_ranking(tmp_path, answer):
    """``default<Oz>`` is the model's "nothing beats -Oz": trying it would rebuild the
    reference, so the advisor tries one more ranked candidate instead; a real answer is
    tried first, then the top k."""
    from llmcc.advisor import select
    from llmcc.advisor.candidates import LIBRARY
    from llmcc.config import Config

    with _ranking_server(answer) as srv:
        cfg = Config.from_env({"LLMCC_MODEL": srv.url, "LLMCC_TOPK": "2",
                               "LLMCC_CACHE_DIR": str(tmp_path / "cache")})  # fmt: skip
        advice = select.make(cfg).advise("define void @f() {\n  ret void\n}\n")
    texts = [p.text for p in advice.proposals]
    backwards = list(LIBRARY)[::-1]
    if answer == "default<Oz>":
        assert texts == backwards[:3] and advice.problem is None
    else:
        assert texts == [answer, *backwards[:2]]
    assert advice.model_queried


@requires_clang
@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ((200, b"<html>502 Bad Gateway</html>"), "model-error"),
        ((200, b'{"choices": []}'), "model-error"),
        ((200, b'{"choices": [{"text": 42}]}'), "model-error"),
        (completion("I am sorry, I cannot optimize this code."), "unparseable-answer"),
        (completion("Run passes -p 'function(instcombine' to get"), "unparseable-answer"),
        (completion(""), "unparseable-answer"),
        (error(404, "The model 'x' does not exist", "model_not_found"), "model-error"),
    ],
)
def test_garbage_answers_fall_back_to_clang_oz(tmp_path, warm_primary, reply, reason):
    with ScriptedServer(reply) as srv:
        env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=srv.url)
        out, ref, r = _compile(tmp_path / "w", env, "twins.c")
    assert _fell_back_exactly(out, ref, r) and r.stderr == b""
    assert _decision(env, "twins.c")["fallback"] == reason
    assert stats(env)["model_queries"] == 1


@requires_clang
def test_hallucinated_pass_names_are_vetted_out(tmp_path, warm_primary):
    answer = "Run passes -p 'module(default<Oz>,shrink-everything,function(instcombine))' ..."
    with ScriptedServer(completion(answer)) as srv:
        env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=srv.url)
        out, ref, r = _compile(tmp_path / "w", env, "twins.c")
    assert _fell_back_exactly(out, ref, r)
    rec = _decision(env, "twins.c")
    assert rec["fallback"] == "vet-rejected"
    assert rec["tried"][-1]["rejected"].startswith("vet:")
    assert "shrink-everything" in rec["tried"][-1]["detail"]


@requires_clang
def test_wrong_api_key_falls_back_without_retrying(tmp_path, warm_primary):
    with ScriptedServer(completion("mergefunc"), api_key="right") as srv:
        env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=srv.url, OPENAI_API_KEY="wrong")
        out, ref, r = _compile(tmp_path / "w", env, "twins.c")
    assert _fell_back_exactly(out, ref, r)
    assert _decision(env, "twins.c")["fallback"] == "bad-api-key"
    assert len(srv.requests) == 1  # GET /v1/models was refused: nothing more was tried


@requires_clang
def test_server_errors_are_retried_then_the_endpoint_is_skipped(tmp_path, warm_primary):
    with ScriptedServer(error(503, "overloaded")) as srv:
        # The skip window outlasts the test on any machine (tests/test_server.py pins its
        # length with explicit times).
        env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=srv.url, LLMCC_MODEL_NAME="m",
                   LLMCC_MODEL_RETRY_AFTER="3600")  # fmt: skip
        out, ref, r = _compile(tmp_path / "w", env, "twins.c")
        assert _fell_back_exactly(out, ref, r)
        assert _decision(env, "twins.c")["fallback"] == "model-unavailable"
        assert len(srv.completions()) == 3  # one try and two retries with backoff
        # The next TU does not wait for a server that just failed.
        out, ref, r = _compile(tmp_path / "w", env, "tiny.c")
        assert _fell_back_exactly(out, ref, r)
        assert _decision(env, "tiny.c")["fallback"] == "model-unavailable"
        assert len(srv.completions()) == 3
    assert stats(env)["model_queries"] == 1


@requires_clang
def test_hung_server_costs_one_timeout_and_a_fallback(tmp_path, warm_primary):
    with ScriptedServer(completion("mergefunc"), hang=True) as srv:
        env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=srv.url, LLMCC_MODEL_NAME="m",
                   LLMCC_MODEL_TIMEOUT="2", LLMCC_MODEL_RETRY_AFTER="3600")  # fmt: skip
        out, ref, r = _compile(tmp_path / "w", env, "twins.c")
        assert _fell_back_exactly(out, ref, r)
        assert _decision(env, "twins.c")["fallback"] == "model-timeout"
        out, ref, r = _compile(tmp_path / "w", env, "tiny.c")
        assert _fell_back_exactly(out, ref, r)
        assert _decision(env, "tiny.c")["fallback"] == "model-unavailable"
        assert len(srv.completions()) == 1


@requires_clang
def test_over_long_ir_skips_the_model(tmp_path, warm_primary):
    (tmp_path / "w").mkdir()
    _big_source(tmp_path / "w" / "big.c")
    with ScriptedServer(completion("mergefunc")) as srv:
        env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=srv.url, LLMCC_MODEL_NAME="m")
        out, ref, r = _compile(tmp_path / "w", env, "big.c")
    assert r.returncode == 0 and size_of(out) <= size_of(ref)
    assert srv.completions() == []
    rec = _decision(env, "big.c")
    assert rec["fallback"] == "context-too-long"
    assert stats(env)["model_queries"] == 0


@requires_clang
def test_server_context_error_retries_once_without_debug_info(tmp_path, warm_primary):
    reply = error(400, "This model's maximum context length is 16384 tokens.",
                  "context_length_exceeded")  # fmt: skip
    with ScriptedServer(reply) as srv:
        env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=srv.url, LLMCC_MODEL_NAME="m")
        out, ref, r = _compile(tmp_path / "w", env, "twins.c", flags=("-O2", "-g"))
    assert _fell_back_exactly(out, ref, r)
    first, second = (q["body"]["prompt"] for q in srv.completions())
    assert "!DI" in first and "!DI" not in second
    assert _decision(env, "twins.c")["fallback"] == "context-too-long"


# -- the real local server with llmcc-test-tiny ----------------------------------------


@pytest.fixture(scope="session")
def tiny_model(request, tmp_path_factory) -> str:
    """llmcc-test-tiny, built once and kept in pytest's cache while its inputs are unchanged."""
    if PRIMARY is None:
        pytest.skip("no clang-N/opt-N installed")
    from filelock import FileLock

    fp = model_fixture.fingerprint(clang())
    cache = getattr(request.config, "cache", None)
    root = str(cache.mkdir(f"llmcc-test-tiny-{fp}") if cache else tmp_path_factory.mktemp(fp))
    out = os.path.join(root, TINY)
    with FileLock(os.path.join(root, ".lock")):
        if not os.path.isfile(os.path.join(out, "model.onnx")):
            shutil.rmtree(out, ignore_errors=True)
            r = subprocess.run([sys.executable, model_fixture.__file__, out, "--clang", clang()],
                               capture_output=True, timeout=1800)  # fmt: skip
            assert r.returncode == 0, r.stdout.decode()[-2000:] + r.stderr.decode()[-4000:]
    return out


def server_pids(env) -> list[int]:
    """Live model servers of this environment's cache directory."""
    marker = os.path.join(env["LLMCC_DIR"], "server", "").encode()
    pids = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/cmdline", "rb") as f:
                    cmd = f.read()
            except OSError:
                continue
            if b"llmcc.server.app" in cmd and marker in cmd:
                pids.append(int(p))
    return pids


def _stop_servers(env) -> None:
    run([ADMIN, "server", "stop"], cwd=".", env=env)
    assert server_pids(env) == []


@pytest.fixture
def model_env(tmp_path, warm_primary, tiny_model):
    env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=f"onnx:{tiny_model}")
    yield env
    _stop_servers(env)


@requires_clang
def test_make_j4_builds_through_one_auto_started_server(tmp_path, model_env):
    d = tmp_path / "proj"
    d.mkdir()
    for name, text in model_fixture.PROJECT.items():
        (d / name).write_text(text)
    r = run(["make", "-j4", f"CC={LLMCC}", "CFLAGS=-O2"], cwd=str(d), env=model_env)
    assert r.returncode == 0, r.stderr.decode()
    assert run([str(d / "prog")], cwd=str(d)).stdout == model_fixture.EXPECTED_OUTPUT
    assert stats(model_env)["model_queries"] > 0
    assert len(server_pids(model_env)) == 1
    check_tus_against_oz(str(d), [n for n in model_fixture.PROJECT if n.endswith(".c")],
                         model_env)  # fmt: skip
    rec = _decision(model_env, "hash.c")
    assert rec["path"] == "optimized"
    assert rec["provenance"] == f"model:{TINY}" and rec["pipeline"] == MODEL_PIPELINE


@pytest.fixture(scope="module")
def served(tmp_path_factory, warm_primary, tiny_model):
    """A server started by ``llmcc-admin server start --listen``, as a build farm would."""
    tmp = str(tmp_path_factory.mktemp("served"))
    port = free_port()
    env = _env(tmp, warm_primary, LLMCC_MODEL=f"onnx:{tiny_model}",
               LLMCC_SERVER_API_KEY="farm-key")  # fmt: skip
    r = run([ADMIN, "server", "start", "--listen", f"127.0.0.1:{port}"], cwd=tmp, env=env)
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    yield env, f"http://127.0.0.1:{port}/v1"
    _stop_servers(env)


def _health(env) -> dict:
    r = run([ADMIN, "server", "status", "--json"], cwd=".", env=env)
    (doc,) = json.loads(r.stdout)
    return doc["health"]


@requires_clang
def test_second_llmcc_uses_the_first_ones_server_over_http(tmp_path, warm_primary, served):
    env_a, url = served
    before = _health(env_a)["requests"]
    env_b = _env(str(tmp_path), warm_primary, LLMCC_MODEL=url, LLMCC_API_KEY="farm-key")
    out, ref, r = _compile(tmp_path / "w", env_b, "twins.c")
    assert r.returncode == 0, r.stderr
    rec = _decision(env_b, "twins.c")
    assert rec["path"] == "optimized" and rec["provenance"] == f"model:{TINY}"
    assert size_of(out) < size_of(ref)
    assert stats(env_b)["model_queries"] == 1
    assert _health(env_a)["requests"] > before
    assert server_pids(env_b) == [] and len(server_pids(env_a)) == 1


@requires_clang
def test_wrong_api_key_is_refused_by_the_real_server(tmp_path, warm_primary, served):
    env_b = _env(str(tmp_path), warm_primary, LLMCC_MODEL=served[1], LLMCC_API_KEY="guess")
    out, ref, r = _compile(tmp_path / "w", env_b, "twins.c")
    assert _fell_back_exactly(out, ref, r)
    assert _decision(env_b, "twins.c")["fallback"] == "bad-api-key"


@requires_clang
def test_server_counts_tokens_exactly_and_refuses_an_over_long_prompt(tmp_path, served):
    env = dict(served[0], LLMCC_MODEL_CONTEXT="10000000")  # the driver's estimate lets it through
    queries = stats(env)["model_queries"]
    (tmp_path / "w").mkdir()
    _big_source(tmp_path / "w" / "huge.c")
    out, ref, r = _compile(tmp_path / "w", env, "huge.c")
    assert r.returncode == 0 and size_of(out) <= size_of(ref)
    assert _decision(env, "huge.c")["fallback"] == "context-too-long"
    assert stats(env)["model_queries"] == queries + 1


@requires_clang
def test_driver_never_imports_torch_transformers_or_onnxruntime(tmp_path, served):
    env = dict(served[0], PYTHONPROFILEIMPORTTIME="1")
    queries = stats(env)["model_queries"]
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "imports.c").write_text("int twice(int x) { return x * 2 + 1; }\n")
    _, _, r = _compile(tmp_path / "w", env, "imports.c")
    assert r.returncode == 0
    assert stats(env)["model_queries"] == queries + 1
    modules = imported_modules(r.stderr)
    assert "llmcc.advisor.model" in modules and "llmcc.server.client" in modules
    assert not {m for m in modules if m.split(".")[0] in HEAVY}


def _wait_for(cond, what: str, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _connections(sock: str) -> int:
    """Sockets bound to *sock*: the listener plus one per accepted or pending connection."""
    with open("/proc/net/unix") as f:
        return sum(1 for ln in f if ln.rstrip().endswith(" " + sock))


@requires_clang
def test_server_killed_mid_request_is_restarted_and_the_build_succeeds(tmp_path, model_env):
    _compile(tmp_path / "w", model_env, "tiny.c")  # starts the server
    (old,) = server_pids(model_env)
    (state,) = json.loads(run([ADMIN, "server", "status", "--json"], ".", model_env).stdout)
    assert oct(os.stat(state["socket"]).st_mode & 0o777) == "0o600"  # only its user's
    os.kill(old, signal.SIGSTOP)  # it accepts nothing now: the next request waits in its backlog
    w = tmp_path / "w"
    shutil.copy(os.path.join(DATA, "twins.c"), w)
    p = subprocess.Popen([LLMCC, "-O2", "-c", "twins.c", "-o", "twins.o"], cwd=str(w),
                         env=model_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    _wait_for(lambda: _connections(state["socket"]) >= 2 or p.poll() is not None, "a request")
    os.kill(old, signal.SIGKILL)
    _, err = p.communicate(timeout=600)
    assert p.returncode == 0, err
    ref = run([clang(), "-O2", "-Oz", "-c", "twins.c", "-o", "twins.ref.o"], cwd=str(w))
    assert ref.returncode == 0
    assert size_of(str(w / "twins.o")) <= size_of(str(w / "twins.ref.o"))
    rec = _decision(model_env, "twins.c")
    assert rec["provenance"] == f"model:{TINY}"  # answered by the restarted server
    (new,) = server_pids(model_env)
    assert new != old


@requires_clang
def test_stopped_local_server_costs_one_timeout_then_is_skipped(tmp_path, model_env):
    _compile(tmp_path / "w", model_env, "tiny.c")
    (pid,) = server_pids(model_env)
    os.kill(pid, signal.SIGSTOP)
    env = dict(model_env, LLMCC_MODEL_TIMEOUT="2", LLMCC_MODEL_RETRY_AFTER="3600")
    out, ref, r = _compile(tmp_path / "w", env, "twins.c")
    assert _fell_back_exactly(out, ref, r)
    assert _decision(env, "twins.c")["fallback"] == "model-timeout"
    queries = stats(env)["model_queries"]
    (tmp_path / "w" / "next.c").write_text("int next(int x) { return x + 1; }\n")
    out, ref, r = _compile(tmp_path / "w", env, "next.c")
    assert _fell_back_exactly(out, ref, r)
    assert _decision(env, "next.c")["fallback"] == "model-unavailable"
    assert stats(env)["model_queries"] == queries
    assert server_pids(model_env) == [pid]  # never a second server beside a hung one


@requires_clang
def test_idle_server_exits_and_removes_its_socket(tmp_path, warm_primary, tiny_model):
    """Waits for the exit (an event), never for a guessed time: when the server exits is
    the decision tests/test_server.py pins with explicit clocks; here, that it does, by
    itself and for idleness, and cleans up."""
    from llmcc.config import Config
    from llmcc.server.control import LocalServer

    env = _env(str(tmp_path), warm_primary, LLMCC_MODEL=f"onnx:{tiny_model}",
               LLMCC_SERVER_IDLE="1")  # fmt: skip
    srv = LocalServer.from_config(Config.from_env(env), tiny_model)  # where llmcc puts it
    (tmp_path / "w").mkdir()
    shutil.copy(os.path.join(DATA, "tiny.c"), tmp_path / "w")
    r = run([LLMCC, "-O2", "-c", "tiny.c"], cwd=str(tmp_path / "w"), env=env)
    assert r.returncode == 0, r.stderr
    assert os.path.exists(srv.log)  # llmcc started it
    _wait_for(lambda: server_pids(env) == [], "the idle server to exit")
    assert not os.path.exists(srv.socket) and not os.path.exists(srv.state)
    with open(srv.log) as f:
        assert "idle for" in f.read()  # not a crash, not a kill
