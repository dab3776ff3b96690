"""A candidate is a pass list plus codegen options, with one canonical text form.

The text form is what cache entries, decision records and advisors carry::

    default<Oz>,mergefunc
    default<Oz>,mergefunc ; -mllvm -enable-machine-outliner

Options come only from :data:`ALLOWED_OPTIONS`: each one is a codegen lever
that cannot change what the program means (PassListEval still runs every
candidate's codegen with them). A user's own ``-mllvm`` flags never reach the
pipeline (args passes such compiles through), so these are the only ones llmcc
adds.
"""

from __future__ import annotations

SEPARATOR = " ; "

MACHINE_OUTLINER: tuple[str, ...] = ("-mllvm", "-enable-machine-outliner")
ALLOWED_OPTIONS: dict[tuple[str, ...], str] = {
    # On x86-64 at -Oz: 2.9 % on zlib, 0.6-1.1 % on other C code (LLVM 16); AArch64
    # runs it at -Oz by default. It works within one object, so per-TU checks see it all.
    MACHINE_OUTLINER: "the machine outliner",
}


class OptionsError(ValueError):
    """Options outside the allow-list (``vet:options``)."""


class Candidate:
    """(pipeline text, codegen options); options are a sorted tuple of allowed units."""

    __slots__ = ("options", "pipeline")

    def __init__(self, pipeline: str, options: tuple[str, ...] = ()) -> None:
        self.pipeline = pipeline
        self.options = options

    def text(self) -> str:
        return self.pipeline + (SEPARATOR + " ".join(self.options) if self.options else "")

    def with_options(self, options: tuple[str, ...]) -> Candidate:
        return Candidate(self.pipeline, options)

    def __repr__(self) -> str:
        return f"Candidate({self.text()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Candidate) and self.text() == other.text()

    def __hash__(self) -> int:
        return hash(self.text())


def split(text: str) -> tuple[str, str]:
    """(pipeline part, options part) at the first ``;`` outside ``<...>`` and ``(...)``.

    Pass parameters use ``;`` too (``instcombine<no-verify-fixpoint;...>``), so a
    plain split would cut a pipeline in half.
    """
    depth = 0
    for i, ch in enumerate(text):
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        elif ch == ";" and depth == 0:
            return text[:i].strip(), text[i + 1 :].strip()
    return text.strip(), ""


def parse_options(text: str) -> tuple[str, ...]:
    """Whitespace-separated options, as allowed units in canonical (sorted, unique) order."""
    words = text.split()
    units: set[tuple[str, ...]] = set()
    i = 0
    while i < len(words):
        for unit in ALLOWED_OPTIONS:
            if tuple(words[i : i + len(unit)]) == unit:
                units.add(unit)
                i += len(unit)
                break
        else:
            allowed = "; ".join(" ".join(u) for u in ALLOWED_OPTIONS)
            raise OptionsError(f"option {words[i]!r} is not allowed (allowed: {allowed})")
    return tuple(w for unit in sorted(units) for w in unit)


def parse(text: str) -> Candidate:
    """A candidate from its text form; the pipeline part is *not* vetted here.

    Raises :class:`OptionsError` for options outside the allow-list.
    """
    pipeline, options = split(text)
    return Candidate(pipeline, parse_options(options))


def portable(text: str) -> str:
    """A candidate as libraries and labels store it: ``instcombine<no-verify-fixpoint>``
    (what vetting makes of a bare ``instcombine`` on opt 18+, llmcc.passlist.vet._harden)
    written bare, so the same list also vets on opt 16 and means the same on 18+."""
    return text.replace("instcombine<no-verify-fixpoint>", "instcombine")
