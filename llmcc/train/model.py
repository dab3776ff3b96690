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


def left_padded(seqs: list[list[int]], pad: int):
    """(ids, attention mask) of *seqs*, left-padded with *pad* to the longest."""
    import torch

    width = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), width), pad, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, width - len(s) :] = torch.tensor(s)
        mask[i, width - len(s) :] = 1
    return ids, mask


def batch(rows: list[tuple[list[int], list[int]]], pad: int):
    """Left-padded (ids, mask, positions, labels, keep) for (prompt ids, answer ids) rows.

    Left padding puts every answer at the end of its row, so only the last ``keep``
    positions need logits (the vocabulary projection dominates a small model's cost),
    and the loss is on the answer tokens only (labels -100 elsewhere).
    """
    import torch

    ids, mask = left_padded([p + a for p, a in rows], pad)
    keep = max(len(a) for _, a in rows) + 1
    labels = torch.full((len(rows), keep), -100, dtype=torch.long)
    for i, (_, a) in enumerate(rows):
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


def continuation_logprobs(model, prompts: list[list[int]], conts: list[list[int]], pad: int,
                          device):  # fmt: skip
    """Per-token log-probabilities (B, C, width) of every continuation after every prompt.

    One pass over the (left-padded) prompts keeps their KV cache; one pass over B × C
    continuations on copies of it scores them all, as the server's ranker does at
    inference (:meth:`llmcc.server.onnx_backend.OnnxBackend.rank`). Positions past a
    continuation's end are 0.
    """
    import torch

    b, c = len(prompts), len(conts)
    ids, mask = (t.to(device) for t in left_padded(prompts, pad))
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    out = model(input_ids=ids, attention_mask=mask, position_ids=pos, use_cache=True,
                logits_to_keep=1)  # fmt: skip
    first = torch.log_softmax(out.logits[:, -1].float(), -1)  # (B, V): each continuation's 1st
    past = out.past_key_values
    past.batch_repeat_interleave(c)  # row i*C + j: prompt i, continuation j
    cw = max(len(x) for x in conts)
    cids = torch.full((c, cw), pad, dtype=torch.long)
    cmask = torch.zeros((c, cw), dtype=torch.long)
    for j, x in enumerate(conts):
        cids[j, : len(x)] = torch.tensor(x)
        cmask[j, : len(x)] = 1
    cids, cmask = cids.repeat(b, 1).to(device), cmask.repeat(b, 1).to(device)
    mask2 = torch.cat([mask.repeat_interleave(c, 0), cmask], 1)
    pos2 = mask.sum(-1).repeat_interleave(c)[:, None] + torch.arange(cw, device=device)[None]
    out2 = model(input_ids=cids, attention_mask=mask2, position_ids=pos2, past_key_values=past)
    logp = torch.log_softmax(out2.logits[:, :-1].float(), -1)
    rest = logp.gather(-1, cids[:, 1:, None])[..., 0]
    head = first.repeat_interleave(c, 0).gather(-1, cids[:, :1])
    return (torch.cat([head, rest], 1) * cmask).view(b, c, cw)


def rank_targets(ratios: list[float | None], temp: float = 0.5) -> tuple[list[float], float]:
    """(target distribution over candidates, weight) for one TU from measured size ratios.

    A candidate's gain is how many percent below -Oz it lands (0 if not below);
    the target is softmax(gain / *temp*) over the measured candidates (unmeasured
    ones get 0). The weight is the spread of gains in points, capped at 1: a TU
    where every candidate lands the same teaches the ranking nothing, and one where
    the choice is worth a point or more counts fully, as it does in the geomean.
    """
    gains = [None if r is None else 100 * max(0.0, 1 - r) for r in ratios]
    seen = [g for g in gains if g is not None]
    if not seen:
        return [0.0] * len(ratios), 0.0
    top = max(seen)
    ex = [0.0 if g is None else math.exp((g - top) / temp) for g in gains]
    z = sum(ex)
    return [e / z for e in ex], min(1.0, top - min(seen))


def ranked_loss(model, rows, conts: list[list[int]], scored: list[int], pad: int, device,
                rank_weight: float, rank_temp: float):  # fmt: skip
    """The answer's mean token cross-entropy plus *rank_weight* × the listwise ranking loss.

    *rows* are (prompt ids, label index into *conts*, target distribution over the
    first len(scored) continuations, weight). A candidate's ranking score is the mean
    log-probability of its first ``scored[j]`` tokens, as the server scores it; the
    ranking loss is the cross-entropy between the targets and softmax(score /
    *rank_temp*) (ListNet), so the order the driver tries candidates in is what is
    trained, with every measured candidate's size, not only the winner's.
    """
    import torch

    lp = continuation_logprobs(model, [r[0] for r in rows], conts, pad, device)
    lens = torch.tensor([len(x) for x in conts], device=device, dtype=torch.float)
    label = torch.tensor([r[1] for r in rows], device=device)
    full = lp.sum(-1) / lens  # (B, C) mean over each whole answer
    nll = -full.gather(1, label[:, None]).mean()
    k = len(scored)
    width = lp.shape[-1]
    keep = torch.arange(width, device=device)[None] < torch.tensor(scored, device=device)[:, None]
    score = (lp[:, :k] * keep).sum(-1) / torch.tensor(scored, device=device, dtype=torch.float)
    target = torch.tensor([r[2] for r in rows], device=device, dtype=torch.float)
    weight = torch.tensor([r[3] for r in rows], device=device, dtype=torch.float)
    if rank_weight <= 0 or float(weight.sum()) == 0:
        return nll
    ce = -(target * torch.log_softmax(score / rank_temp, -1)).sum(-1)
    return nll + rank_weight * (weight * ce).sum() / weight.sum()
