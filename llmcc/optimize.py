"""The opt step: apply a vetted pipeline to the TU's unoptimized IR.

``always-inline`` always runs first. clang runs it even at -O0, because
``always_inline`` is the programmer's explicit request; a list that skipped it
would "win" only by leaving forced-inline hot paths out of line.
"""

from __future__ import annotations

from . import procs

MANDATORY_PREFIX = "always-inline"


def full_pipeline(canonical: str) -> str:
    return f"{MANDATORY_PREFIX},{canonical}"


def run_opt(
    opt: str,
    canonical: str,
    ir_path: str,
    out_path: str,
    timeout: float,
    verify_each: bool = False,
) -> procs.Result:
    """Bitcode without use-list order: opt 19 writes a use-list order that follows heap
    addresses (ASLR), so two runs of ``default<Oz>`` on one program gave different bytes
    that disassemble and compile identically. Dropping it makes the output a function of
    the input, which the determinism check and reproducible builds both need."""
    argv = [
        opt,
        "--preserve-bc-uselistorder=false",
        f"-passes={full_pipeline(canonical)}",
        ir_path,
        "-o",
        out_path,
    ]
    if verify_each:
        argv.insert(1, "-verify-each")
    return procs.run(argv, timeout=timeout)
