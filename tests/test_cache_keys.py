"""IR normalization and the cache keys: what makes two compiles share an entry, and what keeps
them apart.

Real clang, real opt, an isolated cache per test; one file per feature of the cache, after
ccache's one suite per feature (the shared tier: test_cache_remote.py)."""

from __future__ import annotations

import os

from cachekit import _compile, _emit_ir, _workdir
from conftest import (
    make_env,
    records,
    requires_clang,
    stats,
)

from llmcc import ir

pytestmark = requires_clang


def test_normalized_ir_ignores_build_dir_and_debug_info(tmp_path):
    a, b = _workdir(tmp_path, "a"), _workdir(tmp_path, "deeper/b")
    plain = ir.normalize(_emit_ir(a, "twins.c", ["-O2"]))
    assert ir.normalize(_emit_ir(b, os.path.join(b, "twins.c"), ["-O2"])) == plain
    assert ir.normalize(_emit_ir(a, "twins.c", ["-O2", "-g"])) == plain
    other = ir.normalize(_emit_ir(a, "tiny.c", ["-O2"]))
    assert other != plain
    # What reaches codegen is kept: a different constant is a different key.
    (tmp_path / "a" / "twins2.c").write_text(
        (tmp_path / "a" / "twins.c").read_text().replace("16777619u", "16777609u")
    )
    assert ir.normalize(_emit_ir(a, "twins2.c", ["-O2"])) != plain


def test_second_build_dir_reuses_the_pass_list(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    a, b = _workdir(tmp_path, "a"), _workdir(tmp_path, "b")
    _compile(env, a, "twins.c", flags=("-O2", "-g", f"-ffile-prefix-map={a}=."))
    _compile(env, b, os.path.join(b, "twins.c"), "twins.o")
    s = stats(env)
    assert s["misses"] == 1 and s["local_hits"] == 1
    assert records(env)[-1]["path"] == "optimized"


def test_object_key_separates_suite_modes():
    from llmcc.cache import keys

    args = ("define void @f() { ret void }", ["-c"], "clang", "candidates-v2")
    assert keys.object_key(*args, "full") != keys.object_key(*args, "off")
