"""Shared fixtures: real clang/opt from apt, an isolated cache per test, a warm verdict store.

PassListEval verdicts cost seconds per list, so one session-wide directory
evaluates the built-in candidates once (quick suite) and every test's private
cache starts from a copy of its verdicts. Everything else in a test's cache
starts empty.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

BIN = os.path.dirname(sys.executable)
LLMCC = os.path.join(BIN, "llmcc")
LLMCXX = os.path.join(BIN, "llmc++")
ADMIN = os.path.join(BIN, "llmcc-admin")
VERSIONS = [v for v in (16, 19, 22) if shutil.which(f"clang-{v}") and shutil.which(f"opt-{v}")]
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
PRIMARY = 19 if 19 in VERSIONS else (VERSIONS[-1] if VERSIONS else None)
WARM_PARTS = ("passlisteval", "verdict", "registry")
SUITE_PARTS = ("passlisteval", "registry")
"""A prepared suite without verdicts."""

requires_clang = pytest.mark.skipif(PRIMARY is None, reason="no clang-N/opt-N installed")


def primary_by_default(versions=None) -> list:
    """*versions* (default: VERSIONS) as test parameters, all but PRIMARY in ``-m slow``.

    For tests that need a prepared PassListEval suite per LLVM (a minute or more each):
    the default run covers the other LLVMs where that is cheap (the pass registry, vet
    with the real opt, colour, shipped verdicts), and the slow suite runs these per LLVM.
    """
    vs = VERSIONS if versions is None else versions
    return [v if v == PRIMARY else pytest.param(v, marks=pytest.mark.slow) for v in vs]


def clang(v: int | None = None) -> str:
    return f"/usr/bin/clang-{v or PRIMARY}"


def base_env(tmp: str, version: int | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMCC_")}
    env.update(
        PATH=BIN + os.pathsep + env.get("PATH", ""),
        LLMCC_DIR=os.path.join(tmp, "cache"),
        LLMCC_LOG=os.path.join(tmp, "llmcc.jsonl"),
        LLMCC_CLANG=f"clang-{version or PRIMARY}",
        LLMCC_EVAL="quick",
        # The pipeline's tests pin the library advisor, whose proposals (its first six lists,
        # which the warm store has verdicts for) do not depend on a trained model's weights;
        # the shipped model, the default, has its own end-to-end tests (test_shipped_model.py).
        LLMCC_MODEL="candidates",
    )
    env.update(extra)
    return env


def run(
    cmd: list[str],
    cwd: str,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout,
                          input=stdin)  # fmt: skip


def records(env: dict[str, str], event: str = "decision") -> list[dict]:
    try:
        with open(env["LLMCC_LOG"]) as f:
            rows = [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []
    return [r for r in rows if r.get("event") == event]


def stats(env: dict[str, str]) -> dict:
    r = run([ADMIN, "stats", "--json"], cwd=".", env=env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def seed_cache(warm: str, root: str, parts: tuple[str, ...] = WARM_PARTS) -> None:
    """Give a fresh cache the session's PassListEval verdicts (and nothing else)."""
    for part in parts:
        src = os.path.join(warm, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(root, part), dirs_exist_ok=True)


PREPARE = """
import os
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.stats import Stats
from llmcc.cache.tiers import Cache, tiers_for
from llmcc.passlisteval import Evaluator
from llmcc.toolchain import describe, find_compiler, resolve_major
tc = resolve_major(describe(find_compiler(False, os.environ["LLMCC_CLANG"])))
root = os.environ["LLMCC_DIR"]
Evaluator.for_toolchain(tc, root, "quick", 2,
                        cache=Cache(tiers_for(LocalStorage.open(root)), Stats())).manifest()
"""


