"""Parse and print new-pass-manager pipeline text (``opt -passes=...``).

The text comes from a language model, so the parser is strict about structure
(anything odd is an error, never a guess) but forgiving about presentation
(whitespace, quotes, a copied ``-passes=`` prefix).  Canonical printing gives
a stable cache key and a string ``opt`` accepts verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import PassListError

__all__ = ["MAX_DEPTH", "MAX_TEXT", "Pass", "PassListError", "Pipeline", "parse"]

MAX_TEXT = 4096  # canonical characters; real pipelines are a few hundred
MAX_DEPTH = 8  # nesting of (...) and, separately, of <...>; opt's deepest is 5

_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_PARAM_CHARS = _NAME_CHARS | frozenset(";=,:")
# Pattern strings, not compiled objects: re caches them on first use, which
# keeps ``import llmcc.passlist`` cheap for compiles that never parse.
# Whitespace between two name characters would silently glue two words together.
_GLUED = r"[A-Za-z0-9_.\-]\s+[A-Za-z0-9_.\-]"
_SPACE = r"\s+"
# What people paste from a command line: -passes=X, --passes X, -p X, -p=X, -p'X'.
_PREFIX = r"\A(?:--?passes(?:=|\s+)|--?p(?:=|\s+|(?=['\"])))"


@dataclass(frozen=True)
class Pass:
    """One pipeline element: a pass, a parametrised pass or an adaptor.

    ``params`` is the raw text between the outer angle brackets so unknown
    parameter syntaxes survive a round trip; ``children`` is set only for
    adaptors written with parentheses, e.g. ``function(...)``.
    """

    name: str
    params: str | None = None
    children: tuple[Pass, ...] | None = None

    def __post_init__(self) -> None:
        if self.children is not None and not isinstance(self.children, tuple):
            object.__setattr__(self, "children", tuple(self.children))

    def text(self) -> str:
        out = self.name
        if self.params is not None:
            out += f"<{self.params}>"
        if self.children is not None:
            out += "(" + ",".join(c.text() for c in self.children) + ")"
        return out

    def __str__(self) -> str:
        return self.text()

    @property
    def head(self) -> str:
        """``name<params>`` without children: how opt spells the pass itself."""
        return self.name if self.params is None else f"{self.name}<{self.params}>"

    def walk(self) -> Iterator[Pass]:
        """Pre-order traversal including adaptors."""
        stack: list[Pass] = [self]
        while stack:
            p = stack.pop()
            yield p
            if p.children:
                stack.extend(reversed(p.children))


@dataclass(frozen=True)
class Pipeline:
    """An immutable pass pipeline; equal pipelines print identically.

    A lone top-level ``module(...)`` is unwrapped on construction because opt
    treats ``module(a,b)`` and ``a,b`` the same; normalising here keeps
    ``parse(p.text()) == p`` true for constructed pipelines as well.
    """

    passes: tuple[Pass, ...]

    def __post_init__(self) -> None:
        passes = tuple(self.passes)
        while (
            len(passes) == 1
            and passes[0].name == "module"
            and passes[0].params is None
            and passes[0].children
        ):
            passes = passes[0].children
        object.__setattr__(self, "passes", passes)

    def text(self) -> str:
        return ",".join(p.text() for p in self.passes)

    def __str__(self) -> str:
        return self.text()

    def digest(self) -> str:
        """Hex SHA-256 of the canonical text: a cache key stable across spellings."""
        import hashlib  # only cache users pay for it

        return hashlib.sha256(self.text().encode("utf-8", "surrogatepass")).hexdigest()

    def walk(self) -> Iterator[Pass]:
        for p in self.passes:
            yield from p.walk()

    def names(self) -> list[str]:
        """Every pass and adaptor name, pre-order (for deny checks and stats)."""
        return [p.name for p in self.walk()]

    def leaves(self) -> list[Pass]:
        """Passes that do work, i.e. everything that is not an adaptor."""
        return [p for p in self.walk() if p.children is None]

    def depth(self) -> int:
        """Deepest parenthesis nesting (0 for a flat list)."""
        best = 0
        stack = [(p, 0) for p in self.passes]
        while stack:
            p, d = stack.pop()
            if p.children is not None:
                best = max(best, d + 1)
                stack.extend((c, d + 1) for c in p.children)
        return best

    def prepend(self, p: Pass) -> Pipeline:
        return Pipeline((p, *self.passes))

    def append(self, p: Pass) -> Pipeline:
        return Pipeline((*self.passes, p))

    def __len__(self) -> int:
        return len(self.passes)

    def __iter__(self) -> Iterator[Pass]:
        return iter(self.passes)

    def __getitem__(self, i: int) -> Pass:
        return self.passes[i]


def parse(text: str) -> Pipeline:
    """Parse pipeline text; raise :class:`PassListError` on anything malformed.

    Never raises another exception type for ``str`` input: model output is
    untrusted and the caller falls back to a default pipeline on this error.
    """
    if not isinstance(text, str):
        raise PassListError(f"pipeline must be a str, not {type(text).__name__}")
    s = _normalise(text)
    passes, i = _parse_list(s, 0, 0)
    if i != len(s):
        raise PassListError(_unexpected(s, i))
    return Pipeline(tuple(passes))


def _normalise(text: str) -> str:
    if len(text) > 16 * MAX_TEXT:  # cheap guard before any regex work
        raise PassListError(f"pipeline text too long ({len(text)} chars)")
    s = _unquote(text.strip())
    m = re.match(_PREFIX, s)
    if m:
        s = _unquote(s[m.end() :].strip())
    if re.search(_GLUED, s):
        raise PassListError("whitespace inside a pass name (missing ',' ?)")
    s = re.sub(_SPACE, "", s)
    if not s:
        raise PassListError("empty pass list")
    if len(s) > MAX_TEXT:
        raise PassListError(f"pipeline text too long ({len(s)} > {MAX_TEXT} chars)")
    return s


def _unquote(s: str) -> str:
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        return s[1:-1].strip()
    return s


def _unexpected(s: str, i: int) -> str:
    if i >= len(s):
        return "unexpected end of pipeline"
    c = s[i]
    if c == ")":
        return f"unbalanced ')' at offset {i}"
    if c == ">":
        return f"unbalanced '>' at offset {i}"
    if c in "(<":
        return f"misplaced {c!r} at offset {i}"
    if c == ",":
        return f"stray ',' at offset {i}"
    return f"illegal character {c!r} at offset {i}"


def _parse_list(s: str, i: int, depth: int) -> tuple[list[Pass], int]:
    passes: list[Pass] = []
    while True:
        p, i = _parse_pass(s, i, depth)
        passes.append(p)
        if i < len(s) and s[i] == ",":
            i += 1
            continue
        return passes, i


def _parse_pass(s: str, i: int, depth: int) -> tuple[Pass, int]:
    n = len(s)
    start = i
    while i < n and s[i] in _NAME_CHARS:
        i += 1
    if i == start:
        if i >= n:
            raise PassListError("unexpected end of pipeline (trailing ',' or unclosed '(')")
        c = s[i]
        if c == ",":
            raise PassListError(f"stray ',' (empty pass name) at offset {i}")
        if c == ")":
            raise PassListError(f"empty pipeline or stray ',' before ')' at offset {i}")
        if c in "(<":
            raise PassListError(f"missing pass name before {c!r} at offset {i}")
        raise PassListError(_unexpected(s, i))
    name = s[start:i]
    params = None
    if s.startswith("<>", i) and not s.startswith("<", i + 2):
        i += 2  # opt -print-pipeline-passes writes gvn<>; it means plain gvn
    elif i < n and s[i] == "<":
        end = _skip_angles(s, i)
        params = s[i + 1 : end - 1]
        i = end
    children = None
    if i < n and s[i] == "(":
        if depth >= MAX_DEPTH:
            raise PassListError(f"nesting deeper than {MAX_DEPTH} levels at offset {i}")
        kids, i = _parse_list(s, i + 1, depth + 1)
        if i >= n:
            raise PassListError(f"unbalanced '(' after {name!r}")
        if s[i] != ")":
            raise PassListError(_unexpected(s, i))
        i += 1
        children = tuple(kids)
    if i < n and s[i] not in ",)":
        raise PassListError(_unexpected(s, i))
    return Pass(name, params, children), i


def _skip_angles(s: str, i: int) -> int:
    """Return the index after one or more adjacent ``<...>`` groups starting at i.

    Iterative on purpose: nested brackets must not be able to exhaust the
    Python stack.  Every group must be non-empty (``x<>`` means nothing).
    """
    n = len(s)
    start = i
    nonempty: list[bool] = []  # one flag per open group
    while i < n:
        c = s[i]
        if c == "<":
            if nonempty:
                nonempty[-1] = True
            if len(nonempty) >= MAX_DEPTH:
                raise PassListError(f"parameters nested deeper than {MAX_DEPTH} at offset {i}")
            nonempty.append(False)
        elif c == ">":
            if not nonempty:
                raise PassListError(f"unbalanced '>' at offset {i}")
            if not nonempty.pop():
                raise PassListError(f"empty parameters '<>' at offset {i - 1}")
            if nonempty:
                nonempty[-1] = True
            elif i + 1 >= n or s[i + 1] != "<":
                return i + 1
        elif c in _PARAM_CHARS:
            nonempty[-1] = True  # a group is always open here: closing one returns
        else:
            raise PassListError(f"illegal character {c!r} in parameters at offset {i}")
        i += 1
    raise PassListError(f"unbalanced '<' at offset {start}")
