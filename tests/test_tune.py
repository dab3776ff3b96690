"""``llmcc-admin tune``: recording, tuning a tiny make project, the cache the next build reads,
resuming after an interruption, and the same results on a Dask cluster.

Real make, clang, opt and (for the scale-out test) a real distributed.LocalCluster with
worker processes. Budgets are small; the main test runs PassListEval (quick suite, seeded
verdicts for the library) on the winners, the others run with LLMCC_EVAL=off, where the
suite is not what they are about.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import (
    ADMIN,
    BIN,
    DATA,
    base_env,
    clang,
    make_env,
    records,
    requires_clang,
    run,
    stats,
)

from llmcc.args import replace_output
from llmcc.config import Config

pytestmark = requires_clang

MAIN_C = r"""#include <stdio.h>
unsigned checksum_a(const unsigned char *p, unsigned long n);
int table_lookup(int k);
struct s { int a, b, c, d, e, f, g, h; };
int f3(struct s *p, int x);
int main(void) {
    struct s v = {1, 2, 3, 4, 5, 6, 7, 8};
    printf("%u %d %d\n", checksum_a((const unsigned char *)"abc", 3), table_lookup(5), f3(&v, 2));
    return 0;
}
"""
MAKEFILE = """CFLAGS ?= -O2
OBJS = twins.o outline.o main.o
prog: $(OBJS)
\t$(CC) -o $@ $(OBJS)
%.o: %.c
\t$(CC) $(CFLAGS) -c $< -o $@
check: prog
\t./prog > out.txt
clean:
\trm -f $(OBJS) prog out.txt
"""
RECORD_KEYS = {"version", "id", "source", "cwd", "output", "argv", "lang", "clang", "llvm",
               "codegen_flags", "ir_sha256", "package", "time"}  # fmt: skip


def _project(d: str) -> str:
    os.makedirs(d, exist_ok=True)
    for name in ("twins.c", "outline.c"):
        shutil.copy(os.path.join(DATA, name), d)
    with open(os.path.join(d, "main.c"), "w") as f:
        f.write(MAIN_C)
    with open(os.path.join(d, "Makefile"), "w") as f:
        f.write(MAKEFILE)
    return d


def _ok(r: subprocess.CompletedProcess, what: str) -> None:
    assert r.returncode == 0, f"{what}: {r.stdout.decode()[-2000:]}\n{r.stderr.decode()[-3000:]}"


def _off(tmp: str) -> dict[str, str]:
    """No PassListEval (and so no seeded verdicts needed): for tests about the tuner itself."""
    env = base_env(tmp, LLMCC_EVAL="off")
    os.makedirs(env["LLMCC_DIR"], exist_ok=True)
    return env


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """The project recorded once (LLMCC_EVAL=off: recording runs no candidate anyway)."""
    base = str(tmp_path_factory.mktemp("tune-rec"))
    env = _off(base)
    proj = _project(os.path.join(base, "proj"))
    rec = os.path.join(base, "records")
    _ok(run(["make", "-s", f"CC={BIN}/llmcc"], cwd=proj, env=dict(env, LLMCC_RECORD=rec)),
        "recording make")  # fmt: skip
    return {"proj": proj, "records": rec, "env": env, "base": base}


def test_a_recording_build_writes_the_record_format_and_only_clang_oz_objects(recorded):
    jsons = sorted(glob.glob(os.path.join(recorded["records"], "tus", "*.json")))
    assert len(jsons) == 3
    for j in jsons:
        with open(j) as f:
            rec = json.load(f)
        assert set(rec) == RECORD_KEYS and rec["version"] == 1 and rec["lang"] == "c"
        with open(j[:-5] + ".ll", "rb") as f:
            ir = f.read()
        assert hashlib.sha256(ir).hexdigest() == rec["ir_sha256"] and b"define" in ir
        assert os.path.basename(j)[:-5] == rec["id"] and len(rec["id"]) == 20
        assert rec["cwd"] == recorded["proj"] and rec["llvm"] == int(clang()[-2:])
        # The build's own output is exactly clang -Oz's.
        ref = os.path.join(recorded["base"], "ref.o")
        _ok(run([rec["clang"], *replace_output(rec["argv"], ref), "-Oz"], cwd=rec["cwd"]),
            "reference")  # fmt: skip
        with open(ref, "rb") as a, open(rec["output"], "rb") as b:
            assert a.read() == b.read()
    # Recording asks no advisor and writes no cache entry.
    cache = recorded["env"]["LLMCC_DIR"]
    assert not glob.glob(os.path.join(cache, "pl", "*", "*"))
    assert not glob.glob(os.path.join(cache, "obj", "*", "*"))


def test_a_rebuild_overwrites_its_records(recorded, tmp_path):
    env = dict(recorded["env"], LLMCC_RECORD=recorded["records"])
    before = sorted(os.listdir(os.path.join(recorded["records"], "tus")))
    _ok(run(["make", "-s", "-B", f"CC={BIN}/llmcc"], cwd=recorded["proj"], env=env), "rebuild")
    assert sorted(os.listdir(os.path.join(recorded["records"], "tus"))) == before


def test_an_unwritable_record_dir_warns_and_still_builds(tmp_path):
    env = _off(str(tmp_path))
    proj = _project(str(tmp_path / "proj"))
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    r = run(["make", "-s", f"CC={BIN}/llmcc"], cwd=proj, env=dict(env, LLMCC_RECORD=str(blocker)))
    _ok(r, "make with a bad LLMCC_RECORD")
    assert b"cannot record" in r.stderr and os.path.exists(os.path.join(proj, "prog"))


def _tune_then_clean_make(tmp_path, env: dict[str, str]) -> dict:
    proj = _project(str(tmp_path / "proj"))
    state = str(tmp_path / "state")
    r = run([ADMIN, "tune", "--budget", "12", "--jobs", "2", "--state", state, "--json", "--",
             "make", "-s"], cwd=proj, env=env, timeout=1800)  # fmt: skip
    _ok(r, "llmcc-admin tune")
    summary = json.loads(r.stdout)
    assert summary["tus"] == summary["installed"] == 3 and not summary["problems"]
    winners = {os.path.basename(x["source"]): x for x in summary["results"]}
    assert winners["twins.c"]["winner"] and winners["twins.c"]["size"] < winners["twins.c"][
        "ref_size"]  # fmt: skip
    assert "-enable-machine-outliner" in (winners["outline.c"]["winner"] or "")
    assert all(x["object_stored"] for x in winners.values())

    _ok(run(["make", "-s", "clean"], cwd=proj, env=env), "make clean")
    _ok(run([ADMIN, "zero-stats"], cwd=proj, env=env), "zero-stats")
    os.unlink(env["LLMCC_LOG"])
    _ok(run(["make", "-s", f"CC={BIN}/llmcc", "check"], cwd=proj, env=env), "make check")
    decisions = {os.path.basename(d["source"]): d for d in records(env)}
    assert set(decisions) == {"twins.c", "outline.c", "main.c"}
    for name, d in decisions.items():
        assert d["path"] == "object-hit" and not d.get("tried"), d
        assert d.get("pipeline") == winners[name]["winner"]
        assert d["bytes_out"] == winners[name]["size"]
        assert d["provenance"].startswith("tune:")
    s = stats(env)
    assert s["object_hits"] == 3 and s["misses"] == 0 and s["evaluations"] == 0
    with open(os.path.join(proj, "out.txt")) as f:
        assert f.read().split()[1] == "45"  # table_lookup(5): the program still works

    # Other codegen flags: no object entry, but the tuned list from the pass-list cache,
    # tried once (no advisor, no library).
    _ok(run(["make", "-s", "clean"], cwd=proj, env=env), "make clean")
    _ok(run(["make", "-s", f"CC={BIN}/llmcc", "CFLAGS=-O2 -Wall"], cwd=proj, env=env),
        "make with other flags")  # fmt: skip
    twins = [d for d in records(env) if d["source"] == "twins.c"][-1]
    assert twins["path"] == "optimized" and twins["tier"] == "local"
    assert [t["pipeline"] for t in twins["tried"]] == [winners["twins.c"]["winner"]]
    return winners


def test_tune_then_a_clean_make_gets_every_tuned_object_from_the_cache(tmp_path):
    _tune_then_clean_make(tmp_path, _off(str(tmp_path)))


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_tuned_winners_passed_passlisteval_before_they_reached_the_cache(tmp_path, warm_store):
    """With the suite on (quick), as builds run it: every stored winner has a passing verdict
    on its (list, options) pair, and the clean build evaluates nothing."""
    from llmcc.candidate import parse
    from llmcc.passlisteval import Evaluator
    from llmcc.toolchain import describe, resolve_major

    env = make_env(str(tmp_path), warm_store)
    winners = _tune_then_clean_make(tmp_path, env)
    from llmcc.cache.stats import Stats
    from llmcc.cache.tiers import Cache

    tc = resolve_major(describe(clang()))
    cache = Cache.open(env["LLMCC_DIR"], None, Stats())
    ev = Evaluator.for_toolchain(tc, env["LLMCC_DIR"], "quick", 1, cache=cache)
    for w in winners.values():
        if w["winner"]:
            c = parse(w["winner"])
            v = ev.cached(c.pipeline, c.options)
            assert v is not None and v["passed"], (w["winner"], v)


def _done_lines(state: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in glob.glob(os.path.join(state, "tus", "*", "trials.jsonl")):
        with open(path) as f:
            text = f.read()
        rows = []
        for line in text.splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:
                pass  # being written
        out[path.split(os.sep)[-2]] = [r["phase"] for r in rows if r.get("kind") == "done"]
    return out


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_tune_stops_on_ctrl_c_and_resumes_without_tuning_a_tu_twice(tmp_path):
    """Ctrl-C lands at an explicit point, whatever the machine's speed: the tuner's test
    hook (llmcc.tune.run.TEST_HOLD) holds it after the first TU's search is on disk."""
    from llmcc.tune.run import TEST_HOLD

    env = _off(str(tmp_path))
    proj = _project(str(tmp_path / "proj"))
    state = str(tmp_path / "state")
    held = tmp_path / "held"
    cmd = [ADMIN, "tune", "--budget", "24", "--jobs", "1", "--state", state, "--", "make", "-s"]
    # A terminal's Ctrl-C: SIGINT handled by default, even where pytest itself was started
    # in the background of a non-interactive shell (which ignores SIGINT, inherited by exec).
    p = subprocess.Popen(cmd, cwd=proj, env=dict(env, **{TEST_HOLD: str(held)}),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=_default_sigint)  # fmt: skip
    deadline = time.monotonic() + 900  # a hang guard, not a timed assertion
    while not held.exists():  # the tuner is waiting, with exactly one task's rows written
        assert p.poll() is None, p.communicate()
        assert time.monotonic() < deadline, "the tuner never reached its first finished TU"
        time.sleep(0.1)
    assert sum(1 for v in _done_lines(state).values() if "search" in v) == 1
    p.send_signal(signal.SIGINT)
    _out, err = p.communicate(timeout=300)
    assert p.returncode == 130 and b"interrupted" in err, err.decode()[-2000:]
    first = _done_lines(state)
    assert sum(1 for v in first.values() if "search" in v) == 1  # nothing after the Ctrl-C
    assert not glob.glob(os.path.join(state, "tus", "*", "installed.json"))

    r = run(cmd, cwd=proj, env=env, timeout=1800)
    _ok(r, "resumed tune")
    assert b"recording the build" not in r.stderr  # the finished build is not run again
    done = _done_lines(state)
    assert len(done) == 3
    for tu, phases in done.items():
        assert phases.count("search") == 1 and phases.count("cross") == 1, (tu, phases)
        if "search" in first.get(tu, []):
            assert phases[0] == "search"  # kept from the first run, not redone
    assert len(glob.glob(os.path.join(state, "tus", "*", "installed.json"))) == 3


