"""Toolchain discovery: which clang llmcc wraps, and the opt/llvm-size/llvm-nm beside it.

A pass list is only meaningful for the LLVM that produced the IR, so every tool
must come from the *same* install as the wrapped clang. Discovery runs on every
compile, so it only stats files; anything that needs a subprocess (the exact
version string) is computed lazily and only on the optimizing path.
"""

from __future__ import annotations

import os

RECURSION_ENV = "LLMCC_ACTIVE"
"""Set in the environment of every tool llmcc starts; llmcc refuses to run under it."""

SUPPORTED_MAJORS = range(16, 23)
VERSIONED_SEARCH = tuple(range(30, 13, -1))
_MARKER = b"llmcc"


class ToolchainError(RuntimeError):
    """The wrapped compiler or one of its LLVM tools cannot be used."""


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def is_llmcc_script(path: str) -> bool:
    """True if *path* is an llmcc entry point (a launcher, wrappers/launchers/llmcc as pip
    installed it, a console script such as llmcc-admin, or a symlink to one).

    They are short Python files naming the ``llmcc`` module in their first lines; a real
    compiler is a large ELF file. Reading 512 bytes is enough to tell.
    """
    try:
        real = os.path.realpath(path)
        name = os.path.basename(real)
        if name in ("llmcc", "llmc++"):
            return True
        with open(real, "rb") as f:
            head = f.read(512)
    except OSError:
        return False
    return head.startswith(b"#!") and _MARKER in head


def which(name: str, path_env: str | None = None, skip_llmcc: bool = True) -> str | None:
    """shutil.which without importing shutil, and skipping llmcc's own scripts."""
    if os.sep in name:
        ok = _is_executable(name) and not (skip_llmcc and is_llmcc_script(name))
        return name if ok else None
    for d in (path_env if path_env is not None else os.environ.get("PATH", "")).split(os.pathsep):
        cand = os.path.join(d or ".", name)
        if _is_executable(cand) and not (skip_llmcc and is_llmcc_script(cand)):
            return cand
    return None


_DIGITS = "0123456789"


def _major_from_path(*paths: str) -> int | None:
    """``llvm-(\\d+)`` anywhere, else ``clang(\\+\\+)?-(\\d+)$``: string methods, not ``re``,
    whose import (with enum, functools, collections) costs a cache hit ~3 ms."""
    for p in paths:
        at = p.find("llvm-")
        while at >= 0:
            rest = p[at + 5 :]
            digits = rest[: len(rest) - len(rest.lstrip(_DIGITS))]
            if digits:
                return int(digits)
            at = p.find("llvm-", at + 1)
        tail = len(p) - len(p.rstrip(_DIGITS))
        if tail and p[:-tail].endswith(("clang-", "clang++-")):
            return int(p[-tail:])
    return None


class Toolchain:
    """A wrapped compiler driver and the LLVM tools of the same install.

    ``clang`` is the compiler as found (kept, so argv[0]-sensitive drivers
    behave); ``real`` its realpath, the binary whose identity enters cache keys.
    """

    def __init__(
        self,
        clang: str,
        real: str,
        bindir: str,
        major: int | None,
        tools: dict[str, str | None] | None = None,
    ) -> None:
        self.clang = clang
        self.real = real
        self.bindir = bindir
        self.major = major
        self.tools = tools or {}

    @property
    def opt(self) -> str | None:
        return self.tools.get("opt")

    @property
    def llvm_size(self) -> str | None:
        return self.tools.get("llvm-size")

    @property
    def llvm_nm(self) -> str | None:
        return self.tools.get("llvm-nm")

    def identity(self) -> str:
        """ccache's ``compiler_check=mtime``: path, size and mtime of the real binary."""
        st = os.stat(self.real)
        return f"{self.real}:{st.st_size}:{st.st_mtime_ns}"

    def opt_identity(self) -> str:
        """The same for the opt beside it: its pass set decides what a list means."""
        assert self.opt is not None
        st = os.stat(self.opt)
        return f"{os.path.realpath(self.opt)}:{st.st_size}:{st.st_mtime_ns}"

    def missing_tools(self) -> list[str]:
        return [name for name, path in self.tools.items() if path is None]

    def require_tools(self) -> None:
        missing = self.missing_tools()
        if missing:
            raise ToolchainError(
                f"llmcc: {', '.join(missing)} not found beside {self.real} "
                f"(looked in {self.bindir}); install the matching LLVM package, "
                f"e.g. 'apt-get install llvm-{self.major or 'N'}'"
            )


