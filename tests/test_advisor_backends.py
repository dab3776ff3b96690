"""The advisor backends (llmcc/advisor/backends/): one module per kind, found by the LLMCC_MODEL
value, and the traits ``llmcc-admin`` reads from them instead of naming kinds. No clang."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from llmcc.advisor import backends
from llmcc.advisor.model import ModelAdvisor
from llmcc.config import Config


def test_every_backend_declares_its_form_parse_identity_and_build():
    assert sorted(backends.kinds()) == ["candidates", "http", "onnx", "passes"]
    for kind in backends.kinds():
        mod = backends.backend(kind)
        assert isinstance(mod.FORM, str) and mod.FORM, kind
        assert all(callable(getattr(mod, f)) for f in ("parse", "identity", "build")), kind
        assert getattr(mod, "KIND", kind) == kind  # a module's kind is its name


@pytest.mark.parametrize(
    "model, kind, target",
    [("candidates", "candidates", ""), (" passes:default<Oz> ", "passes", "default<Oz>"),
     ("onnx:/m", "onnx", "/m"), ("https://h/v1", "http", "https://h/v1"),
     ("http://h/v1", "http", "http://h/v1"), ("default", "onnx", backends.SHIPPED_DIR)],
)  # fmt: skip
def test_each_value_reaches_the_backend_that_takes_it(model, kind, target):
    assert backends.spec(model) == (kind, target)


def test_the_refusal_names_every_backends_form():
    with pytest.raises(ValueError) as e:
        backends.spec("grpc://h:1")
    for kind in backends.kinds():
        assert backends.backend(kind).FORM in str(e.value)


def test_the_traits_admin_reads_are_each_backends(tmp_path):
    # warmup: a model may propose any library candidate; the library advisor its subset.
    assert [k for k in sorted(backends.kinds()) if backends.ranks_library(k)] == ["http", "onnx"]
    # server status: only an onnx directory is run by llmcc's own server.
    assert backends.local_model("onnx", "/m") == "/m"
    assert backends.local_model("http", "http://h/v1") is None
    assert backends.local_model("candidates", "") is None
    cfg = Config.from_env({"LLMCC_DIR": str(tmp_path / "c"), "LLMCC_MODEL_TIMEOUT": "2"})
    # doctor: built-in advisors need nothing; the others are checked, without a model loaded.
    assert backends.probe(cfg, "passes", "default<Oz>") == (True, "built in, nothing to reach")
    ok, detail = backends.probe(cfg, "onnx", str(tmp_path / "none"))
    assert not ok and "is not a directory" in detail
    (tmp_path / "m").mkdir()
    ok, detail = backends.probe(cfg, "onnx", str(tmp_path / "m"))
    assert not ok and "no model.onnx" in detail
    (tmp_path / "m" / "model.onnx").write_bytes(b"")
    assert backends.probe(cfg, "onnx", str(tmp_path / "m")) == (
        True, "model found; server starts on first miss")  # fmt: skip
    ok, detail = backends.probe(cfg, "http", "http://127.0.0.1:9/v1")  # the discard port
    assert not ok and "unreachable" in detail


def test_a_built_in_kind_is_not_a_model_backend():
    cfg = Config.from_env({"LLMCC_MODEL": "candidates"})
    with pytest.raises(ValueError, match="not a model backend"):
        ModelAdvisor.from_config(cfg, "passes", "default<Oz>")
    with pytest.raises(ValueError, match="no advisor backend"):
        ModelAdvisor.from_config(cfg, "grpc", "h:1")


def test_a_backend_is_one_module(tmp_path):
    """A module of its own, in a directory the registry is told of (as a file in
    llmcc/advisor/backends/ would be): LLMCC_MODEL reaches it, the keys get its identity and
    a miss its advisor, with no other file changed."""
    (tmp_path / "grpc.py").write_text(textwrap.dedent('''
        from llmcc.advisor.base import Advice, Proposal

        FORM = "a grpc://host:port address"

        def parse(model):
            return model[7:] if model.startswith("grpc://") else None

        def identity(cfg, target):
            return f"grpc:{target}"

        class GrpcAdvisor:
            def __init__(self, identity):
                self.identity = identity

            def advise(self, ir):
                return Advice([Proposal("default<Oz>", "grpc")])

        def build(cfg, target):
            return GrpcAdvisor(identity(cfg, target))
    '''))  # fmt: skip
    code = textwrap.dedent(f"""
        from llmcc.advisor import backends, select
        from llmcc.config import Config
        backends.__path__.append({str(tmp_path)!r})
        cfg = Config.from_env({{"LLMCC_MODEL": "grpc://h:1"}})
        assert select.spec(cfg.model) == ("grpc", "h:1")
        assert select.identity(cfg) == "grpc:h:1"
        advisor = select.make(cfg)
        assert advisor.identity == "grpc:h:1"
        assert advisor.advise("").proposals[0].text == "default<Oz>"
        assert backends.ranks_library("grpc") is False and backends.topk(cfg, "grpc", "") == 0
        try:
            select.spec("nope")
        except ValueError as e:
            assert "a grpc://host:port address" in str(e)
        print("ok")
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr
