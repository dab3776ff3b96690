"""``LLMCC_MODEL=onnx:<dir>``: a model directory served by llmcc's own model server.

The server is a separate process (llmcc/server/: onnxruntime and tokenizers
live only there), started on the first miss; the advisor speaks the same
OpenAI-compatible protocol to it over a Unix socket as to a remote server (advisor/model.py).
"""

from __future__ import annotations

import os

from .. import prompt
from ..identity import dir_stamp, model_meta
from . import topk

FORM = "'onnx:<dir>'"
KIND = __name__.rpartition(".")[2]  # its kind is its name (the registry)
RANKS_LIBRARY = True
DEFAULT_TOPK = 3
"""Ranked candidates tried after the answer, for llmcc's own models (they rank)."""


def parse(model: str) -> str | None:
    return model[5:] if model.startswith("onnx:") else None


def default_topk(target: str) -> int:
    """DEFAULT_TOPK for llmcc's own models (``llmcc-model.json`` names the encoding they were
    trained with, on the answer format the ranker scores); 0 for others (a generic FTD
    model's likelihood of that format means little)."""
    return DEFAULT_TOPK if model_meta(target).get("encoding") else 0


def identity(cfg, target: str) -> str:
    """llmcc's own models: the weights and value-head hashes and the prompt encoding they were
    trained with (a reinstall that changes only mtimes keeps the cache); others: the files' stamps.
    Then the prompt and its budget (``prompt.budget``)."""
    budget = prompt.budget(cfg, topk(cfg, KIND, target))
    meta = model_meta(target)
    weights = meta.get("weights_sha256")
    if isinstance(weights, str) and weights:
        head = meta.get("value_head_sha256")
        head = f":v{head[:12]}" if isinstance(head, str) and head else ""
        return f"onnx:{weights[:20]}{head}:enc{prompt.ENCODING_VERSION}:{budget}"
    from ... import hashes as hashlib  # on every cache lookup: no OpenSSL load (llmcc/hashes.py)

    stamp = hashlib.blake2b(dir_stamp(target).encode(), digest_size=10).hexdigest()
    return f"onnx:{stamp}:{budget}"


def build(cfg, target: str):
    from ...server import client
    from ...server.control import LocalServer
    from ..model import ModelAdvisor
    from ..value import ValueHead

    settings = {}
    if model_meta(target).get("encoding"):
        # The server fits any IR to this model's context (advisor/encoding.py): skip nothing here.
        settings["context"] = 1 << 40
    local = LocalServer.from_config(cfg, target)
    return ModelAdvisor.configured(
        cfg,
        client.Endpoint(local.base),
        identity(cfg, target),
        local.name,  # the local server serves its directory's name
        topk=topk(cfg, KIND, target),
        local=local,
        value=ValueHead.load(target),
        **settings,
    )


def probe(cfg, target: str) -> tuple[bool, str]:
    """The files the server needs, and whether it runs; no model is loaded."""
    if not os.path.isdir(target):
        return False, f"unreachable: {target} is not a directory; builds use clang -Oz"
    if not os.path.isfile(os.path.join(target, "model.onnx")):
        return False, f"unreachable: no model.onnx in {target}; builds use clang -Oz"
    from ...server.control import LocalServer

    running = LocalServer.from_config(cfg, target).alive()
    return True, "model found; server " + ("running" if running else "starts on first miss")


def local_model(target: str) -> str | None:
    return target
