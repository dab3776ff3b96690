"""Entry framing: every cached value is a JSON header plus an optional blob, checksummed.

The checksummed frame also binds the entry to the kind and key it was stored
under. A file renamed, copied to the wrong place (an rsync of a shared cache, a
copy between machines, a bug) or served by Redis under another key is
therefore not a valid entry for the key it is found under: ``unpack`` raises
:class:`MisfiledEntry`. A truncated, garbled or foreign file raises
:class:`CorruptEntry`. Callers count both as a miss, log them and remove the
entry; neither ever fails a build. An entry written by an older llmcc (an
older frame version) raises :class:`StaleEntry`: a clean miss, not damage.

Layout: ``MAGIC | blake2b-16(payload) | payload`` with
``payload = u16 len(binding) | binding | u32 len(header) | header | blob`` and
``binding = kind "\\0" key`` (UTF-8).
"""

from __future__ import annotations

from .. import hashes as hashlib  # the hot path's cheap imports (llmcc/hashes.py)
from .. import jsonlite as json

MAGIC = b"LLMCC\x02"
"""Frame version 2: kind and key bound inside the checksum."""
OLD_MAGICS = (b"LLMCC\x01",)
"""Earlier frame versions: entries bound to nothing, read as clean misses."""
_DIGEST = 16


class CorruptEntry(ValueError):
    """Not a whole, well-formed entry."""


class MisfiledEntry(CorruptEntry):
    """A whole entry, but stored for another key or kind than the one it was found under."""


class StaleEntry(CorruptEntry):
    """An entry in an older frame version: it binds no key, so it cannot be trusted."""


def _binding(kind: str, key: str) -> bytes:
    return kind.encode() + b"\0" + key.encode()


def pack(meta: dict, blob: bytes = b"", *, kind: str, key: str) -> bytes:
    """Frame *meta* and *blob* as the entry of *kind* stored under *key*."""
    binding = _binding(kind, key)
    header = json.dumps(meta, sort_keys=True, separators=(",", ":")).encode()
    payload = (
        len(binding).to_bytes(2, "little") + binding + len(header).to_bytes(4, "little") + header
        + blob
    )  # fmt: skip
    return MAGIC + hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload


def unpack(data: bytes, *, kind: str, key: str) -> tuple[dict, bytes]:
    """(header, blob) of the entry of *kind* under *key*; CorruptEntry (or a subclass) else."""
    if data.startswith(OLD_MAGICS):
        raise StaleEntry("entry from an older llmcc (frame version 1)")
    if len(data) < len(MAGIC) + _DIGEST + 6 or not data.startswith(MAGIC):
        raise CorruptEntry("bad magic or truncated header")
    digest = data[len(MAGIC) : len(MAGIC) + _DIGEST]
    payload = data[len(MAGIC) + _DIGEST :]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != digest:
        raise CorruptEntry("checksum mismatch")
    nb = int.from_bytes(payload[:2], "little")
    if 2 + nb + 4 > len(payload):
        raise CorruptEntry("binding length out of range")
    found = payload[2 : 2 + nb]
    if found != _binding(kind, key):
        stored_kind, _, stored_key = found.decode("utf-8", "replace").partition("\0")
        raise MisfiledEntry(
            f"misfiled: stored as {stored_kind} {stored_key[:16]}..., found as {kind} {key[:16]}..."
        )
    rest = payload[2 + nb :]
    n = int.from_bytes(rest[:4], "little")
    if n > len(rest) - 4:
        raise CorruptEntry("header length out of range")
    try:
        meta = json.loads(rest[4 : 4 + n])
    except (ValueError, RecursionError) as e:  # RecursionError: absurdly nested JSON
        raise CorruptEntry(f"bad header: {type(e).__name__}") from e
    if not isinstance(meta, dict):
        raise CorruptEntry("header is not an object")
    return meta, rest[4 + n :]


def require(meta: dict, **types: type | tuple[type, ...]) -> None:
    """Schema check for an unpacked header: a well-framed entry can still be foreign."""
    for name, typ in types.items():
        if not isinstance(meta.get(name), typ):
            raise CorruptEntry(f"field {name!r} missing or not {typ}")
