"""Greedy generation with an optimum ONNX export: the heavy half, imported only by the server.

The directory is what ``optimum-cli export onnx --task text-generation-with-past``
writes: ``model.onnx`` (+ ``model.onnx_data`` for big models), ``config.json``
and the tokenizer files. Decoding is greedy, as Meta's FTD demo does it.

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

import os

DEFAULT_CONTEXT = 16384


class Generation:
    __slots__ = ("completion_tokens", "finish_reason", "prompt_tokens", "text")

    def __init__(self, text: str, finish_reason: str, prompt_tokens: int, completion_tokens: int):
        self.text = text
        self.finish_reason = finish_reason
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens


class OnnxBackend:
    """One loaded model. Not thread-safe: the server serializes calls."""

    def __init__(self, model_dir: str, threads: int = 0) -> None:
        import onnxruntime as ort
        import torch
        from optimum.onnxruntime import ORTModelForCausalLM
        from transformers import AutoTokenizer

        opts = ort.SessionOptions()
        # No busy-waiting: the server shares the CPU with the build's compiles, and spinning
        # worker threads on a busy 2-core machine cost 10x (measured with torch's OpenMP).
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
        if threads > 0:
            # A build runs compiles beside the server: leave them their cores.
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            torch.set_num_threads(threads)
        provider = (
            "CUDAExecutionProvider"
            if "CUDAExecutionProvider" in ort.get_available_providers()
            else "CPUExecutionProvider"
        )
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self.model = ORTModelForCausalLM.from_pretrained(
            model_dir, provider=provider, session_options=opts
        )
        self.provider = provider
        self.context = int(
            getattr(self.model.config, "max_position_embeddings", 0) or DEFAULT_CONTEXT
        )
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
        self._kv: tuple = (None, None, None)
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
        return [self.tokenizer(encoding.answer_text(c), add_special_tokens=False)["input_ids"]
                for c in texts]  # fmt: skip

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
        return len(self.tokenizer(text, return_token_type_ids=False)["input_ids"])

    def count_tokens(self, prompt: str) -> int:
        return self._count(self.prepare(prompt))

    def _prefill(self, text: str):
        """(prompt ids, model output with its KV cache) for *text*; the last one is kept, so
        a rank after a completion of the same prompt (the advisor's order) costs no prefill."""
        import torch

        if self._kv[0] == text:
            return self._kv[1], self._kv[2]
        ids = self.tokenizer(text, return_token_type_ids=False)["input_ids"]
        t = torch.tensor([ids])
        with torch.no_grad():
            out = self.model(input_ids=t, attention_mask=torch.ones_like(t), use_cache=True)
        self._kv = (text, ids, out)
        return ids, out

    @staticmethod
    def _expand(past, k: int):
        return tuple(tuple(t.expand(k, *t.shape[1:]).contiguous() for t in layer) for layer in past)

    def rank(self, prompt: str, candidates: list[str]) -> tuple[list[tuple[float, int]], int]:
        """(sum of log-probabilities, tokens) of each candidate's answer, and the prompt's tokens.

        The answer of candidate *c* is ``encoding.scored_text(c)``, as the model was trained
        to write it. The prompt's forward pass (shared with a completion of the same
        prompt) keeps its KV cache; one batched pass over the K answers, on copies of that
        cache, scores them all.
        """
        import torch

        from ..advisor import encoding

        tok = self.tokenizer
        pids, out = self._prefill(self.prepare(prompt))
        conts = [tok(encoding.scored_text(c), add_special_tokens=False)["input_ids"]
                 for c in candidates]  # fmt: skip
        first = torch.log_softmax(out.logits[0, -1].float(), -1)
        width = max(len(c) for c in conts)
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        k = len(conts)
        batch = torch.full((k, width), pad, dtype=torch.long)
        for i, c in enumerate(conts):
            batch[i, : len(c)] = torch.tensor(c)
        mask = torch.ones((k, len(pids) + width), dtype=torch.long)
        with torch.no_grad():
            out2 = self.model(input_ids=batch, attention_mask=mask,
                              past_key_values=self._expand(out.past_key_values, k),
                              use_cache=True)  # fmt: skip
            logp = torch.log_softmax(out2.logits.float(), -1)
        scores = []
        for i, c in enumerate(conts):
            s = float(first[c[0]]) + sum(float(logp[i, j - 1, c[j]]) for j in range(1, len(c)))
            scores.append((s, len(c)))
        return scores, len(pids)

    def _greedy(self, text: str, max_tokens: int, stop: list[str]) -> Generation:
        """Greedy decoding on the cached prompt pass, one token a step (llmcc's own models:
        their answers are a few dozen tokens, where generate()'s per-step overhead is most
        of the cost)."""
        import torch

        tok = self.tokenizer
        pids, out = self._prefill(text)
        past, logits = out.past_key_values, out.logits[0, -1]
        new: list[int] = []
        reason = "length"
        with torch.no_grad():
            while len(new) < max_tokens:
                if self.answers:  # the next tokens some allowed answer continues with
                    n = len(new)
                    allowed = sorted({a[n] for a in self.answers if len(a) > n and a[:n] == new})
                    if not allowed:  # a whole answer, up to its END
                        reason = "stop"
                        break
                    nxt = allowed[int(torch.argmax(logits[allowed]))]
                else:
                    nxt = int(torch.argmax(logits))
                if nxt == tok.eos_token_id:
                    reason = "stop"
                    break
                new.append(nxt)
                so_far = tok.decode(new, skip_special_tokens=True)
                if any(x in so_far for x in stop):
                    reason = "stop"
                    break
                t = torch.tensor([[nxt]])
                o = self.model(input_ids=t, past_key_values=past, use_cache=True,
                               attention_mask=torch.ones((1, len(pids) + len(new)),
                                                         dtype=torch.long))  # fmt: skip
                past, logits = o.past_key_values, o.logits[0, -1]
        text_out = tok.decode(new, skip_special_tokens=True)
        cut = min((i for i in (text_out.find(x) for x in stop) if i >= 0), default=-1)
        if cut >= 0:
            text_out = text_out[:cut]
        return Generation(text_out, reason, len(pids), len(new))

    def generate(self, prompt: str, max_tokens: int, stop: list[str]) -> Generation:
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        if self.encodes:
            return self._greedy(self.prepare(prompt), max_tokens, stop)
        tok = self.tokenizer
        inputs = tok(prompt, return_tensors="pt", return_token_type_ids=False)
        start = inputs["input_ids"].shape[1]

        class StopOnText(StoppingCriteria):
            """Stop once a stop string appears: e.g. ``<code>`` ends the pass list."""

            def __call__(self, input_ids, scores, **kwargs):
                text = tok.decode(input_ids[0, start:], skip_special_tokens=True)
                done = any(s in text for s in stop)
                return torch.full((input_ids.shape[0],), done, dtype=torch.bool)

        with torch.no_grad():
            out = self.model.generate(
                **inputs,
                max_new_tokens=max_tokens,
                do_sample=False,
                num_beams=1,
                stopping_criteria=StoppingCriteriaList([StopOnText()]) if stop else None,
                pad_token_id=tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id,
            )
        new = out[0, start:]
        text = tok.decode(new, skip_special_tokens=True)
        cut = min((i for i in (text.find(s) for s in stop) if i >= 0), default=-1)
        if cut >= 0:
            text, reason = text[:cut], "stop"
        elif len(new) and int(new[-1]) == tok.eos_token_id:
            reason = "stop"
        else:
            reason = "length" if len(new) >= max_tokens else "stop"
        return Generation(text, reason, start, len(new))