def _find_tool(tool: str, bindir: str, invoked: str, major: int | None) -> str | None:
    """Find *tool* of the same LLVM install as the compiler.

    Order: the real binary's directory (/usr/lib/llvm-19/bin/opt), then a
    versioned sibling of the invoked name (/usr/bin/opt-19). Never a bare
    ``opt`` from PATH: that may be another LLVM version.
    """
    cand = os.path.join(bindir, tool)
    if _is_executable(cand):
        return cand
    if major is not None:
        cand = os.path.join(os.path.dirname(invoked), f"{tool}-{major}")
        if _is_executable(cand):
            return cand
    return None


def describe(clang_path: str) -> Toolchain:
    real = os.path.realpath(clang_path)
    bindir = os.path.dirname(real)
    major = _major_from_path(real, clang_path)
    tools = {t: _find_tool(t, bindir, clang_path, major) for t in ("opt", "llvm-size", "llvm-nm")}
    return Toolchain(clang=clang_path, real=real, bindir=bindir, major=major, tools=tools)


def find_compiler(cxx: bool, configured: str | None, path_env: str | None = None) -> str:
    """Locate the real clang (or clang++) to wrap.

    ``configured`` is LLMCC_CLANG / LLMCC_CLANGXX, a path or a name. For C++
    with only a C compiler configured, the ``clang++`` beside it is used.
    """
    base = "clang++" if cxx else "clang"
    var = "LLMCC_CLANGXX" if cxx else "LLMCC_CLANG"
    if configured:
        found = which(configured, path_env)
        if found is None:
            if is_llmcc_script(configured) or (
                which(configured, path_env, skip_llmcc=False) is not None
            ):
                raise ToolchainError(
                    f"llmcc: {var}={configured} points to llmcc itself; set it to a real clang"
                )
            raise ToolchainError(f"llmcc: {var}={configured} is not an executable")
        return found
    names = [base] + [f"{base}-{v}" for v in VERSIONED_SEARCH]
    for name in names:
        found = which(name, path_env)
        if found is not None:
            return found
    raise ToolchainError(
        f"llmcc: no {base} found on PATH (tried {base} and {base}-N for N in "
        f"{VERSIONED_SEARCH[-1]}..{VERSIONED_SEARCH[0]}); install clang or set LLMCC_CLANG"
    )


def cxx_sibling(clang_path: str) -> str:
    """clang-19 → clang++-19 in the same directory, if it exists."""
    d, name = os.path.split(clang_path)
    new = name.replace("clang", "clang++", 1) if "clang++" not in name else name
    cand = os.path.join(d, new)
    return cand if _is_executable(cand) else clang_path


def version_text(tc: Toolchain) -> str:
    """``clang --version`` first line (a subprocess: only for doctor and records)."""
    import subprocess

    out = subprocess.run(
        [tc.clang, "--version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    return out.splitlines()[0] if out else ""


def major_from_version_text(text: str) -> int | None:
    import re

    m = re.search(r"clang version (\d+)\.", text)
    return int(m.group(1)) if m else None


def resolve_major(tc: Toolchain) -> Toolchain:
    """Fill in ``major`` by asking clang when the install path does not say it."""
    if tc.major is not None:
        return tc
    major = major_from_version_text(version_text(tc))
    return Toolchain(tc.clang, tc.real, tc.bindir, major, tc.tools)
