"""The advisor interface: IR in, proposed pass lists out.

An advisor only *proposes*. Every proposal is vetted (pass names, nesting),
evaluated (PassListEval) and checked on the TU (symbols, size) before it can
reach an object, so an advisor may be wrong, slow or absent without harm.
(Plain classes: this module is imported on the cache-hit path.)
"""

from __future__ import annotations


class Proposal:
    """A pipeline text exactly as the advisor produced it (it may not even parse).

    ``source`` is its provenance for the decision record, e.g.
    ``candidates-v2#2`` or ``model:llmcc-ftd-tiny``.
    """

    __slots__ = ("source", "text")

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source

    def __repr__(self) -> str:
        return f"Proposal({self.text!r}, {self.source!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Proposal) and (self.text, self.source) == (
            other.text,
            other.source,
        )

    __hash__ = None  # type: ignore[assignment]


class Advice:
    """What an advisor returns: proposals, or the problem that prevented any.

    ``problem`` becomes a counted fallback reason; ``raw`` (a model's answer)
    is kept for the decision record. ``transient`` marks a problem that says
    nothing about this TU (a server down or slow): its outcome must not be cached.
    """

    def __init__(
        self,
        proposals: list[Proposal] | None = None,
        model_queried: bool = False,
        problem: str | None = None,
        seconds: float = 0.0,
        raw: str | None = None,
        transient: bool = False,
    ) -> None:
        self.proposals = proposals or []
        self.model_queried = model_queried
        self.problem = problem
        self.seconds = seconds
        self.raw = raw
        self.transient = transient


class PassAdvisor:
    """The interface every advisor implements (duck-typed; no typing.Protocol on the hot path)."""

    identity: str = ""
    """Equals ``backends.identity(cfg)``, which the keys use (computed there without
    constructing the advisor, since every lookup needs it)."""

    def advise(self, ir: str) -> Advice:
        raise NotImplementedError
