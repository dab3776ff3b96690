"""Passes llmcc never runs, whatever the model suggests, each with a reason.

The contract of llmcc is "same program, smaller object".  A pass is denied if
it can break that contract for an ordinary translation unit compiled in an
ordinary (non-LTO) build: it changes observable behaviour, the ABI or the set
of exported symbols, needs inputs we do not have (profiles, summaries), is
only meaningful for another target or pipeline stage, only produces debug
output, or has a record of miscompiles while being off in every default
pipeline.  Classified from ``opt --print-passes`` of LLVM 16, 19 and 22.

Rules match the *base* name (``print`` for ``print<domtree>``).  Allowed and
unknown names both return None here; the registry decides existence.
"""

from __future__ import annotations

import re

__all__ = [
    "ANALYSIS_DENYLIST",
    "DENYLIST",
    "DENY_PATTERNS",
    "PARAM_DENYLIST",
    "analysis_deny_reason",
    "deny_reason",
    "param_deny_reason",
]

_DEBUG = "debugging/diagnostic output only; no optimisation effect (may write files or stderr)"
_VERIFY = "verification/testing aid; no optimisation effect, aborts on valid-but-odd IR"
_CRASH = "deliberately crashes or corrupts the IR (testing aid)"
_SAN = "sanitizer instrumentation: changes program behaviour and needs a runtime"
_INSTR = "instrumentation/hardening: adds code or runtime calls the user did not ask for"
_PROF = "profile instrumentation or profile use: needs profile data/runtime llmcc lacks"
_LTO = "LTO/ThinLTO stage: assumes whole-program view or summaries a single TU lacks"
_SYMBOLS = "changes names, linkage, visibility or layout of defined symbols (breaks linking/ABI)"
_SEMANTICS = "changes program semantics (drops EH or atomicity): only valid for special runtimes"
_CODEGEN = "backend IR lowering: codegen runs it for the real target; early runs pessimise or break"
_TARGET = "belongs to another target (GPU/DirectX/Wasm/...): wrong or meaningless for the host"
_CORO = "coroutine lowering must run in the fixed order of the default pipelines, not alone"
_GC = "garbage-collector lowering for managed languages; not applicable to C/C++"
_DEBUGINFO = "rewrites or removes debug info the user asked for"
_EXPERIMENTAL = "off in every default pipeline and has miscompile/crash reports"

