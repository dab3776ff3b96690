"""Reading the make-syntax dependency files clang writes, for the direct-mode manifest."""

from __future__ import annotations


def parse(text: str) -> list[str]:
    """Prerequisites of the first rule, unescaped (``\\ `` is a space, ``$$`` a dollar)."""
    text = text.replace("\\\r\n", " ").replace("\\\n", " ")
    first = text.split("\n", 1)[0]
    # The target ends at the first unescaped ": " (paths may hold "c:\\" only on Windows).
    i = 0
    while True:
        i = first.find(":", i)
        if i < 0:
            return []
        if i + 1 >= len(first) or first[i + 1] in " \t":
            break
        i += 1
    rest = first[i + 1 :]
    deps: list[str] = []
    cur: list[str] = []
    j = 0
    while j < len(rest):
        c = rest[j]
        if c == "\\" and j + 1 < len(rest) and rest[j + 1] in " #\\":
            cur.append(rest[j + 1])
            j += 2
            continue
        if c == "$" and j + 1 < len(rest) and rest[j + 1] == "$":
            cur.append("$")
            j += 2
            continue
        if c in " \t":
            if cur:
                deps.append("".join(cur))
                cur = []
        else:
            cur.append(c)
        j += 1
    if cur:
        deps.append("".join(cur))
    return deps
