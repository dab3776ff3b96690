"""PassRegistry: levels from real ``opt --print-passes`` and adaptor nesting.

Nesting rules were derived from what opt 16/19/22 accept or abort on; the
tests pin them on a synthetic listing (runs everywhere) and on each
installed opt (skipped when that LLVM is absent).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from llmcc.passlist import PassListError, PassRegistry, Rejected, grammar, parse

VERSIONS = (16, 19, 22)


def _opt(version: int) -> str:
    return f"/usr/lib/llvm-{version}/bin/opt"


@pytest.fixture(scope="module", params=VERSIONS, ids=lambda v: f"llvm{v}")
def real(request: pytest.FixtureRequest) -> PassRegistry:
    path = _opt(request.param)
    if not os.access(path, os.X_OK):
        pytest.skip(f"opt {request.param} not installed")
    return PassRegistry.from_opt(path)


# A trimmed listing in the LLVM 19 format, so nesting logic is tested even
# where no LLVM is installed.
LISTING = """\
Module passes:
  always-inline
  globaldce
  internalize
  verify
  print
  invalidate<all>
Module passes with params:
  ipsccp<no-func-spec;func-spec>
  print<structural-hash><detailed>
  alloc-token<mode=<mode>>
Module analyses:
  globals-aa
  verify
CGSCC passes:
  argpromotion
  invalidate<all>
CGSCC passes with params:
  inline<only-mandatory>
CGSCC analyses:
  no-op-cgscc
Function passes:
  instcombine
  guard-widening
  verify
  print<domtree>
  invalidate<all>
Function passes with params:
  simplifycfg<keep-loops;no-keep-loops;bonus-inst-threshold=N>
  scalarizer<load-store;min-bits=N;>
Function analyses:
  domtree
  memoryssa
LoopNest passes:
  loop-flatten
  lnicm
Loop passes:
  indvars
  guard-widening
  loop-deletion
  invalidate<all>
Loop passes with params:
  licm<allowspeculation;no-allowspeculation>
  loop-rotate<header-duplication>
Loop analyses:
  iv-users
Machine module passes (WIP):
Machine function passes (WIP):
  machine-cse
  verify
Machine function analyses (WIP):
  machine-loops
