"""Shipped verdicts: PassListEval results for the library, earned on one exact opt and clang.

A fresh machine should not spend hours of PassListEval on the library's lists
(about 100 s each on the full suite). ``llmcc-admin warmup --export-verdicts``
writes the verdicts a machine earned into ``verdicts/<llvm-major>.json`` inside
the package; the Evaluator consults them when it has no local verdict. A
shipped verdict applies only where the same binaries run: it is keyed by the
sha256 of the opt binary and of the clang binary that earned it (plus the
suite digest and mode), so a rebuilt, patched or other-version LLVM evaluates
lazily as before. A shipped rejection rejects.

Hashing a large binary on every compile is out of the question, so a binary's
hash is kept in the cache directory keyed by (real path, size, mtime) and is
recomputed only when one of those changes. It is only computed on a local
verdict miss (a first use), never on a cache hit.

Scope: the binaries' own bytes. Debian's opt and clang link libLLVM/libclang-cpp
dynamically; those libraries are not hashed (their package versions are locked
to the binaries' by Debian's dependencies).
"""

from __future__ import annotations

import hashlib
import json
import os

SHIPPED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verdicts")
FORMAT = 1


def content_hash(path: str, cache_root: str | None) -> str:
    """sha256 of the file at *path*, cached under *cache_root* by (real path, size, mtime)."""
    from ..fsutil import write_atomic

    real = os.path.realpath(path)
    st = os.stat(real)
    stamp = f"{real}:{st.st_size}:{st.st_mtime_ns}"
    memo = None
    if cache_root:
        name = hashlib.blake2b(real.encode(), digest_size=10).hexdigest() + ".json"
        memo = os.path.join(cache_root, "binhash", name)
        try:
            with open(memo, encoding="utf-8") as f:
                got = json.load(f)
            if got.get("stamp") == stamp and isinstance(got.get("sha256"), str):
                return got["sha256"]
        except (OSError, ValueError, AttributeError):
            pass
    h = hashlib.sha256()
    with open(real, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    if memo is not None:
        try:
            os.makedirs(os.path.dirname(memo), exist_ok=True)
            write_atomic(memo, json.dumps({"stamp": stamp, "sha256": digest}).encode())
        except OSError:
            pass  # a read-only cache: hashed again next time, still correct
    return digest


_LOADED: dict[str, list[dict]] = {}


def groups(directory: str = SHIPPED_DIR) -> list[dict]:
    """Every verdict group in the shipped files (memoized per process; bad files ignored)."""
    if directory in _LOADED:
        return _LOADED[directory]
    out: list[dict] = []
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".json"))
    except OSError:
        names = []
    for n in names:
        try:
            with open(os.path.join(directory, n), encoding="utf-8") as f:
                doc = json.load(f)
            if doc.get("format") == FORMAT:
                out += [g for g in doc.get("groups", []) if isinstance(g, dict)]
        except (OSError, ValueError, AttributeError):
            continue
    _LOADED[directory] = out
    return out


def find(directory: str, opt_sha: str, clang_sha: str, mode: str, digests: set[str],
         text: str) -> dict | None:  # fmt: skip
    """The shipped verdict on *text* earned by exactly these binaries on one of *digests*."""
    for g in groups(directory):
        if (g.get("opt_sha256") == opt_sha and g.get("clang_sha256") == clang_sha
                and g.get("mode") == mode and g.get("suite_digest") in digests):  # fmt: skip
            v = (g.get("verdicts") or {}).get(text)
            if isinstance(v, dict) and "passed" in v:
                return dict(v, shipped=True, shipped_suite=g.get("suite_digest"))
    return None


def export(path: str, group: dict, llvm: int | None) -> dict:
    """Merge *group* into the shipped file at *path*: it replaces the group of the same
    binaries, mode and suite; other groups (other LLVM builds) stay."""
    from ..fsutil import write_atomic

    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if doc.get("format") != FORMAT:
            raise ValueError
    except (OSError, ValueError, AttributeError):
        doc = {"format": FORMAT, "llvm": llvm, "groups": []}
    same = ("opt_sha256", "clang_sha256", "mode", "suite_digest")
    doc["groups"] = [g for g in doc.get("groups", [])
                     if tuple(g.get(k) for k in same) != tuple(group[k] for k in same)]  # fmt: skip
    doc["groups"].append(group)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_atomic(path, (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode())
    _LOADED.clear()
    return doc


def export_evaluator(path: str, ev, llvm: int | None, verdicts: dict[str, dict],
                     library_file: str | None = None) -> dict:  # fmt: skip
    """Write *verdicts* (candidate text -> conclusive verdict earned by *ev* on its current
    suite) as the group of *ev*'s opt and clang binaries into the shipped file *path*."""
    import time

    from ..advisor import candidates

    opt_sha, clang_sha = ev.binary_hashes()
    version, texts, _n = candidates.load_library(library_file or candidates.LIBRARY_FILE)
    m = ev.prepared() or {}
    keep = ("passed", "reason", "seconds", "mode")
    group = {
        "opt_sha256": opt_sha,
        "clang_sha256": clang_sha,
        "opt": os.path.realpath(ev.opt),
        "clang": os.path.realpath(ev.clang),
        "mode": ev.mode,
        "suite_digest": ev._digest,
        "suite": ev.suite_info(),
        "excluded": sorted(m.get("excluded", {})),
        "library": {"version": version, "digest": candidates.library_digest(texts)},
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "verdicts": {
            t: {**{k: v[k] for k in keep if k in v}, "failures": (v.get("failures") or [])[:3]}
            for t, v in sorted(verdicts.items())
        },
    }
    return export(path, group, llvm)
