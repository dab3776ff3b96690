"""Entry framing: every cached value is a JSON header plus an optional blob, checksummed.

A truncated, garbled or foreign file fails ``unpack`` with CorruptEntry, which
callers count as a miss and log; it never fails a build.
"""

from __future__ import annotations

import hashlib
import json

MAGIC = b"LLMCC\x01"
_DIGEST = 16


class CorruptEntry(ValueError):
    pass


def pack(meta: dict, blob: bytes = b"") -> bytes:
    header = json.dumps(meta, sort_keys=True, separators=(",", ":")).encode()
    payload = len(header).to_bytes(4, "little") + header + blob
    return MAGIC + hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload


def unpack(data: bytes) -> tuple[dict, bytes]:
    if len(data) < len(MAGIC) + _DIGEST + 4 or not data.startswith(MAGIC):
        raise CorruptEntry("bad magic or truncated header")
    digest = data[len(MAGIC) : len(MAGIC) + _DIGEST]
    payload = data[len(MAGIC) + _DIGEST :]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != digest:
        raise CorruptEntry("checksum mismatch")
    n = int.from_bytes(payload[:4], "little")
    if n > len(payload) - 4:
        raise CorruptEntry("header length out of range")
    try:
        meta = json.loads(payload[4 : 4 + n])
    except (ValueError, RecursionError) as e:  # RecursionError: absurdly nested JSON
        raise CorruptEntry(f"bad header: {type(e).__name__}") from e
    if not isinstance(meta, dict):
        raise CorruptEntry("header is not an object")
    return meta, payload[4 + n :]


def require(meta: dict, **types: type | tuple[type, ...]) -> None:
    """Schema check for an unpacked header: a well-framed entry can still be foreign."""
    for name, typ in types.items():
        if not isinstance(meta.get(name), typ):
            raise CorruptEntry(f"field {name!r} missing or not {typ}")
