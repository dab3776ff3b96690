"""``json`` for the hot path: json's own C scanner and encoder, without importing json.

A direct-mode hit reads a manifest and an entry header and writes a decision record.
Importing json costs that hit more than the rest of its Python work: json.decoder and
json.encoder compile regular expressions at import, which pulls in re, enum,
functools and collections (docs/performance.md). The C accelerator ``_json`` that
json itself runs does all the parsing and formatting; this module only builds its
two objects. Anything it does not cover (an indent, hooks, other options, a BOM,
UTF-16 input, and every error) is handed to the real json, so results and
exceptions are always json's own. ``import llmcc.jsonlite as json`` is a drop-in for
what llmcc uses; other names (``JSONDecodeError``) come from json on first use.
"""

from __future__ import annotations

import _json

_WS = " \t\n\r"


class _Context:
    """What ``_json.make_scanner`` reads off a ``json.JSONDecoder()`` with no options."""

    def __init__(self) -> None:
        self.strict = True
        self.object_hook = None
        self.object_pairs_hook = None
        self.parse_float = float
        self.parse_int = int
        self.parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"),
                               "NaN": float("nan")}.__getitem__  # fmt: skip


_scan = _json.make_scanner(_Context())


def loads(s, **kw):
    """``json.loads(s)``; with options, or for anything but a plain document, json's."""
    text = s
    if not kw and isinstance(s, (bytes, bytearray)):
        b = bytes(s[:4])
        # json detects UTF-16/32 by zero bytes and honours BOMs: leave those to it.
        if b"\x00" in b[:2] or b.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
            text = None
        else:
            text = s.decode("utf-8", "surrogatepass")
    if kw or not isinstance(text, str) or text.startswith("\ufeff"):
        return _json_module().loads(s, **kw)
    start = len(text) - len(text.lstrip(_WS))
    try:
        obj, end = _scan(text, start)
    except (StopIteration, ValueError):
        return _json_module().loads(s)  # raises json's own JSONDecodeError
    if end != len(text) and text[end:].strip(_WS):
        return _json_module().loads(s)  # "Extra data"
    return obj


def load(fp, **kw):
    return loads(fp.read(), **kw)


def _not_serializable(o):
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def dumps(obj, *, sort_keys: bool = False, default=None, separators=None,
          ensure_ascii: bool = True, **kw) -> str:  # fmt: skip
    """``json.dumps`` for these options (json's C encoder); any other option goes to json."""
    if kw.get("indent") is not None or any(k != "indent" for k in kw):
        return _json_module().dumps(obj, sort_keys=sort_keys, default=default,
                                    separators=separators, ensure_ascii=ensure_ascii,
                                    **kw)  # fmt: skip
    enc = _json.encode_basestring_ascii if ensure_ascii else _json.encode_basestring
    if isinstance(obj, str):
        return enc(obj)
    item_sep, key_sep = separators if separators is not None else (", ", ": ")
    try:
        encode = _json.make_encoder({}, default or _not_serializable, enc, None, key_sep,
                                    item_sep, sort_keys, False, True)  # fmt: skip
        return "".join(encode(obj, 0))
    except Exception:
        # json's own exception (and message) for what it cannot serialize.
        return _json_module().dumps(obj, sort_keys=sort_keys, default=default,
                                    separators=separators, ensure_ascii=ensure_ascii)  # fmt: skip


def _json_module():
    import json

    return json


def __getattr__(name: str):
    return getattr(_json_module(), name)
