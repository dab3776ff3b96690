"""llmcc's own version: one source (llmcc/__init__.py), shown wherever a bug report looks.

Also the small consistencies of issue 15: sizes in one unit across llmcc-admin, the
package metadata built without deprecation warnings, the dependency-file claim.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ADMIN, LLMCC, base_env, clang, records, requires_clang, run

import llmcc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_admin_version_prints_the_package_version(tmp_path):
    r = run([ADMIN, "--version"], str(tmp_path), base_env(str(tmp_path)))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode().strip() == f"llmcc {llmcc.__version__}"
    assert importlib.metadata.version("llmcc") == llmcc.__version__


@requires_clang
def test_doctor_names_the_llmcc_version_first(tmp_path):
    r = run([ADMIN, "doctor"], str(tmp_path), base_env(str(tmp_path)), timeout=300)
    first = r.stdout.decode().splitlines()[0]
    assert first.startswith("[note] llmcc: ") and llmcc.__version__ in first, first


def test_stats_json_has_the_llmcc_version(tmp_path):
    r = run([ADMIN, "stats", "--json"], str(tmp_path), base_env(str(tmp_path)))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["llmcc_version"] == llmcc.__version__


@requires_clang
def test_decision_records_carry_the_llmcc_version(tmp_path):
    """Every record, so a log pasted into a bug report says which llmcc wrote it."""
    (tmp_path / "a.c").write_text("int f(int x) { return x * 7; }\n")
    env = base_env(str(tmp_path), LLMCC_EVAL="off")
    r = run([LLMCC, "-O2", "-c", "a.c", "-o", "a.o"], str(tmp_path), env)
    assert r.returncode == 0, r.stderr
    (rec,) = records(env)
    assert rec["llmcc_version"] == llmcc.__version__
    with open(env["LLMCC_LOG"]) as f:
        assert all(json.loads(line)["llmcc_version"] == llmcc.__version__ for line in f)


@requires_clang
@pytest.mark.parametrize("maxsize, shown", [("5G", "5.0 GiB"), ("500M", "500.0 MiB")])
def test_doctor_and_stats_show_the_cache_limit_in_the_same_units(tmp_path, maxsize, shown):
    env = base_env(str(tmp_path), LLMCC_MAXSIZE=maxsize)
    doctor = run([ADMIN, "doctor"], str(tmp_path), env, timeout=300).stdout.decode()
    stats = run([ADMIN, "stats"], str(tmp_path), env).stdout.decode()
    (cache_line,) = [ln for ln in doctor.splitlines() if "] cache: " in ln]
    (size_line,) = [ln for ln in stats.splitlines() if ln.startswith("cache size")]
    assert f"(limit {shown})" in cache_line
    assert size_line.endswith(f" of {shown}")


def test_package_metadata_builds_without_warnings_and_with_one_version(tmp_path):
    """setuptools warned twice per install about the ``project.license`` table; the version
    lives in llmcc/__init__.py only."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(os.path.join(ROOT, name), tmp_path / name)
    shutil.copytree(os.path.join(ROOT, "llmcc"), tmp_path / "llmcc",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    (tmp_path / "md").mkdir()
    code = ("from setuptools import build_meta as b; "
            "print(b.prepare_metadata_for_build_wheel('md'))")  # fmt: skip
    r = subprocess.run([sys.executable, "-W", "error", "-c", code], cwd=tmp_path,
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr[-3000:]
    dist = r.stdout.strip().splitlines()[-1]
    meta = (tmp_path / "md" / dist / "METADATA").read_text()
    assert f"\nVersion: {llmcc.__version__}\n" in meta
    assert "\nLicense-Expression: Apache-2.0\n" in meta
    with open(os.path.join(ROOT, "pyproject.toml")) as f:
        text = f.read()
    assert "\nversion =" not in text.split("[tool.setuptools.dynamic]")[0]


DEP_SRC = '#include <stdio.h>\nint main(void) { return puts("hi") < 0; }\n'


@requires_clang
def test_dependency_file_is_clang_Oz_s_which_can_differ_from_the_users_O2(tmp_path):
    """docs/integrations.md's claim, pinned: llmcc's .d is byte-identical to ``clang -Oz``'s;
    glibc's bits/stdio.h is read only when not optimizing for size, so -O2's lists it."""
    (tmp_path / "p.c").write_text(DEP_SRC)
    env = base_env(str(tmp_path), LLMCC_EVAL="off")
    flags = ["-O2", "-MD", "-MP", "-c", "p.c", "-o", "p.o"]  # -MD: system headers too

    def dep(cmd: list[str]) -> str:
        r = run(cmd, str(tmp_path), env)
        assert r.returncode == 0, r.stderr
        return (tmp_path / "p.d").read_text()

    user_o2 = dep([clang(), *flags])
    size_build = dep([clang(), *flags, "-Oz"])
    got = dep([LLMCC, *flags])
    assert got == size_build
    assert "bits/stdio.h" in user_o2 and "bits/stdio.h" not in got
    with open(os.path.join(ROOT, "docs", "integrations.md")) as f:
        doc = " ".join(f.read().split())
    assert "identical to `clang -Oz`'s" in doc and "bits/stdio.h" in doc
