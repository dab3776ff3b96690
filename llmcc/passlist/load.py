"""The pass registry of the wrapped LLVM: ``opt --print-passes``, cached by opt's identity.

Its own module beside the registry it loads, not in the per-TU pipeline: the pipeline's
context, the admin commands (doctor, check-passes, warmup) and the tests all need a
registry, and none of them should import the pipeline for it. Not imported by
``llmcc.passlist`` itself (every compile imports that package): only a miss or an admin
command pays for the process and cache modules this one needs.
"""

from __future__ import annotations

import os

from .. import procs
from ..cache import entries, keys
from ..fsutil import read as _read
from ..fsutil import write_atomic
from .errors import PassListError
from .registry import PassRegistry

TYPE_CHECKING = False  # typing's own flag, without importing typing
if TYPE_CHECKING:
    from ..cache.tiers import Cache
    from ..toolchain import Toolchain


def load_registry(tc: Toolchain, cache: Cache | None) -> PassRegistry:
    """``opt --print-passes`` of the wrapped LLVM, cached by opt's identity."""
    assert tc.opt is not None
    path = None
    if cache is not None and cache.local is not None:
        key = keys.text_digest("registry:" + tc.opt_identity())
        path = os.path.join(cache.local.root, "registry", key + ".entry")
        try:
            # Framed and checksummed like every entry: a truncated list would parse and
            # silently shrink the allow-list.
            _meta, blob = entries.unpack(_read(path), kind="registry", key=key)
            return PassRegistry.from_text(blob.decode(), tc.major)
        except (OSError, ValueError, PassListError):
            pass  # missing or damaged: ask opt again and rewrite it
    r = procs.run([tc.opt, "--print-passes"], timeout=60)
    if not r.ok:
        raise RuntimeError(f"opt --print-passes failed: {r.summary()}")
    text = r.stdout.decode()
    if path is not None:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomic(
                path, entries.pack({"opt": tc.opt_identity()}, r.stdout, kind="registry", key=key)
            )
        except OSError:
            pass
    return PassRegistry.from_text(text, tc.major)
