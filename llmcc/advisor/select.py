"""Building the advisor for LLMCC_MODEL: the backend module that takes the value builds it
(advisor/backends/), on a miss only.

Its cache identity is computed apart (``backends.identity``), without building an
advisor; each advisor built here carries that same value.
"""

from __future__ import annotations

from .backends import backend, identity, spec
from .base import PassAdvisor

__all__ = ["identity", "make", "spec"]


def make(cfg) -> PassAdvisor:
    kind, target = spec(cfg.model)
    return backend(kind).build(cfg, target)