class WarmStores:
    """Per LLVM version, on first use: a cache dir with quick-suite verdicts for the candidates.

    Lazy, so a test run that only touches the primary LLVM pays for one warmup.
    """

    def __init__(self, factory) -> None:
        self.factory = factory
        self.dirs: dict[int, str] = {}
        self.suites: dict[str, str] = {}

    def __contains__(self, v: object) -> bool:
        return v in VERSIONS

    def __iter__(self):
        return iter(VERSIONS)

    def suite(self, v: int) -> str:
        """A dir with only the prepared quick suite for LLVM *v* (no verdicts): cheaper.

        Never the warm dir itself: a test that needs "no verdict yet" must not find the
        session's verdicts, whichever test happened to build the warm store first."""
        key = f"suite{v}"
        if key not in self.suites:
            d = str(self.factory.mktemp(key))
            if v in self.dirs:  # the suite is prepared already: copy it, not its verdicts
                seed_cache(self.dirs[v], d, SUITE_PARTS)
            else:
                env = base_env(d, v)
                r = run([sys.executable, "-c", PREPARE], cwd=d, env=dict(env, LLMCC_DIR=d),
                        timeout=1800)  # fmt: skip
                assert r.returncode == 0, r.stderr.decode()
            self.suites[key] = d
        return self.suites[key]

    def __getitem__(self, v: int) -> str:
        if v not in self.dirs:
            d = str(self.factory.mktemp(f"warm{v}"))
            if f"suite{v}" in self.suites:  # prepared already: warmup only evaluates
                seed_cache(self.suites[f"suite{v}"], d, SUITE_PARTS)
            env = base_env(d, v)
            env["LLMCC_DIR"] = d
            r = run([ADMIN, "warmup"], cwd=d, env=env, timeout=1800)
            assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
            self.dirs[v] = d
        return self.dirs[v]


@pytest.fixture(scope="session")
def warm_store(tmp_path_factory) -> WarmStores:
    return WarmStores(tmp_path_factory)


@pytest.fixture
def llmcc_env(tmp_path, warm_store):
    """An environment for the primary LLVM with a private cache seeded with verdicts."""
    env = base_env(str(tmp_path))
    os.makedirs(env["LLMCC_DIR"], exist_ok=True)
    if PRIMARY in warm_store:
        seed_cache(warm_store[PRIMARY], env["LLMCC_DIR"])
    return env


def make_env(
    tmp: str, warm_store: dict[int, str], version: int | None = None, **extra: str
) -> dict[str, str]:
    env = base_env(tmp, version, **extra)
    os.makedirs(env["LLMCC_DIR"], exist_ok=True)
    if (version or PRIMARY) in warm_store:
        seed_cache(warm_store[version or PRIMARY], env["LLMCC_DIR"])
    return env


def size_of(obj: str, version: int | None = None) -> int:
    out = (
        subprocess.run(
            [f"/usr/bin/llvm-size-{version or PRIMARY}", obj],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.splitlines()[1]
        .split()
    )
    return int(out[0]) + int(out[1])


def strong_symbols(obj: str, version: int | None = None) -> set[str]:
    out = subprocess.run([f"/usr/bin/llvm-nm-{version or PRIMARY}", "--defined-only",
                          "--extern-only", "--format=posix", obj], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return {ln.split()[0] for ln in out.splitlines() if ln.split()[1] not in "WwVv"}


def imported_modules(stderr: bytes) -> set[str]:
    """The modules a ``PYTHONPROFILEIMPORTTIME=1`` process imported, from its stderr."""
    return {ln.rsplit("|", 1)[-1].strip() for ln in stderr.decode().splitlines()
            if ln.startswith("import time:")}  # fmt: skip


def check_tus_against_oz(d: str, sources: list[str], env: dict[str, str],
                         flags: tuple[str, ...] = ("-O2",)) -> dict[str, dict]:  # fmt: skip
    """Each of *sources*' llmcc object in *d* (``<stem>.o``) against clang -Oz of the same
    flags: no bigger, the same strong symbols, byte-identical where it fell back. Returns
    each TU's last decision record."""
    import filecmp

    decisions = {r["source"]: r for r in records(env)}
    for name in sources:
        stem = name[:-2]
        ref = run([clang(), *flags, "-Oz", "-c", name, "-o", f"{stem}.ref.o"], cwd=d)
        assert ref.returncode == 0
        obj, ref_obj = os.path.join(d, f"{stem}.o"), os.path.join(d, f"{stem}.ref.o")
        assert size_of(obj) <= size_of(ref_obj), name
        assert strong_symbols(obj) == strong_symbols(ref_obj), name
        if decisions[name]["path"] == "fallback":
            assert filecmp.cmp(obj, ref_obj, shallow=False), name
    return decisions


@pytest.fixture
def redis_server(tmp_path):
    """A real redis-server on a free loopback port, private to the test."""
    from servers import RedisServer

    srv = RedisServer(str(tmp_path)).start()
    yield srv
    srv.stop()
