"""How IR reaches a model whose context is far smaller than the IR: the per-function digest.

The FTD models read 16k tokens; llmcc's own shipped model reads about a
thousand (it must answer in well under 200 ms on two cores). Cutting the IR at
the budget would show the model the first few functions and nothing of the
rest, so long IR is *described* instead, in an IR-like text the IR-trained
tokenizer reads well:

* level ``full``: the IR with what carries no size signal removed: metadata
  nodes and attachments (``!dbg``, ``!tbaa``), attribute groups, the target
  lines and comments (:func:`compact`);
* levels ``digest:N``: the module's globals and declarations, then per function
  its ``define`` line, a summary comment (blocks, instructions, and the
  instruction-kind histogram, AutoPhase-style) and its first *N* instructions,
  for N = 32, 16, 8, 4, 2, 0;
* level ``functions``: ``digest:0`` without the globals (only their count);
* last resort: that text cut at a line boundary to fit, ending with ``; ...``
  (a description may be cut; a program may not).

In digests, global definitions are cut to :data:`GLOBAL_CHARS` characters
(their initializers are mostly string bytes).

The first level whose prompt fits is used. ``fits`` is the caller's exact
check (the server and the trainer count tokens with the model's tokenizer),
so training and inference see byte-identical prompts: both call
:func:`encode_prompt` with the same tokenizer and budget. The FTD template
around the text is unchanged (``prompt.build``).

Pure Python, imported only where a model is asked (never on a cache hit).
VERSION (kept in prompt.py, which a hit imports anyway) is part of every own model's
cache identity (advisor/backends: onnx.identity).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from . import prompt

VERSION = prompt.ENCODING_VERSION
META = "llmcc-model.json"
"""The shipped model's own settings (encoding, context, weights hash), beside model.onnx."""
LEVELS: tuple[int, ...] = (32, 16, 8, 4, 2, 0)
GLOBAL_CHARS = 72
"""Instructions kept per function at each digest level, most detailed first."""

LEAD = " Run passes -p '"
"""How the shipped model's answers begin; the ranker scores ``LEAD + candidate + CLOSE``."""
CLOSE = "'"
END = "\n\n<code>"
"""Where its answer ends: ``<code>`` is the advisor's stop string, as for the FTD models."""

_HEAD, _TAIL = prompt.TEMPLATE.split("{ir}")
_ATTACH = re.compile(r",?\s+!(?:[A-Za-z_.][\w.]*)\s+!\d+")
_ATTACH_DISTINCT = re.compile(r",\s*!(?:[A-Za-z_.][\w.]*)\s+!\{[^}]*\}")
_GROUP_REF = re.compile(r"\s#\d+(?=\s|$)")
_LABEL = re.compile(r"^[\w.$-]+:")
_WRAPPERS = frozenset({"tail", "musttail", "notail"})


def ir_of_prompt(text: str) -> str | None:
    """The IR inside an FTD flag-tuning prompt, or None if *text* is not one."""
    if text.startswith(_HEAD) and text.endswith(_TAIL) and len(text) >= len(_HEAD) + len(_TAIL):
        return text[len(_HEAD) : len(text) - len(_TAIL)]
    return None


def split_candidate(candidate: str) -> tuple[str, str]:
    """(pipeline, codegen options) of a library candidate ``"<pipeline>[ ; <codegen opts>]"``."""
    pipeline, _, opts = candidate.partition(" ; ")  # llmcc.candidate.SEPARATOR
    return pipeline.strip(), opts.strip()


def answer_text(candidate: str) -> str:
    """The training answer for *candidate*, FTD-style (``Run passes -p '...'``), up to ``<code>``.

    Codegen options, when the candidate has any, follow the list as ``and codegen '...'``
    (the pass-list parser reads only the first pipeline).
    """
    pipeline, opts = split_candidate(candidate)
    extra = f" and codegen '{opts}'" if opts else ""
    return f"{LEAD}{pipeline}{CLOSE}{extra}{END}"


def scored_text(candidate: str) -> str:
    """The continuation whose likelihood ranks *candidate*: the answer up to its options."""
    pipeline, opts = split_candidate(candidate)
    extra = f" and codegen '{opts}'" if opts else ""
    return f"{LEAD}{pipeline}{CLOSE}{extra}"


NO_WIN = "default<Oz>"
"""The answer the model learns for a TU where no library candidate beats -Oz. Trying it
would only rebuild the reference object, so the advisor proposes one more ranked
candidate instead (advisor/model.py), and the trainer's evaluation counts it so."""


def rank_score(logprob: float, tokens: int, position: int, prior: float) -> float:
    """A candidate's ranking score: its answer's mean log-probability under the prompt,
    less *prior* nats per place it stands in the library's own (tuner-chosen) order.

    With prior 0 the model alone orders; large, the library's order stands and the
    model only breaks near-ties. The trainer chooses the prior on validation packages
    (train.py ``choose_prior``) and the server applies it (onnx_backend.py): one formula.
    """
    return logprob / max(1, tokens) - prior * position


