"""Where the cache lives: read-only, unwritable or missing cache directories still build, with
one warning.

Real clang, real opt, an isolated cache per test; one file per feature of the cache, after
ccache's one suite per feature (the shared tier: test_cache_remote.py)."""

from __future__ import annotations

import filecmp
import os

from cachekit import _ref, _workdir
from conftest import (
    LLMCC,
    make_env,
    records,
    requires_clang,
    run,
    size_of,
)
from servers import readonly

pytestmark = requires_clang


def test_read_only_cache_dir_is_read_but_not_written_with_one_warning(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    d = _workdir(tmp_path, "w")
    marker_glob = f"llmcc-{os.getuid()}-warned-"
    for f in os.listdir("/tmp"):
        if f.startswith(marker_glob):
            os.unlink(os.path.join("/tmp", f))
    with readonly(env["LLMCC_DIR"]):
        r1 = run([LLMCC, "-O2", "-c", "tiny.c"], cwd=d, env=env)
        r2 = run([LLMCC, "-O2", "-c", "twins.c"], cwd=d, env=env)
    assert r1.returncode == 0 and r2.returncode == 0
    assert r1.stderr.count(b"warning") == 1 and b"storing nothing" in r1.stderr
    assert r2.stderr == b""  # said once, not once per compile
    assert filecmp.cmp(os.path.join(d, "tiny.o"), _ref(d, "tiny.c"), shallow=False)
    # The verdicts already in the read-only cache still let llmcc optimize.
    assert size_of(os.path.join(d, "twins.o")) < size_of(_ref(d, "twins.c"))
    assert not os.path.exists(os.path.join(env["LLMCC_DIR"], "pl"))


def test_unwritable_and_unreadable_cache_builds_uncached(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    env["LLMCC_DIR"] = str(blocker / "cache")
    env["TMPDIR"] = str(tmp_path / "tmp")  # the once-an-hour warning marker: this test's own
    os.makedirs(env["TMPDIR"])
    d = _workdir(tmp_path, "w")
    first = run([LLMCC, "-O2", "-c", "twins.c"], cwd=d, env=env)
    second = run([LLMCC, "-O2", "-c", "tiny.c"], cwd=d, env=env)
    assert first.returncode == 0 and second.returncode == 0
    assert first.stderr.count(b"llmcc: warning:") == 1
    assert b"building without the local cache" in first.stderr
    assert second.stderr == b""  # said once per build, not once per compile
    # No cache, no verdict store: nothing can be proven safe, so both are clang -Oz's.
    for src in ("twins.c", "tiny.c"):
        obj = os.path.join(d, src.replace(".c", ".o"))
        assert filecmp.cmp(obj, _ref(d, src), shallow=False)
    assert [r["path"] for r in records(env)] == ["fallback", "fallback"]


def test_no_home_and_no_llmcc_dir_still_builds(tmp_path, warm_store):
    env = make_env(str(tmp_path), warm_store)
    for k in ("LLMCC_DIR", "HOME", "XDG_CACHE_HOME"):
        env.pop(k, None)
    d = _workdir(tmp_path, "w")
    r = run([LLMCC, "-O2", "-c", "tiny.c"], cwd=d, env=env)
    assert r.returncode == 0
    assert filecmp.cmp(os.path.join(d, "tiny.o"), _ref(d, "tiny.c"), shallow=False)
