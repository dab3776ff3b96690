"""Per-TU checks: is a candidate object a safe, real improvement on the -Oz reference?

The reference is the real ``clang -Oz`` object of the same TU with the user's
flags. A candidate must define the same strong external symbols (what the rest
of the program links against; weak and linkonce symbols may legitimately come
and go), need nothing from elsewhere that the reference did not (a freestanding
build that supplies only what -Oz needed must still link: optimizers like to
invent calls to memset or bcmp), and be strictly smaller in .text+.data, with
.bss no larger.
PassListEval (llmcc.passlisteval) covers the semantic side before any of this.
"""

from __future__ import annotations

from .objinfo import ObjectInfo
from .outcomes import Reason


def compare(ref: ObjectInfo, cand: ObjectInfo) -> list[dict]:
    """Every check's result, in order; a failing entry's ``check`` names its
    :class:`llmcc.outcomes.Reason` (``check:<name>``), which says how the TU falls back."""
    missing = sorted(ref.strong - cand.strong)
    extra = sorted(cand.strong - ref.strong)
    sym_ok = not missing and not extra
    detail = "" if sym_ok else f"missing={missing[:5]} extra={extra[:5]}"
    new_refs = sorted(cand.undefined - ref.undefined)
    return [
        {"check": Reason.CHECK_SYMBOLS.check, "ok": sym_ok, "detail": detail},
        {
            "check": Reason.CHECK_REFERENCES.check,
            "ok": not new_refs,
            "detail": f"new undefined={new_refs[:5]}" if new_refs else "",
        },
        {
            "check": Reason.CHECK_SMALLER.check,
            "ok": cand.size < ref.size,
            "detail": f"{cand.size} vs {ref.size} bytes (.text+.data)",
        },
        {
            "check": Reason.CHECK_BSS.check,
            "ok": cand.bss <= ref.bss,
            "detail": f"{cand.bss} vs {ref.bss}",
        },
    ]


def passed(results: list[dict]) -> bool:
    return all(r["ok"] for r in results)


def first_failure(results: list[dict]) -> str | None:
    for r in results:
        if not r["ok"]:
            return r["check"]
    return None