def _rows(state: str) -> dict[str, list[tuple]]:
    from llmcc.tune.state import TuState

    out = {}
    for d in sorted(glob.glob(os.path.join(state, "tus", "*"))):
        rows, _ = TuState(state, os.path.basename(d)).rows()
        out[os.path.basename(d)] = sorted((r["phase"], r["candidate"], r["size"], r["rejected"])
                                          for r in rows)  # fmt: skip
    return out


def test_a_dask_cluster_gives_the_same_results_as_the_local_pool(recorded, tmp_path):
    distributed = pytest.importorskip("distributed")
    from llmcc.tune import tune_records

    def cfg(name: str) -> Config:
        return Config.from_env(dict(recorded["env"], LLMCC_DIR=str(tmp_path / name)))

    local = tune_records(recorded["records"], budget=10, jobs=2, state_dir=str(tmp_path / "l"),
                         seed=3, cfg=cfg("cache-l"), progress=False)  # fmt: skip
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:  # fmt: skip
        remote = tune_records(recorded["records"], budget=10, state_dir=str(tmp_path / "d"),
                              seed=3, scheduler=cluster.scheduler_address, cfg=cfg("cache-d"),
                              progress=False)  # fmt: skip
    assert _rows(str(tmp_path / "l")) == _rows(str(tmp_path / "d"))
    assert len(_rows(str(tmp_path / "l"))) == 3

    def winners(s: dict) -> dict:
        return {r["id"]: (r["winner"], r["size"]) for r in s["results"]}

    assert winners(local) == winners(remote) and local["installed"] == 3
    assert local["geomean_saving_percent"] == remote["geomean_saving_percent"] > 0


