"""The model advisor: ask an FTD-style model for a pass list, as Meta's demo asks it.

One code path for every backend: an OpenAI-compatible ``/v1/completions``
request, over the local model server's Unix socket (``LLMCC_MODEL=onnx:<dir>``,
auto-started on the first miss) or over HTTP(S) to a remote server
(``LLMCC_MODEL=http://host:8000/v1``: vLLM, llama.cpp, TGI, or another
machine's ``llmcc-admin server run --listen``).

Ranking. A model shipped with a value head (advisor/value.py: the candidates that win on
the training TUs most like this one) ranks with it, here in the driver. Otherwise, after
the answer, the advisor asks the same server to rank the
library's candidates (``POST /v1/rank``, an llmcc extension: each candidate's
length-normalized log-likelihood as the answer under the prompt, with the
model's trained library-order prior). The proposals are the answer, then the
top ``LLMCC_TOPK`` ranked candidates not equal to it (backends.topk: 3 for
llmcc's own models, else 0 unless set); clang -Oz stays the backup. A plain
``default<Oz>`` answer (``encoding.NO_WIN``: the model's "nothing beats -Oz")
is not tried, since it would only rebuild the reference: that trial goes to
the next ranked candidate. A server that cannot rank (vLLM, llama.cpp: 404)
or fails to costs only the ranked proposals.

Decoding is greedy (temperature 0) and stops at ``<code>``, where the FTD
answer moves on from the pass list and its predicted sizes to the optimized
IR, which llmcc never needs. Every failure is an :class:`Advice` with a
counted ``problem`` and no proposals, so the TU falls back to clang -Oz; the
driver never imports torch, transformers or onnxruntime.
"""

from __future__ import annotations

import time

from ..outcomes import Reason
from ..server import client
from ..server.client import ModelError
from . import prompt, response
from .base import Advice, Proposal
from .encoding import NO_WIN

