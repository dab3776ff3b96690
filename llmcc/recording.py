"""``LLMCC_RECORD=<dir>``: record every optimizable TU for the tuner, build only ``clang -Oz``.

The format (docs/tuning.md, and the corpus builder that reads it) is fixed:
``<dir>/tus/<id>.ll`` holds the IR exactly as the driver emits it and
``<dir>/tus/<id>.json`` says how to rebuild the TU::

    {"version": 1, "id", "source", "cwd", "output", "argv", "lang", "clang", "llvm",
     "codegen_flags", "ir_sha256", "package", "time"}

``<id>`` is the first 20 hex digits of a sha256 over the package, the working
directory (relative to ``LLMCC_RECORD_ROOT`` when set, so a tree recorded in
two places gets the same ids), the source and the output as the command line
names them, NUL-separated: a rebuild of the same TU overwrites its record.

A recording build is for the tuner, which decides later: no advisor, no
candidates, no cache; the user's output is exactly ``clang <argv> -Oz``'s, so
the package's own tests can run. A record that cannot be written costs one
warning, never the compile.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time

from . import procs
from .args import TranslationUnit
from .fsutil import read as _read
from .fsutil import write_atomic

VERSION = 1


def record_id(package: str | None, cwd: str, source: str, output: str, root: str | None) -> str:
    where = os.path.relpath(cwd, root) if root else cwd
    text = "\0".join((package or "", where, source, output))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def _warn(message: str, record_dir: str) -> None:
    from .cache.tiers import warn_once

    warn_once(message, "record:" + record_dir)


def _write(cfg, tc, tu: TranslationUnit, ir: bytes) -> None:
    cwd = os.getcwd()
    rid = record_id(cfg.record_package, cwd, tu.source, tu.output, cfg.record_root)
    d = os.path.join(cfg.record_dir, "tus")
    os.makedirs(d, exist_ok=True)
    meta = {
        "version": VERSION,
        "id": rid,
        "source": os.path.abspath(tu.source),
        "cwd": cwd,
        "output": os.path.abspath(tu.output),
        "argv": tu.argv,
        "lang": tu.lang,
        "clang": tc.clang,
        "llvm": tc.major,
        "codegen_flags": tu.codegen_flags(),
        "ir_sha256": hashlib.sha256(ir).hexdigest(),
        "package": cfg.record_package,
        "time": int(time.time()),
    }
    # The IR first: a reader takes a .json as the sign that its .ll is complete.
    write_atomic(os.path.join(d, rid + ".ll"), ir)
    write_atomic(os.path.join(d, rid + ".json"), json.dumps(meta, indent=1).encode())


def record_units(cfg, tc, units: list[TranslationUnit], log) -> int:
    """Record each TU, then compile its reference into the user's output; the exit code."""
    rc = 0
    for tu in units:
        tmp = tempfile.mkdtemp(prefix="llmcc-rec-")
        try:
            ll, dep = os.path.join(tmp, "tu.ll"), os.path.join(tmp, "tu.d")
            r = procs.run([tc.clang, *tu.ir_argv(ll, dep)], timeout=cfg.codegen_timeout)
            if r.ok:
                try:
                    _write(cfg, tc, tu, _read(ll))
                    log("recorded", source=tu.source, output=tu.output, dir=cfg.record_dir)
                except OSError as e:
                    _warn(f"cannot record into {cfg.record_dir} ({e.strerror or e}); "
                          "building without recording", cfg.record_dir)  # fmt: skip
            # else: most often invalid source; the reference below reports it as clang would
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        ref = procs.run([tc.clang, *tu.reference_argv()])
        if ref.stderr:
            try:
                sys.stderr.buffer.write(ref.stderr)
                sys.stderr.flush()
            except OSError:
                pass
        if ref.returncode != 0 and rc == 0:
            rc = ref.returncode
    return rc
