"""Colour parity with clang: a compile on a terminal prints the bytes clang prints there.

llmcc captures clang's stderr (a pipe), so clang alone would print plain text where it
prints colour on a terminal. These tests run real clang and real llmcc under a real
pseudo-terminal and compare the bytes, and check the cache never replays the wrong form.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys

import pytest
from conftest import LLMCC, VERSIONS, clang, records, requires_clang, run, stats

SGR = re.compile(rb"\x1b\[[0-9;]*m")
WARN_C = r"""
#include <stdio.h>
static int helper(int x) { int unused; return x * 2; }
int api(int a) {
    if (a = 3) return helper(a);
    return printf("%d\n", "not an int");
}
"""


def under_pty(argv: list[str], cwd: str, env: dict[str, str]) -> tuple[int, bytes]:
    """(exit code, every byte written to the terminal) of *argv* with a pty as its
    stdin, stdout and stderr, as when a user types the command."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed its side
            break
        if not chunk:
            break
        out += chunk
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out


def _clean(env: dict[str, str], **extra: str) -> dict[str, str]:
    env = {k: v for k, v in env.items() if k not in ("NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE")}
    env.update(extra)
    return env


@pytest.fixture
def warn_src(tmp_path):
    (tmp_path / "warn.c").write_text(WARN_C)
    return tmp_path


PREDICT = """
import json, os, sys
from llmcc.args import auto_color
argv, major = json.loads(sys.argv[1]), int(sys.argv[2])
print(json.dumps(auto_color(argv, dict(os.environ), True, major)))
"""

# (TERM, NO_COLOR, flags): TERMs where LLVM's terminfo route (16) and its list (19+) differ
# (vt220, xterm-mono, foocolor, st-256color), NO_COLOR, which 16 ignores, and each flag form.
CASES = [
    ("xterm", None, []),
    ("xterm-256color", None, []),
    ("dumb", None, []),
    ("vt100", None, []),
    ("vt220", None, []),
    ("xterm-mono", None, []),
    ("foocolor", None, []),
    ("st-256color", None, []),
    ("screen.xterm", None, []),
    ("", None, []),
    ("xterm", "1", []),
    ("xterm", "", []),
    ("xterm", None, ["-fno-color-diagnostics"]),
    ("xterm", None, ["-fdiagnostics-color=never"]),
    ("xterm", None, ["-fno-diagnostics-color"]),
    ("xterm", None, ["-fdiagnostics-color=auto"]),
    ("dumb", None, ["-fcolor-diagnostics"]),
    ("xterm", None, ["-fcolor-diagnostics", "-fdiagnostics-color=auto"]),
    ("xterm", None, ["-fno-color-diagnostics", "-fdiagnostics-color"]),
    ("dumb", "1", ["-fdiagnostics-color=always"]),
]


@requires_clang
@pytest.mark.parametrize("version", VERSIONS)
def test_auto_color_predicts_when_clang_colours_on_a_terminal(warn_src, version):
    """args.auto_color (plus clang's own "always") says colour exactly where clang colours."""
    wrong = []
    for term, no_color, flags in CASES:
        env = _clean(dict(os.environ), TERM=term)
        if no_color is not None:
            env["NO_COLOR"] = no_color
        argv = ["-O2", *flags, "-c", "warn.c", "-o", os.devnull]
        _, out = under_pty([clang(version), *argv], str(warn_src), env)
        p = subprocess.run([sys.executable, "-c", PREDICT, json.dumps(argv), str(version)],
                           env=env, capture_output=True, text=True, check=True)  # fmt: skip
        added = json.loads(p.stdout)
        explicit_on = any(f in ("-fcolor-diagnostics", "-fdiagnostics-color",
                                "-fdiagnostics-color=always") for f in flags[-1:])  # fmt: skip
        if (SGR.search(out) is not None) != (added or explicit_on):
            wrong.append((term, no_color, flags, "clang colours" if SGR.search(out) else "plain"))
    assert not wrong, wrong


@requires_clang
@pytest.mark.parametrize("term", ["xterm-256color", "dumb"])
def test_warning_on_a_terminal_is_byte_identical_to_clangs(warn_src, llmcc_env, term):
    """The optimized compile's warning, on a pty, is what clang prints on that pty."""
    env = _clean(llmcc_env, TERM=term)
    argv = ["-O2", "-Wall", "-c", "warn.c", "-o"]
    rc_c, want = under_pty([clang(), *argv, "clang.o"], str(warn_src), env)
    rc_l, got = under_pty([LLMCC, *argv, "llmcc.o"], str(warn_src), env)
    assert rc_c == rc_l == 0
    assert b"warning:" in want
    assert (SGR.search(want) is not None) == (term != "dumb")
    assert got == want
    (rec,) = records(llmcc_env)
    assert rec["path"] in ("optimized", "fallback")  # went through the pipeline, not execv


def _plain_clang(src_dir, env) -> bytes:
    r = run([clang(), "-O2", "-Wall", "-c", "warn.c", "-o", "plain.o"], str(src_dir), env)
    assert r.returncode == 0 and b"warning:" in r.stderr and not SGR.search(r.stderr)
    return r.stderr


