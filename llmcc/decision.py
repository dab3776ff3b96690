"""A TU's outcome, assembled in one place from the values its steps returned.

The per-TU steps (llmcc.pipeline) do not write the decision record: each returns
a value (:class:`Choice` from choose, :class:`Installed` from install) that the
pipeline keeps in its :class:`Steps`, and :func:`assemble` alone turns those into
the :class:`Outcome` the driver logs and an object entry stores. So what a record
says, on every path (a hit, a failed compile, a fallback, a bug half-way), is
read in one function, and a new step adds one value here rather than edits spread
over the pipeline and the driver.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .outcomes import Reason

DECISION_FIELDS = ("pipeline", "provenance", "fallback", "bytes_oz", "bytes_out", "suite",
                   "provisional")  # fmt: skip
"""What an object entry remembers of a TU's outcome, and an object hit restores."""


@dataclass
class Outcome:
    """What happened to one TU; becomes the decision record."""

    source: str
    output: str
    returncode: int = 0
    path: str = ""
    """direct-hit | object-hit | optimized | fallback | failed."""
    pipeline: str | None = None
    provenance: str | None = None
    fallback: str | None = None
    bytes_oz: int | None = None
    bytes_out: int | None = None
    tried: list[dict] = field(default_factory=list)
    tier: str | None = None
    ir_instructions: int | None = None
    seconds: float = 0.0
    argv: list[str] = field(default_factory=list)
    """The TU's own argv: ``clang <argv> -Oz`` reproduces the reference."""
    cwd: str = ""
    suite: dict | None = None
    """The PassListEval suite the verdicts came from (mode, programs, csmith or not)."""
    provisional: dict | None = None
    """Set when a candidate was missing for a transient reason (llmcc.provisional)."""

    def decision(self) -> dict:
        """The decision an object entry stores (DECISION_FIELDS, in order)."""
        return {k: getattr(self, k) for k in DECISION_FIELDS}

    def restore(self, meta: dict) -> None:
        """The decision of an object hit, as its entry stored it."""
        for k in DECISION_FIELDS:
            setattr(self, k, meta.get(k))

    def record(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [], "")}


@dataclass
class Choice:
    """What choose returned: the winner, or why the TU keeps its reference.

    Built as the step goes (the pipeline holds it from the start), so that a bug half-way
    still leaves what was learned (the reference's size, the trials so far) in the record.
    """

    winner: dict | None = None
    """{object, bitcode, canonical, size, options, provenance} of the smallest survivor."""
    fallback: str | None = None
    provenance: str | None = None
    tier: str | None = None
    """The tier of a pass-list hit."""
    bytes_oz: int | None = None
    bytes_out: int | None = None
    ir_instructions: int | None = None
    tried: list[dict] = field(default_factory=list)
    provisional: dict | None = None
    suite: dict | None = None
    transient: bool = False
    """The choice depended on something passing (a timeout, a server down): not cached."""


@dataclass
class Installed:
    """What install returned: the final output's bytes and how it got there."""

    path: str
    """optimized | fallback."""
    blob: bytes
    fallback: str | None = None
    """Set when the winner could not be installed after all (its ``-S`` codegen failed)."""
    transient: bool = False


@dataclass
class Steps:
    """The values the steps of one TU returned, in order; None: the step did not run."""

    reference_rc: int | None = None
    """The user's compile (with -Oz) ran, and exited so."""
    ir_failure: str | None = None
    """clang could not emit IR: its summary."""
    hit: tuple[dict, str] | None = None
    """An object hit: the entry's metadata and the tier's name."""
    choice: Choice | None = None
    installed: Installed | None = None
    error: bool = False
    """A bug in llmcc broke a step (Pipeline.internal_error): clang -Oz's output stands."""

    @property
    def cacheable(self) -> bool:
        """False once the outcome depended on something passing (llmcc.outcomes' transient)."""
        return not any(s is not None and s.transient for s in (self.choice, self.installed))


def assemble(source: str, output: str, argv: list[str], cwd: str, steps: Steps,
             seconds: float = 0.0) -> Outcome:  # fmt: skip
    """The one place an :class:`Outcome` is written: from *steps*, whatever path the TU took."""
    out = Outcome(source, output, argv=argv, cwd=cwd, seconds=seconds)
    out.returncode = steps.reference_rc or 0
    if steps.hit is not None:
        meta, out.tier = steps.hit
        out.path = "object-hit"
        out.restore(meta)
    elif steps.ir_failure is not None:
        # Most often invalid source: the user's compile reported it exactly as clang would.
        out.path = "failed" if out.returncode != 0 else "fallback"
        out.fallback = Reason.IR_EMISSION_FAILED
        out.tried.append({"ir": steps.ir_failure[:300]})
    elif out.returncode != 0:
        out.path = "failed"
    if (ch := steps.choice) is not None:
        out.pipeline = ch.winner["canonical"] if ch.winner is not None else None
        out.provenance, out.fallback, out.tier = ch.provenance, ch.fallback, ch.tier
        out.bytes_oz, out.bytes_out = ch.bytes_oz, ch.bytes_out
        out.ir_instructions, out.tried = ch.ir_instructions, ch.tried
        out.suite, out.provisional = ch.suite, ch.provisional
    if (inst := steps.installed) is not None:
        out.path = inst.path
        if inst.fallback is not None:
            out.fallback, out.pipeline, out.bytes_out = inst.fallback, None, out.bytes_oz
    if steps.error:
        out.path = "fallback" if out.returncode == 0 else "failed"
        out.pipeline = None
        out.fallback = Reason.INTERNAL_ERROR
        out.bytes_out = out.bytes_oz
    return out
