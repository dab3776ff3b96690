"""Which passes an ``opt`` binary knows, at which level, and how to nest them.

Built from ``opt --print-passes`` rather than a hard-coded table because the
pass set changes with every LLVM release (16, 19 and 22 differ by ~200 names)
and the model may suggest names from any of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .errors import BAD_NESTING, BAD_PARAMS, UNKNOWN_PASS, PassListError, Rejected
from .grammar import Pass, Pipeline, parse

__all__ = ["ADAPTORS", "LEVELS", "MSSA_PRESERVING", "MSSA_REQUIRED", "PassRegistry"]

# Pass-manager levels, outermost first.  The order is also opt's precedence
# when a name exists at several levels (opt tries module, cgscc, function,
# then loop for a bare top-level name).
LEVELS = ("module", "cgscc", "function", "loop")
_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
_SECTION_LEVEL = {
    "Module": "module",
    "CGSCC": "cgscc",
    "Function": "function",
    "LoopNest": "loop",  # loop-nest passes run inside loop(...) adaptors
    "Loop": "loop",
}
_HEADER = (
    r"^(Module|CGSCC|Function|LoopNest|Loop) (passes|analyses|alias analyses)( with params)?:$"
)
_VERSION = r"LLVM version (\d+)\."

# Adaptor name -> (levels it may appear in, level of its children).  ``None``
# means "same as where it appears" (repeat).  Derived from opt's parser: e.g.
# loop-mssa(...) is refused inside loop(...), cgscc(...) inside function(...).
ADAPTORS: dict[str, tuple[frozenset[str], str | None]] = {
    "module": (frozenset({"module"}), "module"),
    "cgscc": (frozenset({"module", "cgscc"}), "cgscc"),
    "devirt": (frozenset({"cgscc"}), "cgscc"),
    "function": (frozenset({"module", "cgscc", "function"}), "function"),
    "loop": (frozenset({"function"}), "loop"),
    "loop-mssa": (frozenset({"function"}), "loop"),
    "repeat": (frozenset(LEVELS), None),
    # Runs its module pipeline only if the module has coroutines (-O0 uses it).
    "coro-cond": (frozenset({"module"}), "module"),
}
# opt refuses function<eager-inv>(...) inside a function pipeline.
_EAGER_INV_CONTEXTS = frozenset({"module", "cgscc"})
# Where an adaptor that is not allowed in its context can be wrapped to.
_ADAPTOR_HOME = {"devirt": "cgscc", "loop": "function", "loop-mssa": "function"}
_MAX_REPEAT = 16  # devirt<N>/repeat<N>: beyond this it is a compile-time bomb

# Loop passes that abort ("LICM requires MemorySSA (loop-mssa)") unless their
# loop adaptor provides MemorySSA.  Verified against opt 16, 19 and 22.
MSSA_REQUIRED = frozenset({"licm", "lnicm"})
# The only loop passes allowed to share a loop-mssa(...) adaptor: any other
# pass that changes the IR without updating MemorySSA aborts opt ("Loop pass
# manager using MemorySSA contains a pass that does not preserve MemorySSA"),
# e.g. invalidate<...> or LLVM 22's extra-simple-loop-unswitch-passes.  This
# is exactly the set -O2/-Oz put in loop-mssa, plus passes that change nothing.
MSSA_PRESERVING = MSSA_REQUIRED | frozenset(
    {
        "loop-instsimplify",
        "loop-simplifycfg",
        "loop-rotate",
        "simple-loop-unswitch",
        "no-op-loop",
        "no-op-loopnest",
        "require",
    }
)

# Pipeline presets opt parses specially; older releases do not list them.
_O_LEVELS = "O0;O1;O2;O3;Os;Oz"
_PRESETS = {
    "default": _O_LEVELS,
    "thinlto-pre-link": _O_LEVELS,
    "thinlto": _O_LEVELS,
    "lto-pre-link": _O_LEVELS,
    "lto": _O_LEVELS,
}
_PRESETS_ANYWHERE = frozenset({*_PRESETS, "fatlto-pre-link", "function-simplification"})
# function-simplification<...> is parsed but unlisted in LLVM 19 and absent in
# 16.  17 is the likely first release; 18 is the first we are sure of.
_FUNCTION_SIMPLIFICATION_SINCE = 18
_REPEAT_UNTIL = 16  # repeat<N>(...) was removed from the parser after 16
_NO_RERUN_SINCE = 18  # function<no-rerun>: absent in 16, present in 19 (17 unverified)
_OPT_LEVELS = frozenset(_O_LEVELS.split(";"))
_VALUE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_MAX_PARAM_INT = 100_000  # loop-unroll<full-unroll-max=N> & co.: keep compile time sane

_OPT_CACHE: dict[tuple[str, int, int], PassRegistry] = {}


class _Resolved:
    """A leaf pass looked up in the registry (plain class: no import-time codegen)."""

    __slots__ = ("given", "levels", "spec_key")

    def __init__(
        self,
        levels: frozenset[str],
        spec_key: str | None,  # key into _param when the pass declares parameters
        given: str | None,  # parameter text to check against that declaration
    ) -> None:
        self.levels = levels
        self.spec_key = spec_key
        self.given = given


class PassRegistry:
    """Pass names, levels and parameter declarations of one ``opt`` build."""

    def __init__(self, llvm_major: int | None = None, source_text: str = "") -> None:
        self.llvm_major = llvm_major
        self.source_text = source_text  # what callers persist to skip the subprocess
        self._fixed: dict[str, set[str]] = {}  # "instcombine", "print<domtree>"
        self._param: dict[str, set[str]] = {}  # base name -> levels
        self._spec: dict[str, list[str]] = {}  # base name -> declared parameter lists
        self._analyses: dict[str, set[str]] = {}

    # ----------------------------------------------------------- construction
    @classmethod
    def from_opt(cls, opt_path: str, timeout: float = 30) -> PassRegistry:
        """Ask ``opt`` itself; memoised per binary (path, mtime, size)."""
        import os
        import subprocess

        try:
            st = os.stat(opt_path)
            key = (os.path.realpath(opt_path), st.st_mtime_ns, st.st_size)
            cached = _OPT_CACHE.get(key)
            if cached is not None:
                return cached
            passes = subprocess.run(
                [opt_path, "--print-passes"],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=True,
            ).stdout
            version = subprocess.run(
                [opt_path, "--version"], capture_output=True, text=True, timeout=timeout
            ).stdout
        except (OSError, subprocess.SubprocessError) as e:
            raise PassListError(f"cannot list passes of {opt_path}: {e}") from e
        m = re.search(_VERSION, version)
        reg = cls.from_text(passes, int(m.group(1)) if m else None)
        _OPT_CACHE[key] = reg
        return reg

    @classmethod
    def from_text(cls, text: str, llvm_major: int | None = None) -> PassRegistry:
        """Build from cached ``opt --print-passes`` output.

        ``llvm_major`` enables the version-dependent extras (``repeat<N>``,
        ``function-simplification<...>``); without it they stay off, which
        can only reject, never admit, a pipeline.
        """
        reg = cls(llvm_major, text)
        section: tuple[str, str, bool] | None = None
        for raw in text.splitlines():
            line = raw.rstrip()
            if not line:
                continue
            if not line[0].isspace():
                m = re.match(_HEADER, line)
                # Unknown headers (the "Machine ... (WIP)" ones) switch to ignoring.
                section = (_SECTION_LEVEL[m[1]], m[2], bool(m[3])) if m else None
                continue
            if section is None:
                continue
            level, kind, with_params = section
            entry = line.strip()
            if kind != "passes":
                reg._analyses.setdefault(entry, set()).add(level)
            elif with_params:
                base, spec = _split_declaration(entry)
                reg._param.setdefault(base, set()).add(level)
                reg._spec.setdefault(base, []).append(spec)
            else:
                reg._fixed.setdefault(entry, set()).add(level)
        if not reg._fixed and not reg._param:
            raise PassListError("no passes found: not 'opt --print-passes' output?")
        for name, spec in _PRESETS.items():
            if name not in reg._param:
                reg._param[name] = {"module"}
                reg._spec[name] = [spec]
        if (
            "function-simplification" not in reg._param
            and llvm_major is not None
            and llvm_major >= _FUNCTION_SIMPLIFICATION_SINCE
        ):
            reg._param["function-simplification"] = {"function"}
            reg._spec["function-simplification"] = ["O1;O2;O3;Os;Oz"]
        return reg

    # ----------------------------------------------------------------- lookup
    def __contains__(self, name: object) -> bool:
        try:
            return self.levels(name) != frozenset() or self.is_adaptor(name)  # type: ignore[arg-type]
        except PassListError:
            return False

    def is_adaptor(self, name: str | Pass) -> bool:
        """Adaptor names take a nested pipeline: ``function(...)``."""
        n = name.name if isinstance(name, Pass) else name.partition("<")[0]
        if n == "repeat":
            return self.llvm_major is not None and self.llvm_major <= _REPEAT_UNTIL
        return n in ADAPTORS

    def levels(self, name: str | Pass) -> frozenset[str]:
        """Every level at which opt accepts this leaf pass (empty if unknown)."""
        r = self._resolve(_as_pass(name))
        return r.levels if r else frozenset()

    def level(self, name: str | Pass) -> str | None:
        """The level opt picks for the name at top level; None if unknown.

        Adaptors report where they normally sit (``loop`` -> "function").
        """
        p = _as_pass(name)
        if p.children is not None or self.is_adaptor(p.name):
            if not self.is_adaptor(p.name):
                return None
            if p.name == "repeat":
                return "module"
            return _ADAPTOR_HOME.get(p.name, "module")
        lv = self.levels(p)
        return min(lv, key=_RANK.__getitem__) if lv else None

    def takes_params(self, name: str) -> bool:
        """Whether ``name<...>`` can be valid (declared parameters or adaptor)."""
        if name in self._param or name in ("require", "invalidate"):
            return True
        return name in ("function", "devirt") or (name == "repeat" and self.is_adaptor(name))

    def param_spec(self, name: str) -> str | None:
        """The declared parameter list, e.g. ``"O0;O1;O2;O3;Os;Oz"``."""
        specs = self._spec.get(name)
        return ";".join(specs) if specs else None

    def names(self) -> list[str]:
        """All leaf pass names (parametrised ones by base name), sorted."""
        return sorted(set(self._fixed) | set(self._param))

    def analyses(self) -> list[str]:
        """Analyses usable inside ``require<>`` / ``invalidate<>``."""
        return sorted(self._analyses)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self._fixed) + len(self._param)

    def __repr__(self) -> str:
        return f"PassRegistry(llvm_major={self.llvm_major}, passes={len(self)})"

    def _resolve(self, p: Pass) -> _Resolved | None:
        head = p.head
        lv = self._fixed.get(head)
        if lv:
            return _Resolved(frozenset(lv), None, None)
        lv = self._param.get(head)
        if lv:
            return _Resolved(frozenset(lv), head, None)
        if p.params is None:
            return None
        groups = _groups(p.params)
        base = p.name + "".join(f"<{g}>" for g in groups[:-1])
        lv = self._param.get(base)
        if lv:
            return _Resolved(frozenset(lv), base, groups[-1])
        if p.name in ("require", "invalidate") and len(groups) == 1:
            lv = self._analyses.get(p.params)
            if lv:
                return _Resolved(frozenset(lv), None, None)
        return None

    def check_params(self, p: Pass) -> str | None:
        """Why ``p``'s parameters would be refused by opt, or None if fine.

        Only declared spellings pass: opt's own parsers are more lenient in
        places (``no-`` prefixes), but being stricter can never let a crash
        through.  Unknown passes are the caller's problem.
        """
        r = self._resolve(p)
        if r is None or r.spec_key is None:
            return None
        specs = self._spec.get(r.spec_key, [])
        if r.given is None:
            if any(_is_preset(spec) for spec in specs):
                return f"{p.head} needs an optimisation level, e.g. {p.head}<Oz>"
            return None
        errors = [_check_against(r.given, spec) for spec in specs]
        if any(e is None for e in errors):
            return None
        return f"{p.head}: {errors[0]}" if errors else f"{p.head}: takes no parameters"

    # ---------------------------------------------------------------- nesting
    def nest(self, pipeline: Pipeline | str) -> Pipeline:
        """Wrap bare passes in the adaptors opt needs; validate explicit ones.

        * Runs of function- and loop-level passes share one ``function(...)``,
          with each loop run in ``loop(...)`` -- or ``loop-mssa(...)`` around
          MemorySSA users (LICM aborts otherwise), split where a pass that
          does not preserve MemorySSA follows.  This is what a flat legacy-PM
          list meant and how opt's own pipelines interleave them.
        * cgscc runs get ``cgscc(...)`` of their own; following function passes
          are *not* pulled in, as that would re-run them per SCC.
        * A pass known at several levels stays at the level of its context if
          valid there, else goes to the outermost valid level below it.
        * Explicit adaptors are kept; the loop/loop-mssa flavour is derived
          from the contents (opt aborts on either mistake), and
          ``loop(...)``/``devirt<N>(...)`` get the missing outer adaptor.
          Anything opt would refuse raises :class:`Rejected`; nothing is ever
          moved across its neighbours.
        """
        if isinstance(pipeline, str):
            pipeline = parse(pipeline)
        return Pipeline(tuple(self._nest_seq(pipeline.passes, "module")))

    def _nest_seq(self, passes: Iterable[Pass], ctx: str) -> list[Pass]:
        out: list[Pass] = []
        pending: list[Pass] = []
        pending_step: str | None = None

        def flush() -> None:
            nonlocal pending, pending_step
            if pending:
                assert pending_step is not None
                out.extend(self._wrap(pending, pending_step))
            pending, pending_step = [], None

        for p in passes:
            target = self._target_level(p, ctx)
            if target == ctx:
                flush()
                if p.children is None:
                    out.append(p)
                else:
                    out.extend(self._nest_adaptor(p, ctx))
                continue
            step = "cgscc" if target == "cgscc" else ("loop" if ctx == "function" else "function")
            if step != pending_step:
                flush()
            pending.append(p)
            pending_step = step
        flush()
        return out

    def _wrap(self, passes: list[Pass], step: str) -> list[Pass]:
        kids = self._nest_seq(passes, step)
        if step == "loop":
            return _loop_adaptors(kids, prefer_mssa=False)
        return [Pass(step, None, tuple(kids))]

    def _target_level(self, p: Pass, ctx: str) -> str:
        """The level ``p`` must run at, given that it appears in ``ctx``."""
        if p.children is not None:
            if p.name in ADAPTORS and not self.is_adaptor(p.name):
                raise Rejected(
                    f"'{p.name}(...)' is not supported by {self._llvm()}",
                    UNKNOWN_PASS,
                    pass_name=p.name,
                )
            if not self.is_adaptor(p.name):
                raise Rejected(
                    f"'{p.name}' is not an adaptor and cannot take '(...)'",
                    BAD_NESTING,
                    pass_name=p.name,
                )
            allowed, _ = ADAPTORS[p.name]
            if p.name == "function" and p.params is not None:
                allowed = _EAGER_INV_CONTEXTS
            if ctx in allowed:
                return ctx
            home = _ADAPTOR_HOME.get(p.name)
            if home is not None and _RANK[home] > _RANK[ctx]:
                return home
            raise Rejected(
                f"'{p.head}(...)' cannot appear inside a {ctx} pipeline",
                BAD_NESTING,
                pass_name=p.name,
            )
        if self.is_adaptor(p.name):
            raise Rejected(
                f"adaptor '{p.name}' needs a nested pipeline: {p.name}(...)",
                BAD_NESTING,
                pass_name=p.name,
            )
        lv = self.levels(p)
        if not lv:
            raise Rejected(
                f"unknown pass '{p.head}' for {self._llvm()}", UNKNOWN_PASS, pass_name=p.name
            )
        if ctx in lv:
            return ctx
        lower = [lvl for lvl in lv if _RANK[lvl] > _RANK[ctx]]
        if not lower:
            where = "/".join(sorted(lv, key=_RANK.__getitem__))
            raise Rejected(
                f"'{p.head}' is a {where} pass and cannot run inside a {ctx} pipeline",
                BAD_NESTING,
                pass_name=p.name,
            )
        return min(lower, key=_RANK.__getitem__)

    def _nest_adaptor(self, p: Pass, ctx: str) -> list[Pass]:
        assert p.children is not None
        detail = _adaptor_param_error(p)
        if detail:
            raise Rejected(detail, BAD_PARAMS, pass_name=p.name)
        if p.name == "function" and "no-rerun" in (p.params or "").split(";"):
            # Skips functions unchanged since the last run: a cgscc-only notion.
            if self.llvm_major is None or self.llvm_major < _NO_RERUN_SINCE:
                raise Rejected(f"{p.head} is not supported by {self._llvm()}", BAD_PARAMS)
            if ctx != "cgscc":
                raise Rejected(f"{p.head}(...) is only valid inside cgscc(...)", BAD_NESTING)
        if p.name == "repeat":
            presets = [q.head for q in p.walk() if q.name in _PRESETS_ANYWHERE]
            if presets:  # LLVM 16 segfaults on repeat<N>(default<O1>)
                raise Rejected(
                    f"pipeline preset '{presets[0]}' cannot run inside {p.head}(...)",
                    BAD_NESTING,
                    pass_name=p.name,
                )
        inner = ADAPTORS[p.name][1] or ctx
        kids = self._nest_seq(p.children, inner)
        if p.name in ("loop", "loop-mssa"):
            # The flavour is derived, not trusted: opt aborts on either mistake.
            return _loop_adaptors(kids, prefer_mssa=p.name == "loop-mssa")
        return [Pass(p.name, p.params, tuple(kids))]

    def _llvm(self) -> str:
        return f"LLVM {self.llvm_major}" if self.llvm_major is not None else "this LLVM"


# ------------------------------------------------------------------- helpers
def _as_pass(name: str | Pass) -> Pass:
    if isinstance(name, Pass):
        return name
    if name and all(c.isalnum() or c in "_.-" for c in name):
        return Pass(name)  # fast path: plain names need no parser
    pl = parse(name)
    if len(pl) != 1:
        raise PassListError(f"expected a single pass, got {name!r}")
    return pl[0]


def _mssa_want(p: Pass) -> str | None:
    """Return "mssa" if ``p`` needs MemorySSA, "plain" if it may break it, else None."""
    leaves = [q.name for q in p.walk() if q.children is None]
    need = any(n in MSSA_REQUIRED for n in leaves)
    unsafe = [n for n in leaves if n not in MSSA_PRESERVING]
    if need and unsafe:
        raise Rejected(
            f"'{p.text()}' mixes MemorySSA users with '{unsafe[0]}', which does not"
            " preserve MemorySSA; split it",
            BAD_NESTING,
            pass_name=p.name,
        )
    return "mssa" if need else ("plain" if unsafe else None)


def _loop_adaptors(kids: list[Pass], *, prefer_mssa: bool) -> list[Pass]:
    """Put loop-level passes into as few loop/loop-mssa adaptors as opt allows.

    A run is split where a pass needing MemorySSA (licm) meets one that does
    not preserve it (indvars), mirroring the two loop pipelines of -O2.
    """
    out: list[Pass] = []
    cur: list[Pass] = []
    kind: str | None = None

    def emit() -> None:
        if cur:
            mssa = kind == "mssa" or (kind is None and prefer_mssa)
            out.append(Pass("loop-mssa" if mssa else "loop", None, tuple(cur)))

    for p in kids:
        want = _mssa_want(p)
        if want is not None and kind is not None and want != kind:
            emit()
            cur, kind = [], None
        cur.append(p)
        kind = kind or want
    emit()
    return out


def _groups(params: str) -> list[str]:
    """Split ``a><b<c>`` (the inside of ``<a><b<c>>``) into top-level groups."""
    text = f"<{params}>"
    groups: list[str] = []
    depth = 0
    start = 0
    for i, c in enumerate(text):
        if c == "<":
            if depth == 0:
                start = i + 1
            depth += 1
        elif c == ">":
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
    return groups or [params]


def _split_declaration(entry: str) -> tuple[str, str]:
    """``print<access-info><allow-partial>`` -> (``print<access-info>``, ``allow-partial``)."""
    depth = 0
    last_open = -1
    for i, c in enumerate(entry):
        if c == "<":
            if depth == 0:
                last_open = i
            depth += 1
        elif c == ">":
            depth -= 1
    if last_open < 0 or not entry.endswith(">"):
        return entry, ""
    return entry[:last_open], entry[last_open + 1 : -1]


def _check_against(given: str, spec: str) -> str | None:
    """Check ``a;b=3`` against a declaration such as ``a;no-a;b=N``."""
    declared = [d for d in _split_top(spec) if d]
    flags = {d for d in declared if "=" not in d}
    keyed: dict[str, str] = {}
    for d in declared:
        if "=" in d:
            k, _, v = d.partition("=")
            keyed[k] = v
    items = given.split(";")
    if items and items[-1] == "" and len(items) > 1:
        items.pop()  # opt tolerates one trailing ';'
    if _is_preset(spec):
        # Presets (default<Oz>) take exactly one optimisation level.
        if len(items) != 1 or items[0] not in flags:
            return f"expected one of {';'.join(sorted(flags))}, got {given!r}"
        return None
    for item in items:
        if not item:
            return "empty parameter"
        if item in flags:
            continue
        k, eq, v = item.partition("=")
        if not eq or k not in keyed:
            return f"unknown parameter {item!r} (accepted: {spec})"
        if keyed[k] == "N":
            if not _is_int(v) or int(v) > _MAX_PARAM_INT:
                return f"{k} needs an integer 0..{_MAX_PARAM_INT}, got {v!r}"
        elif not v or not set(v) <= _VALUE_CHARS:
            return f"bad value for {k}: {v!r}"
    return None


def _is_preset(spec: str) -> bool:
    """``O0;O1;...`` declarations: exactly one level is required (default<Oz>)."""
    declared = [d for d in spec.split(";") if d]
    return bool(declared) and all(d in _OPT_LEVELS for d in declared)


def _split_top(spec: str) -> list[str]:
    """Split a declaration on ';' outside nested ``<...>`` (``mode=<mode>``)."""
    out: list[str] = []
    depth = 0
    cur = ""
    for c in spec:
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        if c == ";" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return out


def _is_int(v: str) -> bool:
    return 0 < len(v) <= 9 and v.isascii() and v.isdigit()


def _adaptor_param_error(p: Pass) -> str | None:
    if p.params is None:
        if p.name in ("devirt", "repeat"):
            return f"{p.name} needs a count: {p.name}<N>"
        return None
    if p.name == "function":
        items = p.params.split(";")
        if len(set(items)) == len(items) and set(items) <= {"eager-inv", "no-rerun"}:
            return None
        return f"function<{p.params}>: only eager-inv and no-rerun are valid"
    if p.name in ("devirt", "repeat"):
        lo = 0 if p.name == "devirt" else 1
        if _is_int(p.params) and lo <= int(p.params) <= _MAX_REPEAT:
            return None
        return f"{p.name}<{p.params}>: count must be {lo}..{_MAX_REPEAT}"
    return f"{p.name}<{p.params}>: adaptor takes no parameters"
