"""Greedy decoding and ranking on an optimum ONNX export: the heavy half, imported only by
the server.

The directory is what ``optimum-cli export onnx --task text-generation-with-past``
writes: ``model.onnx`` (+ ``model.onnx_data`` for big models), ``config.json``
and the tokenizer files. Decoding is greedy, as Meta's FTD demo does it.

It runs on onnxruntime, numpy and the tokenizers library alone. optimum's
ORTModelForCausalLM and transformers' AutoTokenizer wrap exactly these (the same
session, the same ``tokenizer.json``), but importing them costs 6 s: that was the
server's whole start-up, paid by the first build of every fresh machine, against
1.8 s for all of libyaml with ``clang -Oz``. optimum still makes the export
(llmcc.train, tests/model_fixture.py); torch is for training only.

A directory with ``llmcc-model.json`` (llmcc's own shipped model) declares a
prompt encoding: the IR inside each FTD prompt is re-encoded here to fit the
model's small context (:mod:`llmcc.advisor.encoding`), with the model's own
tokenizer and token budget, exactly as the trainer encoded its training
prompts. Clients send the plain FTD prompt either way: one client code path.
Its greedy decoding is *constrained* to the answers it was trained to give (the
library's candidates and plain -Oz, ``answers``): free, a small model wrote an
unparsable or half-copied list for 6 % of held-out TUs, each a wasted trial.
"""

from __future__ import annotations

import json
import os

import numpy as np

DEFAULT_CONTEXT = 16384
PAST = "past_key_values."


class Generation:
    __slots__ = ("completion_tokens", "finish_reason", "prompt_tokens", "text")

    def __init__(self, text: str, finish_reason: str, prompt_tokens: int, completion_tokens: int):
        self.text = text
        self.finish_reason = finish_reason
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens


def _load_json(model_dir: str, name: str) -> dict:
    try:
        with open(os.path.join(model_dir, name), encoding="utf-8") as f:
            got = json.load(f)
    except (OSError, ValueError):
        return {}
    return got if isinstance(got, dict) else {}


class Tokenizer:
    """The export's ``tokenizer.json`` as transformers' fast tokenizer applies it: its own
    post-processor adds BOS to a prompt; special tokens are dropped when decoding."""

    def __init__(self, model_dir: str, config: dict) -> None:
        from tokenizers import Tokenizer as _Tokenizer

        self._tok = _Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
        named = _load_json(model_dir, "special_tokens_map.json")
        named.update((k, v) for k, v in _load_json(model_dir, "tokenizer_config.json").items()
                     if v is not None)  # a null there does not undo the map's token  # fmt: skip

        def special(name: str) -> int | None:
            tok = named.get(name)
            tok = tok.get("content") if isinstance(tok, dict) else tok
            return self._tok.token_to_id(tok) if isinstance(tok, str) else None

        def ids(value) -> set[int]:
            return {v for v in (value if isinstance(value, list) else [value])
                    if isinstance(v, int)}  # fmt: skip

        eos = special("eos_token")
        generation = _load_json(model_dir, "generation_config.json")
        self.eos_ids = ids(eos) | ids(config.get("eos_token_id")) | ids(
            generation.get("eos_token_id"))  # fmt: skip
        """Every id that ends an answer (Llama 3's configs list several)."""
        self.pad_token_id = special("pad_token")
        if self.pad_token_id is None:
            self.pad_token_id = eos if eos is not None else min(self.eos_ids, default=0)
        self.clean_up = bool(named.get("clean_up_tokenization_spaces", False))

    def encode(self, text: str, special: bool = True) -> list[int]:
        return self._tok.encode(text, add_special_tokens=special).ids

    def decode(self, ids: list[int]) -> str:
        text = self._tok.decode(ids, skip_special_tokens=True)
        if self.clean_up:  # transformers' clean_up_tokenization, for exports that ask for it
            for a, b in ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
                         (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"),
                         (" 're", "'re")):  # fmt: skip
                text = text.replace(a, b)
        return text


