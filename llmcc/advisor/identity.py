"""An advisor's cache identity, computed cheaply from configuration and file metadata.

The identity is part of every cache key, so it is needed on every lookup, a cache
hit included: it never loads a model, and this module imports nothing heavy. It is
the one place the identity of each kind of advisor is written; the advisors carry
the value computed here (``select.make``), so what the keys use and what the
advisor reports cannot drift apart.
"""

from __future__ import annotations

import os


def dir_stamp(path: str) -> str:
    """A model directory's identity: its path and the size and mtime of its files."""
    parts = [os.path.realpath(path)]
    try:
        for name in sorted(os.listdir(path)):
            st = os.stat(os.path.join(path, name))
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append("unreadable")
    return ";".join(parts)


def model_meta(path: str) -> dict:
    """A model directory's ``llmcc-model.json`` (llmcc's own models), else {}."""
    import json

    try:
        with open(os.path.join(path, "llmcc-model.json"), encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


DEFAULT_TOPK = 3
"""Ranked candidates tried after the answer, for llmcc's own models (they rank)."""


def topk(cfg, kind: str, target: str) -> int:
    """LLMCC_TOPK if set; else DEFAULT_TOPK for llmcc's own models (``llmcc-model.json``:
    trained on the answer format the ranker scores) and 0 for others (a generic FTD
    model's likelihood of that format means little, and vLLM has no ``/v1/rank``)."""
    if cfg.topk >= 0:
        return cfg.topk
    return DEFAULT_TOPK if kind == "onnx" and model_meta(target).get("encoding") else 0


def shipped_model_dir() -> str | None:
    """The model that ships inside the package, once the training work provides one."""
    d = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "model")
    return d if os.path.isfile(os.path.join(d, "model.onnx")) else None


def spec(model: str) -> tuple[str, str]:
    """(kind, target) for an LLMCC_MODEL value: candidates, onnx or http."""
    m = model.strip()
    if m in ("", "default"):
        shipped = shipped_model_dir()
        return ("onnx", shipped) if shipped else ("candidates", "")
    if m == "candidates":
        return "candidates", ""
    if m.startswith("passes:"):
        return "passes", m[7:]
    if m.startswith("onnx:"):
        return "onnx", m[5:]
    if m.startswith(("http://", "https://")):
        return "http", m
    raise ValueError(
        f"LLMCC_MODEL={model!r}: expected 'default', 'candidates', 'passes:<pipeline>', "
        "'onnx:<dir>' or an http(s)://.../v1 URL"
    )


def identity(cfg, model: str | None = None) -> str:
    """Everything that changes the answers: for a model, its files (or its served name),
    the prompt version and the context budget, since a ``context-too-long`` or cut-off
    answer is cached as "no list" and must not reach a build with a larger budget.
    An http model is known by URL and LLMCC_MODEL_NAME only: set the name to tell models
    served at one URL apart (asking the server would cost a request per lookup)."""
    from .. import hashes as hashlib  # on every cache lookup: no OpenSSL load (llmcc/hashes.py)
    from . import candidates

    kind, target = spec(cfg.model if model is None else model)
    if kind == "candidates":
        return candidates.CandidateAdvisor.identity
    if kind == "passes":
        return f"passes:{hashlib.blake2b(target.encode(), digest_size=10).hexdigest()}"
    from . import prompt  # a model's identity only: one module fewer on a hit without one

    budget = f"prompt-v{prompt.VERSION}:ctx{cfg.model_context}:max{cfg.model_max_tokens}"
    k = topk(cfg, kind, target)
    if k > 0:  # the ranked proposals depend on k and on the library ranked
        budget += f":k{k}:lib{candidates.VERSION}.{candidates.DIGEST}"
    if kind == "onnx":
        meta = model_meta(target)
        weights = meta.get("weights_sha256")
        if isinstance(weights, str) and weights:
            # llmcc's own models: the weights hash and the prompt encoding they were trained
            # with (a reinstall that changes only mtimes keeps the cache).
            from . import encoding

            return f"onnx:{weights[:20]}:enc{encoding.VERSION}:{budget}"
        stamp = hashlib.blake2b(dir_stamp(target).encode(), digest_size=10).hexdigest()
        return f"onnx:{stamp}:{budget}"
    return f"http:{target}:{cfg.model_name or ''}:{budget}"
