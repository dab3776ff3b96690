"""The README's install-for-your-own-use commands, run as written, in a clean home.

The README marks each block a user types with ``<!-- readme-test: NAME -->``; these tests
run those blocks with bash, in a fresh ``$HOME`` with a bare ``PATH``, then build a user's
own three-file Makefile project with the README's ``CC=llmcc make``.

The default run reuses the clone's ``.venv`` (the README's first route). The pipx route
installs from a copy of the clone with network access to PyPI: slow suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from conftest import PRIMARY, records, requires_clang, seed_cache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BARE_PATH = "/usr/local/bin:/usr/bin:/bin"

PROJECT = {
    "greet.h": "#ifndef GREET_H\n#define GREET_H\nint greet(const char *who, int times);\n#endif\n",
    "greet.c": (
        '#include <stdio.h>\n#include "greet.h"\n'
        "int greet(const char *who, int times) {\n"
        "    int n = 0;\n"
        '    for (int i = 0; i < times; i++) n += printf("hello, %s (%d)\\n", who, i);\n'
        "    return n;\n}\n"
    ),
    "main.c": ('#include "greet.h"\nint main(void) { return greet("world", 3) > 0 ? 0 : 1; }\n'),
    "Makefile": (
        "CFLAGS ?= -O2 -Wall\n"
        "hello: main.o greet.o\n\t$(CC) $(CFLAGS) -o $@ main.o greet.o\n"
        "%.o: %.c greet.h\n\t$(CC) $(CFLAGS) -c $< -o $@\n"
        "clean:\n\trm -f hello *.o\n"
    ),
}
EXPECTED = "hello, world (0)\nhello, world (1)\nhello, world (2)\n"


def readme_block(name: str) -> str:
    """The fenced block right after ``<!-- readme-test: name -->`` in README.md."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(rf"<!-- readme-test: {re.escape(name)} -->\s*```[^\n]*\n(.*?)```", text, re.S)
    assert m, f"README.md has no block marked readme-test: {name}"
    return m.group(1)


def user_env(home: str, warm: str | None) -> dict[str, str]:
    """A new user's environment: own home, bare PATH, no LLMCC_* settings except these:
    the LLVM the session's verdicts were made for, the quick suite they were made on
    (seeded into the default cache dir, so the test does not pay the full warm-up), and the
    advisor they were made for."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LLMCC_", "VIRTUAL_ENV", "PYTHON"))}  # fmt: skip
    env.update(HOME=home, PATH=BARE_PATH, LLMCC_CLANG=f"clang-{PRIMARY}", LLMCC_EVAL="quick",
               LLMCC_MODEL="candidates")  # the lists seeded; the shipped model: its own tests
    env.pop("XDG_CACHE_HOME", None)
    if warm is not None:
        seed_cache(warm, os.path.join(home, ".cache", "llmcc"))
    return env


def _warm(warm_store) -> str | None:
    """The session's verdict store for the primary LLVM (WarmStores has no .get)."""
    return warm_store[PRIMARY] if PRIMARY in warm_store else None  # noqa: SIM401


def make_project(parent) -> str:
    proj = parent / "your-project"
    proj.mkdir()
    for name, text in PROJECT.items():
        (proj / name).write_text(text)
    return str(proj)


def bash(script: str, cwd: str, env: dict[str, str], timeout: float = 900):
    return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)  # fmt: skip