# Borderline passes deliberately NOT denied:
# * globalsplit, globaldce, constmerge, deadargelim, argpromotion, ipsccp,
#   mergefunc: only touch local symbols, or keep every exported symbol's name,
#   linkage and signature (mergefunc leaves a thunk behind).
# * hotcoldsplit, partial-inliner: outline into new *internal* functions and
#   see production use.  iroutliner, by contrast, is denied (see below).
# * elim-avail-extern, strip-dead-prototypes: drop only declarations or
#   available_externally copies whose definition lives elsewhere.
# * objc-arc*, openmp-opt(-cgscc), guard/widenable-condition passes: no-ops on
#   code without those constructs, correct on code with them.
# Exact names.  Sorted by group; a short comment says why the group is denied.
DENYLIST: dict[str, str] = {
    # Diagnostics: print/collect/emit, never transform.
    "aa-eval": _DEBUG,
    "pa-eval": _DEBUG,
    "instcount": _DEBUG,
    "func-properties-stats": _DEBUG,
    "count-visits": _DEBUG,
    "helloworld": _DEBUG,
    "lint": _DEBUG,
    "kernel-info": _DEBUG,
    "annotation-remarks": _DEBUG,
    "legacy-divergence-analysis": _DEBUG,
    "instnamer": "renames values for readability only; no optimisation effect",
    "normalize": "renames and reorders IR for diffing; no optimisation effect",
    # Verification / debugify: testing aids.
    "verify": _VERIFY,
    "debugify": _VERIFY,
    "check-debugify": _VERIFY,
    # Sanitizers and other instrumentation.
    "asan": _SAN,
    "msan": _SAN,
    "tsan": _SAN,
    "tsan-module": _SAN,
    "hwasan": _SAN,
    "dfsan": _SAN,
    "nsan": _SAN,
    "rtsan": _SAN,
    "tysan": _SAN,
    "memprof": _SAN,
    "memprof-module": _SAN,
    "sancov-module": _SAN,
    "sanmd-module": _SAN,
    "poison-checking": _SAN,
    "lower-allow-check": "sanitizer-check policy lowering; belongs to -fsanitize builds",
    "bounds-checking": _INSTR,
    "alloc-token": _INSTR,
    "insert-gcov-profiling": _INSTR,
    "ee-instrument": _INSTR,
    "jmc-instrumenter": _INSTR,
    "kcfi": _INSTR,
    "cfguard": _INSTR,
    "cross-dso-cfi": _INSTR,
    "lowertypetests": _INSTR,
    "lower-type-tests": _INSTR,
    "simplify-type-tests": _INSTR,
    "safe-stack": _INSTR + " (also changes the stack ABI)",
    "stack-protector": _INSTR,
    # Profiles (PGO, sample PGO, contextual profiling, memprof).
    "instrprof": _PROF,
    "instrorderfile": _PROF,
    "sample-profile": _PROF,
    "synthetic-counts-propagation": _PROF,
    "add-discriminators": _PROF,
    # chr only acts on profile-biased branches, and LLVM 16 segfaults running
    # it without a cached profile summary (seen on a 12-line C file).
    "chr": _PROF,
    "assign-guid": _PROF,
    "prof-inject": _PROF,
    "prof-verify": _PROF,
    "memprof-use": _PROF,
    "memprof-context-disambiguation": _PROF,
    "memprof-remove-attributes": _PROF,
    # LTO / ThinLTO stages and presets.
    "thinlto-pre-link": _LTO,
    "thinlto": _LTO,
    "lto-pre-link": _LTO,
    "lto": _LTO,
    "fatlto-pre-link": _LTO,
    "fatlto-cleanup": _LTO,
    "function-import": _LTO,
    "wholeprogramdevirt": _LTO,
    "openmp-opt-postlink": _LTO,
    "norecurse-lto-inference": _LTO,
    "noinline-nonprevailing": _LTO,
    "embed-bitcode": _LTO,
    # Symbols, linkage, ABI.  internalize makes every non-main symbol local;
    # name-anon-globals/canonicalize-aliases add or rewrite symbols (ThinLTO
    # prep); global-merge turns globals into aliases of one blob; emutls/ifunc
    # /global-dtors/variadics lowerings change how symbols are called.
    "internalize": _SYMBOLS,
    "extract-blocks": _SYMBOLS,
    "metarenamer": _SYMBOLS,
    "rewrite-symbols": _SYMBOLS,
    "name-anon-globals": _SYMBOLS,
    "canonicalize-aliases": _SYMBOLS,
    "global-merge": _SYMBOLS,
    "global-merge-func": _SYMBOLS,
    "lower-emutls": _SYMBOLS,
    "lower-ifunc": _SYMBOLS,
    "lower-global-dtors": _SYMBOLS,
    "expand-variadics": _SYMBOLS,
    "declare-runtime-libcalls": _SYMBOLS,
    "strip": _SYMBOLS,
    "strip-nondebug": _SYMBOLS,
    # Semantics changers.
    "lowerinvoke": _SEMANTICS,
    "lower-invoke": _SEMANTICS,
    "loweratomic": _SEMANTICS,
    "lower-atomic": _SEMANTICS,
    # Debug info.
    "strip-debug-declare": _DEBUGINFO,
    "strip-dead-debug-info": _DEBUGINFO,
    "strip-nonlinetable-debuginfo": _DEBUGINFO,
    "declare-to-assign": _DEBUGINFO,
    # Backend lowerings: clang's codegen pipeline runs them for the target.
    "codegenprepare": _CODEGEN,
    "atomic-expand": _CODEGEN,
    "callbr-prepare": _CODEGEN,
    "complex-deinterleaving": _CODEGEN,
    "consthoist": _CODEGEN,
    "tlshoist": _CODEGEN,
    "dwarf-eh-prepare": _CODEGEN,
    "sjlj-eh-prepare": _CODEGEN + " (SjLj EH is a different ABI)",
    "win-eh-prepare": _CODEGEN,
    "expand-memcmp": _CODEGEN,
    "expand-reductions": _CODEGEN,
    "expand-large-div-rem": _CODEGEN,
    "expand-large-fp-convert": _CODEGEN,
    "expand-ir-insts": _CODEGEN,
    "indirectbr-expand": _CODEGEN,
    "interleaved-access": _CODEGEN,
    "interleaved-load-combine": _CODEGEN,
    "pre-isel-intrinsic-lowering": _CODEGEN,
    "replace-with-veclib": _CODEGEN,
    "scalarize-masked-mem-intrin": _CODEGEN,
    "select-optimize": _CODEGEN,
    "typepromotion": _CODEGEN,
    "free-machine-function": _CODEGEN,
    "hardware-loops": _CODEGEN + " (emits target loop intrinsics)",
    # Other targets.  fix-irreducible/unify-loop-exits prepare GPU CFG
    # structurisation; LLVM 22's unify-loop-exits segfaults on plain -O0 C IR.
    "structurizecfg": _TARGET + "; also has miscompile reports",
    "fix-irreducible": _TARGET,
    "unify-loop-exits": _TARGET + "; crashes LLVM 22 on ordinary C input",
    "infer-address-spaces": _TARGET,
    # Coroutines: fine inside default<...>, never alone.
    "coro-early": _CORO,
    "coro-split": _CORO,
    "coro-elide": _CORO,
    "coro-cleanup": _CORO,
    "coro-annotation-elide": _CORO,
    "coro-cond": _CORO,
    # Garbage collection.
    "gc-lowering": _GC,
    "shadow-stack-gc-lowering": _GC,
    "place-safepoints": _GC,
    "rewrite-statepoints-for-gc": _GC,
    "strip-gc-relocates": _GC,
    # Off by default upstream with miscompile/crash history (none are in -Oz):
    # newgvn (#53277, #63336), gvn-hoist (#49410), gvn-sink (non-deterministic,
    # #77852), loop-interchange, loop-flatten (#58441, #59339), loop-fusion
    # (#80301, #58775), loop-unroll-and-jam (#84796), flattencfg (#70900,
    # #71068), loop-reroll (#59921, removed in 19), dfa-jump-threading,
    # attributor (see the pattern), iroutliner (experimental outliner; off in
    # every pipeline), sandbox-vectorizer (experimental).
    "newgvn": _EXPERIMENTAL,
    "gvn-hoist": _EXPERIMENTAL,
    "gvn-sink": _EXPERIMENTAL + " (output was non-deterministic before LLVM 19)",
    "loop-interchange": _EXPERIMENTAL,
    "loop-flatten": _EXPERIMENTAL,
    "loop-fusion": _EXPERIMENTAL,
    "loop-unroll-and-jam": _EXPERIMENTAL,
    "flattencfg": _EXPERIMENTAL,
    "flatten-cfg": _EXPERIMENTAL,
    "loop-reroll": _EXPERIMENTAL,
    "dfa-jump-threading": _EXPERIMENTAL,
    "iroutliner": _EXPERIMENTAL,
    "sandbox-vectorizer": _EXPERIMENTAL,
    # Needs an ML model compiled into LLVM; distro builds have none.
    "inliner-ml-advisor-release": "needs an embedded ML inlining model (absent in release builds)",
}

