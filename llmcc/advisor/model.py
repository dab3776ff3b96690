"""The model advisor: ask an FTD-style model for a pass list, as Meta's demo asks it.

One code path for every backend: an OpenAI-compatible ``/v1/completions``
request, over the local model server's Unix socket (``LLMCC_MODEL=onnx:<dir>``,
auto-started on the first miss) or over HTTP(S) to a remote server
(``LLMCC_MODEL=http://host:8000/v1``: vLLM, llama.cpp, TGI, or another
machine's ``llmcc-admin server run --listen``).

Decoding is greedy (temperature 0) and stops at ``<code>``, where the FTD
answer moves on from the pass list and its predicted sizes to the optimized
IR, which llmcc never needs. Every failure is an :class:`Advice` with a
counted ``problem`` and no proposals, so the TU falls back to clang -Oz; the
driver never imports torch, transformers or onnxruntime.
"""

from __future__ import annotations

import time

from ..server import client
from ..server.client import ModelError
from . import prompt, response
from .base import Advice, Proposal

STOP = ["<code>", "[INST]"]
"""The pass list and sizes come before ``<code>``; ``[INST]`` would be a runaway turn."""
RETRIES = 2
BACKOFF = 0.25
TRANSIENT = frozenset({client.UNAVAILABLE, client.TIMEOUT, client.ERROR, client.BAD_KEY})
"""Problems that say nothing about the TU: its answer must not be cached as "no winner"."""


class ModelAdvisor:
    def __init__(
        self,
        endpoint: client.Endpoint,
        identity: str,
        name: str | None,
        *,
        cache_dir: str | None = None,
        local=None,
        timeout: float = 60.0,
        context: int = prompt.CONTEXT_TOKENS,
        max_tokens: int = 256,
    ) -> None:
        self.endpoint = endpoint
        self.identity = identity
        self.name = name
        self.cache_dir = cache_dir
        self.local = local
        self.timeout = timeout
        self.context = context
        self.max_tokens = max_tokens

    @classmethod
    def from_config(cls, cfg, kind: str, target: str) -> ModelAdvisor:
        """``kind`` "onnx": *target* is a model directory; "http": an API base URL."""
        from .select import identity

        common = {
            "cache_dir": cfg.cache_dir,
            "timeout": cfg.model_timeout,
            "context": cfg.model_context,
            "max_tokens": cfg.model_max_tokens,
        }
        if kind == "onnx":
            from ..server.control import LocalServer

            local = LocalServer.from_config(cfg, target)
            return cls(
                client.Endpoint(local.base),
                identity(cfg),
                local.name,  # the local server serves its directory's name
                local=local,
                **common,
            )
        if kind == "http":
            return cls(
                client.Endpoint(target, cfg.api_key), identity(cfg), cfg.model_name, **common
            )
        raise ValueError(f"not a model backend: {kind}")

    # -- the request -----------------------------------------------------------------

    def advise(self, ir: str) -> Advice:
        t0 = time.monotonic()
        advice = self._advise(ir)
        advice.seconds = round(time.monotonic() - t0, 3)
        return advice

    def _advise(self, ir: str) -> Advice:
        text, stripped = prompt.fit(ir, self.context, self.max_tokens)
        if text is None:
            return Advice(problem=client.CONTEXT)
        from ..server import control

        sdir = control.state_dir(self.cache_dir)
        down = control.is_down(sdir, self.endpoint.base)
        if down is not None:
            return _failed(client.UNAVAILABLE, queried=False)
        try:
            try:
                answer, finished = self._complete(prompt.build(text))
            except ModelError as e:
                if e.problem != client.CONTEXT or stripped or "!llvm.dbg.cu" not in ir:
                    raise
                # The server counted exactly and the estimate was optimistic: policy step 2.
                from ..ir import strip_debug

                answer, finished = self._complete(prompt.build(strip_debug(ir)))
        except ModelError as e:
            if e.problem in (client.TIMEOUT, client.UNAVAILABLE):
                control.mark_down(sdir, self.endpoint.base, e.detail)
            advice = _failed(e.problem, queried=True)
            advice.raw = e.detail
            return advice
        pipeline = response.parse_answer(answer, complete=finished)
        if pipeline is None:
            return Advice(model_queried=True, problem="unparseable-answer", raw=answer)
        return Advice(
            [Proposal(pipeline, f"model:{self.name or 'model'}")], model_queried=True, raw=answer
        )

    def _complete(self, text: str) -> tuple[str, bool]:
        body = {
            "prompt": text,
            "max_tokens": self.max_tokens,
            "temperature": 0,
            "top_p": 1,
            "n": 1,
            "stop": STOP,
        }
        if self.name is None:
            self.name = self._served_name()
        if self.name is not None:
            body["model"] = self.name
        return client.completion_text(self._request("POST", "/completions", body))

    def _served_name(self) -> str | None:
        """The model id a remote server expects (vLLM rejects others); None if it won't say.

        A server that is down or refuses the key fails the query here, not after a second try.
        """
        try:
            doc = self._request("GET", "/models", None)
            return str(doc["data"][0]["id"])
        except ModelError as e:
            if e.problem != client.ERROR:
                raise
            return None
        except (KeyError, IndexError, TypeError):
            return None

    def _request(self, method: str, path: str, body: dict | None) -> dict:
        """Retries transient failures (refused, reset, 5xx, 408, 429) with backoff, never a
        timeout or another 4xx; for the local server, a refused connection means (re)start
        it first."""
        deadline = time.monotonic() + self.timeout
        for attempt in range(RETRIES + 1):
            left = max(0.1, deadline - time.monotonic())
            try:
                return self.endpoint.request(method, path, body, left)
            except ModelError as e:
                if not e.transient or attempt == RETRIES:
                    raise
                if self.local is not None and self.local.ensure():
                    deadline = time.monotonic() + self.timeout  # loading is not the answer's time
                    continue
                pause = BACKOFF * 2**attempt
                if time.monotonic() + pause >= deadline:
                    raise
                time.sleep(pause)
        raise AssertionError("unreachable")


def _failed(problem: str, queried: bool) -> Advice:
    # A transient problem is not about this TU: the pipeline caches nothing for it.
    return Advice(model_queried=queried, problem=problem, transient=problem in TRANSIENT)
