"""Diagnostics kept in the cache, and which form a hit replays: plain or coloured.

A compile whose stderr is a terminal runs with ``-fcolor-diagnostics``
(``args.auto_color``); one into a pipe or a log file runs plain, as clang
would. The cache serves both kinds of build, so an entry stores the plain text
always (``stderr``: what a log file would have got) and, when the compile ran
coloured, the coloured bytes too (``stderr_color``). The plain text of a
coloured compile is its bytes without the SGR escape sequences: clang's
colour only wraps text in ``ESC[...m`` (checked against real plain compiles
by tests/test_color.py).

A hit that wants colour, where only plain non-empty text is stored, is a miss:
the compile runs again, coloured, and the entry gets both forms. Nothing here
is imported beyond the standard library's ``re``, and that only on a miss.
"""

from __future__ import annotations

PLAIN = "stderr"
COLOR = "stderr_color"


def strip_color(text: str) -> str:
    """*text* without SGR sequences (``ESC [ <digits and ;> m``), the only ones clang emits."""
    if "\x1b[" not in text:
        return text
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def stored(stderr: str, colored: bool) -> dict[str, str]:
    """The fields an entry keeps for a compile's *stderr* (coloured if *colored*)."""
    if not colored:
        return {PLAIN: stderr}
    return {PLAIN: strip_color(stderr), COLOR: stderr}


def replay(entry: dict, want_color: bool) -> str | None:
    """What a hit prints from *entry* (a cache meta or manifest variant); None: a miss."""
    plain = entry.get(PLAIN, "")
    if not isinstance(plain, str):
        return None
    if not want_color:
        return plain
    colored = entry.get(COLOR)
    if isinstance(colored, str):
        return colored
    return plain if not plain else None