@requires_clang
@pytest.mark.parametrize("direct", [True, False], ids=["direct-hit", "object-hit"])
def test_cache_hit_replays_plain_text_into_a_pipe_after_a_terminal_build(
    warn_src, llmcc_env, direct
):
    """A build on a terminal stores coloured diagnostics; a later hit into a log file must
    print clang's plain text, byte for byte (and a terminal hit the coloured bytes)."""
    env = _clean(llmcc_env, TERM="xterm")
    if not direct:
        env["LLMCC_NODIRECT"] = "1"
    argv = [LLMCC, "-O2", "-Wall", "-c", "warn.c", "-o", "w.o"]
    _, colored = under_pty([clang(), *argv[1:-1], "c.o"], str(warn_src), env)
    rc, first = under_pty(argv, str(warn_src), env)
    assert rc == 0 and first == colored and SGR.search(first)
    r = run(argv, str(warn_src), env)
    assert r.returncode == 0
    assert r.stderr == _plain_clang(warn_src, env)
    rc, again = under_pty(argv, str(warn_src), env)
    assert rc == 0 and again == colored
    paths = [rec["path"] for rec in records(env)]
    hit = "direct-hit" if direct else "object-hit"
    assert paths[1:] == [hit, hit], paths


@requires_clang
def test_terminal_build_after_a_plain_build_compiles_again_in_colour(warn_src, llmcc_env):
    """Only plain text stored: a terminal build cannot colour it, so it is a miss that
    stores the coloured form too; later hits serve either form."""
    env = _clean(llmcc_env, TERM="xterm")
    argv = [LLMCC, "-O2", "-Wall", "-c", "warn.c", "-o", "w.o"]
    plain = _plain_clang(warn_src, env)
    r = run(argv, str(warn_src), env)
    assert r.returncode == 0 and r.stderr == plain
    _, colored = under_pty([clang(), *argv[1:-1], "c.o"], str(warn_src), env)
    rc, got = under_pty(argv, str(warn_src), env)
    assert rc == 0 and got == colored
    rc, got = under_pty(argv, str(warn_src), env)
    assert rc == 0 and got == colored
    assert run(argv, str(warn_src), env).stderr == plain
    paths = [rec["path"] for rec in records(env)]
    assert paths[0] != "direct-hit" and paths[1] not in ("direct-hit", "object-hit"), paths
    assert paths[2:] == ["direct-hit", "direct-hit"], paths
    assert stats(env)["direct_hits"] == 2


@requires_clang
def test_warning_free_compile_hits_the_cache_whatever_the_terminal(warn_src, llmcc_env):
    """No diagnostics, nothing to colour: a terminal build after a plain one is a hit."""
    (warn_src / "quiet.c").write_text("int quiet(int a) { return a * 3 + 1; }\n")
    env = _clean(llmcc_env, TERM="xterm")
    argv = [LLMCC, "-O2", "-Wall", "-c", "quiet.c", "-o", "q.o"]
    assert run(argv, str(warn_src), env).returncode == 0
    rc, out = under_pty(argv, str(warn_src), env)
    assert rc == 0 and out == b""
    assert [rec["path"] for rec in records(env)][1] == "direct-hit"


def test_strip_color_removes_only_sgr_sequences():
    from llmcc.diagnostics import replay, stored, strip_color

    text = "\x1b[1mw.c:1:2: \x1b[0m\x1b[0;1;35mwarning: \x1b[0m\x1b[1mx\x1b[0m\n  ^\n"
    assert strip_color(text) == "w.c:1:2: warning: x\n  ^\n"
    entry = stored(text, colored=True)
    assert replay(entry, want_color=False) == strip_color(text)
    assert replay(entry, want_color=True) == text
    assert replay(stored("plain\n", colored=False), want_color=True) is None
    assert replay(stored("", colored=False), want_color=True) == ""


@requires_clang
@pytest.mark.parametrize("version", VERSIONS)
def test_plain_text_is_clangs_coloured_text_without_escapes(tmp_path, version):
    """What the cache stores as plain for a coloured compile is exactly clang's plain text:
    warnings, errors, notes, fix-its, macro expansions, include stacks, templates, UTF-8."""
    from llmcc.diagnostics import strip_color

    (tmp_path / "inc.h").write_text("static int hdr(void) { int z; return; }\n")
    (tmp_path / "many.c").write_text(
        '#include "inc.h"\n#define ADD(x) ((x) + undeclared_thing)\n'
        '// héllo ∑\nint f(int a) { char *s = "ü"; int b = s; if (a = 3) return ADD(b); '
        'return "x"; }\n#pragma message "from a pragma"\n#warning "directive"\n'
        "int g(void) { return 1 }\n"
    )
    (tmp_path / "t.cpp").write_text(
        "#include <vector>\n#include <map>\ntemplate <class T> struct A { void f() "
        "{ T::nope(); } };\nint main() { std::map<int, std::vector<double>> m; "
        "std::vector<int> v; m[1] = v; A<int> a; a.f(); int x = 1.5; return x; }\n"
    )
    compared = 0
    cxx = clang(version).replace("clang", "clang++")
    for src, cc in (("many.c", clang(version)), ("t.cpp", cxx)):
        for extra in ([], ["-Wall", "-Wextra", "-Wconversion"], ["-fno-caret-diagnostics"]):
            argv = [cc, "-O2", *extra, "-c", src, "-o", os.devnull]
            plain = run(argv, str(tmp_path)).stderr
            colored = run([*argv, "-fcolor-diagnostics"], str(tmp_path)).stderr
            assert SGR.search(colored) and b"error:" in plain
            got = strip_color(colored.decode("utf-8", "surrogateescape"))
            assert got.encode("utf-8", "surrogateescape") == plain, (src, extra)
            compared += 1
    assert compared == 6
