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
program's -O0 build, and the times it took to compile and run, from which
``limits`` derives each program's time limits). It runs once per (toolchain,
suite digest); a program already prepared for another suite of the same
toolchain (the suite without csmith, the quick suite) is reused, not rebuilt.
A suite that does not fit on the cache's file system raises ``NoSpace`` and
leaves nothing behind.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .. import procs
from ..args import ir_command, o0_executable_command
from ..fsutil import write_atomic
from .limits import load_factor
from .progress import Heartbeat

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
NO_SPACE = b"No space left on device"
LOW_SPACE = 4 << 20
"""Bytes free below which failed programs are blamed on the disk: csmith truncates its
output on ENOSPC and exits 0, so the message alone does not catch every case."""
NO_SPACE_RETRY_S = 600


class NoSpace(OSError):
    """The suite does not fit on the cache directory's file system."""

    def __init__(self, outdir: str, detail: str) -> None:
        super().__init__(f"no space left on the device to prepare the suite in {outdir}: {detail}")
        self.errno = errno.ENOSPC
        self.outdir = outdir


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


def all_programs(mode: str, csmith: bool | None = None) -> list[Program]:
    """The programs of a mode: ``full`` is everything, ``quick`` a fixed subset.

    *csmith*: with the csmith programs (default: if csmith is installed)."""
    own = own_programs()
    seeds = CSMITH_SEEDS if (csmith_available() if csmith is None else csmith) else ()
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


def describe(programs: list[Program], mode: str, digest: str) -> dict:
    """What a verdict was earned on: the suite's mode, size, and whether csmith was in it."""
    n_csmith = sum(p.seed is not None for p in programs)
    return {"mode": mode, "programs": len(programs), "csmith": n_csmith > 0,
            "csmith_programs": n_csmith, "digest": digest[:16]}  # fmt: skip


def source_digest(p: Program) -> str:
    """Identifies what a prepared program was built from, for reuse across suites."""
    h = hashlib.blake2b(digest_size=16)
    h.update(RUNNER_VERSION.encode() + b"\0" + " ".join(p.flags()).encode() + b"\0")
    if p.path:
        with open(p.path, "rb") as f:
            h.update(f.read())
    else:
        h.update(f"csmith-2.3.0:{p.seed}".encode())
    return h.hexdigest()


def space_needed(programs: list[Program]) -> int:
    """A lower bound on the bytes a suite takes: its IR is never smaller than its sources."""
    total = 0
    for p in programs:
        try:
            total += os.path.getsize(p.path) if p.path else 64 << 10
        except OSError:
            pass
    return total


def free_bytes(path: str) -> int | None:
    try:
        st = os.statvfs(path)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


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
            return {"name": p.name, "excluded": f"csmith failed: {gen.summary()}",
                    "nospace": NO_SPACE in gen.stderr}  # fmt: skip
    assert src is not None
    cc = compiler_for(clang, p.lang)
    ll = os.path.join(outdir, f"{p.name}.ll")
    r = procs.run([cc, *ir_command(p.flags(), src, ll)], timeout=120)
    if not r.ok:
        return {"name": p.name, "excluded": f"IR emission failed: {r.summary()}",
                "nospace": NO_SPACE in r.stderr}  # fmt: skip
    compile_seconds = r.seconds
    exe = os.path.join(outdir, f"{p.name}.O0")
    r = procs.run([cc, *o0_executable_command(p.flags(), src, exe)], timeout=120)
    if not r.ok:
        return {"name": p.name, "excluded": f"-O0 build failed: {r.summary()}",
                "nospace": NO_SPACE in r.stderr}  # fmt: skip
    build_seconds = r.seconds
    # The csmith limit selects seeds (long-running ones are left out); on a loaded machine
    # every run is slower, and the same seeds should still be chosen.
    limit = (CSMITH_REF_LIMIT * load_factor()) if p.seed is not None else 30.0
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
        "compile_seconds": round(compile_seconds, 3),
        "build_seconds": round(build_seconds, 3),
        "source": source_digest(p),
    }


def _reusable(outdir: str) -> dict[str, tuple[dict, str]]:
    """Programs prepared for sibling suites (same toolchain): name -> (entry, its dir)."""
    found: dict[str, tuple[dict, str]] = {}
    parent = os.path.dirname(outdir)
    try:
        siblings = sorted(os.listdir(parent))
    except OSError:
        return found
    for name in siblings:
        d = os.path.join(parent, name)
        if d == outdir or not os.path.isdir(d):
            continue
        m = load(d)
        if m is None:
            continue
        for entry in m["programs"]:
            if isinstance(entry, dict) and entry.get("source"):
                found.setdefault(entry["name"], (entry, d))
    return found


