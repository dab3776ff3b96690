"""What goes into each cache key, and why (docs/cache.md is the user-facing copy).

Three keys, from the widest sharing to the narrowest:

``passlist_key``  which pass list wins for this *code*. Normalized IR (no
    module name, source path, ident or debug info), the advisor's identity
    (a different model must not reuse another's answers), the prompt template
    version, the LLVM major version and the target triple. Shared across build
    directories, ``-g`` and machines.

``object_key``    the final object for this exact IR and these codegen flags.
    Exact IR text, the codegen command line, the compiler binary's identity and
    the advisor identity (the advisor decides which list was applied).

``direct_key``    ccache's direct mode: the compile before any clang runs.
    Compiler identity, working directory, the full argv, the source file's
    content and the environment variables clang reads for include paths. The
    manifest stored under it lists every include file with its content hash,
    so a changed header is a miss.
"""

from __future__ import annotations

from .. import __version__
from .. import hashes as hashlib  # the hot path's cheap import (llmcc/hashes.py)

KEY_VERSION = "1"
DIRECT_ENV = (
    "CPATH",
    "C_INCLUDE_PATH",
    "CPLUS_INCLUDE_PATH",
    "OBJC_INCLUDE_PATH",
    "SOURCE_DATE_EPOCH",
    "SDKROOT",
    "MACOSX_DEPLOYMENT_TARGET",
    "CCC_OVERRIDE_OPTIONS",
    "COMPILER_PATH",
    "LIBRARY_PATH",
)


def _h(*parts: str | bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        b = p.encode("utf-8", "surrogateescape") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def passlist_key(
    normalized_ir_digest: str,
    advisor_identity: str,
    prompt_version: str,
    llvm_major: int | None,
    triple: str,
    normalization_version: str,
) -> str:
    return _h(
        "pl",
        KEY_VERSION,
        normalization_version,
        normalized_ir_digest,
        advisor_identity,
        prompt_version,
        str(llvm_major),
        triple,
    )


def object_key(
    exact_ir: str,
    codegen_argv: list[str],
    compiler_identity: str,
    advisor_identity: str,
    eval_mode: str,
) -> str:
    """An object hit skips every check, so the suite mode that admitted its list is part of
    the key: an object made under LLMCC_EVAL=off or quick never serves a full-mode build."""
    return _h(
        "obj",
        KEY_VERSION,
        __version__,
        exact_ir,
        "\0".join(codegen_argv),
        compiler_identity,
        advisor_identity,
        eval_mode,
    )


def direct_key(
    compiler_identity: str,
    cwd: str,
    argv: list[str],
    source_digest: str,
    env: dict[str, str],
    advisor_identity: str,
    eval_mode: str,
) -> str:
    envpart = "\0".join(f"{k}={env[k]}" for k in DIRECT_ENV if k in env)
    return _h(
        "direct",
        KEY_VERSION,
        __version__,
        compiler_identity,
        cwd,
        "\0".join(argv),
        source_digest,
        envpart,
        advisor_identity,
        eval_mode,
    )


def file_digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.blake2b(f.read(), digest_size=20).hexdigest()


def text_digest(text: str) -> str:
    return _h(text)
