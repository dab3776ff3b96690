"""``LLMCC_MODEL=candidates``, and the default while no model ships: the library's
default subset, tried in rank order, without a model (advisor/candidates.py)."""

from __future__ import annotations

from ..candidates import CandidateAdvisor

FORM = "'candidates'"


def parse(model: str) -> str | None:
    return "" if model == "candidates" else None


def identity(cfg, target: str) -> str:
    """The library's version and content: what the advisor proposes."""
    return CandidateAdvisor.identity


def build(cfg, target: str) -> CandidateAdvisor:
    return CandidateAdvisor()