class Decoder:
    """One onnxruntime session over the decoder-with-past graph. The past is the graph's
    own ``present.*`` outputs, fed back as ``past_key_values.*``; positions continue
    after it, as ORTModelForCausalLM computes them from an all-ones attention mask."""

    def __init__(self, path: str, opts, provider: str) -> None:
        import onnxruntime as ort

        self.session = ort.InferenceSession(path, opts, providers=[provider])
        inputs = {i.name: i for i in self.session.get_inputs()}
        self.past = [n for n in inputs if n.startswith(PAST)]
        if not self.past:  # decoding would lose the history after the prompt
            raise ValueError(f"{path} has no {PAST}* inputs: export it with optimum-cli "
                             "export onnx --task text-generation-with-past")  # fmt: skip
        self.present = ["present." + n[len(PAST) :] for n in self.past]
        self.positions = "position_ids" in inputs
        first = inputs[self.past[0]]
        self._heads_dim = (first.shape[1], first.shape[3])  # of (batch, heads, past, dim)
        self._dtype = np.float16 if first.type == "tensor(float16)" else np.float32

    def empty(self, batch: int) -> dict:
        heads, dim = self._heads_dim
        return {n: np.zeros((batch, heads, 0, dim), self._dtype) for n in self.past}

    @staticmethod
    def length(past: dict) -> int:
        return next(iter(past.values())).shape[2] if past else 0

    def forward(self, ids: np.ndarray, past: dict | None = None) -> tuple[np.ndarray, dict]:
        """(logits of every new position, the past after them) for a (batch, n) int64 *ids*."""
        batch, n = ids.shape
        past = past if past is not None else self.empty(batch)
        start = self.length(past)
        feed = {"input_ids": ids, "attention_mask": np.ones((batch, start + n), np.int64), **past}
        if self.positions:
            feed["position_ids"] = np.broadcast_to(np.arange(start, start + n, dtype=np.int64),
                                                   (batch, n))  # fmt: skip
        out = self.session.run(["logits", *self.present], feed)
        return out[0], dict(zip(self.past, out[1:], strict=True))


def log_softmax(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.float32, copy=False)
    m = x.max(-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(-1, keepdims=True))


