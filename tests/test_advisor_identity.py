"""Advisor identity (llmcc/advisor/backends/): one formula per kind of advisor, in its backend's
module, and the advisor that ``select.make`` builds carries exactly the value the cache keys use."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from llmcc.advisor import backends, select
from llmcc.config import Config

SHIPPED = backends.SHIPPED_DIR


@pytest.mark.parametrize("model", ["candidates", "passes:default<Oz>,mergefunc",
                                   "http://127.0.0.1:9/v1"])  # fmt: skip
def test_the_advisor_built_reports_the_identity_the_keys_use(model):
    cfg = Config.from_env({"LLMCC_MODEL": model, "LLMCC_DIR": "/nonexistent"})
    assert select.make(cfg).identity == backends.identity(cfg)


def test_pinned_lists_are_told_apart_by_their_text():
    a = backends.identity(Config.from_env({"LLMCC_MODEL": "passes:default<Oz>"}))
    b = backends.identity(Config.from_env({"LLMCC_MODEL": "passes:default<O1>"}))
    assert a.startswith("passes:") and b.startswith("passes:") and a != b


def test_identity_builds_no_advisor_and_reaches_no_server_code():
    # Needed on every cache lookup, a hit included: configuration and file metadata only.
    code = (
        "import sys\n"
        "from llmcc.config import Config\n"
        "from llmcc.advisor.backends import identity\n"
        "for m in ('candidates', 'passes:default<Oz>', 'http://127.0.0.1:9/v1'):\n"
        "    identity(Config.from_env({'LLMCC_MODEL': m}))\n"
        "loaded = {n for n in sys.modules if n.startswith('llmcc.')}\n"
        "bad = loaded & {'llmcc.advisor.model', 'llmcc.advisor.select', 'llmcc.server.control',\n"
        "                'llmcc.server.client', 'llmcc.server.breaker'}\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


# -- the identity values are the cache keys' material: pinned against the formulas as they
# were before the backends became modules of their own (llmcc/advisor/backends/), kept here
# verbatim, so that no refactoring of the registry changes a key and orphans a cache.


def _ref_dir_stamp(path: str) -> str:
    parts = [os.path.realpath(path)]
    try:
        for name in sorted(os.listdir(path)):
            st = os.stat(os.path.join(path, name))
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append("unreadable")
    return ";".join(parts)


def _ref_model_meta(path: str) -> dict:
    try:
        with open(os.path.join(path, "llmcc-model.json"), encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _ref_spec(model: str) -> tuple[str, str]:
    m = model.strip()
    if m in ("", "default"):
        return "onnx", SHIPPED  # the model that ships in llmcc/model/ (asserted below)
    if m == "candidates":
        return "candidates", ""
    if m.startswith("passes:"):
        return "passes", m[7:]
    if m.startswith("onnx:"):
        return "onnx", m[5:]
    if m.startswith(("http://", "https://")):
        return "http", m
    raise ValueError(model)


def _ref_identity(cfg) -> str:
    from llmcc import hashes
    from llmcc.advisor import candidates, encoding, prompt

    kind, target = _ref_spec(cfg.model)
    if kind == "candidates":
        return f"candidates-v{candidates.VERSION}.{candidates.DIGEST}"
    if kind == "passes":
        return f"passes:{hashes.blake2b(target.encode(), digest_size=10).hexdigest()}"
    budget = f"prompt-v{prompt.VERSION}:ctx{cfg.model_context}:max{cfg.model_max_tokens}"
    if cfg.topk >= 0:
        k = cfg.topk
    else:
        k = 3 if kind == "onnx" and _ref_model_meta(target).get("encoding") else 0
    if k > 0:
        budget += f":k{k}:lib{candidates.VERSION}.{candidates.DIGEST}"
    if kind == "onnx":
        meta = _ref_model_meta(target)
        weights = meta.get("weights_sha256")
        if isinstance(weights, str) and weights:
            head = meta.get("value_head_sha256")  # since the value head: only models with one
            head = f":v{head[:12]}" if isinstance(head, str) and head else ""
            return f"onnx:{weights[:20]}{head}:enc{encoding.VERSION}:{budget}"
        stamp = hashes.blake2b(_ref_dir_stamp(target).encode(), digest_size=10).hexdigest()
        return f"onnx:{stamp}:{budget}"
    return f"http:{target}:{cfg.model_name or ''}:{budget}"


def _model_dirs(tmp_path) -> dict[str, str]:
    """Model directories of every form the onnx identity tells apart."""
    plain = tmp_path / "plain"  # a generic export: known by its files' stamps
    plain.mkdir()
    (plain / "model.onnx").write_bytes(b"x" * 10)
    (plain / "config.json").write_text("{}")
    own = tmp_path / "own"  # llmcc's own: weights hash and prompt encoding
    own.mkdir()
    (own / "model.onnx").write_bytes(b"y")
    (own / "llmcc-model.json").write_text(json.dumps({"weights_sha256": "ab" * 32,
                                                      "encoding": "digest"}))  # fmt: skip
    valued = tmp_path / "valued"  # llmcc's own with a value head: its hash too
    valued.mkdir()
    (valued / "llmcc-model.json").write_text(json.dumps({"weights_sha256": "ab" * 32,
                                                         "encoding": "digest",
                                                         "value_head_sha256": "ef" * 32}))
    bare = tmp_path / "bare"  # weights hash, no encoding: ranks only when LLMCC_TOPK says so
    bare.mkdir()
    (bare / "llmcc-model.json").write_text(json.dumps({"weights_sha256": "cd" * 32}))
    odd = tmp_path / "odd"  # meta that is not an object, and an empty weights hash
    odd.mkdir()
    (odd / "llmcc-model.json").write_text("[1, 2]")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "llmcc-model.json").write_text(json.dumps({"weights_sha256": ""}))
    return {"plain": str(plain), "own": str(own), "valued": str(valued), "bare": str(bare),
            "odd": str(odd),
            "empty": str(empty), "missing": str(tmp_path / "missing")}  # fmt: skip


def test_every_kinds_identity_is_the_formula_existing_cache_keys_were_made_with(tmp_path):
    assert os.path.isfile(os.path.join(SHIPPED, "model.onnx"))
    dirs = _model_dirs(tmp_path)
    models = ["", "default", " candidates ", "candidates", "passes:default<Oz>",
              "passes:default<Oz>,mergefunc", "passes:", "http://127.0.0.1:9/v1",
              "https://models.example/v1", " http://h:1/v1 "]  # fmt: skip
    models += [f"onnx:{d}" for d in dirs.values()]
    settings = [{}, {"LLMCC_TOPK": "0"}, {"LLMCC_TOPK": "2"}, {"LLMCC_MODEL_NAME": "tiny"},
                {"LLMCC_MODEL_CONTEXT": "4096", "LLMCC_MODEL_MAX_TOKENS": "64"}]  # fmt: skip
    seen = set()
    for model in models:
        for extra in settings:
            cfg = Config.from_env({"LLMCC_MODEL": model, "LLMCC_DIR": str(tmp_path / "c"),
                                   **extra})  # fmt: skip
            assert select.spec(cfg.model) == _ref_spec(cfg.model), model
            got = select.identity(cfg)
            assert got == _ref_identity(cfg), (model, extra)
            seen.add(got)
    assert len(seen) > 30  # the matrix does tell the inputs apart


@pytest.mark.parametrize("model", ["grpc://h/v1", "onnx", "passes", "candidates:x", "http:/x"])
def test_a_value_no_backend_takes_is_refused(model):
    with pytest.raises(ValueError, match="LLMCC_MODEL="):
        select.spec(model)


# What computing the identity imports, per kind, counted in sys.modules after
# `Config.from_env` under `python -S` (no site hooks, so an editable and a plain install count
# alike): a cache hit needs the identity, so a change that costs the hit a module more fails
# here. None is above the count before the backends became modules.
HIT_BUDGET = {"candidates": 9, "passes": 7, "onnx": 10, "onnx-own": 11, "http": 4, "http-k2": 10}


def test_the_identity_imports_no_more_on_a_hit_than_before_the_registry(tmp_path):
    dirs = _model_dirs(tmp_path)
    models = {"candidates": ("candidates", {}), "passes": ("passes:default<Oz>", {}),
              "onnx": (f"onnx:{dirs['plain']}", {}), "onnx-own": (f"onnx:{dirs['own']}", {}),
              "http": ("https://h.example/v1", {}),
              "http-k2": ("http://127.0.0.1:9/v1", {"LLMCC_TOPK": "2"})}  # fmt: skip
    for kind, (model, extra) in models.items():
        env = {"LLMCC_MODEL": model, "LLMCC_DIR": str(tmp_path / "c"), **extra}
        code = (
            "import sys\n"
            "from llmcc.config import Config\n"
            f"cfg = Config.from_env({env!r})\n"
            "before = set(sys.modules)\n"
            "from llmcc.advisor.backends import identity\n"  # what the driver imports
            "identity(cfg)\n"
            "print(' '.join(sorted(set(sys.modules) - before)))\n"
        )
        # -S: no site hooks (an editable install's finder imports a dozen stdlib modules
        # first, which hid them from the count); the same sys.path reaches llmcc either way.
        r = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                           env={"PYTHONPATH": ":".join(sys.path)})  # fmt: skip
        assert r.returncode == 0, r.stderr
        new = r.stdout.split()
        assert len(new) <= HIT_BUDGET[kind], (kind, new)
        heavy = ("llmcc.server", "llmcc.advisor.encoding", "psutil", "numpy", "re", "json")
        assert not {m for m in new if m.split(".")[0] in heavy or m.startswith(heavy)}, new
