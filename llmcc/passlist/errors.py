"""Exceptions shared by the pass-list modules.

Kept in their own module so that catching them never drags in the registry.
"""

from __future__ import annotations

__all__ = [
    "BAD_NESTING",
    "BAD_PARAMS",
    "DENIED",
    "REASONS",
    "SYNTAX",
    "TOO_LONG",
    "UNKNOWN_PASS",
    "PassListError",
    "Rejected",
]

# Machine-friendly rejection codes; callers may switch on them (metrics, retries).
SYNTAX = "syntax"
UNKNOWN_PASS = "unknown-pass"
DENIED = "denied"
BAD_NESTING = "bad-nesting"
BAD_PARAMS = "bad-params"
TOO_LONG = "too-long"
REASONS = frozenset({SYNTAX, UNKNOWN_PASS, DENIED, BAD_NESTING, BAD_PARAMS, TOO_LONG})


class PassListError(ValueError):
    """Pipeline text that cannot be parsed.

    A ValueError so that generic input-validation handlers catch it too.
    """


class Rejected(PassListError):
    """A pipeline that parses but must not be handed to ``opt``.

    ``reason`` is one of :data:`REASONS` so callers can count and react to
    rejections without parsing prose; ``detail`` is for humans and logs.
    """

    def __init__(self, detail: str, reason: str = SYNTAX, *, pass_name: str | None = None):
        super().__init__(detail)
        self.detail = detail
        self.reason = reason
        self.pass_name = pass_name

    def __repr__(self) -> str:
        return f"Rejected(reason={self.reason!r}, detail={self.detail!r})"

    def __reduce__(self):  # keep pickling (multiprocessing, caches) lossless
        return (_rebuild_rejected, (self.detail, self.reason, self.pass_name))


def _rebuild_rejected(detail: str, reason: str, pass_name: str | None) -> Rejected:
    return Rejected(detail, reason, pass_name=pass_name)
