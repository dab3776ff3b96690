"""Greedy generation with an optimum ONNX export: the heavy half, imported only by the server.

The directory is what ``optimum-cli export onnx --task text-generation-with-past``
writes: ``model.onnx`` (+ ``model.onnx_data`` for big models), ``config.json``
and the tokenizer files. Decoding is greedy, as Meta's FTD demo does it.
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

    def count_tokens(self, prompt: str) -> int:
        return len(self.tokenizer(prompt, return_token_type_ids=False)["input_ids"])

    def generate(self, prompt: str, max_tokens: int, stop: list[str]) -> Generation:
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

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
