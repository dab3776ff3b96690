"""Direct mode (after ccache): answer a compile before running clang at all.

The manifest under a ``direct_key`` holds up to MAX_VARIANTS earlier results,
each with the content digest of every file the compile read. A variant whose
files all still hash the same names the object entry to copy out, together
with the diagnostics and dependency file to replay. This is what makes a warm
rebuild cheaper than running clang.
"""

from __future__ import annotations

import os

from .. import hashes as hashlib  # the hot path's cheap import (llmcc/hashes.py)
from .entries import CorruptEntry, pack, require, unpack

MAX_VARIANTS = 8
TIME_MACROS = (b"__DATE__", b"__TIME__", b"__TIMESTAMP__")


class NotCacheable(Exception):
    """Direct mode must not record this compile (a time macro, a file changing under us)."""


def digest_files(paths: list[str], not_after_ns: int | None = None) -> list[list[str]]:
    """[[path, digest], ...]; raises NotCacheable where a replay could be wrong."""
    out = []
    for p in paths:
        try:
            with open(p, "rb") as f:
                data = f.read()
                st = os.fstat(f.fileno())
        except OSError as e:
            raise NotCacheable(f"cannot read {p}: {e.strerror}") from e
        if not_after_ns is not None and st.st_mtime_ns >= not_after_ns:
            raise NotCacheable(f"{p} changed during the compile")
        if any(m in data for m in TIME_MACROS):
            raise NotCacheable(f"{p} uses __DATE__/__TIME__")
        out.append([p, hashlib.blake2b(data, digest_size=20).hexdigest()])
    return out


def _matches(includes: list, memo: dict[str, str | None]) -> bool:
    for path, digest in includes:
        if path not in memo:
            try:
                with open(path, "rb") as f:
                    memo[path] = hashlib.blake2b(f.read(), digest_size=20).hexdigest()
            except OSError:
                memo[path] = None
        if memo[path] != digest:
            return False
    return True


KIND = "man"


def find(manifest_bytes: bytes, key: str) -> dict | None:
    """The newest variant whose include files are unchanged, or None.

    Raises CorruptEntry (MisfiledEntry for a manifest stored under another direct key:
    its variants would name another compile's object, with the files still matching).
    """
    meta, _ = unpack(manifest_bytes, kind=KIND, key=key)
    require(meta, variants=list)
    memo: dict[str, str | None] = {}
    for v in meta["variants"]:
        if not isinstance(v, dict):
            raise CorruptEntry("variant is not an object")
        require(v, includes=list, object_key=str, stderr=str)
        if _matches(v["includes"], memo):
            return v
    return None


def add_variant(old: bytes | None, variant: dict, key: str) -> bytes:
    """The manifest for *key* with *variant* first; a damaged or misfiled old one is dropped."""
    variants: list = []
    if old is not None:
        try:
            meta, _ = unpack(old, kind=KIND, key=key)
            variants = [v for v in meta.get("variants", []) if isinstance(v, dict)]
        except CorruptEntry:
            variants = []
    variants = [variant] + [v for v in variants if v.get("includes") != variant["includes"]]
    return pack({"variants": variants[:MAX_VARIANTS]}, kind=KIND, key=key)
