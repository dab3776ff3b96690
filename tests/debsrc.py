"""Debian source packages for the package-build tests, fetched with apt (never committed)."""

from __future__ import annotations

import glob
import os
import subprocess

import pytest

SRC_CACHE = os.environ.get("LLMCC_TEST_SOURCES", "/tmp/llmcc-test-sources")


def debian_source(package: str) -> str:
    """Unpacked, Debian-patched source tree of *package* (cached across runs)."""
    os.makedirs(SRC_CACHE, exist_ok=True)
    found = [d for d in glob.glob(os.path.join(SRC_CACHE, f"{package}-*")) if os.path.isdir(d)]
    if found:
        return sorted(found)[-1]
    r = subprocess.run(["apt-get", "source", "-qq", package], cwd=SRC_CACHE, capture_output=True,
                       text=True, timeout=600)  # fmt: skip
    if r.returncode != 0:
        pytest.skip(f"apt-get source {package} failed (needs a deb-src entry): {r.stderr[-300:]}")
    found = [d for d in glob.glob(os.path.join(SRC_CACHE, f"{package}-*")) if os.path.isdir(d)]
    assert found, f"apt-get source {package} unpacked nothing"
    return sorted(found)[-1]
