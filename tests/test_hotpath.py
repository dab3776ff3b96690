"""The hot path's cheap stand-ins (jsonlite, hashes, string-only toolchain parsing) give
exactly what the modules they avoid importing give; the launchers pip installs are ours."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clang, requires_clang
from hypothesis import given, settings
from hypothesis import strategies as st

from llmcc import hashes, jsonlite
from llmcc.toolchain import _major_from_path, is_llmcc_script

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_scalars = (st.none() | st.booleans() | st.integers() | st.text()
            | st.floats(allow_nan=False))  # fmt: skip
_docs = st.recursive(_scalars, lambda kids: st.lists(kids, max_size=4)
                     | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                     max_leaves=20)  # fmt: skip


def _outcome(fn, *a, **kw):
    """What a call gave, comparable with ==: the result's repr (types and values, and a
    NaN equal to a NaN, which the value itself is not), or the exception's type and text."""
    try:
        return ("ok", repr(fn(*a, **kw)))
    except Exception as e:
        return ("raised", type(e), str(e))


@settings(max_examples=300, deadline=None)
@given(_docs, st.booleans(), st.sampled_from([None, (",", ":"), (", ", ": ")]), st.booleans())
def test_jsonlite_dumps_is_json_dumps(doc, sort_keys, separators, ascii_only):
    kw = {"sort_keys": sort_keys, "separators": separators, "ensure_ascii": ascii_only}
    assert jsonlite.dumps(doc, **kw) == json.dumps(doc, **kw)
    assert jsonlite.loads(jsonlite.dumps(doc, **kw)) == json.loads(json.dumps(doc, **kw))


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    _docs.map(json.dumps),
    _docs.map(lambda d: " \n" + json.dumps(d) + "\t "),
    st.text(alphabet='{}[]",:0123456789.eE+- \ntrufalsnNIinfy\\\ufeff', max_size=24),
))  # fmt: skip
def test_jsonlite_loads_is_json_loads_also_for_errors(text):
    for s in (text, text.encode("utf-8", "surrogatepass")):
        assert _outcome(jsonlite.loads, s) == _outcome(json.loads, s)


def test_jsonlite_hands_other_options_and_names_to_json():
    doc = {"b": [1, 2.5, None], "a": float("inf")}
    assert jsonlite.dumps(doc, indent=2) == json.dumps(doc, indent=2)
    assert jsonlite.dumps({"o": object()}, default=str)[:9] == '{"o": "<o'
    with pytest.raises(TypeError, match="not JSON serializable"):
        jsonlite.dumps({"o": object()})
    with pytest.raises(jsonlite.JSONDecodeError):
        jsonlite.loads("{")
    assert jsonlite.loads('{"x": NaN}', parse_constant=lambda c: c) == {"x": "NaN"}
    assert jsonlite.load(io.StringIO('[1, "\\u00e9"]')) == [1, "é"]
    for utf in ("utf-16", "utf-8-sig", "utf-32"):
        assert jsonlite.loads('{"k": 1}'.encode(utf)) == {"k": 1}


def test_hashes_are_hashlibs_digests():
    data = b"llmcc" * 100
    assert hashes.blake2b(data, digest_size=20).hexdigest() == \
        hashlib.blake2b(data, digest_size=20).hexdigest()  # fmt: skip
    assert hashes.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert hashes.md5(data).digest() == hashlib.md5(data).digest()  # other names: hashlib's


def test_hot_path_stand_ins_import_neither_json_re_nor_hashlib():
    code = ("import sys, llmcc.jsonlite as j, llmcc.hashes as h; j.loads(j.dumps({'a': [1]}));"
            "h.blake2b(b'x').hexdigest(); h.sha256(b'x');"
            "print(sorted({'json', 're', 'enum', 'hashlib'} & set(sys.modules)))")  # fmt: skip
    r = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                       check=True, env={"PYTHONPATH": ":".join(sys.path)})  # fmt: skip
    assert r.stdout.strip() == "[]"


