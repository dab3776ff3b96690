"""Advisor backends: one module per kind of advisor, found by the LLMCC_MODEL value.

A backend is a module of this package named after its kind (``candidates.py``,
``passes.py``, ``onnx.py``, ``http.py``), and it is the only place that kind is
known. It declares:

- ``FORM``: how LLMCC_MODEL names it, for the message on a value no backend takes;
- ``parse(model) -> str | None``: the target (a pipeline, a directory, a URL) if the
  value (stripped) is this backend's form, else None;
- ``identity(cfg, target) -> str``: everything that changes its answers, from
  configuration and file metadata only, never a request: every cache lookup needs it,
  a hit included, so it builds no advisor and imports nothing heavy;
- ``build(cfg, target)``: the advisor, for a miss, carrying that same identity;

and, where it differs from the default, ``default_topk(target)`` (ranked library
candidates tried after a model's answer when LLMCC_TOPK is unset; 0), ``RANKS_LIBRARY``
(it may propose any library candidate, so ``llmcc-admin warmup`` earns verdicts for the
whole library; False), ``probe(cfg, target)`` (``llmcc-admin doctor``'s check; "built
in") and ``local_model(target)`` (the model directory llmcc's own server runs; None).

Why modules found by name rather than a table: adding a backend is one file, and a
cache hit imports this registry and its own backend only (the hit's import budget,
tests/test_advisor_identity.py). The registry lists this directory once a process (the
package's ``__path__``: a test adds a backend from a directory of its own) and offers the
value to the backends whose name it starts with, longest name first (``https://...``
reaches ``http``); the first whose ``parse`` takes it serves it.
"""

from __future__ import annotations

import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_kinds: list[str] = []


def kinds() -> list[str]:
    """Every backend's kind (the modules of this package's ``__path__``), longest name first."""
    if not _kinds:
        found = {
            f[:-3] for d in __path__ for f in os.listdir(d) if f.endswith(".py") and f[0] != "_"
        }
        _kinds.extend(sorted(found, key=lambda n: (-len(n), n)))
    return _kinds


def backend(kind: str):
    """The module of backend *kind*."""
    if kind not in kinds():
        raise ValueError(f"no advisor backend {kind!r} (there are: {', '.join(sorted(kinds()))})")
    # __import__, not importlib.import_module: the C import path, which -X importtime sees.
    return __import__(f"{__name__}.{kind}", fromlist=("parse",))


SHIPPED_DIR = os.path.join(os.path.dirname(os.path.dirname(_HERE)), "model")
"""Where the package's own model lives (``llmcc/model/``; ``python -m llmcc.train install``)."""


def shipped_model_dir() -> str | None:
    """The model that ships inside the package, once training provides one."""
    return SHIPPED_DIR if os.path.isfile(os.path.join(SHIPPED_DIR, "model.onnx")) else None


def spec(model: str) -> tuple[str, str]:
    """(kind, target) for an LLMCC_MODEL value. ``default`` (or nothing) is the policy, not a
    backend: the shipped model if the package has one, else the built-in candidates."""
    m = model.strip()
    if m in ("", "default"):
        shipped = shipped_model_dir()
        m = f"onnx:{shipped}" if shipped else "candidates"
    for kind in kinds():
        if m.startswith(kind):
            target = backend(kind).parse(m)
            if target is not None:
                return kind, target
    forms = [backend(k).FORM for k in sorted(kinds())]
    raise ValueError(f"LLMCC_MODEL={model!r}: expected 'default', {', '.join(forms[:-1])} "
                     f"or {forms[-1]}")  # fmt: skip


def identity(cfg, model: str | None = None) -> str:
    """The advisor's cache identity for *model* (default: LLMCC_MODEL), by its backend."""
    kind, target = spec(cfg.model if model is None else model)
    return backend(kind).identity(cfg, target)


def topk(cfg, kind: str, target: str) -> int:
    """LLMCC_TOPK if set, else what the backend ranks by default."""
    if cfg.topk >= 0:
        return cfg.topk
    default = getattr(backend(kind), "default_topk", None)
    return default(target) if default is not None else 0


def ranks_library(kind: str) -> bool:
    """Whether the advisor may propose any candidate of the library (a model ranks it all)."""
    return bool(getattr(backend(kind), "RANKS_LIBRARY", False))


def probe(cfg, kind: str, target: str) -> tuple[bool, str]:
    """(usable, what was found) for ``llmcc-admin doctor``; a build never waits on this."""
    check = getattr(backend(kind), "probe", None)
    return check(cfg, target) if check is not None else (True, "built in, nothing to reach")


def local_model(kind: str, target: str) -> str | None:
    """The model directory llmcc's own server runs for this advisor, if any."""
    find = getattr(backend(kind), "local_model", None)
    return find(target) if find is not None else None
