"""The suite is explicit (issue 14, item 3; issue 15, item 4).

doctor and the decision records say which suite judged a list; installing csmith keeps the
verdicts earned without it until the user re-evaluates; doctor names every candidate's
verdict state. csmith is hidden for real: a private mount namespace binds /dev/null over it.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import (
    ADMIN,
    DATA,
    LLMCC,
    PRIMARY,
    base_env,
    make_env,
    records,
    requires_clang,
    run,
    seed_cache,
)
from faultkit import FORCED_TIMEOUTS, verdict_path

from llmcc.passlist.load import load_registry
from llmcc.passlisteval import suite, suite_text
from llmcc.toolchain import describe, resolve_major
from llmcc.trial import vet_candidate

pytestmark = requires_clang
LIST = "function(sroa)"


def _without_csmith(cmd: list[str]) -> list[str]:
    """*cmd* in a mount namespace of its own where csmith is not executable (not installed)."""
    csmith = shutil.which("csmith")
    assert csmith is not None
    script = f'mount --bind /dev/null "{csmith}" && exec "$@"'
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", *cmd]


@pytest.fixture
def can_hide_csmith(tmp_path):
    if not suite.csmith_available():
        pytest.skip("csmith is not installed")
    probe = run(_without_csmith(["sh", "-c", "test ! -x \"$(command -v csmith)\""]),
                cwd=str(tmp_path))  # fmt: skip
    if probe.returncode != 0:
        pytest.skip(f"cannot hide csmith in a mount namespace: {probe.stderr.decode()[-200:]}")


def test_verdicts_earned_without_csmith_stay_valid_after_installing_it(
    tmp_path, warm_store, can_hide_csmith
):
    d = str(tmp_path)
    env = base_env(d)
    seed_cache(warm_store.suite(PRIMARY), env["LLMCC_DIR"])  # the suite with csmith, no verdicts
    check = [ADMIN, "check-passes", LIST, "--mode", "quick", "--json"]
    # Before csmith: the suite without it (its own programs reused, not rebuilt).
    before = run(_without_csmith(check), cwd=d, env=env)
    v = json.loads(before.stdout)
    assert before.returncode == 0 and v["passed"], before.stderr.decode()
    assert v["suite"]["csmith"] is False and v["suite"]["csmith_programs"] == 0
    doc = run(_without_csmith([ADMIN, "doctor"]), cwd=d, env=env).stdout.decode()
    assert "without csmith (weaker" in doc
    evaluations = len(records(env, "passlisteval"))
    assert evaluations == 1

    # csmith is installed now: the verdict still holds, named as from the weaker suite.
    after = run(check, cwd=d, env=env)
    v = json.loads(after.stdout)
    assert after.returncode == 0 and v["passed"] and v["weaker_suite"] is True
    assert v["suite"]["csmith"] is False
    assert len(records(env, "passlisteval")) == evaluations  # not evaluated again
    plain = run([ADMIN, "check-passes", LIST, "--mode", "quick"], cwd=d, env=env).stdout.decode()
    assert "before csmith was installed" in plain
    # The decision record of a build that used it says so.
    shutil.copy(os.path.join(DATA, "twins.c"), d)
    benv = dict(env, LLMCC_MODEL=f"passes:{LIST}")
    assert run([LLMCC, "-O2", "-c", "twins.c", "-o", "twins.o"], cwd=d, env=benv).returncode == 0
    rec = records(benv)[-1]
    assert rec["suite"]["csmith"] is True and rec["suite"]["weaker_verdicts"] == [LIST]
    assert rec["suite"]["weaker_suite"]["csmith"] is False
    doc = run([ADMIN, "doctor"], cwd=d, env=benv).stdout.decode()
    assert f"candidate {LIST}: passed" in doc and "--reevaluate" in doc

    # Until the user re-evaluates: then the full suite's verdict is the one used.
    redo = run([*check, "--reevaluate"], cwd=d, env=env)
    v = json.loads(redo.stdout)
    assert redo.returncode == 0 and v["passed"] and v["suite"]["csmith"] is True
    assert "weaker_suite" not in v
    assert len(records(env, "passlisteval")) == evaluations + 1


def test_doctor_reports_the_suite_and_every_candidates_verdict_state(tmp_path, warm_store):
    from llmcc.advisor.candidates import CANDIDATES

    d = str(tmp_path)
    env = make_env(d, warm_store)
    reg = load_registry(resolve_major(describe(f"/usr/bin/clang-{PRIMARY}")), None)
    cands = [vet_candidate(t, reg) for t in CANDIDATES]  # the build's vet, options included
    plain = [c.text() for c in cands if not c.options]  # check-passes takes a pipeline
    assert len(plain) >= 2, CANDIDATES
    lists = [cands[0].text(), plain[0], plain[1]]
    os.unlink(verdict_path(env["LLMCC_DIR"], lists[1]))  # never evaluated here
    r = run([ADMIN, "check-passes", lists[2], "--mode", "quick", "--reevaluate"], cwd=d,
            env=dict(env, **FORCED_TIMEOUTS))  # fmt: skip
    assert r.returncode == 3  # inconclusive now
    doc = run([ADMIN, "doctor"], cwd=d, env=env)
    out = doc.stdout.decode()
    assert doc.returncode == 0, out
    progs = suite.all_programs("quick")
    named = suite_text(suite.describe(progs, "quick", ""))  # "quick suite, 30 programs (4 csmith)"
    assert f"[note] PassListEval suite: {named}; prepared" in out
    with_csmith = "with csmith" if suite.csmith_available() else "without csmith"
    passed = f"passed (quick suite, {len(progs)} programs, {with_csmith})"
    assert f"[ok  ] candidate {lists[0]}: {passed}" in out
    assert f"[note] candidate {lists[1]}: not yet evaluated" in out
    assert f"[note] candidate {lists[2]}: inconclusive (opt-timeout in " in out
    assert "retried after" in out
    denied = run([ADMIN, "doctor"], cwd=d, env=dict(env, LLMCC_MODEL="passes:internalize"))
    assert "candidate internalize: rejected (vet: denied)" in denied.stdout.decode()