class RankPrior:
    """A model's trained library-order prior, read from its ``llmcc-model.json``: the
    library it was trained to rank (in the library's order) and the nats per place."""

    def __init__(self, meta: dict) -> None:
        self.places = {c: i for i, c in enumerate(meta.get("library") or [])}
        self.nats = float(meta.get("rank_prior") or 0.0)

    def score(self, candidate: str, logprob: float, tokens: int) -> float:
        """:func:`rank_score` of *candidate*; one outside the library stands after all of it."""
        place = self.places.get(candidate, len(self.places))
        return rank_score(logprob, tokens, place, self.nats)


def _clean(line: str) -> str:
    line = _ATTACH_DISTINCT.sub("", _ATTACH.sub("", line))
    if line.startswith(("define ", "declare ")):
        line = _GROUP_REF.sub("", line)
    return line.rstrip()


def _skip(line: str) -> bool:
    s = line.lstrip()
    return (
        not s
        or s.startswith((";", "!", "attributes #", "source_filename", "target ", "uselistorder"))
        or s.startswith("#dbg_")
        or s.startswith("call void @llvm.dbg.")
    )


def compact(ir: str) -> str:
    """The IR less metadata, attribute groups, target lines and comments (level ``full``)."""
    return "\n".join(_clean(ln) for ln in ir.splitlines() if not _skip(ln)) + "\n"


def opcode(inst: str) -> str:
    """The instruction kind of one IR instruction line (``store``, ``call``, ``getelementptr``)."""
    s = inst.strip()
    if " = " in s and (s.startswith("%") or s.startswith("@")):
        s = s.split(" = ", 1)[1]
    words = s.split()
    while words and words[0] in _WRAPPERS:
        words = words[1:]
    return words[0] if words else "?"


class Function:
    __slots__ = ("blocks", "header", "insts")

    def __init__(self, header: str) -> None:
        self.header = header
        self.blocks = 1
        self.insts: list[str] = []


def parse(ir: str) -> tuple[list[str], list[Function]]:
    """(module-level lines to keep, functions) of *ir*, cleaned as :func:`compact` cleans."""
    top: list[str] = []
    funcs: list[Function] = []
    cur: Function | None = None
    for raw in ir.splitlines():
        if _skip(raw):
            continue
        line = _clean(raw)
        if cur is None:
            if line.startswith("define "):
                cur = Function(line)
                funcs.append(cur)
            else:
                top.append(line)
        elif line.startswith("}"):
            cur = None
        elif _LABEL.match(line):
            cur.blocks += 1
        else:
            cur.insts.append(line.strip())
    return top, funcs


def digest(ir: str | tuple[list[str], list[Function]], first: int, globals_: bool = True) -> str:
    """The module described per function, with each function's first *first* instructions
    (and without the globals' lines, if not *globals_*). *ir* may be :func:`parse`'s result,
    so that trying several levels parses a large module once."""
    top, funcs = parse(ir) if isinstance(ir, str) else ir
    n = sum(len(f.insts) for f in funcs)
    out = [f"; digest: {len(funcs)} functions, {n} instructions, {len(top)} globals"]
    if globals_:
        out += [ln if len(ln) <= GLOBAL_CHARS else ln[:GLOBAL_CHARS] + " ..." for ln in top]
    for f in funcs:
        kinds = Counter(opcode(i) for i in f.insts)
        ordered = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        hist = " ".join(f"{k}:{c}" for k, c in ordered)
        out.append(f.header)
        out.append(f"  ; blocks {f.blocks} insts {len(f.insts)} | {hist}")
        out.extend(f"  {i}" for i in f.insts[:first])
        if len(f.insts) > first:
            out.append("  ; ...")
        out.append("}")
    return "\n".join(out) + "\n"


def cut(text: str, fits: Callable[[str], bool]) -> str:
    """The longest line-boundary prefix of *text* (plus ``; ...``) that fits (binary search)."""
    lines = text.splitlines()
    lo, hi = 0, len(lines)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits("\n".join(lines[:mid]) + "\n; ...\n"):
            lo = mid
        else:
            hi = mid - 1
    return "\n".join(lines[:lo]) + "\n; ...\n"


def encode(ir: str, fits: Callable[[str], bool], max_chars: int | None = None) -> tuple[str, str]:
    """(text for the prompt, level used) for *ir*; ``fits(text)`` is the exact budget check.

    *max_chars* skips levels surely too long without tokenizing them (a cheap pre-check).
    """
    full = compact(ir)
    if (max_chars is None or len(full) <= max_chars) and fits(full):
        return full, "full"
    parsed = parse(ir)
    for n in LEVELS:
        text = digest(parsed, n)
        if (max_chars is None or len(text) <= max_chars) and fits(text):
            return text, f"digest:{n}"
    text = digest(parsed, 0, globals_=False)
    if (max_chars is None or len(text) <= max_chars) and fits(text):
        return text, "functions"
    return cut(text, fits), "cut"


def encode_prompt(ir: str, count_tokens: Callable[[str], int], budget: int) -> tuple[str, str]:
    """(FTD prompt, level) whose token count (``count_tokens`` of the whole prompt) <= *budget*."""

    def fits(text: str) -> bool:
        return count_tokens(prompt.build(text)) <= budget

    # IR BPE averages ~2.6 characters per token; 8 per token of budget surely cannot fit.
    text, level = encode(ir, fits, max_chars=budget * 8)
    return prompt.build(text), level
