"""The FTD flag-tuning prompt, character for character (Meta's LLM Compiler demo), and its budget.

The model is very sensitive to the exact layout, so the template lives here
and nowhere else. VERSION is part of every pass-list cache key: changing the
template (or the budget policy below, which decides what IR the model sees)
must not reuse answers given to the old one.

Context-budget policy (docs/model.md). The FTD models take 16,384 tokens,
prompt and answer together, and ``max_tokens`` is reserved for the answer:

1. the IR as clang emitted it, if the prompt fits;
2. else the IR without debug info (:func:`llmcc.ir.strip_debug`), if that fits;
3. else no query: the TU falls back with the counted reason ``context-too-long``.

Code is never cut: a truncated module would be a different program.

The driver cannot afford a tokenizer (it costs more to load than a compile),
so it estimates with :data:`CHARS_PER_TOKEN`. The estimate deliberately
*under*-counts: Llama's tokenizer splits every digit and most sigils of IR
into tokens of their own (about 2 characters per token by our reckoning; the
IR-trained BPE of the test fixture measures 2.6) and spends about 4 on
English prose, so IR needing fewer than ``len/4`` tokens is not expected.
The driver therefore only skips prompts that are surely too long; the server
counts exactly and answers ``context_length_exceeded`` for the rest, which
the client turns into step 2 or 3.
"""

from __future__ import annotations

VERSION = "1"
ENCODING_VERSION = "1"
"""advisor/encoding.py's version, kept here: an own model's cache identity needs it on every
hit, and encoding.py (re, collections) is imported only where a model is asked."""
TEMPLATE = (
    "[INST] Tell me how to optimize this LLVM-IR for object file size:\n\n<code>{ir}</code> [/INST]"
)
CONTEXT_TOKENS = 16384
"""The FTD models' context (LLMCC_MODEL_CONTEXT overrides it for other models)."""
CHARS_PER_TOKEN = 4.0
"""An upper bound on characters per token for IR under the Llama tokenizer (see above)."""


def budget(cfg, topk: int) -> str:
    """A model's answers depend on these, so its cache identity holds them (advisor/backends/):
    the template's version and the context budget, since a ``context-too-long`` or cut-off
    answer is cached as "no list" and must not reach a build with a larger budget; with
    ranking, *topk* and the library ranked."""
    text = f"prompt-v{VERSION}:ctx{cfg.model_context}:max{cfg.model_max_tokens}"
    if topk > 0:
        from . import candidates

        text += f":k{topk}:lib{candidates.VERSION}.{candidates.DIGEST}"
    return text


def build(ir: str) -> str:
    # str.format would choke on the braces IR is full of.
    return TEMPLATE.replace("{ir}", ir, 1)


def estimate_tokens(text: str) -> int:
    """A lower bound on the real token count of *text*, without a tokenizer."""
    import math  # here: every cache lookup imports this module for VERSION (one dlopen less)

    return math.ceil(len(text) / CHARS_PER_TOKEN) + 1  # +1: the BOS token


def fits(ir: str, context_tokens: int, max_new_tokens: int) -> bool:
    return estimate_tokens(build(ir)) + max_new_tokens <= context_tokens


def fit(ir: str, context_tokens: int, max_new_tokens: int) -> tuple[str | None, bool]:
    """(IR to send or None if surely too long, whether it is the debug-stripped IR)."""
    if fits(ir, context_tokens, max_new_tokens):
        return ir, False
    from ..ir import strip_debug

    stripped = strip_debug(ir)
    if fits(stripped, context_tokens, max_new_tokens):
        return stripped, True
    return None, True