def check_project_build(r, proj: str, env: dict[str, str]) -> None:
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    out = subprocess.run([os.path.join(proj, "hello")], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == EXPECTED
    recs = records(env)
    assert sorted(os.path.basename(r["output"]) for r in recs) == ["greet.o", "main.o"]
    assert all(r["path"] in ("optimized", "fallback") for r in recs), recs


@requires_clang
def test_make_with_llmcc_fails_until_llmcc_is_on_path(tmp_path):
    """What issue 15's new user saw: the README's `CC=llmcc make` with llmcc only in .venv."""
    env = user_env(str(tmp_path / "home"), None)
    tmp_path.joinpath("home").mkdir()
    make_project(tmp_path)
    r = bash(readme_block("project"), str(tmp_path), env)
    assert r.returncode != 0
    assert "llmcc: No such file or directory" in r.stderr + r.stdout


@requires_clang
def test_readme_path_route_builds_a_users_three_file_makefile_project(tmp_path, warm_store):
    """The README's link-into-~/.local/bin block, then its project block, as written."""
    if not os.access(os.path.join(ROOT, ".venv", "bin", "llmcc"), os.X_OK):
        pytest.skip("no .venv in the clone (run bash .ci/install.sh)")
    home = str(tmp_path / "home")
    os.makedirs(home)
    env = user_env(home, _warm(warm_store))
    env["LLMCC_LOG"] = str(tmp_path / "llmcc.jsonl")
    proj = make_project(tmp_path)
    script = (f"cd {ROOT}\n{readme_block('path')}\n"
              f"test \"$(command -v llmcc)\" = \"$HOME/.local/bin/llmcc\"\n"
              f"cd {tmp_path}\n{readme_block('project')}")  # fmt: skip
    r = bash(script, str(tmp_path), env)
    check_project_build(r, proj, env)
    assert r.stdout.splitlines()[0].startswith("llmcc ")  # llmcc-admin --version
    assert os.path.islink(os.path.join(home, ".local", "bin", "llmcc"))


def test_pip_install_user_is_refused_on_debian_as_the_readme_says(tmp_path):
    marker = "/usr/lib/python3.11/EXTERNALLY-MANAGED"
    if not os.path.exists(marker) or not os.path.exists("/usr/bin/python3"):
        pytest.skip("not Debian 12's system Python")
    env = user_env(str(tmp_path), None)
    r = subprocess.run(["/usr/bin/python3", "-m", "pip", "install", "--user", ROOT],
                       env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    if "No module named pip" in r.stderr:
        pytest.skip("python3-pip not installed")
    assert r.returncode != 0 and "externally-managed-environment" in r.stdout + r.stderr


def _clone_copy(dest: str) -> None:
    """What a fresh clone holds (tracked files, plus new ones not yet committed)."""
    cmd = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    files = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for rel in filter(None, (f.decode() for f in files)):
        src = os.path.join(ROOT, rel)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
            shutil.copy2(src, os.path.join(dest, rel))


def _apt_installed(pkg: str) -> bool:
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
    return "install ok installed" in r.stdout


@pytest.mark.slow
@requires_clang
@pytest.mark.skipif(
    shutil.which("pipx") is None, reason="pipx not installed (apt-get install pipx)"
)
def test_readme_pipx_route_builds_a_users_project_from_a_fresh_clone(tmp_path, warm_store):
    """`pipx install .` from a copy of the clone (network: PyPI), then the project block."""
    block = readme_block("pipx")
    apt = [ln for ln in block.splitlines() if ln.startswith("sudo apt-get install")]
    for pkg in apt[0].split()[4:] if apt else []:
        assert _apt_installed(pkg), f"{pkg}: the README's apt line names it; install it first"
    script_lines = [ln for ln in block.splitlines() if not ln.startswith("sudo apt-get")]
    clone = str(tmp_path / "clone")
    _clone_copy(clone)
    home = str(tmp_path / "home")
    os.makedirs(home)
    env = user_env(home, _warm(warm_store))
    env["LLMCC_LOG"] = str(tmp_path / "llmcc.jsonl")
    proj = make_project(tmp_path)
    script = (f"cd {clone}\n" + "\n".join(script_lines) + "\n"
              f'test "$(command -v llmcc)" = "$HOME/.local/bin/llmcc"\n'
              f"cd {tmp_path}\n{readme_block('project')}")  # fmt: skip
    r = bash(script, str(tmp_path), env, timeout=1800)
    check_project_build(r, proj, env)
