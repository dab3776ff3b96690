"""IR text: normalization for the pass-list cache key, and the debug-free view the model sees.

Two compiles of the same code should share one pass-list entry even when they
differ in things that do not change the code: the build directory, the module
name, the compiler's ident string, or ``-g``. Normalization is textual and
deterministic (no LLVM needed on the hot path), and is documented in
docs/cache.md. What is *kept* matters as much: string constants (``__FILE__``
included), attributes, the data layout and triple all reach codegen.
"""

from __future__ import annotations

import hashlib
import re

NORMALIZATION_VERSION = "1"
"""Bumped whenever normalize() changes, since its output feeds cache keys."""

_DBG_ATTACH = re.compile(r",? !dbg !\d+")
_META_DEF = re.compile(r"^!(\d+) = (?:distinct )?(.*)$")
_META_REF = re.compile(r"!(\d+)\b")
_NAMED_META = re.compile(r"^!([A-Za-z._$][\w.$-]*) = !\{(.*)\}$")
_TRIPLE = re.compile(r'^target triple = "([^"]*)"', re.M)
_DEBUG_FLAG = re.compile(r'!"(Dwarf Version|Debug Info Version|CodeView)"')
_TUPLE_TAIL = re.compile(r", !(\d+)(?=[,}])")
_TUPLE_HEAD = re.compile(r"(?<=\{)!(\d+), ")
_PRODUCER = re.compile(r'^!\{!"[^"]*(clang|LLVM) version[^"]*"\}$')


def triple(ir: str) -> str:
    m = _TRIPLE.search(ir)
    return m.group(1) if m else ""


def strip_debug(ir: str) -> str:
    """Remove debug info: the model was trained on IR without it and it wastes context."""
    return _normalize(ir, keep_module_header=True)


def normalize(ir: str) -> str:
    """The cache-key view of *ir*: debug info, module name, ident and metadata numbering gone."""
    return _normalize(ir, keep_module_header=False)


def _is_debug_instruction(line: str) -> bool:
    s = line.lstrip()
    return s.startswith("#dbg_") or (
        "@llvm.dbg." in s and (s.startswith("call void @llvm.dbg.") or s.startswith("tail call"))
    )


def _normalize(ir: str, keep_module_header: bool) -> str:
    body: list[str] = []
    meta: dict[int, str] = {}
    named: list[tuple[str, list[str]]] = []
    dropped: set[int] = set()
    for line in ir.splitlines():
        if not keep_module_header and (
            line.startswith("; ModuleID = ") or line.startswith("source_filename = ")
        ):
            continue
        if line.startswith("declare") and "@llvm.dbg." in line:
            continue
        if _is_debug_instruction(line):
            continue
        m = _META_DEF.match(line)
        if m:
            text = m.group(2)
            if text.startswith("!DI") or _DEBUG_FLAG.search(text):
                dropped.add(int(m.group(1)))
                continue
            if not keep_module_header and _PRODUCER.match(text):
                continue
            meta[int(m.group(1))] = text
            continue
        nm = _NAMED_META.match(line)
        if nm:
            if nm.group(1) == "llvm.dbg.cu" or (
                not keep_module_header and nm.group(1) == "llvm.ident"
            ):
                continue
            items = [x.strip() for x in nm.group(2).split(",") if x.strip()]
            named.append((nm.group(1), items))
            continue
        if line.startswith("; Function Attrs:"):
            continue
        body.append(_DBG_ATTACH.sub("", line))

    # Keep only metadata reachable from code or from surviving named metadata.
    live: list[int] = []
    seen: set[int] = set()

    def visit(text: str) -> None:
        stack = [int(x) for x in _META_REF.findall(text)]
        stack.reverse()
        while stack:
            n = stack.pop()
            if n in seen or n not in meta:
                continue
            seen.add(n)
            live.append(n)
            inner = [int(x) for x in _META_REF.findall(meta[n])]
            stack.extend(reversed(inner))

    for line in body:
        visit(line)
    named_out: list[tuple[str, list[str]]] = []
    for name, items in named:
        kept = [
            x for x in items if not x.startswith("!") or (x[1:].isdigit() and int(x[1:]) in meta)
        ]
        if kept:
            named_out.append((name, kept))
            visit(", ".join(kept))

    # Tuples that mixed code metadata with debug locations (loop IDs do) lose the latter.
    def drop_refs(text: str) -> str:
        text = _TUPLE_TAIL.sub(lambda m: "" if int(m.group(1)) in dropped else m.group(0), text)
        return _TUPLE_HEAD.sub(lambda m: "" if int(m.group(1)) in dropped else m.group(0), text)

    meta = {n: drop_refs(t) for n, t in meta.items()}
    renumber = {old: new for new, old in enumerate(live)}

    def sub(text: str) -> str:
        return _META_REF.sub(lambda m: f"!{renumber.get(int(m.group(1)), m.group(1))}", text)

    out = [sub(line) for line in body]
    while out and not out[-1].strip():
        out.pop()
    out.append("")
    out.extend(f"!{name} = !{{{', '.join(sub(x) for x in items)}}}" for name, items in named_out)
    out.extend(f"!{renumber[n]} = {sub(meta[n])}" for n in live)
    text = "\n".join(out) + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


def count_instructions(ir: str) -> int | None:
    """Instruction count via llvmlite (LLVM 22); None where it cannot parse this IR.

    Used for decision records, never for keys, so a parse failure on IR from a
    clang newer than llvmlite's LLVM only loses a statistic.
    """
    try:
        import llvmlite.binding as llvm

        mod = llvm.parse_assembly(ir)
    except Exception:
        return None
    return sum(1 for f in mod.functions for b in f.blocks for _ in b.instructions)