"""


@pytest.fixture(scope="module")
def reg() -> PassRegistry:
    return PassRegistry.from_text(LISTING, llvm_major=19)


def test_sections_give_each_pass_its_level(reg: PassRegistry) -> None:
    assert reg.level("always-inline") == "module"
    assert reg.level("inline") == "cgscc"
    assert reg.level("instcombine") == "function"
    assert reg.level("licm") == "loop"
    assert reg.level("loop-flatten") == "loop"  # LoopNest counts as loop
    assert reg.level("unknown-pass") is None


def test_machine_sections_are_ignored(reg: PassRegistry) -> None:
    assert "machine-cse" not in reg
    assert "machine-loops" not in reg.analyses()
    assert reg.levels("verify") == {"module", "function"}


def test_names_at_several_levels_report_opts_top_level_choice(reg: PassRegistry) -> None:
    assert reg.levels("guard-widening") == {"function", "loop"}
    assert reg.level("guard-widening") == "function"
    assert reg.levels("invalidate<all>") == {"module", "cgscc", "function", "loop"}


def test_params_sections_are_recorded(reg: PassRegistry) -> None:
    assert reg.takes_params("simplifycfg")
    assert not reg.takes_params("instcombine")
    assert reg.param_spec("licm") == "allowspeculation;no-allowspeculation"
    assert reg.level("simplifycfg<keep-loops>") == "function"
    assert reg.level(parse("print<structural-hash><detailed>")[0]) == "module"
    assert reg.level("alloc-token<mode=<x>>") == "module"


def test_analyses_are_separate_and_resolve_through_require(reg: PassRegistry) -> None:
    assert "domtree" in reg.analyses() and "domtree" not in reg.names()
    assert reg.level("require<domtree>") == "function"
    assert reg.level("require<iv-users>") == "loop"
    assert reg.level("invalidate<globals-aa>") == "module"
    assert reg.level("require<nonsense>") is None


def test_presets_are_added_when_unlisted(reg: PassRegistry) -> None:
    for name in ("default", "thinlto-pre-link", "thinlto", "lto-pre-link", "lto"):
        assert reg.level(f"{name}<Oz>") == "module"
    assert reg.level("function-simplification<O2>") == "function"


def test_version_dependent_extras_stay_off_without_a_version() -> None:
    bare = PassRegistry.from_text(LISTING)
    assert "function-simplification" not in bare
    assert not bare.is_adaptor("repeat")
    old = PassRegistry.from_text(LISTING, llvm_major=16)
    assert old.is_adaptor("repeat") and "function-simplification" not in old


def test_from_text_rejects_non_listing() -> None:
    with pytest.raises(PassListError):
        PassRegistry.from_text("opt: unknown option --print-passes\n")


def test_function_adaptor_params_depend_on_context(reg: PassRegistry) -> None:
    assert reg.nest("cgscc(function<eager-inv;no-rerun>(instcombine))").text() == (
        "cgscc(function<eager-inv;no-rerun>(instcombine))"
    )
    with pytest.raises(Rejected, match="only valid inside cgscc"):
        reg.nest("function<no-rerun>(instcombine)")
    with pytest.raises(Rejected, match="not supported by LLVM 16"):
        PassRegistry.from_text(LISTING, 16).nest("cgscc(function<no-rerun>(instcombine))")


def test_adaptors_are_known_but_not_leaf_passes(reg: PassRegistry) -> None:
    for name in ("module", "cgscc", "function", "loop", "loop-mssa", "devirt"):
        assert name in reg and reg.is_adaptor(name) and name not in reg.names()
    assert reg.level("loop") == "function" and reg.level("devirt<2>") == "cgscc"


# ------------------------------------------------------------------ nesting
@pytest.mark.parametrize(
    "flat, nested",
    [
        (
            "always-inline,instcombine,licm,inline,globaldce",
            "always-inline,function(instcombine,loop-mssa(licm)),cgscc(inline),globaldce",
        ),
        ("instcombine,simplifycfg", "function(instcombine,simplifycfg)"),
        ("indvars,loop-deletion", "function(loop(indvars,loop-deletion))"),
        ("inline,argpromotion,instcombine", "cgscc(inline,argpromotion),function(instcombine)"),
        ("require<domtree>,globaldce", "function(require<domtree>),globaldce"),
        ("lnicm", "function(loop-mssa(lnicm))"),
    ],
)
def test_nest_wraps_runs_of_bare_passes(reg: PassRegistry, flat: str, nested: str) -> None:
    assert reg.nest(flat).text() == nested


def test_nest_splits_loop_runs_where_memoryssa_would_break(reg: PassRegistry) -> None:
    # licm needs MemorySSA; indvars does not preserve it, so they cannot share.
    got = reg.nest("loop-rotate<header-duplication>,licm,indvars,loop-rotate,licm")
    assert got.text() == (
        "function(loop-mssa(loop-rotate<header-duplication>,licm),"
        "loop(indvars,loop-rotate),loop-mssa(licm))"
    )


def test_nest_fixes_the_loop_adaptor_flavour(reg: PassRegistry) -> None:
    assert reg.nest("function(loop(licm))").text() == "function(loop-mssa(licm))"
    assert reg.nest("function(loop-mssa(licm,indvars))").text() == (
        "function(loop-mssa(licm),loop(indvars))"
    )
    assert reg.nest("function(loop-mssa(indvars))").text() == "function(loop(indvars))"
    assert reg.nest("function(loop-mssa(loop-rotate))").text() == "function(loop-mssa(loop-rotate))"


def test_nest_adds_missing_outer_adaptors(reg: PassRegistry) -> None:
    assert reg.nest("loop(indvars)").text() == "function(loop(indvars))"
    assert reg.nest("devirt<4>(inline)").text() == "cgscc(devirt<4>(inline))"
    assert reg.nest("cgscc(instcombine)").text() == "cgscc(function(instcombine))"
    assert reg.nest("cgscc(inline,indvars)").text() == "cgscc(inline,function(loop(indvars)))"
    assert reg.nest("function(instcombine,licm)").text() == (
        "function(instcombine,loop-mssa(licm))"
    )


def test_nest_keeps_a_multi_level_pass_in_its_context(reg: PassRegistry) -> None:
    assert reg.nest("licm,guard-widening").text() == "function(loop-mssa(licm),guard-widening)"
    assert reg.nest("function(loop(indvars,guard-widening))").text() == (
        "function(loop(indvars,guard-widening))"
    )


@pytest.mark.parametrize(
    "text, fragment",
    [
        # Decision: a module pass inside function(...) is an error, not silently
        # hoisted, because moving it would reorder it against its neighbours.
        ("function(always-inline)", "module pass"),
        ("function(instcombine,always-inline)", "module pass"),
        ("cgscc(globaldce)", "module pass"),
        ("function(cgscc(inline))", "cgscc(...)"),
        ("function(loop(function(instcombine)))", "function(...)"),
        ("function(loop(loop(indvars)))", "loop(...)"),
        ("cgscc(module(globaldce))", "module(...)"),
        ("function(function<eager-inv>(instcombine))", "function<eager-inv>(...)"),
        ("function(inline)", "cgscc pass"),
        ("function(loop(instcombine))", "function pass"),
        ("instcombine(sroa)", "not an adaptor"),
        ("function", "needs a nested pipeline"),
    ],
)
def test_nest_rejects_what_opt_would_refuse(reg: PassRegistry, text: str, fragment: str) -> None:
    with pytest.raises(Rejected) as info:
        reg.nest(text)
    assert info.value.reason == "bad-nesting"
    assert fragment in info.value.detail


@pytest.mark.parametrize(
    "text",
    ["devirt(inline)", "devirt<x>(inline)", "devirt<99>(inline)", "function<x>(a)", "loop<1>(a)"],
)
def test_nest_rejects_bad_adaptor_params(reg: PassRegistry, text: str) -> None:
    with pytest.raises(Rejected) as info:
        reg.nest(
            text.replace("function<x>(a)", "function<x>(instcombine)").replace("(a)", "(indvars)")
        )
    assert info.value.reason == "bad-params"


def test_nest_rejects_unknown_passes_naming_the_version(reg: PassRegistry) -> None:
    with pytest.raises(Rejected, match="unknown pass 'foo' for LLVM 19") as info:
        reg.nest("instcombine,foo")
    assert info.value.reason == "unknown-pass"


def test_repeat_adaptor_exists_only_up_to_llvm16() -> None:
    old = PassRegistry.from_text(LISTING, llvm_major=16)
    assert old.nest("repeat<2>(instcombine)").text() == "repeat<2>(function(instcombine))"
    assert old.nest("function(repeat<2>(licm))").text() == "function(repeat<2>(loop-mssa(licm)))"
    with pytest.raises(Rejected, match="preset"):  # opt 16 segfaults on this
        old.nest("repeat<2>(default<O1>)")
    with pytest.raises(Rejected, match="MemorySSA"):  # one item cannot be split
        old.nest("function(loop(repeat<2>(licm,indvars)))")
    new = PassRegistry.from_text(LISTING, llvm_major=19)
    with pytest.raises(Rejected) as info:
        new.nest("repeat<2>(instcombine)")
    assert info.value.reason == "unknown-pass"


@pytest.mark.parametrize(
    "text",
    [
        "always-inline,instcombine,licm,inline,globaldce",
        "function(loop(licm)),loop(indvars),devirt<3>(inline,instcombine)",
        "module(cgscc(instcombine),function<eager-inv>(guard-widening,indvars))",
    ],
)
def test_nest_is_idempotent(reg: PassRegistry, text: str) -> None:
    once = reg.nest(text)
    assert reg.nest(once) == once
    assert reg.nest(once.text()) == once


# ------------------------------------------------------------ real opt
def test_real_listing_levels(real: PassRegistry) -> None:
    assert real.llvm_major in VERSIONS
    assert real.level("instcombine") == "function"
    assert real.level("always-inline") == "module"
    assert real.level("globaldce") == "module"
    assert real.level("inline") == "cgscc"
    assert real.level("licm") == "loop"
    assert real.level("loop-interchange") == "loop"  # from "LoopNest passes:"
    assert real.level("default<Oz>") == "module"
    assert real.level("require<domtree>") == "function"
    assert real.takes_params("simplifycfg") and real.takes_params("licm")
    assert "finalize-isel" not in real  # Machine (WIP) sections ignored
    assert len(real.names()) > 250


def test_real_listing_version_specifics(real: PassRegistry) -> None:
    assert real.is_adaptor("repeat") == (real.llvm_major == 16)
    assert ("function-simplification" in real) == (real.llvm_major != 16)
    assert real.takes_params("instcombine") == (real.llvm_major != 16)


@pytest.mark.parametrize("level", ["O0", "O1", "Oz"])
def test_nest_leaves_opts_own_default_pipelines_unchanged(
    real: PassRegistry, level: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # opt -print-pipeline-passes shows how opt itself nests; nest must agree.
    ir = tmp_path / "empty.ll"
    ir.write_text("define void @f() {\n  ret void\n}\n")
    opt = _opt(real.llvm_major or 0)
    printed = subprocess.run(
        [opt, f"-passes=default<{level}>", "-print-pipeline-passes", "-disable-output", str(ir)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    monkeypatch.setattr(grammar, "MAX_TEXT", 8192)  # -O pipelines exceed the model limit
    pipeline = parse(printed)
    assert real.nest(pipeline) == pipeline


def test_from_opt_is_memoised_per_binary(real: PassRegistry) -> None:
    assert PassRegistry.from_opt(_opt(real.llvm_major or 0)) is real


def test_from_text_round_trips_the_cached_listing(real: PassRegistry) -> None:
    again = PassRegistry.from_text(real.source_text, real.llvm_major)
    assert again.names() == real.names() and again.analyses() == real.analyses()


def test_from_opt_failure_is_a_passlisterror(tmp_path: os.PathLike[str]) -> None:
    fake = os.path.join(tmp_path, "opt")
    with open(fake, "w") as f:
        f.write("#!/bin/sh\nexit 3\n")
    os.chmod(fake, 0o755)
    with pytest.raises(PassListError):
        PassRegistry.from_opt(fake)
