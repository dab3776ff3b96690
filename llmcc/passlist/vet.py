"""Gatekeeper between model output and ``opt``.

``vet`` is the only way a model-proposed pipeline reaches ``opt``: anything
it returns is known to the installed LLVM, allowed by the deny-list, bounded
in size and nested the way opt demands, so a rejection here is cheap while a
bad pipeline downstream costs a crashed or miscompiled build.
"""

from __future__ import annotations

from collections.abc import Callable

from .denylist import analysis_deny_reason, deny_reason, param_deny_reason
from .errors import (
    BAD_NESTING,
    BAD_PARAMS,
    DENIED,
    SYNTAX,
    TOO_LONG,
    UNKNOWN_PASS,
    PassListError,
    Rejected,
)
from .grammar import MAX_DEPTH, MAX_TEXT, Pass, Pipeline, parse
from .registry import PassRegistry

__all__ = ["MAX_PASSES", "Rejected", "vet"]

MAX_PASSES = 64  # leaf passes; -Oz itself is ~90 but the model proposes short lists


def vet(
    pipeline: Pipeline | str, registry: PassRegistry, *, max_passes: int = MAX_PASSES
) -> Pipeline:
    """Return the pipeline nested for opt, or raise :class:`Rejected`.

    Checks, in order: syntax, size, adaptor use, deny-list (so a denied pass
    reports its reason even where it does not exist), existence for this
    LLVM, parameters; then nests and re-checks size.
    """
    if isinstance(pipeline, Pipeline):
        # Hand-built Pass objects bypass the grammar; re-parsing applies it.
        pipeline = pipeline.text()
    if not isinstance(pipeline, str):
        raise Rejected(f"expected a pipeline, got {type(pipeline).__name__}", SYNTAX)
    try:
        pipeline = parse(pipeline)
    except PassListError as e:
        raise Rejected(str(e), SYNTAX) from e

    leaves = 0
    for p in pipeline.walk():
        if p.children is not None:
            why = deny_reason(p.name)  # e.g. coro-cond; structure is nest()'s job
            if why is not None:
                raise Rejected(f"'{p.head}(...)' is denied: {why}", DENIED, pass_name=p.name)
            continue
        leaves += 1
        if leaves > max_passes:
            raise Rejected(f"more than {max_passes} passes", TOO_LONG)
        _vet_leaf(p, registry)

    nested = registry.nest(_harden(pipeline, registry))
    if nested.depth() > MAX_DEPTH or len(nested.text()) > MAX_TEXT:
        raise Rejected("pipeline too large once nested", TOO_LONG)
    return nested


def _vet_leaf(p: Pass, registry: PassRegistry) -> None:
    if registry.is_adaptor(p.name):
        raise Rejected(
            f"adaptor '{p.name}' needs a nested pipeline: {p.name}(...)",
            BAD_NESTING,
            pass_name=p.name,
        )
    why = deny_reason(p.name)
    if why is not None:
        raise Rejected(f"'{p.head}' is denied: {why}", DENIED, pass_name=p.name)
    if p.params is not None:
        if p.name in ("require", "invalidate"):
            why = analysis_deny_reason(p.params)
        else:
            why = param_deny_reason(p.name, p.params)
        if why is not None:
            raise Rejected(f"'{p.head}' is denied: {why}", DENIED, pass_name=p.name)
    llvm = f"LLVM {registry.llvm_major}" if registry.llvm_major is not None else "this LLVM"
    if not registry.levels(p):
        if p.params is not None and registry.levels(Pass(p.name)):
            raise Rejected(
                f"'{p.name}' takes no parameters <{p.params}> on {llvm}",
                BAD_PARAMS,
                pass_name=p.name,
            )
        if p.name in ("require", "invalidate"):
            raise Rejected(
                f"unknown analysis in '{p.head}' for {llvm}", UNKNOWN_PASS, pass_name=p.name
            )
        raise Rejected(f"unknown pass '{p.head}' for {llvm}", UNKNOWN_PASS, pass_name=p.name)
    problem = registry.check_params(p)
    if problem is not None:
        raise Rejected(problem, BAD_PARAMS, pass_name=p.name)


def _harden(pipeline: Pipeline, registry: PassRegistry) -> Pipeline:
    """Rewrite allowed passes whose opt defaults are testing aids.

    opt 18+ runs a bare ``instcombine`` with ``verify-fixpoint``, which aborts
    the compile ("did not reach a fixpoint") on ordinary code; the -O
    pipelines use ``no-verify-fixpoint``, and so do we.
    """
    spec = registry.param_spec("instcombine") or ""
    if "no-verify-fixpoint" not in spec.split(";"):
        return pipeline
    return Pipeline(tuple(_map_leaves(pipeline.passes, _instcombine_no_verify)))


def _instcombine_no_verify(p: Pass) -> Pass:
    if p.name != "instcombine":
        return p
    items = [i for i in (p.params or "").split(";") if i]
    items = [i for i in items if i not in ("verify-fixpoint", "no-verify-fixpoint")]
    return Pass(p.name, ";".join([*items, "no-verify-fixpoint"]))


def _map_leaves(passes: tuple[Pass, ...], fn: Callable[[Pass], Pass]) -> list[Pass]:
    return [
        fn(p) if p.children is None else Pass(p.name, p.params, tuple(_map_leaves(p.children, fn)))
        for p in passes
    ]
