"""The PassListEval suite: self-checking programs, built once per LLVM into IR and references.

Programs come from three places:

* ``programs/``: C and C++ programs written for llmcc; each checks its own
  results and exits 0.
* ``regressions/``: reduced test cases of miscompiles found with real pass
  lists; each file names the LLVM versions and pass lists that broke it.
* csmith programs generated at preparation time from fixed seeds; their -O0
  checksum is the reference. Seeds whose -O0 run takes longer than
  CSMITH_REF_LIMIT are left out (about a fifth of csmith programs loop for
  seconds or longer); which were left out is recorded in the manifest.

Preparation writes ``<dir>/<name>.ll`` (unoptimized IR, the way llmcc's driver
emits it) and ``<dir>/manifest.json`` (reference exit code and stdout of each
program's -O0 build). It runs once per (toolchain, suite digest).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .. import procs
from ..args import ir_command
from ..fsutil import write_atomic

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM_DIRS = (os.path.join(HERE, "programs"), os.path.join(HERE, "regressions"))
MIN_KEPT = 0.8
INCOMPLETE_RETRY_S = 3600
RUNNER_VERSION = "2"  # 2: opt output without use-list order (optimize.run_opt)
CSMITH_SEEDS = (
    1007, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987,
    1597, 2584, 4181, 6765, 10946, 17711, 28657, 46368, 75025, 121393,
)  # fmt: skip
CSMITH_INCLUDE = "/usr/include/csmith"
CSMITH_REF_LIMIT = 2.0
QUICK_EVERY = 5
QUICK_CSMITH = 4
COMMON_FLAGS = ("-ffp-contract=off", "-w")


@dataclass(frozen=True)
class Program:
    name: str
    path: str | None
    """Source file; None for csmith programs (generated into the suite dir)."""
    lang: str
    seed: int | None = None
    regression: bool = False

    def flags(self) -> list[str]:
        return [*COMMON_FLAGS, f"-I{CSMITH_INCLUDE}"] if self.seed is not None else [*COMMON_FLAGS]


def own_programs() -> list[Program]:
    progs = []
    for d in PROGRAM_DIRS:
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            stem, ext = os.path.splitext(name)
            if ext in (".c", ".cpp"):
                progs.append(
                    Program(
                        stem,
                        os.path.join(d, name),
                        "c++" if ext == ".cpp" else "c",
                        regression=d.endswith("regressions"),
                    )
                )
    return progs


def csmith_available() -> bool:
    return shutil.which("csmith") is not None and os.path.isfile(
        os.path.join(CSMITH_INCLUDE, "csmith.h")
    )


def all_programs(mode: str) -> list[Program]:
    """The programs of a mode: ``full`` is everything, ``quick`` a fixed subset."""
    own = own_programs()
    seeds = CSMITH_SEEDS if csmith_available() else ()
    if mode == "quick":
        regular = [p for p in own if not p.regression]
        own = regular[::QUICK_EVERY] + [p for p in own if p.regression]
        seeds = seeds[:QUICK_CSMITH]
    return own + [Program(f"csmith_{s}", None, "c", seed=s) for s in seeds]


def suite_digest(programs: list[Program]) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(RUNNER_VERSION.encode())
    h.update(" ".join(COMMON_FLAGS).encode())
    for p in programs:
        h.update(p.name.encode())
        if p.path:
            with open(p.path, "rb") as f:
                h.update(hashlib.blake2b(f.read(), digest_size=16).digest())
        else:
            h.update(f"csmith-2.3.0:{p.seed}".encode())
    return h.hexdigest()


def compiler_for(clang: str, lang: str) -> str:
    if lang != "c++":
        return clang
    d, name = os.path.split(clang)
    cand = os.path.join(d, name.replace("clang", "clang++", 1))
    return cand if os.path.exists(cand) else clang


def _prepare_one(p: Program, clang: str, outdir: str) -> dict:
    src = p.path
    if p.seed is not None:
        src = os.path.join(outdir, f"{p.name}.c")
        gen = procs.run(["csmith", "--seed", str(p.seed), "--output", src], timeout=60)
        if not gen.ok:
            return {"name": p.name, "excluded": f"csmith failed: {gen.summary()}"}
    assert src is not None
    cc = compiler_for(clang, p.lang)
    ll = os.path.join(outdir, f"{p.name}.ll")
    r = procs.run([cc, *ir_command(p.flags(), src, ll)], timeout=120)
    if not r.ok:
        return {"name": p.name, "excluded": f"IR emission failed: {r.summary()}"}
    exe = os.path.join(outdir, f"{p.name}.O0")
    r = procs.run([cc, *p.flags(), "-O0", src, "-lm", "-o", exe], timeout=120)
    if not r.ok:
        return {"name": p.name, "excluded": f"-O0 build failed: {r.summary()}"}
    limit = CSMITH_REF_LIMIT if p.seed is not None else 30.0
    run = procs.run([exe], timeout=limit, cwd=outdir)
    os.unlink(exe)
    if run.timed_out:
        return {"name": p.name, "excluded": f"-O0 run longer than {limit}s"}
    if run.returncode in (126, 127) or run.returncode < 0:
        # Could not execute, or crashed: never a reference a candidate could be held to.
        return {"name": p.name, "excluded": f"-O0 run failed to execute: {run.summary()}"}
    if p.seed is None and run.returncode != 0:
        # A program of ours failing at -O0 is a bug in the suite (tests pin that none
        # does); excluding it keeps one bad program from blocking every verdict.
        return {"name": p.name, "excluded": f"-O0 build fails its own checks: {run.summary()}"}
    return {
        "name": p.name,
        "lang": p.lang,
        "rc": run.returncode,
        "stdout": run.stdout.decode("utf-8", "replace"),
        "seconds": round(run.seconds, 3),
    }


def prepare(clang: str, programs: list[Program], outdir: str, jobs: int) -> dict:
    """Build IR and reference outputs for every program into *outdir*; returns the manifest."""
    outdir = os.path.abspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    with ThreadPoolExecutor(max(1, jobs)) as ex:
        results = list(ex.map(lambda p: _prepare_one(p, clang, outdir), programs))
    kept = [r for r in results if "excluded" not in r]
    excluded = {r["name"]: r["excluded"] for r in results if "excluded" in r}
    own_lost = [p.name for p in programs if p.seed is None and p.name in excluded]
    manifest = {
        "programs": kept,
        "excluded": excluded,
        "clang": clang,
        # Our own programs all pass at -O0 (a test pins it), so losing one means the
        # machine is at fault; so does losing more than a fifth of the suite.
        "complete": not own_lost and len(kept) >= MIN_KEPT * len(programs),
    }
    write_atomic(os.path.join(outdir, "manifest.json"), json.dumps(manifest, indent=1).encode())
    return manifest


def load(outdir: str) -> dict | None:
    try:
        with open(os.path.join(outdir, "manifest.json")) as f:
            m = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(m, dict) or not isinstance(m.get("programs"), list):
        return None
    if not all(os.path.isfile(os.path.join(outdir, p["name"] + ".ll")) for p in m["programs"]):
        return None
    if m.get("complete") is False:
        # Kept for an hour, so a broken machine does not prepare the suite for every TU;
        # then prepared again, in case what broke it has been fixed.
        try:
            age = time.time() - os.stat(os.path.join(outdir, "manifest.json")).st_mtime
        except OSError:
            return None
        if age > INCOMPLETE_RETRY_S:
            return None
    return m
