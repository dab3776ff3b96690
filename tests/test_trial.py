"""llmcc.trial, the one evaluation path: rejection reasons, transient flags, codegen options.

Real clang/opt/llvm-size/llvm-nm throughout; PassListEval is skipped (``verdict=False``)
where a test is about the TU side, and is a real Evaluator where it is about the verdict.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import DATA, clang, requires_clang, run

from llmcc import objinfo, trial
from llmcc.args import classify
from llmcc.cache.stats import Stats
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.tiers import Cache, tiers_for
from llmcc.candidate import MACHINE_OUTLINER, Candidate, OptionsError, parse
from llmcc.outcomes import REMEMBERED, TRANSIENT, Reason, summarize
from llmcc.passlist import PassRegistry
from llmcc.passlisteval import Evaluator
from llmcc.passlisteval.evaluate import evaluate
from llmcc.toolchain import Toolchain, describe, resolve_major

pytestmark = requires_clang

OUTLINER = " ; -mllvm -enable-machine-outliner"


@pytest.fixture(scope="module")
def tc():
    t = resolve_major(describe(clang()))
    t.require_tools()
    return t


@pytest.fixture(scope="module")
def reg(tc):
    return PassRegistry.from_opt(tc.opt)


def _prepared(tmp_path, tc, name: str, flags=("-O2",)):
    """A TU of tests/data with its IR and -Oz reference, as the tuner prepares one."""
    os.makedirs(tmp_path, exist_ok=True)
    tu = classify([*flags, "-c", os.path.join(DATA, name), "-o", str(tmp_path / "out.o")]).units[0]
    judge = trial.Judge(tc, lambda: None, lambda: None)
    return tu, trial.prepare(judge, tu, str(tmp_path))


def _judge(tc, reg, evaluator=None, **kw) -> trial.Judge:
    return trial.Judge(tc, lambda: reg, lambda: evaluator, **kw)


def _try(tmp_path, tc, reg, text, name="twins.c", **kw) -> trial.TrialResult:
    tu, p = _prepared(tmp_path, tc, name)
    judge = _judge(tc, reg, **{k: kw.pop(k) for k in ("evaluator",) if k in kw})
    return trial.run_trial(text, judge, tu, p.ir_path, p.ref, str(tmp_path), **kw)


def test_a_winner_passes_the_driver_checks_and_is_smaller(tmp_path, tc, reg):
    t = _try(tmp_path, tc, reg, "default<Oz>,mergefunc", verdict=False)
    assert t.ok and t.reason is None and not t.transient
    info = objinfo.read([t.object], tc.llvm_size, tc.llvm_nm)[0]
    _tu, p = _prepared(tmp_path / "again", tc, "twins.c")
    assert info.size == t.size < p.ref.size
    assert info.strong == p.ref.strong
    assert t.record("src") == {"pipeline": "default<Oz>,mergefunc", "source": "src",
                               "size": t.size, "checks": t.checks}  # fmt: skip


def test_a_denied_pass_is_a_vet_rejection_that_is_not_transient(tmp_path, tc, reg):
    t = _try(tmp_path, tc, reg, "internalize,globaldce", verdict=False)
    assert t.reason is Reason.VET_DENIED and t.candidate is None
    assert not t.transient and t.record()["rejected"] == "vet:denied"
    assert not (tmp_path / "cand.bc").exists()  # nothing ran


def test_options_outside_the_allow_list_are_rejected_before_anything_runs(tmp_path, tc, reg):
    t = _try(tmp_path, tc, reg, "default<Oz> ; -mllvm -inline-threshold=1000", verdict=False)
    assert t.reason is Reason.VET_OPTIONS and not t.transient
    with pytest.raises(OptionsError):
        parse("default<Oz> ; -O3")


def test_a_list_no_smaller_than_oz_is_a_check_rejection_remembered_as_not_smaller(
    tmp_path, tc, reg
):
    t = _try(tmp_path, tc, reg, "default<Oz>", name="tiny.c", verdict=False)
    assert t.reason is Reason.CHECK_SMALLER and not t.transient
    assert t.size is not None and t.checks
    assert summarize([t.reason]) == "not-smaller" and "not-smaller" in REMEMBERED


def test_opt_that_cannot_start_is_transient_and_not_remembered(tmp_path, tc, reg):
    broken = Toolchain(tc.clang, tc.real, tc.bindir, tc.major,
                       {**tc.tools, "opt": str(tmp_path / "no-such-opt")})  # fmt: skip
    tu, p = _prepared(tmp_path, tc, "twins.c")
    t = trial.run_trial("default<Oz>", _judge(broken, reg), tu, p.ir_path, p.ref,
                        str(tmp_path), verdict=False)  # fmt: skip
    assert t.reason is Reason.OPT_TIMEOUT and t.transient
    assert "opt-timeout" in TRANSIENT and summarize([t.reason]) not in REMEMBERED


def test_a_read_only_verdict_store_is_a_transient_rejection(tmp_path, tc, reg):
    root = str(tmp_path / "ro")
    os.makedirs(root)
    cache = Cache(tiers_for(LocalStorage(root, writable=False)), Stats())
    ev = Evaluator.for_toolchain(tc, root, "quick", 1, cache=cache)
    t = _try(tmp_path, tc, reg, "default<Oz>,mergefunc", evaluator=ev)
    assert t.reason is Reason.NO_VERDICT_STORE and t.transient and t.verdict_checked
    t = _try(tmp_path, tc, reg, "default<Oz>,mergefunc", evaluator=None)
    assert t.reason is Reason.NO_VERDICT_STORE and not t.verdict_checked


def test_the_machine_outliner_option_reaches_the_object(tmp_path, tc, reg):
    plain = _try(tmp_path / "p", tc, reg, "default<Oz>", name="outline.c", verdict=False)
    outlined = _try(tmp_path, tc, reg, "default<Oz>" + OUTLINER, name="outline.c", verdict=False)
    assert outlined.ok, outlined.record()
    assert outlined.candidate == Candidate("default<Oz>", MACHINE_OUTLINER)
    assert outlined.canonical == "default<Oz>" + OUTLINER

    def local_symbols(obj: str) -> str:
        return subprocess.run([tc.llvm_nm, obj], capture_output=True, text=True).stdout

    assert "OUTLINED_FUNCTION" in local_symbols(outlined.object)
    assert plain.size is not None
    assert "OUTLINED_FUNCTION" not in local_symbols(str(tmp_path / "p" / "cand.o"))
    assert outlined.size < plain.size


def test_a_candidate_differing_only_in_options_reuses_the_bitcode_of_the_same_pipeline(
    tmp_path, tc, reg
):
    tu, p = _prepared(tmp_path, tc, "outline.c")
    judge, opted = _judge(tc, reg), {}

    def trial_of(text: str, tag: str) -> trial.TrialResult:
        return trial.run_trial(text, judge, tu, p.ir_path, p.ref, str(tmp_path), tag,
                               verdict=False, opted=opted)  # fmt: skip

    plain = trial_of("default<Oz>", "a")
    outlined = trial_of("default<Oz>" + OUTLINER, "b")
    assert opted == {"default<Oz>": str(tmp_path / "a.bc")}
    assert outlined.bitcode == opted["default<Oz>"] and not (tmp_path / "b.bc").exists()
    assert outlined.ok and plain.size is not None  # plain -Oz is not smaller than -Oz
    assert outlined.size < plain.size  # its own codegen, with its options
    trial_of("default<Oz>,mergefunc", "c")  # another pipeline: its own opt
    assert opted["default<Oz>,mergefunc"] == str(tmp_path / "c.bc") and len(opted) == 2


def test_candidate_text_form_is_canonical():
    c = parse("  function(instcombine<max-iterations=1;no-verify-fixpoint>)  ;  "
              "-mllvm -enable-machine-outliner -mllvm -enable-machine-outliner ")  # fmt: skip
    assert c.pipeline == "function(instcombine<max-iterations=1;no-verify-fixpoint>)"
    assert c.options == MACHINE_OUTLINER
    assert parse(c.text()) == c and parse("default<Oz>").text() == "default<Oz>"


def test_verdicts_are_keyed_by_the_options_too(tmp_path, tc, warm_store):
    ev = Evaluator.for_toolchain(tc, warm_store.suite(tc.major), "quick", 1)
    plain, outlined = ev.key("default<Oz>"), ev.key("default<Oz>", options=MACHINE_OUTLINER)
    assert plain != outlined
    # Without options the key is the one verdicts always had: stored verdicts stay valid.
    assert plain == ev.key(Candidate("default<Oz>").text())


def test_passlisteval_codegen_runs_with_the_candidate_options(tmp_path, tc):
    """An option clang rejects makes every suite program's codegen fail: it reached them."""
    from llmcc.passlisteval import suite

    prog = next(p for p in suite.own_programs() if p.name.startswith("001"))
    d = str(tmp_path / "suite")
    m = suite.prepare(tc.clang, [prog], d, 1)
    assert evaluate("default<Oz>", tc.clang, tc.opt, d, m, 1)["passed"]
    v = evaluate("default<Oz>", tc.clang, tc.opt, d, m, 1,
                 options=("-mllvm", "-no-such-llvm-option"))  # fmt: skip
    assert not v["passed"] and v["failures"][0]["failure"] == "codegen-failed"
    assert v["options"] == ["-mllvm", "-no-such-llvm-option"]


def test_check_passes_takes_a_candidate_with_options(tmp_path):
    from conftest import ADMIN, base_env

    env = base_env(str(tmp_path))
    bad = run([ADMIN, "check-passes", "default<Oz> ; -mllvm -inline-threshold=9", "--json"],
              cwd=str(tmp_path), env=env)  # fmt: skip
    assert bad.returncode == 1 and b'"vet": "options"' in bad.stdout