def _reuse(p: Program, reusable: dict, outdir: str) -> dict | None:
    """The entry of *p* as another suite prepared it, its IR linked into *outdir*."""
    got = reusable.get(p.name)
    if got is None or got[0].get("source") != source_digest(p):
        return None
    entry, d = got
    src, dst = os.path.join(d, p.name + ".ll"), os.path.join(outdir, p.name + ".ll")
    try:
        if os.path.lexists(dst):
            os.unlink(dst)
        os.link(src, dst)  # files are replaced, never written in place: sharing is safe
    except OSError:
        try:
            shutil.copyfile(src, dst)
        except OSError:
            return None
    return dict(entry)


def _no_space(outdir: str, detail: str) -> NoSpace:
    """Remove the partial suite (it only takes space) and say why."""
    shutil.rmtree(outdir, ignore_errors=True)
    return NoSpace(outdir, detail)


def prepare(
    clang: str, programs: list[Program], outdir: str, jobs: int, progress_after: float | None = None
) -> dict:
    """Build IR and reference outputs for every program into *outdir*; returns the manifest.

    Raises NoSpace (and leaves no partial suite) if the file system is full.
    """
    outdir = os.path.abspath(outdir)
    try:
        os.makedirs(outdir, exist_ok=True)
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise _no_space(outdir, str(e)) from e
        raise
    free, need = free_bytes(outdir), space_needed(programs)
    if free is not None and free < need:
        raise _no_space(outdir, f"{free >> 10} KiB free, more than {need >> 10} KiB needed")
    reusable = _reusable(outdir)
    with Heartbeat("preparing the PassListEval suite", len(programs), progress_after) as hb:

        full = threading.Event()

        def one(p: Program) -> dict:
            if full.is_set():  # the disk is full: the rest would fail the same way, slowly
                return {"name": p.name, "excluded": "skipped: no space left", "nospace": True}
            got = _reuse(p, reusable, outdir) or _prepare_one(p, clang, outdir)
            if got.get("nospace"):
                full.set()
            hb.step()
            return got

        with ThreadPoolExecutor(max(1, jobs)) as ex:
            try:
                results = list(ex.map(one, programs))
            except (KeyboardInterrupt, SystemExit):
                procs.stop_all()  # terminating: do not wait for the programs being built
                raise
        hb.finish("prepared")
    kept = [r for r in results if "excluded" not in r]
    excluded = {r["name"]: r["excluded"] for r in results if "excluded" in r}
    free = free_bytes(outdir)
    if any(r.get("nospace") for r in results) or (
        excluded and free is not None and free < LOW_SPACE
    ):
        raise _no_space(outdir, f"{len(excluded)} programs failed, {(free or 0) >> 10} KiB free")
    own_lost = [p.name for p in programs if p.seed is None and p.name in excluded]
    manifest = {
        "programs": kept,
        "excluded": excluded,
        "clang": clang,
        "csmith": any(p.seed is not None for p in programs),
        # Our own programs all pass at -O0 (a test pins it), so losing one means the
        # machine is at fault; so does losing more than a fifth of the suite.
        "complete": not own_lost and len(kept) >= MIN_KEPT * len(programs),
    }
    try:
        write_atomic(os.path.join(outdir, "manifest.json"), json.dumps(manifest, indent=1).encode())
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise _no_space(outdir, str(e)) from e
        raise
    return manifest


def _mark_paths(outdir: str) -> list[str]:
    import tempfile

    tag = hashlib.blake2b(os.path.abspath(outdir).encode(), digest_size=8).hexdigest()
    return [
        os.path.join(os.path.dirname(outdir), f"nospace-{tag}.json"),
        os.path.join(tempfile.gettempdir(), f"llmcc-{os.getuid()}-nospace-{tag}.json"),
    ]


def mark_no_space(outdir: str, detail: str) -> None:
    """Remember, for NO_SPACE_RETRY_S, that this suite did not fit: one attempt per outage,
    not one per TU. Next to the suite if a few bytes still fit there, else in the temp dir."""
    doc = json.dumps({"until": time.time() + NO_SPACE_RETRY_S, "detail": detail,
                      "free": free_bytes(os.path.dirname(outdir)) or 0}).encode()  # fmt: skip
    for path in _mark_paths(outdir):
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomic(path, doc)
            return
        except OSError:
            continue


def no_space(outdir: str) -> str | None:
    """Why the suite did not fit, while that still holds: the mark is young and no
    substantial space (LOW_SPACE more than then) was freed since."""
    now_free = free_bytes(os.path.dirname(outdir))
    for path in _mark_paths(outdir):
        try:
            with open(path) as f:
                doc = json.load(f)
            if float(doc["until"]) <= time.time():
                continue
            if now_free is not None and now_free > int(doc.get("free", 0)) + LOW_SPACE:
                continue
            return str(doc.get("detail", "no space"))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None


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
