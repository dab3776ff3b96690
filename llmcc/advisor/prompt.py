"""The FTD flag-tuning prompt, character for character (Meta's LLM Compiler demo).

The model is very sensitive to the exact layout, so the template lives here
and nowhere else. VERSION is part of every pass-list cache key: changing the
template must not reuse answers given to the old one.
"""

from __future__ import annotations

VERSION = "1"
TEMPLATE = (
    "[INST] Tell me how to optimize this LLVM-IR for object file size:\n\n<code>{ir}</code> [/INST]"
)


def build(ir: str) -> str:
    # str.format would choke on the braces IR is full of.
    return TEMPLATE.replace("{ir}", ir, 1)
