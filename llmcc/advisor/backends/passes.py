"""``LLMCC_MODEL=passes:<pipeline>``: one pinned list, still vetted, evaluated and checked.

For users who found a list by hand (or with ``llmcc-admin tune``) and for tests that
need a specific, possibly broken, proposal.
"""

from __future__ import annotations

from ... import hashes as hashlib  # on every cache lookup: no OpenSSL load (llmcc/hashes.py)
from ..base import Advice, Proposal

FORM = "'passes:<pipeline>'"


def parse(model: str) -> str | None:
    return model[7:] if model.startswith("passes:") else None


def identity(cfg, target: str) -> str:
    """The list's text: two pinned lists are two advisors."""
    return f"passes:{hashlib.blake2b(target.encode(), digest_size=10).hexdigest()}"


class FixedAdvisor:
    def __init__(self, text: str, identity: str) -> None:
        self.text = text
        self.identity = identity

    def advise(self, ir: str) -> Advice:
        return Advice(proposals=[Proposal(self.text, "pinned")])


def build(cfg, target: str) -> FixedAdvisor:
    return FixedAdvisor(target, identity(cfg, target))