STOP = ["<code>", "[INST]"]
"""The pass list and sizes come before ``<code>``; ``[INST]`` would be a runaway turn."""
RETRIES = 2
BACKOFF = 0.25


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
        topk: int = 0,
        library: tuple[str, ...] = (),
        retry_after: float = 30.0,
        value=None,
    ) -> None:
        self.endpoint = endpoint
        self.identity = identity
        self.name = name
        self.cache_dir = cache_dir
        self.local = local
        self.timeout = timeout
        self.context = context
        self.max_tokens = max_tokens
        self.topk = topk
        self.library = library
        self.retry_after = retry_after
        """After a timeout or an unavailable endpoint, skip it for this long (seconds)."""
        self.value = value
        """The model's value head (advisor/value.py), which ranks instead of ``/v1/rank``."""

    @classmethod
    def configured(cls, cfg, endpoint: client.Endpoint, identity: str, name: str | None, *,
                   topk: int, **settings) -> ModelAdvisor:  # fmt: skip
        """A model advisor with the settings every model backend shares, from configuration;
        the backend (advisor/backends/onnx.py, http.py) gives the endpoint, its identity and
        name, and *settings* that differ for it."""
        from .candidates import LIBRARY

        common = {
            "cache_dir": cfg.cache_dir,
            "timeout": cfg.model_timeout,
            "context": cfg.model_context,
            "max_tokens": cfg.model_max_tokens,
            "topk": topk,
            "library": LIBRARY,  # what a model ranks: the whole shipped library
            "retry_after": cfg.model_retry_after,
        }
        common.update(settings)
        return cls(endpoint, identity, name, **common)

    @classmethod
    def from_config(cls, cfg, kind: str, target: str) -> ModelAdvisor:
        """What backend *kind* ("onnx": *target* a model directory; "http": an API base URL)
        builds, for callers that name the kind instead of setting LLMCC_MODEL."""
        from .backends import backend

        advisor = backend(kind).build(cfg, target)
        if not isinstance(advisor, cls):
            raise ValueError(f"not a model backend: {kind}")
        return advisor

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
        from ..server import breaker, paths

        sdir = paths.state_dir(self.cache_dir)
        down = breaker.is_down(sdir, self.endpoint.base)
        if down is not None:
            return _failed(client.UNAVAILABLE, queried=False)
        try:
            sent = prompt.build(text)
            try:
                answer, finished = self._complete(sent)
            except ModelError as e:
                if e.problem != client.CONTEXT or stripped or "!llvm.dbg.cu" not in ir:
                    raise
                # The server counted exactly and the estimate was optimistic: policy step 2.
                from ..ir import strip_debug

                sent = prompt.build(strip_debug(ir))
                answer, finished = self._complete(sent)
        except ModelError as e:
            if e.problem in (client.TIMEOUT, client.UNAVAILABLE):
                breaker.mark_down(sdir, self.endpoint.base, e.detail, self.retry_after)
            if e.problem in (client.TIMEOUT, client.UNAVAILABLE, client.BAD_KEY):
                self._warn(e)
            advice = _failed(e.problem, queried=True)
            advice.raw = e.detail
            return advice
        pipeline = response.parse_answer(answer, complete=finished)
        tried = pipeline if pipeline != NO_WIN else None
        proposals = [Proposal(tried, f"model:{self.name or 'model'}")] if tried else []
        k = self.topk + (pipeline == NO_WIN)
        ranked = self._valued(ir, pipeline)
        proposals += ranked if ranked is not None else self._ranked(sent, pipeline, k)
        if pipeline is None:
            return Advice(proposals, model_queried=True, problem=Reason.UNPARSEABLE_ANSWER,
                          raw=answer)  # fmt: skip
        return Advice(proposals, model_queried=True, raw=answer)

    def _valued(self, ir: str, answer: str | None) -> list[Proposal] | None:
        """The value head's picks after *answer*; None without a head (or if it
        fails on this IR: then the server ranks, as for a model that has no head)."""
        if self.value is None or self.topk <= 0:
            return None
        from .value import features

        try:
            ranked = self.value.after_answer(features(ir), answer, self.topk)
        except (ValueError, TypeError, IndexError):
            return None
        return [Proposal(c, f"value:{self.name or 'model'}#{i}") for i, c in enumerate(ranked)
                if not self.library or c in self.library]  # fmt: skip

    def _ranked(self, text: str, answer: str | None, k: int) -> list[Proposal]:
        """The top *k* library candidates by the model's ranking, the answer left out.

        Any failure (a server without ``/v1/rank``, a timeout) costs only these proposals.
        """
        if self.topk <= 0 or not self.library:
            return []  # LLMCC_TOPK=0: the answer alone, as a server that cannot rank
        body: dict = {"prompt": text, "candidates": list(self.library)}
        if self.name is not None:
            body["model"] = self.name
        try:
            doc = self.endpoint.request("POST", "/rank", body, self.timeout)
            rows = sorted(doc["data"], key=lambda r: -float(r["score"]))
            ranked = [str(r["candidate"]) for r in rows]
        except (ModelError, KeyError, TypeError, ValueError):
            return []
        out: list[Proposal] = []
        for i, cand in enumerate(ranked):
            if len(out) == k:
                break
            if cand != answer and cand in self.library:
                out.append(Proposal(cand, f"rank:{self.name or 'model'}#{i}"))
        return out

    def _warn(self, e: ModelError) -> None:
        """Say once per build (rate-limited across processes, like the Redis warning) that the
        advisor is not answering: otherwise a dead endpoint looks like a model that never wins."""
        from ..cache.tiers import warn_once

        where = f"model server for {self.local.model_dir}" if self.local else _shown(
            self.endpoint.base
        )  # fmt: skip
        warn_once(
            f"advisor ({where}) unreachable: {e.problem}: {e.detail[:200]}; "
            "compiling with clang -Oz until it answers ('llmcc-admin doctor' checks it)",
            "advisor:" + self.endpoint.base,
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


def _shown(base: str) -> str:
    """The endpoint for messages, without a password in its URL."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        u = urlsplit(base)
        if u.password is None:
            return base
        host = u.netloc.rsplit("@", 1)[-1]
        return urlunsplit(u._replace(netloc=f"{u.username or ''}:***@{host}"))
    except ValueError:
        return "<unparseable URL>"


def _failed(problem: Reason, queried: bool) -> Advice:
    # A transient problem is not about this TU: the pipeline caches nothing for it.
    return Advice(model_queried=queried, problem=problem, transient=problem.transient)
