"""Direct mode: a rebuild served from the manifest before any heavy import, and what must never
be a direct hit.

Real clang, real opt, an isolated cache per test; one file per feature of the cache, after
ccache's one suite per feature (the shared tier: test_cache_remote.py)."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

from cachekit import _compile, _ref, _workdir
from conftest import (
    LLMCC,
    make_env,
    records,
    requires_clang,
    run,
    stats,
)

pytestmark = requires_clang


def test_warm_rebuild_is_a_direct_hit_with_identical_output(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    first = _compile(env, d, "twins.c")
    saved = Path(first).read_bytes()
    os.unlink(first)
    _compile(env, d, "twins.c")
    assert Path(first).read_bytes() == saved
    assert records(env)[-1]["path"] == "direct-hit"
    s = stats(env)
    assert s["direct_hits"] == 1 and s["compilations"] == 2 and s["misses"] == 1


def test_direct_hit_and_pass_through_import_no_model_runtime(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    os.unlink(_compile(env, d, "twins.c"))
    prof = dict(env, PYTHONPROFILEIMPORTTIME="1")
    hit = run([LLMCC, "-O2", "-c", "twins.c", "-o", "twins.o"], cwd=d, env=prof)
    assert hit.returncode == 0 and records(env)[-1]["path"] == "direct-hit"
    through = run([LLMCC, "-O0", "-c", "twins.c", "-o", "p.o"], cwd=d, env=prof)
    assert through.returncode == 0
    for r, must in ((hit, "llmcc.fastpath"), (through, "llmcc.cli.driver")):
        names = [ln.rsplit("|", 1)[-1].strip() for ln in r.stderr.decode().splitlines()
                 if ln.startswith("import time:")]  # fmt: skip
        modules = set(names)
        assert must in modules
        heavy = {m for m in modules if m.split(".")[0] in ("torch", "transformers", "onnxruntime",
                                                           "optimum", "numpy",
                                                           "psutil")}  # fmt: skip
        assert not heavy
        # What llmcc itself imports (after site, which an editable install makes import re):
        # none of the stdlib modules that cost the hot path milliseconds (llmcc/jsonlite.py,
        # llmcc/hashes.py, docs/performance.md; collections: llmcc/cache/tiers.py).
        own = set(names[names.index("site") + 1 :])
        assert not own & {"json", "re", "enum", "hashlib", "filelock", "subprocess", "tempfile",
                          "collections"}  # fmt: skip


def test_changed_header_is_a_direct_miss(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = tmp_path / "w"
    d.mkdir()
    (d / "k.h").write_text("#define K 3\n")
    (d / "m.c").write_text('#include "k.h"\nint f(int x) { return x * K; }\n')
    _compile(env, str(d), "m.c")
    (d / "k.h").write_text("#define K 5\n")
    obj = _compile(env, str(d), "m.c")
    assert records(env)[-1]["path"] != "direct-hit"
    assert filecmp.cmp(obj, _ref(str(d), "m.c"), shallow=False)


def test_time_macros_are_never_replayed(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = tmp_path / "w"
    d.mkdir()
    (d / "t.c").write_text("const char *built(void) { return __TIME__; }\n")
    _compile(env, str(d), "t.c")
    _compile(env, str(d), "t.c")
    assert [r["path"] for r in records(env)].count("direct-hit") == 0
    assert records(env, "direct_skip")