# Families.  Checked after the exact table, first match wins.
# Regex source strings (compiled and cached by ``re`` on first use).
DENY_PATTERNS: tuple[tuple[str, str], ...] = (
    # print, print<...>, print-*, *-printer, dot-*, view-*: pure output.
    (r"^print($|-)", _DEBUG),
    (r"-printer$", _DEBUG),
    (r"^(dot|view)-", _DEBUG),
    (r"^trigger-", _CRASH),
    # asan, msan, ..., plus their -module variants.
    (r"^[a-z]*san(-module)?$", _SAN),
    (r"^(sancov|sanmd)", _SAN),
    (r"^(pgo|ctx|memprof|pseudo-probe)", _PROF),
    (r"^(thin)?lto($|-)|^fatlto", _LTO),
    (r"^attributor", _EXPERIMENTAL + " (attributor: many open miscompile reports)"),
    # strip-dead-prototypes is exempt: it only drops unused declarations.
    (r"^strip-(?!dead-prototypes$)", "strips symbols, debug info or metadata the user asked for"),
    (r"^loop-extract", _SYMBOLS),
    (
        r"^(amdgpu|r600|si|gcn|nvptx|nvvm|bpf|dxil|hipstdpar|spirv|x86|aarch64|arm|riscv"
        r"|wasm|hexagon|ppc|mips|systemz|lanai|avr|msp430|xcore|loongarch|sparc|csky"
        r"|m68k|ve|xtensa|mve)-",
        _TARGET,
    ),
)

# Individual parameters refused on otherwise allowed passes, keyed by
# (base pass name, parameter).  LLVM 19 even lists globaldce<in-lto-post-link>
# but its parser rejects it.
PARAM_DENYLIST: dict[tuple[str, str], str] = {
    ("globaldce", "in-lto-post-link"): _LTO,
    ("globaldce", "vfe-linkage-unit-visibility"): _LTO,
    ("cg-profile", "in-lto-post-link"): _LTO,
}

# Analyses refused inside require<>/invalidate<>: they need another target,
# a profile/file, or are pure debugging aids.  Everything else is harmless.
ANALYSIS_DENYLIST: dict[str, str] = {
    "dxil-metadata": _TARGET,
    "dxil-resources": _TARGET,
    "dxil-resource-type": _TARGET,
    "dxil-resource-bindings": _TARGET,
    "machine-function-info": _CODEGEN,
    "bb-sections-profile-reader": _PROF,
    "ctx-prof-analysis": _PROF,
    "collector-metadata": _GC,
    "gc-function": _GC,
    "ir2vec-vocab": "needs an external vocabulary file",
    "reg-usage": _CODEGEN,
    "libcall-lowering-info": _CODEGEN,
    "verify": _VERIFY,
}


def deny_reason(name: str) -> str | None:
    """Why ``name`` (a base pass name) is denied, or None if it is not."""
    reason = DENYLIST.get(name)
    if reason is not None:
        return reason
    for pattern, why in DENY_PATTERNS:
        if re.search(pattern, name):
            return why
    return None


def param_deny_reason(name: str, params: str) -> str | None:
    """Why one of the ``;``-separated ``params`` of ``name`` is denied, or None."""
    for item in params.split(";"):
        reason = PARAM_DENYLIST.get((name, item))
        if reason is not None:
            return f"parameter {item!r}: {reason}"
    return None


def analysis_deny_reason(name: str) -> str | None:
    """Why ``require<name>``/``invalidate<name>`` is denied, or None."""
    return ANALYSIS_DENYLIST.get(name)