class OnnxBackend:
    """One loaded model. Not thread-safe: the server serializes calls."""

    def __init__(self, model_dir: str, threads: int = 0) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        # No busy-waiting: the server shares the CPU with the build's compiles, and spinning
        # worker threads on a busy 2-core machine cost 10x (measured with torch's OpenMP).
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
        if threads > 0:
            # A build runs compiles beside the server: leave them their cores.
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
        provider = (
            "CUDAExecutionProvider"
            if "CUDAExecutionProvider" in ort.get_available_providers()
            else "CPUExecutionProvider"
        )
        config = _load_json(model_dir, "config.json")
        self.tokenizer = Tokenizer(model_dir, config)
        self.decoder = Decoder(os.path.join(model_dir, "model.onnx"), opts, provider)
        self.provider = provider
        self.context = int(config.get("max_position_embeddings") or DEFAULT_CONTEXT)
        self.model_dir = os.path.realpath(model_dir)
        from ..advisor.identity import model_meta

        self.meta = model_meta(model_dir)
        self.encodes = self.meta.get("encoding") == "digest"
        if self.encodes:
            self.context = int(self.meta.get("context") or self.context)
        self.prompt_budget = int(self.meta.get("prompt_tokens") or self.context)
        from ..advisor.encoding import RankPrior

        self.score = RankPrior(self.meta).score
        """(candidate, log-probability, tokens) → its ranking score, with the trained prior."""
        self._last: tuple[str | None, str] = (None, "")
        self._prefilled: tuple[str | None, tuple] = (None, ())
        self.answers = self._answer_tokens() if self.encodes else []
        """Token sequences of the only answers an own model may give (constrained decoding)."""

    def _answer_tokens(self) -> list[list[int]]:
        """An own model's answers, each tokenized as ``rank`` tokenizes it: the library it was
        trained on and plain -Oz, so every answer is a list the library vetted (the model
        still chooses which, token by token). Empty for a model with no library."""
        from ..advisor import encoding

        library = [c for c in self.meta.get("library") or [] if isinstance(c, str)]
        if not library:
            return []
        texts = dict.fromkeys([*library, encoding.NO_WIN])
        return [self.tokenizer.encode(encoding.answer_text(c), special=False) for c in texts]

    def prepare(self, prompt: str) -> str:
        """The prompt the model sees: re-encoded to its budget if it declares an encoding."""
        if not self.encodes:
            return prompt
        from ..advisor import encoding

        if self._last[0] == prompt:  # the server counts, then generates or ranks, one prompt
            return self._last[1]
        ir = encoding.ir_of_prompt(prompt)
        if ir is None:
            return prompt  # not an FTD prompt: counted, and refused if too long
        text = encoding.encode_prompt(ir, self._count, self.prompt_budget)[0]
        self._last = (prompt, text)
        return text

    def _count(self, text: str) -> int:
        return len(self.tokenizer.encode(text))

    def count_tokens(self, prompt: str) -> int:
        return self._count(self.prepare(prompt))

    def _prefill(self, text: str) -> tuple[list[int], np.ndarray, dict]:
        """(prompt ids, last position's logits, KV cache) for *text*; the last one is kept,
        so a rank after a completion of the same prompt (the advisor's order) costs no
        prefill."""
        if self._prefilled[0] == text:
            return self._prefilled[1]
        ids = self.tokenizer.encode(text)
        logits, past = self.decoder.forward(np.array([ids], np.int64))
        got = (ids, logits[0, -1], past)
        self._prefilled = (text, got)
        return got

    def rank(self, prompt: str, candidates: list[str]) -> tuple[list[tuple[float, int]], int]:
        """(sum of log-probabilities, tokens) of each candidate's answer, and the prompt's tokens.

        The answer of candidate *c* is ``encoding.scored_text(c)``, as the model was trained
        to write it. The prompt's forward pass (shared with a completion of the same
        prompt) keeps its KV cache; one batched pass over the K answers, on copies of that
        cache, scores them all.
        """
        from ..advisor import encoding

        pids, last, past = self._prefill(self.prepare(prompt))
        conts = [self.tokenizer.encode(encoding.scored_text(c), special=False) for c in candidates]
        first = log_softmax(last)
        k, width = len(conts), max(len(c) for c in conts)
        batch = np.full((k, width), self.tokenizer.pad_token_id or 0, np.int64)
        for i, c in enumerate(conts):
            batch[i, : len(c)] = c
        logits, _ = self.decoder.forward(
            batch, {n: np.ascontiguousarray(np.broadcast_to(t, (k, *t.shape[1:])))
                    for n, t in past.items()})  # fmt: skip
        logp = log_softmax(logits)
        scores = []
        for i, c in enumerate(conts):
            s = float(first[c[0]]) + sum(float(logp[i, j - 1, c[j]]) for j in range(1, len(c)))
            scores.append((s, len(c)))
        return scores, len(pids)

    def generate(self, prompt: str, max_tokens: int, stop: list[str]) -> Generation:
        """Greedy decoding on the cached prompt pass, one token a step, until EOS, a stop
        string or *max_tokens*; an own model's steps only among its ``answers``."""
        tok = self.tokenizer
        pids, logits, past = self._prefill(self.prepare(prompt))
        new: list[int] = []
        reason = "length"
        while len(new) < max_tokens:
            if self.answers:  # the next tokens some allowed answer continues with
                n = len(new)
                allowed = sorted({a[n] for a in self.answers if len(a) > n and a[:n] == new})
                if not allowed:  # a whole answer, up to its END
                    reason = "stop"
                    break
                nxt = allowed[int(np.argmax(logits[allowed]))]
            else:
                nxt = int(np.argmax(logits))
            if nxt in tok.eos_ids:
                reason = "stop"
                break
            new.append(nxt)
            if stop and any(x in tok.decode(new) for x in stop):
                reason = "stop"
                break
            out, past = self.decoder.forward(np.array([[nxt]], np.int64), past)
            logits = out[0, -1]
        text = tok.decode(new)
        cut = min((i for i in (text.find(x) for x in stop) if i >= 0), default=-1)
        if cut >= 0:
            text = text[:cut]
        return Generation(text, reason, len(pids), len(new))
