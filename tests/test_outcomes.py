"""llmcc.outcomes is the one vocabulary of reasons: every member says how it is treated,
and no other module of llmcc spells a reason (fast: no clang, no cache)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from llmcc import checks, outcomes
from llmcc.objinfo import ObjectInfo
from llmcc.outcomes import INCONCLUSIVE, REMEMBERED, TRANSIENT, Reason, fallback_of, summarize

LLMCC = Path(outcomes.__file__).parent

# Strings equal to a reason's value that mean something else where they stand.
NOT_REASONS = {
    ("passlisteval/__init__.py", "passlisteval"),  # the verdicts' directory and log event
}


def _declarations(tree: ast.AST) -> set[int]:
    """The ids of the string constants that declare a check's reasons: the arguments of a
    ``@check(name, fallback=...)`` decorator (llmcc.checks), which outcomes makes members."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for d in node.decorator_list:
                if isinstance(d, ast.Call) and getattr(d.func, "id", None) == "check":
                    ids |= {id(a) for a in (*d.args, *(k.value for k in d.keywords))}
    return ids


def _reason_literals(path: Path, root: Path = LLMCC) -> list[tuple[int, str]]:
    """(line, value) of each string constant in *path* that is a reason's value, or builds
    one (a ``check:``/``vet:`` prefix); a check's declaration is no use of a reason."""
    values = {r.value for r in Reason}
    rel = path.relative_to(root).as_posix()
    tree = ast.parse(path.read_text(), str(path))
    declared = _declarations(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in declared:
                continue
            spelled = node.value in values and (rel, node.value) not in NOT_REASONS
            if spelled or node.value.startswith(("check:", "vet:")):
                found.append((node.lineno, node.value))
    return found


def test_no_module_but_outcomes_spells_a_reason():
    offenders = {
        p.relative_to(LLMCC).as_posix(): lits
        for p in sorted(LLMCC.rglob("*.py"))
        if p.name != "outcomes.py" and (lits := _reason_literals(p))
    }
    assert offenders == {}, "use llmcc.outcomes.Reason members, not their strings"


def test_the_literal_scan_catches_a_reintroduced_reason(tmp_path):
    mod = tmp_path / "m.py"
    mod.write_text('"""Docs may say not-smaller."""\n\n\ndef f(out, x):\n'
                   '    out.fallback = "not-smaller"\n    return "check:" + x\n')  # fmt: skip
    assert sorted(_reason_literals(mod, tmp_path)) == [(5, "not-smaller"), (6, "check:")]


def test_the_literal_scan_passes_a_checks_declaration_and_nothing_else(tmp_path):
    mod = tmp_path / "m.py"
    mod.write_text('@check("toy", fallback="not-smaller", rank=9)\ndef toy(ref, cand):\n'
                   '    return True, "not-smaller"\n')  # fmt: skip
    assert _reason_literals(mod, tmp_path) == [(3, "not-smaller")]


def test_a_check_declared_in_checks_alone_becomes_its_reasons_and_its_fallback():
    """Adding a check is one module: the members, the summary row, the remembered verdict
    and compare's entry all come from the declaration (in a fresh interpreter: the enum is
    made once, at import)."""
    code = """
from llmcc import checks
from llmcc.objinfo import ObjectInfo

@checks.check("even-text", fallback="odd-text", rank=9)
def _even(ref, cand):
    return cand.text % 2 == 0, f"{cand.text} bytes of .text"

from llmcc.outcomes import REMEMBERED, Reason, fallback_of, summarize

r = Reason.of_check("even-text")
assert r is Reason.CHECK_EVEN_TEXT and r == "check:even-text" and not r.transient
assert Reason.ODD_TEXT.remember and Reason.ODD_TEXT in REMEMBERED
assert fallback_of(r) is Reason.ODD_TEXT and summarize([r]) == "odd-text"
assert summarize([r, Reason.CHECK_SMALLER]) == "not-smaller"  # rank 9 comes after it
ref = ObjectInfo(text=100, data=0, bss=0, strong=frozenset())
res = checks.compare(ref, ObjectInfo(text=51, data=0, bss=0, strong=frozenset()))
assert checks.first_failure(res) == "even-text" and res[-1]["detail"] == "51 bytes of .text"
try:
    checks.check("late", fallback="late-failed", rank=10)(_even)
except RuntimeError:
    pass
else:
    raise AssertionError("a check declared after outcomes was built has no members")
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=LLMCC.parent)


def test_every_reason_has_its_traits_and_a_distinct_value():
    assert len({r.value for r in Reason}) == len(Reason)
    for r in Reason:
        assert isinstance(r.transient, bool) and isinstance(r.remember, bool)
        assert isinstance(r.inconclusive, bool)
        assert not (r.transient and r.remember), r  # a passing trouble is no verdict
        assert not r.inconclusive or r.transient, r  # machine trouble: never cached


def test_values_are_the_strings_stored_caches_and_stats_hold():
    # Pinned: decision records, stats shards, verdicts and pass-list entries hold these.
    stored = {
        "not-smaller": Reason.NOT_SMALLER, "bss-larger": Reason.BSS_LARGER,
        "check:bss": Reason.CHECK_BSS, "opt-timeout": Reason.OPT_TIMEOUT,
        "run-timeout": Reason.RUN_TIMEOUT, "tool-unavailable": Reason.TOOL_UNAVAILABLE,
        "wrong-output": Reason.WRONG_OUTPUT, "suite-no-space": Reason.SUITE_NO_SPACE,
        "no-verdict-store": Reason.NO_VERDICT_STORE, "model-unavailable": Reason.MODEL_UNAVAILABLE,
        "unparseable-answer": Reason.UNPARSEABLE_ANSWER, "internal-error": Reason.INTERNAL_ERROR,
        "no-candidate-smaller": Reason.NO_CANDIDATE_SMALLER, "vet:denied": Reason.VET_DENIED,
    }  # fmt: skip
    for value, member in stored.items():
        assert Reason(value) is member and member == value and str(member) == value
    assert json.dumps({Reason.NOT_SMALLER: [Reason.CHECK_BSS]}) == '{"not-smaller": ["check:bss"]}'
    assert {"opt-timeout": 1}.get(Reason.OPT_TIMEOUT) == 1  # a stats map read back from JSON


def test_every_failing_check_summarizes_to_a_remembered_fallback():
    """A check that ran and failed is a verdict on the code: a larger .bss included."""
    check_members = [r for r in Reason if r.check is not None]
    ref = ObjectInfo(text=100, data=0, bss=0, strong=frozenset({"f"}))
    names = [c["check"] for c in checks.compare(ref, ref)]
    assert names == [r.check for r in check_members]
    for r in check_members:
        assert Reason.of_check(r.check) is r and not r.transient
        fb = fallback_of(r)
        assert fb is not None and fb.remember and summarize([r]) == fb
    assert {fallback_of(r) for r in check_members} == REMEMBERED


@pytest.mark.parametrize(
    "rejections, fallback",
    [
        ([], Reason.NO_CANDIDATE),
        ([Reason.VET_DENIED, Reason.CHECK_BSS], Reason.BSS_LARGER),
        ([Reason.CHECK_SYMBOLS, Reason.CHECK_SMALLER], Reason.NOT_SMALLER),
        ([Reason.PASSLISTEVAL_INCONCLUSIVE, Reason.PASSLISTEVAL], Reason.PASSLISTEVAL_INCONCLUSIVE),
        ([Reason.VET_TOO_LONG], Reason.VET_REJECTED),
        ([Reason.OBJINFO_FAILED], Reason.OBJINFO_FAILED),  # no rule: passed on as it is
    ],
)
def test_summary_picks_the_most_informative_fallback(rejections, fallback):
    assert summarize(rejections) == fallback


def test_transient_reasons_are_those_of_the_machine_not_the_code():
    machine = {Reason.OPT_TIMEOUT, Reason.CODEGEN_TIMEOUT, Reason.RUN_TIMEOUT,
               Reason.TOOL_UNAVAILABLE, Reason.NO_VERDICT_STORE, Reason.SUITE_INCOMPLETE,
               Reason.SUITE_NO_SPACE, Reason.PASSLISTEVAL_INCONCLUSIVE, Reason.OBJINFO_FAILED,
               Reason.MODEL_UNAVAILABLE, Reason.MODEL_TIMEOUT, Reason.MODEL_ERROR,
               Reason.BAD_API_KEY}  # fmt: skip
    assert machine == TRANSIENT
    # The verdict-level set: timeouts and tools that could not start, not a full disk
    # (its verdict text names the disk) nor an incomplete suite.
    assert {Reason.OPT_TIMEOUT, Reason.RUN_TIMEOUT, Reason.TOOL_UNAVAILABLE} == INCONCLUSIVE
    assert not Reason.CONTEXT_TOO_LONG.transient and not Reason.UNPARSEABLE_ANSWER.transient


def test_model_client_problems_are_reasons_with_their_transience():
    from llmcc.advisor import model
    from llmcc.server import client

    for code in (client.UNAVAILABLE, client.TIMEOUT, client.ERROR, client.BAD_KEY):
        assert isinstance(code, Reason) and model._failed(code, queried=True).transient
    assert not model._failed(client.CONTEXT, queried=False).transient


def test_vet_codes_map_onto_members():
    assert Reason.of_vet("denied") is Reason.VET_DENIED
    assert Reason.of_vet(None) is Reason.VET_SYNTAX
    assert Reason.of_vet("no-such-code") is Reason.VET_SYNTAX
    assert Reason.lookup("from an advisor") is None and Reason.lookup(None) is None


@pytest.mark.parametrize(
    "broken, source, rc",
    [
        ("emit_ir", "int f(int x) { return x * 3; }\n", 0),  # before the reference ran
        ("choose", "int f(int x) { return x * 3; }\n", 0),  # after it
        ("emit_ir", "int f(int x) { return x * ; }\n", 1),  # and the source is broken too
    ],
)
def test_a_bug_in_the_pipeline_is_one_internal_error_outcome_with_clang_oz_output(
    tmp_path, monkeypatch, broken, source, rc
):
    """Pipeline.internal_error assembles the outcome (the driver only logs it), through the
    driver's own per-call path: the record, the stats on disk and clang -Oz's object."""
    import signal
    import subprocess

    from conftest import PRIMARY, clang

    from llmcc.args import classify
    from llmcc.cache import stats
    from llmcc.cli import driver
    from llmcc.config import Config
    from llmcc.pipeline import Pipeline

    if PRIMARY is None:
        pytest.skip("needs clang")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.c").write_text(source)
    argv = ["-O2", "-c", "a.c", "-o", "a.o"]
    root, log = tmp_path / "cache", tmp_path / "log.jsonl"
    cfg = Config.from_env({"LLMCC_DIR": str(root), "LLMCC_LOG": str(log), "LLMCC_EVAL": "off"})

    def bug(self, *args):
        raise RuntimeError("injected")

    monkeypatch.setattr(Pipeline, broken, bug)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        assert driver._optimize(cfg, clang(), argv, classify(argv).units) == rc
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)
    rec = [json.loads(ln) for ln in log.read_text().splitlines()][-1]
    assert rec["event"] == "decision" and rec["fallback"] == Reason.INTERNAL_ERROR
    assert "pipeline" not in rec
    counted = stats.read(str(root))
    assert counted["errors"] == 1 and counted["errors_by_kind"] == {"RuntimeError": 1}
    if rc != 0:
        assert rec["path"] == "failed" and counted["fallbacks"] == {}
        return
    assert rec["path"] == "fallback" and counted["fallbacks"] == {"internal-error": 1}
    subprocess.run([clang(), *argv[:-1], "ref.o", "-Oz"], check=True)
    assert (tmp_path / "a.o").read_bytes() == (tmp_path / "ref.o").read_bytes()


def test_an_object_hit_restores_exactly_the_decision_its_entry_stored():
    from llmcc.decision import DECISION_FIELDS, Outcome

    first = Outcome("a.c", "a.o", pipeline="instcombine", provenance="cand#0", bytes_oz=90,
                    bytes_out=80, suite={"mode": "quick"}, tried=[{"pipeline": "x"}])  # fmt: skip
    stored = json.loads(json.dumps(first.decision()))  # as an object entry keeps it
    assert list(stored) == list(DECISION_FIELDS) and stored["fallback"] is None
    hit = Outcome("a.c", "a.o", fallback=Reason.NOT_SMALLER)
    hit.restore(stored)
    assert hit.decision() == first.decision() and hit.tried == []  # the decision, not the trials
