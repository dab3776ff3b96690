"""vet(): the gate between model output and opt.

The key property: whatever vet accepts, the real ``opt`` of that LLVM runs
without error on real IR.  Random well-formed lists (fixed seed) drawn from
the allowed passes, with parameters and partial explicit nesting, are vetted
and handed to ``opt -passes=... -disable-output``.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmcc.passlist import Pass, PassRegistry, Pipeline, Rejected, parse, vet
from llmcc.passlist.denylist import analysis_deny_reason, deny_reason, param_deny_reason
from llmcc.passlist.errors import REASONS

VERSIONS = (16, 19, 22)
C_SOURCE = r"""
#include <string.h>
struct rec { int key; char name[12]; double w; };
static int sq(int x) { return x * x; }
int table[64];
int sum(const int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += sq(p[i]); return s; }
void transpose(int n, double *a, const double *b) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) a[i * n + j] += b[j * n + i] * 2.0;
}
int classify(int k) {
  switch (k) { case 0: return 3; case 1: return 7; case 2: return 11; case 5: return 19; }
  return -1;
}
void copy(struct rec *d, const struct rec *s) { memcpy(d, s, sizeof *d); }
int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
int find(const struct rec *r, int n, int key) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) { int mid = (lo + hi) / 2; if (r[mid].key == key) return mid;
    if (r[mid].key < key) lo = mid + 1; else hi = mid - 1; }
  return -1;
}
int main(int argc, char **argv) {
  struct rec a = {1, "x", 2.0}, b;
  (void)argv;
  copy(&b, &a);
  transpose(argc, (double *)table, (double *)table);
  return sum(table, argc) + classify(argc) + fact(argc) + find(&b, 1, argc) + b.key;
}
"""


def _opt(version: int) -> str:
    return f"/usr/lib/llvm-{version}/bin/opt"


@pytest.fixture(scope="module", params=VERSIONS, ids=lambda v: f"llvm{v}")
def llvm(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """(registry, opt path, IR file) for one installed LLVM."""
    version = request.param
    opt = _opt(version)
    if not os.access(opt, os.X_OK):
        pytest.skip(f"opt {version} not installed")
    ir = _make_ir(tmp_path_factory.mktemp(f"ir{version}"), opt, version)
    return PassRegistry.from_opt(opt), opt, ir


def _make_ir(tmp: Path, opt: str, version: int) -> Path:
    src = tmp / "t.c"
    src.write_text(C_SOURCE)
    # clang-19 as the pipeline does; fall back to the matching clang if this
    # opt cannot read clang-19's IR.
    for clang in ("clang-19", f"clang-{version}", f"/usr/lib/llvm-{version}/bin/clang"):
        exe = shutil.which(clang) or (clang if os.access(clang, os.X_OK) else None)
        if exe is None:
            continue
        ir = tmp / f"t-{Path(exe).name}.ll"
        cmd = [exe, "-Oz", "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", str(src)]
        if subprocess.run([*cmd, "-o", str(ir)], capture_output=True).returncode != 0:
            continue
        if _run_opt(opt, "no-op-module", ir)[0] == 0:
            return ir
    pytest.skip("no clang produces IR this opt can read")


def _run_opt(opt: str, passes: str, ir: Path) -> tuple[int, str]:
    r = subprocess.run(
        [opt, f"-passes={passes}", "-disable-output", str(ir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return r.returncode, r.stderr[-2000:]


def _rejects(text: str | Pipeline, reg: PassRegistry, reason: str) -> Rejected:
    with pytest.raises(Rejected) as info:
        vet(text, reg)
    assert info.value.reason == reason, info.value.detail
    return info.value


# --------------------------------------------------------------- behaviour
def test_default_oz_is_accepted_and_runs(llvm) -> None:
    reg, opt, ir = llvm
    got = vet("default<Oz>", reg)
    assert got.text() == "default<Oz>"
    assert _run_opt(opt, got.text(), ir) == (0, "")


def test_flat_mixed_list_is_nested_and_runs(llvm) -> None:
    reg, opt, ir = llvm
    got = vet("always-inline,instcombine,licm,inline,globaldce", reg).text()
    ic = "instcombine" if reg.llvm_major == 16 else "instcombine<no-verify-fixpoint>"
    assert got == f"always-inline,function({ic},loop-mssa(licm)),cgscc(inline),globaldce"
    assert _run_opt(opt, got, ir)[0] == 0


def test_internalize_globaldce_is_rejected(llvm) -> None:
    e = _rejects("internalize,globaldce", llvm[0], "denied")
    assert "internalize" in e.detail and "linkage" in e.detail


@pytest.mark.parametrize(
    "text",
    [
        "print<domtree>",
        "function(print<loops>)",
        "asan",
        "strip",
        "gvn-sink",
        "newgvn",
        "lto<O2>",
        "thinlto-pre-link<Oz>",
        "verify",
        "dot-cfg",
        "function(loop(loop-interchange))",
        "globaldce<in-lto-post-link>",
        "require<dxil-resources>",
        "coro-cond(globaldce)",
    ],
)
def test_denied_passes_are_rejected_with_their_reason(llvm, text: str) -> None:
    e = _rejects(text, llvm[0], "denied")
    p = parse(text)[0] if parse(text)[0].name == "coro-cond" else parse(text).leaves()[0]
    if p.name == "require":
        expected = analysis_deny_reason(p.params or "")
    else:
        expected = deny_reason(p.name) or param_deny_reason(p.name, p.params or "")
    assert expected and expected in e.detail


def test_module_pass_inside_function_is_rejected_not_moved(llvm) -> None:
    # Decision: reject.  Hoisting always-inline out of function(...) would
    # silently reorder it relative to the function passes around it.
    e = _rejects("function(instcombine,always-inline)", llvm[0], "bad-nesting")
    assert "always-inline" in e.detail and "module" in e.detail


def test_unknown_pass_names_the_llvm_version(llvm) -> None:
    reg = llvm[0]
    e = _rejects("instcombine,foo", reg, "unknown-pass")
    assert e.detail == f"unknown pass 'foo' for LLVM {reg.llvm_major}"
    assert e.pass_name == "foo"


@pytest.mark.parametrize(
    "text",
    [
        "simplifycfg<bogus>",
        "simplifycfg<bonus-inst-threshold=x>",
        "simplifycfg<bonus-inst-threshold=-1>",
        "simplifycfg<bonus-inst-threshold=999999999>",
        "simplifycfg<;keep-loops>",
        "simplifycfg<keep-loops,no-switch-to-lookup>",  # opt would split at the comma
        "default<O2;Oz>",
        "default<O7>",
        "default",
        "licm<maybe>",
        "gvn<no-pre=1>",
        "function<lazy>(sroa)",
        "devirt<x>(inline)",
        "always-inline<x>",
    ],
)
def test_bad_params_are_rejected(llvm, text: str) -> None:
    _rejects(text, llvm[0], "bad-params")


def test_declared_params_are_accepted_and_run(llvm) -> None:
    reg, opt, ir = llvm
    text = "simplifycfg<keep-loops;no-switch-to-lookup;bonus-inst-threshold=2>,licm"
    got = vet(text, reg).text()
    assert _run_opt(opt, got, ir)[0] == 0


def test_require_needs_a_known_analysis(llvm) -> None:
    reg, opt, ir = llvm
    e = _rejects("require<nonsense>", reg, "unknown-pass")
    assert "analysis" in e.detail
    got = vet("require<domtree>,require<globals-aa>,invalidate<all>", reg).text()
    assert got == "function(require<domtree>),require<globals-aa>,invalidate<all>"
    assert _run_opt(opt, got, ir)[0] == 0


def test_pipelines_longer_than_the_limit_are_rejected(llvm) -> None:
    reg = llvm[0]
    vet(",".join(["sroa"] * 64), reg)
    _rejects(",".join(["sroa"] * 65), reg, "too-long")
    with pytest.raises(Rejected, match="more than 1 passes"):
        vet("sroa,gvn", reg, max_passes=1)


@pytest.mark.parametrize("text", ["", "sroa,,gvn", "function(sroa", "sroa gvn", "a@b"])
def test_syntax_errors_become_rejected_syntax(llvm, text: str) -> None:
    _rejects(text, llvm[0], "syntax")


def test_instcombine_never_verifies_its_fixpoint(llvm) -> None:
    # opt >= 18 aborts the compile when a bare instcombine misses its fixpoint.
    reg = llvm[0]
    if reg.llvm_major == 16:
        pytest.skip("LLVM 16 instcombine takes no parameters")
    got = vet("instcombine<verify-fixpoint;max-iterations=2>", reg).text()
    assert got == "function(instcombine<max-iterations=2;no-verify-fixpoint>)"


def test_vet_accepts_a_pipeline_object_and_is_idempotent(llvm) -> None:
    reg = llvm[0]
    once = vet(parse("instcombine,licm,loop-rotate,indvars,inline,cgscc(sroa)"), reg)
    assert isinstance(once, Pipeline)
    assert vet(once, reg) == once
    assert vet(once.text(), reg) == once


def test_hand_built_pipelines_go_through_the_grammar(llvm) -> None:
    bad = Pipeline((Pass("sroa gvn"),))
    _rejects(bad, llvm[0], "syntax")


def test_rejected_carries_reason_code_and_detail() -> None:
    e = Rejected("unknown pass 'foo' for LLVM 19", "unknown-pass", pass_name="foo")
    assert isinstance(e, ValueError)
    assert (e.reason, e.detail, str(e)) == (
        "unknown-pass",
        "unknown pass 'foo' for LLVM 19",
        "unknown pass 'foo' for LLVM 19",
    )
    import pickle

    again = pickle.loads(pickle.dumps(e))
    assert (again.reason, again.detail, again.pass_name) == (e.reason, e.detail, "foo")


@pytest.mark.parametrize(
    "text",
    [
        "cgscc(devirt<2>(function<eager-inv>(instcombine,licm))),function<eager-inv>(indvars)",
        "module(cgscc(cgscc(inline,sroa)),function(function(loop(licm,indvars))))",
        "loop(loop-rotate),devirt<0>(inline),loop-mssa(licm,loop-deletion),globaldce",
        "function(invalidate<all>,loop(invalidate<all>,licm)),cgscc(invalidate<all>)",
    ],
)
def test_explicit_deep_nesting_is_repaired_and_runs(llvm, text: str) -> None:
    reg, opt, ir = llvm
    got = vet(text, reg).text()
    assert _run_opt(opt, got, ir)[0] == 0, got


# ------------------------------------------------------- the key property
def _allowed_variants(reg: PassRegistry, rng: random.Random) -> list[str]:
    """Every allowed pass, bare and with each declared parameter."""
    out: list[str] = []
    for name in reg.names():
        base = name.partition("<")[0]
        if deny_reason(base) is not None:
            continue
        spec = reg.param_spec(name)
        items = [d for d in (spec or "").split(";") if d and "<" not in d]
        preset = bool(items) and all(d[:1] == "O" and len(d) == 2 for d in items)
        if not preset:
            out.append(name)
        for d in items:
            if d.endswith("=N"):
                d = d[:-1] + str(rng.choice([0, 1, 3, 16]))
            elif "=" in d:
                continue
            if param_deny_reason(name, d) is None:
                out.append(f"{name}<{d}>")
    out += [f"require<{a}>" for a in ("domtree", "loops", "memoryssa", "globals-aa", "iv-users")]
    return out


def _random_pipelines(reg: PassRegistry, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = _allowed_variants(reg, rng)
    adaptors = ["function", "function<eager-inv>", "loop", "loop-mssa", "cgscc", "module"]
    lists = []
    for _ in range(count):
        items = rng.sample(pool, rng.randint(1, 12))
        if len(items) > 1 and rng.random() < 0.4:  # some partial explicit nesting
            i = rng.randrange(len(items))
            j = rng.randrange(i, len(items))
            items[i : j + 1] = [f"{rng.choice(adaptors)}({','.join(items[i : j + 1])})"]
        lists.append(",".join(items))
    return lists


def test_every_vetted_random_pipeline_runs_in_real_opt(llvm) -> None:
    reg, opt, ir = llvm
    accepted: list[str] = []
    for text in _random_pipelines(reg, 60, seed=20240611 + (reg.llvm_major or 0)):
        try:
            accepted.append(vet(text, reg).text())
        except Rejected as e:
            # Only explicit nesting the generator got wrong may be refused.
            assert e.reason == "bad-nesting", (text, e)
    assert len(accepted) >= 36
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda t: _run_opt(opt, t, ir), accepted))
    failures = [(t, err) for t, (rc, err) in zip(accepted, results, strict=True) if rc != 0]
    assert not failures, failures[:3]


def test_every_allowed_pass_alone_runs_in_real_opt(llvm) -> None:
    reg, opt, ir = llvm
    texts = [vet(t, reg).text() for t in _allowed_variants(reg, random.Random(1))]
    texts += [vet(t, reg).text() for t in ("default<Oz>", "default<O2>", "default<O0>")]
    # One opt process per ~25 passes keeps this fast; a failure is re-run alone.
    chunks = [texts[i : i + 25] for i in range(0, len(texts), 25)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda c: _run_opt(opt, ",".join(c), ir), chunks))
    bad = [c for c, (rc, _) in zip(chunks, results, strict=True) if rc != 0]
    failures = [(t, _run_opt(opt, t, ir)) for c in bad for t in c]
    assert not [f for f in failures if f[1][0] != 0]


# ---------------------------------------------------------------- fuzzing
_TOKENS = st.sampled_from(
    ["instcombine", "licm", "always-inline", "function", "loop", "cgscc", "(", ")", ",", "<",
     ">", "Oz", "default", "require", "domtree", "print", "inline", "indvars", ";", "=3", " "]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKENS, max_size=14).map("".join))
def test_vet_only_raises_rejected_and_output_reparses(text: str) -> None:
    reg = PassRegistry.from_text(_LISTING_19, 19)
    try:
        got = vet(text, reg)
    except Rejected as e:
        assert e.reason in REASONS
        return
    assert parse(got.text()) == got
    assert vet(got, reg) == got


_LISTING_19 = """\
Module passes:
  always-inline
  globaldce
  print
CGSCC passes:
  argpromotion
CGSCC passes with params:
  inline<only-mandatory>
Function passes:
  print
Function passes with params:
  instcombine<no-verify-fixpoint;verify-fixpoint;max-iterations=N>
Function analyses:
  domtree
Loop passes:
  indvars
  print
Loop passes with params:
  licm<allowspeculation;no-allowspeculation>
"""
