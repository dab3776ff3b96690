"""``hashlib``'s blake2b and sha256 without importing hashlib, for the hot path.

``import hashlib`` loads OpenSSL's libcrypto to offer its algorithms, which costs
a cache hit several milliseconds (docs/performance.md). ``hashlib.blake2b`` *is*
the built-in ``_blake2.blake2b``, and the built-in sha256 gives the same digests
as OpenSSL's, so ``import llmcc.hashes as hashlib`` changes no key. Other names
come from hashlib on first use.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b
try:
    from _sha256 import sha256  # CPython <= 3.11
except ImportError:
    try:
        from _sha2 import sha256  # CPython >= 3.12
    except ImportError:
        from hashlib import sha256

__all__ = ["blake2b", "sha256"]


def __getattr__(name: str):
    import hashlib

    return getattr(hashlib, name)
