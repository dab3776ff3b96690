"""The shipped model's parts: the IR tokenizer, the Llama network, its batches and schedule.

Heavy imports (torch, tokenizers, transformers) happen inside the functions, so
``python -m llmcc.train --help`` and the dataset builder stay light. The test
fixture (tests/model_fixture.py) builds its tokenizer with :func:`build_tokenizer`.
"""

from __future__ import annotations

import math
import random

SPECIALS = ["<unk>", "<s>", "</s>", "<pad>"]


def pass_names() -> list[str]:
    """Pass names llmcc knows statically (the deny-list); the library's own names come
    with its answers."""
    from ..passlist.denylist import DENYLIST

    return sorted(DENYLIST)


def build_tokenizer(texts: list[str], vocab_size: int, extra: list[str] = ()):
    """A byte-level BPE trained on IR (and on *extra*: answers, pass names); BOS prepended."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=SPECIALS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(list(texts) + list(extra), trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A", pair="<s> $A <s> $B", special_tokens=[("<s>", tok.token_to_id("<s>"))]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        model_max_length=1 << 30,  # the context is the model's (config, llmcc-model.json);
        # the encoder counts over-long texts on purpose and needs no warning about it
        clean_up_tokenization_spaces=False,
    )


def llama(tok, hidden: int, layers: int, heads: int, kv_heads: int, ffn: int, context: int):
    """A small LlamaForCausalLM with the paper's RoPE θ = 1e6 and tied embeddings."""
    from transformers import LlamaConfig, LlamaForCausalLM

    cfg = LlamaConfig(
        vocab_size=len(tok),
        hidden_size=hidden,
        intermediate_size=ffn,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv_heads,
        max_position_embeddings=context,
        rope_theta=1e6,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        tie_word_embeddings=True,
    )
    return LlamaForCausalLM(cfg)


def lr_lambda(warmup: int, total: int, floor: float = 1 / 30):
    """Linear warm-up, then cosine decay to ``floor`` × peak at *total* (the paper: peak/30)."""

    def f(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        t = min(1.0, (step - warmup) / max(1, total - warmup))
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * t))

    return f


def batch(rows: list[tuple[list[int], list[int]]], pad: int):
    """Left-padded (ids, mask, positions, labels, keep) for (prompt ids, answer ids) rows.

    Left padding puts every answer at the end of its row, so only the last ``keep``
    positions need logits (the vocabulary projection dominates a small model's cost),
    and the loss is on the answer tokens only (labels -100 elsewhere).
    """
    import torch

    width = max(len(p) + len(a) for p, a in rows)
    keep = max(len(a) for _, a in rows) + 1
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    labels = torch.full((len(rows), keep), -100, dtype=torch.long)
    for i, (p, a) in enumerate(rows):
        seq = p + a
        ids[i, width - len(seq) :] = torch.tensor(seq)
        mask[i, width - len(seq) :] = 1
        labels[i, keep - len(a) :] = torch.tensor(a)
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    return ids, mask, pos, labels, keep


def loss_of(model, rows, pad: int, device):
    """Mean cross-entropy of the answer tokens given their prompts."""
    import torch

    ids, mask, pos, labels, keep = (
        t.to(device) if hasattr(t, "to") else t for t in batch(rows, pad)
    )
    logits = model(input_ids=ids, attention_mask=mask, position_ids=pos, logits_to_keep=keep).logits
    # logits[:, j] predicts the token after position width-keep+j, i.e. labels[:, j+1].
    return torch.nn.functional.cross_entropy(
        logits[:, :-1].reshape(-1, logits.shape[-1]).float(),
        labels[:, 1:].reshape(-1),
        ignore_index=-100,
    )


def batches(n: int, size: int, rng: random.Random):
    """Endless shuffled epochs of index batches."""
    order = list(range(n))
    while True:
        rng.shuffle(order)
        for i in range(0, n, size):
            yield order[i : i + size]
