"""Two real programs that print who they are, for the faults that could swap their objects.

A misfiled or tampered entry is caught by the only test that matters to a user: link
the object llmcc installed and run it; it must print its own name. Each program has two
identical functions, so a candidate list (mergefunc) beats -Oz and a pass-list entry with
a real pipeline is stored for it, besides its object entry.
"""

from __future__ import annotations

import os
import subprocess

from conftest import LLMCC, clang, run

from llmcc.cache import entries

TEMPLATE = """\
#include <stdio.h>
#include <stddef.h>
unsigned mix_a(const unsigned char *p, size_t n) {
    unsigned h = %(seed)du;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i]; h *= 16777619u; if (h & 1u) h = (h >> 3) | (h << 29);
    }
    return h ^ (unsigned)n;
}
unsigned mix_b(const unsigned char *p, size_t n) {
    unsigned h = %(seed)du;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i]; h *= 16777619u; if (h & 1u) h = (h >> 3) | (h << 29);
    }
    return h ^ (unsigned)n;
}
int main(void) {
    const unsigned char s[] = "%(name)s";
    printf("I am %(name)s %%u\\n", mix_a(s, sizeof s) == mix_b(s, sizeof s));
    return 0;
}
"""
NAMES = ("t2", "t3")


def write(d: str) -> None:
    for i, name in enumerate(NAMES):
        with open(os.path.join(d, f"{name}.c"), "w") as f:
            f.write(TEMPLATE % {"name": name, "seed": 2166136261 + 2 * i})


def compile_one(env: dict, d: str, name: str) -> subprocess.CompletedProcess:
    """``llmcc -O2 -c <name>.c`` into a fresh <name>.o (an old one must not survive)."""
    obj = os.path.join(d, f"{name}.o")
    if os.path.exists(obj):
        os.unlink(obj)
    r = run([LLMCC, "-O2", "-c", f"{name}.c", "-o", f"{name}.o"], cwd=d, env=env)
    assert r.returncode == 0, r.stderr.decode()
    return r


def says(d: str, name: str) -> str:
    """Link <name>.o with the real clang and run it: what the program prints."""
    exe = os.path.join(d, name)
    r = run([clang(), f"{name}.o", "-o", exe], cwd=d)
    assert r.returncode == 0, r.stderr.decode()
    return run([exe], cwd=d).stdout.decode().strip()


def entry_files(root: str, ns: str) -> list[str]:
    out = []
    for dirpath, _dirs, files in os.walk(os.path.join(root, ns)):
        out += [os.path.join(dirpath, f) for f in files]
    return sorted(out)


def swap_files(a: str, b: str) -> None:
    """What an rsync with a bug, or a hand copy, does: each file now holds the other."""
    with open(a, "rb") as f:
        da = f.read()
    with open(b, "rb") as f:
        db = f.read()
    assert da != db
    with open(a, "wb") as f:
        f.write(db)
    with open(b, "wb") as f:
        f.write(da)


def own_entry(path: str, ns: str) -> tuple[dict, bytes]:
    """The entry at *path*, read as the one stored for its own key (raises if misfiled)."""
    with open(path, "rb") as f:
        return entries.unpack(f.read(), kind=ns, key=os.path.basename(path))
