"""Few but real labels for the training tests, in the tuner's per-TU results schema.

For each C file: IR as the driver emits it, the real ``clang -Oz`` object, and
each candidate really applied (``opt`` with always-inline first, codegen through
clang with LLVM's optimizations off) and measured (.text+.data). What this
skips, to stay cheap, is PassListEval and the driver's symbol checks: the real
labels come from ``llmcc-admin tune``, which judges with the driver's one
evaluation path. Packages here are made up (``pkg0``...), for the split.

Standard library plus llmcc only: pytest imports it.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import subprocess

from llmcc.optimize import run_opt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CANDIDATES = (
    "default<Oz>",
    "default<Oz>,mergefunc",
    "default<O1>,cgscc(inline)",
    "function(lower-switch,loop-unroll,mem2reg)",
)
HELDOUT = "pkgH"


def sources(n_programs: int = 6) -> list[str]:
    progs = sorted(glob.glob(os.path.join(ROOT, "llmcc", "passlisteval", "programs", "*.c")))
    return [os.path.join(HERE, "data", "twins.c"), os.path.join(HERE, "data", "tiny.c"),
            *progs[:n_programs]]  # fmt: skip


def _size(llvm_size: str, obj: str) -> int:
    out = subprocess.run([llvm_size, obj], capture_output=True, text=True, check=True).stdout
    text, data = out.splitlines()[1].split()[:2]
    return int(text) + int(data)


def label(src: str, work: str, version: int, package: str) -> dict | None:
    clang, opt, llvm_size = (f"/usr/bin/{t}-{version}" for t in ("clang", "opt", "llvm-size"))
    base = os.path.join(work, os.path.splitext(os.path.basename(src))[0])
    ll, ref = base + ".ll", base + ".ref.o"
    flags = ["-O2", "-Oz"]
    r = subprocess.run([clang, *flags, "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", src,
                        "-o", ll], capture_output=True)  # fmt: skip
    if r.returncode != 0:
        return None
    subprocess.run([clang, *flags, "-c", src, "-o", ref], check=True, capture_output=True)
    oz = _size(llvm_size, ref)
    results = []
    for i, cand in enumerate(CANDIDATES):
        bc, obj = f"{base}.{i}.bc", f"{base}.{i}.o"
        size = None
        if run_opt(opt, cand, ll, bc, timeout=120).ok:
            c = subprocess.run([clang, *flags, "-Xclang", "-disable-llvm-optzns", "-c", bc,
                                "-o", obj], capture_output=True)  # fmt: skip
            if c.returncode == 0:
                size = _size(llvm_size, obj)
        results.append({"candidate": cand, "size": size})
    sized = [a for a in results if a["size"] is not None]
    best = min(sized, key=lambda a: a["size"])
    with open(ll, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    return {
        "package": package,
        "version": "0",
        "file": os.path.basename(src),
        "ir_sha256": sha,
        "ir_path": ll,
        "oz_size": oz,
        "best": best,
        "all": results,
    }


def write_labels(work: str, version: int, n_programs: int = 6) -> str:
    """Label the sources into ``work/results.jsonl``; the last two are held out (pkgH)."""
    os.makedirs(work, exist_ok=True)
    srcs = sources(n_programs)
    path = os.path.join(work, "results.jsonl")
    with open(path, "w") as f:
        for i, src in enumerate(srcs):
            pkg = HELDOUT if i >= len(srcs) - 2 else f"pkg{i % 3}"
            row = label(src, work, version, pkg)
            if row is not None:
                f.write(json.dumps(row) + "\n")
    return path