def _major_by_regex(*paths: str) -> int | None:
    for p in paths:
        m = re.search(r"llvm-(\d+)", p) or re.search(r"clang(?:\+\+)?-(\d+)$", p)
        if m:
            return int(m.group(1))
    return None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["llvm-", "clang", "++", "-", "1", "9", "19", "/usr/",
                                          "bin/", "x", "clang-"]), max_size=7)
                .map("".join), min_size=1, max_size=2))  # fmt: skip
def test_major_from_path_matches_the_regular_expressions_it_replaces(paths):
    assert _major_from_path(*paths) == _major_by_regex(*paths)


@pytest.mark.parametrize("path, major", [("/usr/lib/llvm-19/bin/clang", 19),
                                         ("/usr/bin/clang++-16", 16), ("/usr/bin/clang", None),
                                         ("/opt/clang-cl", None), ("/x/llvm-/llvm-22/clang", 22)])
def test_major_from_path_reads_install_paths(path, major):  # fmt: skip
    assert _major_from_path(path) == major


def _install_wheel(tmp_path) -> tuple[str, str]:
    """A regular (non-editable) install of this tree's wheel under *tmp_path*, made by pip
    as users and .ci/install.sh make it (no network: this venv's setuptools builds it).
    Returns (bin dir, site-packages)."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(os.path.join(ROOT, name), src / name)
    for d in ("llmcc", "wrappers/launchers"):
        shutil.copytree(os.path.join(ROOT, d), src / d,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "w"),
                    str(src)], check=True, capture_output=True, timeout=600)  # fmt: skip
    (whl,) = (tmp_path / "w").glob("llmcc-*.whl")
    prefix = tmp_path / "inst"
    # --ignore-installed: without it pip "upgrades" the llmcc this venv runs the tests with,
    # uninstalling its llmcc and llmcc-admin from under every other test.
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "--ignore-installed", "--prefix",
                    str(prefix), str(whl)], check=True, capture_output=True, timeout=600)
    (site,) = prefix.glob("lib/python*/site-packages")
    return str(prefix / "bin"), str(site)


@requires_clang
def test_installed_launchers_are_wrappers_launchers_behind_this_interpreter(tmp_path):
    """pip installs wrappers/launchers/llmcc and llmc++ as they are, with only the interpreter
    written into "#!python"; no entry point of the same name could overwrite them; they
    pass through byte-exact, without importing re on the way (pip < 24's entry-point
    scripts did: docs/performance.md)."""
    bin_dir, site = _install_wheel(tmp_path)
    for name in ("llmcc", "llmc++"):
        with open(os.path.join(ROOT, "wrappers", "launchers", name), "rb") as f:
            shipped = f.read()
        with open(os.path.join(bin_dir, name), "rb") as f:
            installed = f.read()
        assert shipped.startswith(b"#!python\n")
        assert installed == f"#!{sys.executable}\n".encode() + shipped.split(b"\n", 1)[1]
        assert is_llmcc_script(os.path.join(bin_dir, name))
    (info,) = Path(site).glob("llmcc-*.dist-info")
    scripts = (info / "entry_points.txt").read_text()
    assert "llmcc-admin = " in scripts and "\nllmcc = " not in scripts and "llmc++" not in scripts
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LLMCC_", "PYTHON"))}
    env.update(PYTHONPATH=site, LLMCC_CLANG=clang(), LLMCC_DIR=str(tmp_path / "cache"),
               PYTHONPROFILEIMPORTTIME="1")  # fmt: skip
    for name, real in (("llmcc", clang()), ("llmc++", clang().replace("clang", "clang++"))):
        want = subprocess.run([real, "--version"], capture_output=True)
        got = subprocess.run([os.path.join(bin_dir, name), "--version"], env=env,
                             capture_output=True)  # fmt: skip
        assert (got.returncode, got.stdout) == (0, want.stdout)
        lines = got.stderr.decode().splitlines()
        names = [ln.rsplit("|", 1)[-1].strip() for ln in lines if ln.startswith("import time:")]
        after_site = names[names.index("site") + 1 :]
        assert "llmcc.cli.driver" in after_site and "re" not in after_site, after_site
        err = [ln for ln in lines if not ln.startswith("import time:")]
        assert err == want.stderr.decode().splitlines()
