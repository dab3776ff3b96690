"""The shipped model (``llmcc/model/``, issue 11): what ``LLMCC_MODEL=default`` means.

The pipeline's other tests pin the library advisor (conftest.base_env); these run the model
that ships in the package, unset LLMCC_MODEL, as a fresh install does: its files, the
default resolving to it, and a cold ``make`` that asks it through the auto-started server.
"""

from __future__ import annotations

import json
import os

import model_fixture
import pytest
from conftest import (
    ADMIN,
    LLMCC,
    check_tus_against_oz,
    imported_modules,
    make_env,
    requires_clang,
    run,
    stats,
)

from llmcc.advisor import backends
from llmcc.advisor.backends import SHIPPED_DIR
from llmcc.advisor.encoding import META
from llmcc.train.train import MAX_SHIPPED_BYTES, sha256_files


def test_the_package_ships_a_model_whose_weights_hash_is_its_own_and_under_50_mb():
    assert backends.shipped_model_dir() == SHIPPED_DIR, "no llmcc/model/model.onnx"
    files = sorted(os.listdir(SHIPPED_DIR))
    with open(os.path.join(SHIPPED_DIR, META), encoding="utf-8") as f:
        meta = json.load(f)
    weights = [os.path.join(SHIPPED_DIR, f) for f in files if f.startswith("model.onnx")]
    assert meta["weights_sha256"] == sha256_files(weights)
    assert meta["encoding"]  # an own model: it ranks, and its identity is its weights
    assert sum(os.path.getsize(os.path.join(SHIPPED_DIR, f)) for f in files) <= MAX_SHIPPED_BYTES
    assert all(os.path.isfile(os.path.join(SHIPPED_DIR, f)) for f in files)  # package-data: flat


def test_default_and_unset_mean_the_shipped_model():
    for value in ("", "default", " default "):
        assert backends.spec(value) == ("onnx", SHIPPED_DIR)


@pytest.fixture
def default_env(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store, LLMCC_SERVER_IDLE="300")
    del env["LLMCC_MODEL"]  # what a fresh install uses
    yield env
    run([ADMIN, "server", "stop"], cwd=str(tmp_path), env=env)


@requires_clang
def test_a_cold_make_with_no_advisor_setting_asks_the_shipped_model(tmp_path, default_env):
    d = tmp_path / "proj"
    d.mkdir()
    for name, text in model_fixture.PROJECT.items():
        (d / name).write_text(text)
    r = run(["make", "-j2", f"CC={LLMCC}", "CFLAGS=-O2"], cwd=str(d), env=default_env)
    assert r.returncode == 0, r.stderr.decode()
    assert run([str(d / "prog")], cwd=str(d)).stdout == model_fixture.EXPECTED_OUTPUT
    sources = [n for n in model_fixture.PROJECT if n.endswith(".c")]
    assert stats(default_env)["model_queries"] == len(sources)  # one query per cold TU
    decisions = check_tus_against_oz(str(d), sources, default_env)
    for rec in decisions.values():  # a win is the model's answer or a candidate it ranked
        if rec["path"] != "fallback":
            assert rec["provenance"].startswith(("model:", "rank:", "value:")), rec


LOAD_AND_ASK = r"""
import sys
from llmcc.advisor import prompt
from llmcc.server.onnx_backend import OnnxBackend
be = OnnxBackend(sys.argv[1], threads=1)
g = be.generate(prompt.build("define i32 @f() {\n  ret i32 0\n}\n"), 64, ["<code>"])
scores, _ = be.rank(prompt.build("define i32 @f() {\n  ret i32 0\n}\n"), be.meta["library"])
print(g.finish_reason, len(scores))
"""


def test_the_server_loads_and_asks_the_shipped_model_without_torch_transformers_or_optimum():
    """Importing optimum and transformers was 6 s of the server's start-up, which a fresh
    machine's first build waits for; onnxruntime, tokenizers and numpy run the export."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-X", "importtime", "-c", LOAD_AND_ASK, SHIPPED_DIR],
                       capture_output=True, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    with open(os.path.join(SHIPPED_DIR, META), encoding="utf-8") as f:
        library = json.load(f)["library"]
    assert r.stdout.decode().split() == ["stop", str(len(library))]
    mods = {m.split(".")[0] for m in imported_modules(r.stderr)}
    assert "onnxruntime" in mods and "tokenizers" in mods
    heavy = mods & {"torch", "transformers", "optimum"}
    assert not heavy, heavy


def test_the_model_server_imports_nothing_a_plain_install_lacks():
    """The default advisor is the shipped model, so ``pip install llmcc`` must bring all its
    server imports (a server that cannot start leaves every build at plain -Oz)."""
    import ast
    import glob
    import re
    import sys
    import tomllib

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "pyproject.toml"), "rb") as f:
        deps = {re.split(r"[<>=~!\[; ]", d, maxsplit=1)[0].lower()
                for d in tomllib.load(f)["project"]["dependencies"]}  # fmt: skip
    used = set()
    for path in glob.glob(os.path.join(root, "llmcc", "server", "*.py")):
        with open(path, encoding="utf-8") as f:
            for node in ast.walk(ast.parse(f.read())):
                if isinstance(node, ast.Import):
                    used |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    used.add(node.module.split(".")[0])
    third_party = used - set(sys.stdlib_module_names) - {"llmcc", "__future__"}
    assert {"onnxruntime", "tokenizers", "numpy"} <= third_party
    assert third_party <= deps, third_party - deps
