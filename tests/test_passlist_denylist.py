"""Deny-list: every refusal has a reason, and every listed pass was classified.

The classification snapshot below is the reviewed set of passes llmcc may run.
When a new LLVM adds passes, the snapshot test fails until someone decides
(deny with a reason, or add here) -- new passes must never slip in silently.
"""

from __future__ import annotations

import os

import pytest

from llmcc.passlist import DENYLIST, PassRegistry
from llmcc.passlist.denylist import (
    ANALYSIS_DENYLIST,
    DENY_PATTERNS,
    PARAM_DENYLIST,
    analysis_deny_reason,
    deny_reason,
    param_deny_reason,
)

# Reviewed against `opt --print-passes` of LLVM 16, 19 and 22.
_ALLOWED_TEXT = """
    adce aggressive-instcombine alignment-from-assumptions always-inline annotation2metadata
    argpromotion assume-builder assume-simplify bdce break-crit-edges called-value-propagation
    callsite-splitting canon-freeze cg-profile constmerge constraint-elimination
    correlated-propagation dce deadargelim default div-rem-pairs drop-unnecessary-assumes dse
    early-cse elim-avail-extern extra-simple-loop-unswitch-passes extra-vector-passes float2int
    forceattrs function-attrs function-simplification globaldce globalopt globalsplit
    guard-widening gvn hotcoldsplit indvars infer-alignment inferattrs inject-tli-mappings inline
    inliner-wrapper inliner-wrapper-no-mandatory-first instcombine instsimplify invalidate<all>
    ipsccp irce jump-table-to-switch jump-threading lcssa libcalls-shrinkwrap licm lnicm
    load-store-vectorizer loop-bound-split loop-data-prefetch loop-deletion loop-distribute
    loop-idiom loop-idiom-vectorize loop-instsimplify loop-load-elim loop-predication loop-reduce
    loop-rotate loop-simplify loop-simplifycfg loop-sink loop-term-fold loop-unroll
    loop-unroll-full loop-vectorize loop-versioning loop-versioning-licm lower-constant-intrinsics
    lower-expect lower-guard-intrinsic lower-matrix-intrinsics lower-switch lowerswitch
    lower-widenable-condition make-guards-explicit mem2reg memcpyopt mergefunc mergeicmps
    mergereturn mldst-motion module-inline move-auto-init nary-reassociate no-op-cgscc
    no-op-function no-op-loop no-op-loopnest no-op-module objc-arc objc-arc-apelim
    objc-arc-contract objc-arc-expand openmp-opt openmp-opt-cgscc partial-inliner
    partially-inline-libcalls reassociate recompute-globalsaa redundant-dbg-inst-elim reg2mem
    rel-lookup-table-converter rpo-function-attrs scalarizer scc-oz-module-inliner sccp
    separate-const-offset-from-gep simple-loop-unswitch simplifycfg sink slp-vectorizer slsr
    speculative-execution sroa strip-dead-prototypes tailcallelim transform-warning
    unreachableblockelim vector-combine
"""
ALLOWED = frozenset(_ALLOWED_TEXT.split())


def test_every_exact_entry_carries_a_reason() -> None:
    tables = [DENYLIST, ANALYSIS_DENYLIST, PARAM_DENYLIST]
    for table in tables:
        for key, reason in table.items():
            assert isinstance(reason, str) and len(reason) > 15, key
    for pattern, reason in DENY_PATTERNS:
        assert pattern and len(reason) > 15


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("print", "debugging"),  # also print<domtree>: rules see the base name
        ("print-callgraph", "debugging"),
        ("dot-cfg", "debugging"),
        ("view-dom-only", "debugging"),
        ("foo-printer", "debugging"),
        ("asan", "sanitizer"),
        ("hwasan", "sanitizer"),
        ("tsan-module", "sanitizer"),
        ("sancov-module", "sanitizer"),
        ("pgo-instr-gen", "profile"),
        ("memprof-use", "profile"),
        ("ctx-instr-gen", "profile"),
        ("instrprof", "profile"),
        ("insert-gcov-profiling", "instrumentation"),
        ("ee-instrument", "instrumentation"),
        ("cross-dso-cfi", "instrumentation"),
        ("lowertypetests", "instrumentation"),
        ("bounds-checking", "instrumentation"),
        ("internalize", "linkage"),
        ("extract-blocks", "linkage"),
        ("loop-extract", "linkage"),
        ("loop-extract-single", "linkage"),
        ("strip", "linkage"),
        ("strip-debug-declare", "debug info"),
        ("strip-nondebug", "linkage"),
        ("metarenamer", "linkage"),
        ("rewrite-symbols", "linkage"),
        ("name-anon-globals", "linkage"),
        ("trigger-crash-module", "crashes"),
        ("lowerinvoke", "semantics"),
        ("loweratomic", "semantics"),
        ("gvn-sink", "non-deterministic"),
        ("newgvn", "miscompile"),
        ("loop-interchange", "miscompile"),
        ("dfa-jump-threading", "miscompile"),
        ("attributor-light-cgscc", "miscompile"),
        ("structurizecfg", "target"),
        ("iroutliner", "miscompile"),
        ("debugify", "testing"),
        ("verify", "testing"),
        ("embed-bitcode", "LTO"),
        ("function-import", "LTO"),
        ("lto", "LTO"),
        ("thinlto-pre-link", "LTO"),
        ("coro-split", "coroutine"),
        ("amdgpu-lower-kernel-arguments", "another target"),
        ("nvptx-lower-args", "another target"),
        ("bpf-preserve-di-type", "another target"),
        ("dxil-upgrade", "another target"),
        ("hipstdpar-math-fixup", "another target"),
        ("spirv-regularizer", "another target"),
        ("x86-lower-amx-type", "another target"),
        ("codegenprepare", "backend"),
    ],
)
def test_denied_families_carry_their_reason(name: str, fragment: str) -> None:
    reason = deny_reason(name)
    assert reason is not None, name
    assert fragment in reason


@pytest.mark.parametrize(
    "name",
    ["instcombine", "strip-dead-prototypes", "globaldce", "default", "licm", "hotcoldsplit"],
)
def test_ordinary_optimisations_are_not_denied(name: str) -> None:
    assert deny_reason(name) is None


def test_lto_only_parameters_are_denied() -> None:
    assert param_deny_reason("globaldce", "in-lto-post-link") is not None
    assert param_deny_reason("globaldce", "x;in-lto-post-link") is not None
    assert param_deny_reason("simplifycfg", "keep-loops") is None


def test_target_and_profile_analyses_are_denied_inside_require() -> None:
    assert analysis_deny_reason("dxil-resources") is not None
    assert analysis_deny_reason("domtree") is None


@pytest.mark.parametrize("version", [16, 19, 22])
def test_every_listed_pass_is_classified_deliberately(version: int) -> None:
    path = f"/usr/lib/llvm-{version}/bin/opt"
    if not os.access(path, os.X_OK):
        pytest.skip(f"opt {version} not installed")
    reg = PassRegistry.from_opt(path)
    unclassified = sorted(
        n for n in reg.names() if deny_reason(n.partition("<")[0]) is None and n not in ALLOWED
    )
    assert not unclassified, f"classify these LLVM {version} passes: {unclassified}"
