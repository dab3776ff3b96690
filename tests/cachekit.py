"""Helpers of the cache's integration suites (tests/test_cache_*.py): a build directory
with the test sources, a compile through llmcc, and clang's own -Oz reference."""

from __future__ import annotations

import os
import shutil

from conftest import DATA, LLMCC, clang, run


def _workdir(tmp_path, name: str, files=("twins.c", "tiny.c")) -> str:
    d = tmp_path / name
    d.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(os.path.join(DATA, f), d)
    return str(d)


def _compile(env, cwd: str, src: str, out: str | None = None, flags=("-O2",)):
    out = out or src.replace(".c", ".o")
    r = run([LLMCC, *flags, "-c", src, "-o", out], cwd=cwd, env=env)
    assert r.returncode == 0, r.stderr.decode()
    return os.path.join(cwd, out)


def _ref(cwd: str, src: str, flags=("-O2",)) -> str:
    out = os.path.join(cwd, src.replace(".c", ".ref.o"))
    assert run([clang(), *flags, "-Oz", "-c", src, "-o", out], cwd=cwd).returncode == 0
    return out


def _emit_ir(cwd: str, src: str, flags: list[str]) -> str:
    r = run([clang(), *flags, "-Oz", "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", src,
             "-o", "-"], cwd=cwd)  # fmt: skip
    assert r.returncode == 0
    return r.stdout.decode()
