"""Turning an FTD-style answer into pipeline text.

The FTD answer carries the pass list, then the predicted sizes, then the
optimized code in ``<code>…</code>``; the exact lead-in wording was never
published. So this module looks for the *first* piece of text that is a
syntactically valid pipeline (:func:`llmcc.passlist.parse`), in whatever
presentation a model may use: ``-p 'X'``, ``-passes=X``, backticks, quotes,
``passes: X`` or a bare ``a<b>,c(d)`` list. Prose words are never taken for
pass names: a bare word counts only right after "passes"/"pipeline" or when
it is the whole answer. Names are not checked here; ``vet`` does that.

Standard library only: it runs in the driver process.
"""

from __future__ import annotations

import re

from ..passlist import PassListError, parse

MAX_ANSWER = 64 * 1024
"""Longer answers are cut before scanning; a pass list comes first anyway."""

_TRAILING = ".,;:!?"
_STRUCTURE = "(<,"
# One pass over the answer, in order of appearance; earlier alternatives win at a position.
_SCAN = re.compile(
    r"""
      (?<![\w-])--?(?:passes|p)(?:=|[ \t]+|(?=['"]))(?P<flag>'[^'\n]*'|"[^"\n]*"|[^\s`'"]+)
    | `+(?P<tick>[^`]+)`+
    | (?<![A-Za-z])'(?P<sq>[^'\n]+)'(?![A-Za-z])
    | (?<![A-Za-z])"(?P<dq>[^"\n]+)"(?![A-Za-z])
    | \b(?:passes|pipeline|pass[ \t]list)[ \t]*:?[ \t]+(?P<kw>[A-Za-z][^\s`'"]*)
    | (?P<bare>[^\s`'"]+)
    """,
    re.X | re.I,
)


def parse_answer(text: object, complete: bool = True) -> str | None:
    """The canonical pipeline text of the answer's first pass list, or None.

    ``complete=False`` says generation hit its token limit: a list that runs
    to the very end of the text may be cut short, so it is not trusted.
    Never raises: model output is untrusted and None is a counted fallback.
    """
    if not isinstance(text, str):
        return None
    head = text[:MAX_ANSWER].split("<code>", 1)[0]
    return _first(head, complete, depth=0)


def _first(s: str, complete: bool, depth: int, trim: bool = True) -> str | None:
    stripped = s.strip()
    if stripped and stripped[0].isalpha() and not any(c.isspace() for c in stripped):
        # The whole answer (or quoted span) is one token: no prose to mistake for a name,
        # and inside quotes no sentence punctuation to drop either.
        return _accept(stripped, complete, structured=False, trim=trim)
    for m in _SCAN.finditer(s):
        kind = m.lastgroup
        value = m.group(kind)
        quoted = kind in ("tick", "sq", "dq") or (kind == "flag" and value[:1] in "'\"")
        if not complete and not quoted and not s[m.end() :].strip():
            return None  # generation stopped inside this token: it may be cut short
        if kind == "flag" or quoted:
            if kind == "flag" and quoted:
                value = value[1:-1]
            got = _first(value, True, depth + 1, trim=not quoted) if depth < 2 else None
        else:
            got = _accept(value, True, structured=kind == "bare")
        if got is not None:
            return got
    return None


def _accept(token: str, complete: bool, structured: bool, trim: bool = True) -> str | None:
    if not complete:
        return None  # nothing follows the token: it may be a prefix of a longer list
    if trim:
        token = _trim(token)
    if not token or not token[0].isalpha():
        return None
    if structured and not any(c in token for c in _STRUCTURE):
        return None
    try:
        return parse(token).text()
    except PassListError:
        return None
    except RecursionError:  # the grammar is iterative, but stay safe on hostile input
        return None


def _trim(token: str) -> str:
    """Drop sentence punctuation and unmatched parentheses around a bare token."""
    token = token.rstrip(_TRAILING)
    while token.startswith("("):  # a pipeline never starts with one: "(X)" is prose
        token = token[1:]
        if token.endswith(")") and token.count(")") > token.count("("):
            token = token[:-1].rstrip(_TRAILING)
    while token.endswith(")") and token.count(")") > token.count("("):
        token = token[:-1].rstrip(_TRAILING)
    return token
