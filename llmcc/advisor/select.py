"""Choosing the advisor from LLMCC_MODEL.

Its cache identity is computed apart (``identity.py``), without building an
advisor; each advisor built here carries that same value.
"""

from __future__ import annotations

from .base import PassAdvisor
from .identity import identity, spec


def make(cfg) -> PassAdvisor:
    kind, target = spec(cfg.model)
    if kind == "candidates":
        from .candidates import CandidateAdvisor

        return CandidateAdvisor()
    if kind == "passes":
        from .candidates import FixedAdvisor

        return FixedAdvisor(target, identity(cfg))
    from .model import ModelAdvisor

    return ModelAdvisor.from_config(cfg, kind, target)