def test_bench_tune_is_a_thin_wrapper_over_the_package():
    r = subprocess.run([sys.executable, os.path.join(os.path.dirname(DATA), "..", "bench",
                                                     "tune.py"), "--help"],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0 and "llmcc-admin tune" in r.stdout


@pytest.mark.slow
@pytest.mark.timeout(7200)  # about 25 minutes on a loaded 2-core machine, mostly PassListEval
def test_tune_zlib_then_a_clean_make_gets_every_object_from_the_cache_and_make_test_passes(
    tmp_path, warm_store
):
    """Issue 10's "done when": tune a real package, then a plain clean build and its tests."""
    from debsrc import debian_source

    env = make_env(str(tmp_path), warm_store, CC=f"{BIN}/llmcc")
    d = str(tmp_path / "zlib")
    shutil.copytree(debian_source("zlib"), d, symlinks=True)
    _ok(run(["./configure"], cwd=d, env=env, timeout=600), "configure")
    r = run([ADMIN, "tune", "--budget", "8", "--state", str(tmp_path / "state"), "--json", "--",
             "make", "-j2"], cwd=d, env=env, timeout=7200)  # fmt: skip
    _ok(r, "llmcc-admin tune")
    summary = json.loads(r.stdout)
    assert summary["tus"] >= 15 and summary["installed"] == summary["tus"], summary["problems"]
    _ok(run(["make", "clean"], cwd=d, env=env), "make clean")
    _ok(run([ADMIN, "zero-stats"], cwd=d, env=env), "zero-stats")
    if os.path.exists(env["LLMCC_LOG"]):
        os.unlink(env["LLMCC_LOG"])
    _ok(run(["make", "-j2"], cwd=d, env=env, timeout=3600), "clean make")
    t = run(["make", "test"], cwd=d, env=env, timeout=3600)
    _ok(t, "make test")
    assert b"*** zlib test OK ***" in t.stdout
    decisions = records(env)
    assert len(decisions) == summary["tus"]
    assert all(x["path"] == "object-hit" and not x.get("tried") for x in decisions)
    s = stats(env)
    assert s["misses"] == 0 and s["evaluations"] == 0 and s["object_hits"] == summary["tus"]
    print(f"zlib tuned at budget 8: {summary['geomean_saving_percent']}% geomean below -Oz, "
          f"{summary['improved']} of {summary['tus']} TUs improved")  # fmt: skip
